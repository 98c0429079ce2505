"""Image renditions: every uploaded lead image, headshot and poster is cut to a few widths, as WebP and JPEG,
plus 16:9, 4:3 and 1:1 crops for search engines and social cards.

django-imagekit does the work: its specs resize and encode, its cache files store the results, all through the
image field's storage (Django's storage API, so S3-like storages work). Renditions are made by a background task
once the save that uploaded the image commits (core/renditions.py), which then records their VERSION in the
model's <field>_renditions column. A page only builds their URLs, from a name that depends on the source file and
the rendition alone, and that column on the row it already has: no database query, no file access and no hashing
per image. Until the renditions exist, a page shows the original.

Two choices keep pages cheap:
- the saving is hooked with a post_save receiver per model rather than imagekit's source groups, whose global
  post_init receiver would run on every model instance the site loads (about 1 ms on a story page);
- rendition names are "<dir>/<source name>/<key>.<ext>" instead of imagekit's hash of the pickled spec, which
  costs about 0.1 ms per URL. Uploaded files never reuse a name (the storage adds a suffix), so a name is
  never stale; change VERSION when the specs change.
"""

import io
import logging
import posixpath
from dataclasses import dataclass

from django.conf import settings
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from PIL import ExifTags, Image
from pilkit.processors import ResizeToFill, ResizeToFit

VERSION = 1
WIDTHS = (320, 640, 960, 1280)
FORMATS = {"webp": ("WEBP", "image/webp"), "jpeg": ("JPEG", "image/jpeg")}
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg"}
# Crops for search engines and social cards: Google asks for 16:9, 4:3 and 1:1, at least 1200 px wide.
SHARE_SIZES = ((1200, 675), (1200, 900), (1200, 1200))

logger = logging.getLogger(__name__)

# Originals are served from MEDIA_URL as uploaded, so of their EXIF only what turns them upright is kept: GPS
# position, camera and serial numbers, owner's name, times and maker notes go.
KEPT_EXIF_TAGS = {ExifTags.Base.Orientation}
# Metadata outside EXIF that may name a place or a person: XMP, comments, IPTC (Photoshop), PNG text.
PRIVATE_INFO = {"xmp", "XML:com.adobe.xmp", "comment", "photoshop", "Comment", "Description", "Author"}


def rendition_name(source_name, key, image_format):
    base = posixpath.splitext(source_name)[0]
    return f"{settings.IMAGEKIT_CACHEFILE_DIR}/{base}/{key}-v{VERSION}.{EXTENSIONS[image_format]}"


class Rendition(ImageSpec):
    key = ""

    def __init__(self, source):
        super().__init__(source=source)
        self.cachefile_storage = source.storage

    @property
    def cachefile_name(self):
        return rendition_name(self.source.name, self.key, self.format)


def _spec(key, processor, image_format, options):
    return type(
        f"Rendition_{key}",
        (Rendition,),
        {"key": key, "processors": [processor], "format": image_format, "options": options},
    )


SPECS = {
    (width, key): _spec(
        f"w{width}-{key}",
        ResizeToFit(width=width, upscale=False),
        image_format,
        {"quality": 80} if image_format == "WEBP" else {"quality": 82, "progressive": True},
    )
    for width in WIDTHS
    for key, (image_format, _) in FORMATS.items()
}
SHARE_SPECS = {
    (width, height): _spec(f"share-{width}x{height}", ResizeToFill(width, height), "JPEG", {"quality": 82})
    for width, height in SHARE_SIZES
}


def renditions(image):
    """Every rendition of an ImageFieldFile, as imagekit cache files."""
    return [ImageCacheFile(spec(source=image)) for spec in (*SPECS.values(), *SHARE_SPECS.values())]


def without_private_metadata(file):
    """The image in file re-saved without private metadata, as bytes; None when it has none to lose.

    A JPEG keeps its quantisation tables and subsampling ("keep"), so its pixels barely change; colour
    profiles are kept.
    """
    file.seek(0)
    with Image.open(file) as image:
        exif = image.getexif()
        private = (set(exif) - KEPT_EXIF_TAGS) or (PRIVATE_INFO & set(image.info)) or getattr(image, "text", None)
        if not private:
            return None
        kept = Image.Exif()
        for tag in KEPT_EXIF_TAGS & set(exif):
            kept[tag] = exif[tag]
        options = {"exif": kept.tobytes()}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if image.format == "JPEG":
            options.update(quality="keep", subsampling="keep", progressive=image.info.get("progressive", False))
            options["comment"] = b""
        if getattr(image, "is_animated", False):
            options["save_all"] = True
        cleaned = io.BytesIO()
        image.save(cleaned, image.format, **options)
    file.seek(0)
    return cleaned.getvalue()


def rendition_names(name):
    """The stored names of every rendition of the image stored as name."""
    return [rendition_name(name, spec.key, spec.format) for spec in (*SPECS.values(), *SHARE_SPECS.values())]


def renditions_made(image):
    """Whether the renditions of an ImageFieldFile exist, by its model's <field>_renditions column.

    An image without a model instance (a story's lead image named by a subquery, for a share card) is taken as
    made: it belongs to a published story, whose renditions were made when it was uploaded.
    """
    if image.instance is None:
        return True
    return getattr(image.instance, f"{image.field.name}_renditions", VERSION) == VERSION


def rendition_url(image, spec):
    return image.storage.url(rendition_name(image.name, spec.key, spec.format))


def share_images(image):
    """URLs of the 16:9, 4:3 and 1:1 crops, widest aspect first (the first suits og:image); the original until
    they are made."""
    if not renditions_made(image):
        return [image.url]
    return [rendition_url(image, SHARE_SPECS[size]) for size in SHARE_SIZES]


def dimensions(image):
    """Width and height as stored beside the image (width_field/height_field); the file is read only if missing."""
    field = image.field
    width = getattr(image.instance, field.width_field, None) if field.width_field else None
    height = getattr(image.instance, field.height_field, None) if field.height_field else None
    return (width, height) if width and height else (image.width, image.height)


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


def rendition_steps(image, *, max_width=WIDTHS[-1]):
    """(rendition width, actual pixel width) for each rendition up to max_width (never wider than the original)."""
    original_width = dimensions(image)[0]
    steps = []
    for width in WIDTHS:
        if width > max_width and steps:
            break
        steps.append((width, min(width, original_width)))
        if width >= original_width:
            break
    return steps


def picture(image, *, max_width=WIDTHS[-1]):
    """Describe the renditions of an ImageFieldFile up to max_width wide (never wider than the original)."""
    original_width, original_height = dimensions(image)
    if not renditions_made(image):
        return Picture(sources=(), src=image.url, srcset="", width=original_width, height=original_height)
    steps = rendition_steps(image, max_width=max_width)
    srcsets = {
        key: ", ".join(f"{rendition_url(image, SPECS[(width, key)])} {actual}w" for width, actual in steps)
        for key in FORMATS
    }
    largest_width, largest_actual = steps[-1]
    return Picture(
        sources=(Source("image/webp", srcsets["webp"]),),
        src=rendition_url(image, SPECS[(largest_width, "jpeg")]),
        srcset=srcsets["jpeg"],
        width=largest_actual,
        height=round(original_height * largest_actual / original_width),
    )
