"""Image renditions: every uploaded lead image, headshot and poster is cut to a few widths, as WebP and JPEG.

django-imagekit does the work. The Optimistic strategy generates the files once, when the source is saved,
and afterwards a rendition's URL is computed from its name alone: no database query and no file access per
image on a page.
"""

from dataclasses import dataclass

from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.registry import register
from imagekit.specs.sourcegroups import ImageFieldSourceGroup
from pilkit.processors import ResizeToFit

WIDTHS = (320, 640, 960, 1280)
FORMATS = {"webp": ("WEBP", "image/webp"), "jpeg": ("JPEG", "image/jpeg")}


def _spec(width, image_format):
    return type(
        f"Rendition{width}{image_format}",
        (ImageSpec,),
        {
            "processors": [ResizeToFit(width=width, upscale=False)],
            "format": image_format,
            "options": {"quality": 80} if image_format == "WEBP" else {"quality": 82, "progressive": True},
        },
    )


SPECS = {(width, key): _spec(width, image_format) for width in WIDTHS for key, (image_format, _) in FORMATS.items()}


def spec_id(width, key):
    return f"newsroom:rendition_{width}_{key}"


for (_width, _key), _spec_class in SPECS.items():
    register.generator(spec_id(_width, _key), _spec_class)


def register_renditions(model, field_name):
    """Generate every rendition of model.field_name whenever a new file is saved there (called from AppConfig.ready)."""
    group = ImageFieldSourceGroup(model, field_name)
    for width, key in SPECS:
        register.source_group(spec_id(width, key), group)


@dataclass(frozen=True)
class Source:
    mime_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What a <picture> element needs: WebP and JPEG srcsets, the fallback src and the intrinsic size."""

    sources: tuple
    src: str
    srcset: str
    width: int
    height: int


def picture(image, *, max_width=WIDTHS[-1]):
    """Describe the renditions of an ImageFieldFile up to max_width wide (never wider than the original)."""
    original_width, original_height = image.width, image.height
    steps = []  # (rendition width, actual pixel width)
    for width in WIDTHS:
        if width > max_width and steps:
            break
        steps.append((width, min(width, original_width)))
        if width >= original_width:
            break
    srcsets = {
        key: ", ".join(f"{ImageCacheFile(SPECS[(width, key)](source=image)).url} {actual}w" for width, actual in steps)
        for key in FORMATS
    }
    largest_width, largest_actual = steps[-1]
    return Picture(
        sources=(Source("image/webp", srcsets["webp"]),),
        src=ImageCacheFile(SPECS[(largest_width, "jpeg")](source=image)).url,
        srcset=srcsets["jpeg"],
        width=largest_actual,
        height=round(original_height * largest_actual / original_width),
    )
