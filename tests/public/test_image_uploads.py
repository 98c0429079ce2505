"""Uploaded lead images, headshots and posters: a damaged file is refused with a clear message, and the stored
original keeps no private metadata (where it was taken, with what camera) but stays the right way up."""

import io
import random

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import ExifTags, Image

from articles.models import Article
from films.models import Film
from people.models import Person

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (40.0, 44.0, 54.36),
    ExifTags.GPS.GPSLongitudeRef: "W",
    ExifTags.GPS.GPSLongitude: (73.0, 59.0, 8.5),
}


def photo_bytes(*, exif=None, size=(800, 600)):
    """A JPEG of noise (so it is long enough to cut short), with the EXIF given."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif.tobytes() if exif is not None else b"")
    return buffer.getvalue()


def exif_with_location():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone on its side
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS R5"
    exif[ExifTags.Base.Artist] = "Pat Paparazzo"
    exif[ExifTags.IFD.GPSInfo] = GPS
    return exif


@pytest.fixture
def admin_form(superuser):
    def form_for(model, data, files):
        request = RequestFactory().get("/")
        request.user = superuser
        return admin_site._registry[model].get_form(request)(data=data, files=files)

    return form_for


IMAGE_FIELDS = [
    (Person, "headshot", {"name": "Kevin Bacon", "slug": "kevin-bacon"}),
    (Film, "poster", {"title": "Connescence", "slug": "connescence", "kind": "movie", "year": 2024}),
    (Article, "lead_image", {"headline": "A story", "slug": "a-story"}),
]


@pytest.mark.parametrize("model, field, data", IMAGE_FIELDS)
def test_a_truncated_jpeg_is_refused_with_a_clear_message(admin_form, model, field, data):
    whole = photo_bytes()
    cut = SimpleUploadedFile("photo.jpg", whole[: len(whole) // 2], content_type="image/jpeg")
    form = admin_form(model, data, {field: cut})
    assert not form.is_valid()
    assert "cut short or damaged" in str(form.errors[field])


def test_a_whole_jpeg_is_accepted(admin_form):
    upload = SimpleUploadedFile("photo.jpg", photo_bytes(), content_type="image/jpeg")
    form = admin_form(Person, {"name": "Kevin Bacon", "slug": "kevin-bacon"}, {"headshot": upload})
    assert form.is_valid(), form.errors


def stored_exif(image_field_file):
    with image_field_file.storage.open(image_field_file.name) as file, Image.open(file) as image:
        return image.getexif(), image.size, image.info


def test_the_stored_headshot_keeps_no_location_or_camera_but_keeps_its_orientation(admin_form):
    original = photo_bytes(exif=exif_with_location())
    with Image.open(io.BytesIO(original)) as before:  # the upload really carries a position
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    upload = SimpleUploadedFile("photo.jpg", original, content_type="image/jpeg")
    form = admin_form(Person, {"name": "Kevin Bacon", "slug": "kevin-bacon"}, {"headshot": upload})
    person = form.save()
    exif, size, info = stored_exif(person.headshot)
    assert dict(exif) == {ExifTags.Base.Orientation: 6}
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert size == (800, 600)
    assert (person.headshot_width, person.headshot_height) == (800, 600)


def test_a_lead_image_saved_in_code_is_cleaned_too(make_story):
    upload = SimpleUploadedFile("lead.jpg", photo_bytes(exif=exif_with_location()), content_type="image/jpeg")
    story = make_story(lead_image=upload, lead_image_alt="A crowd")
    exif, _, _ = stored_exif(story.lead_image)
    assert ExifTags.IFD.GPSInfo not in exif and ExifTags.Base.Make not in exif
    assert exif[ExifTags.Base.Orientation] == 6


def test_an_image_without_private_metadata_is_stored_byte_for_byte(make_story):
    original = photo_bytes()
    story = make_story(lead_image=SimpleUploadedFile("lead.jpg", original), lead_image_alt="Noise")
    with story.lead_image.storage.open(story.lead_image.name) as file:
        assert file.read() == original
