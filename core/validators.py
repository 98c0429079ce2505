from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from PIL import Image

imdb_name_id = RegexValidator(r"^nm\d{7,}$", "An IMDb name id looks like nm0000102.")
imdb_title_id = RegexValidator(r"^tt\d{7,}$", "An IMDb title id looks like tt0118751.")
wikidata_id = RegexValidator(r"^Q[1-9]\d*$", "A Wikidata id looks like Q3454165.")


def complete_image(value):
    """Refuse a newly uploaded image that Pillow cannot decode to the end (a truncated JPEG passes Django's own
    check, which reads only the header, and then no rendition can be made from it)."""
    if getattr(value, "_committed", True):
        return  # already stored: it passed when it was uploaded
    file = value.file
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            "This image is cut short or damaged, so it cannot be shown (%(reason)s). Export it again and re-upload it.",
            code="incomplete_image",
            params={"reason": error},
        ) from error
    finally:
        file.seek(0)
