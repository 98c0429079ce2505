"""Image renditions: every uploaded lead image, headshot and poster is cut to a few widths, as WebP and JPEG.

django-imagekit does the work: its specs resize and encode, its cache files name and store the results.
Renditions are generated when the model holding the image is saved; afterwards a rendition's URL is computed
from its name alone (the Optimistic strategy): no database query and no file access per image on a page.

The saving is hooked with a post_save receiver per model rather than imagekit's source groups, whose
global post_init receiver would run on every model instance the site loads (about 1 ms on a story page).
"""

from dataclasses import dataclass

from django.db.models.signals import post_save
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from pilkit.processors import ResizeToFill, ResizeToFit

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


def _share_spec(width, height):
    return type(
        f"ShareCrop{width}x{height}",
        (ImageSpec,),
        {"processors": [ResizeToFill(width, height)], "format": "JPEG", "options": {"quality": 82}},
    )


# Crops for search engines and social cards: Google asks for 16:9, 4:3 and 1:1, at least 1200 px wide.
SHARE_SIZES = ((1200, 675), (1200, 900), (1200, 1200))
SHARE_SPECS = {size: _share_spec(*size) for size in SHARE_SIZES}


def renditions(image):
    """Every rendition of an ImageFieldFile, as imagekit cache files."""
    return [ImageCacheFile(spec(source=image)) for spec in (*SPECS.values(), *SHARE_SPECS.values())]


def share_images(image):
    """URLs of the 16:9, 4:3 and 1:1 crops, widest aspect first (the first suits og:image)."""
    return [ImageCacheFile(SHARE_SPECS[size](source=image)).url for size in SHARE_SIZES]


def register_renditions(model, field_name):
    """Make the renditions of model.field_name when an instance is saved (called from AppConfig.ready)."""

    def generate(sender, instance, raw=False, update_fields=None, **kwargs):
        image = getattr(instance, field_name)
        if raw or not image or (update_fields is not None and field_name not in update_fields):
            return
        for rendition in renditions(image):
            rendition.generate()  # a no-op when the file is already there

    post_save.connect(generate, sender=model, weak=False, dispatch_uid=f"renditions:{model._meta.label}:{field_name}")


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
