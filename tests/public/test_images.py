"""Uploaded images are validated, cut into WebP and JPEG renditions, and shown without layout shift."""

import io
import re

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from articles.models import Article
from people.models import Person


def jpeg(width=1600, height=900, name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#a4161a").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def admin_form(superuser):
    def form_for(model, data, files):
        request = RequestFactory().get("/")
        request.user = superuser
        model_admin = admin_site._registry[model]
        form_class = model_admin.get_form(request)
        return form_class(data=data, files=files)

    return form_for


def test_broken_image_is_refused_with_a_clear_message(admin_form):
    broken = SimpleUploadedFile("headshot.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", content_type="image/jpeg")
    form = admin_form(Person, {"name": "Kevin Bacon", "slug": "kevin-bacon"}, {"headshot": broken})
    assert not form.is_valid()
    assert "Upload a valid image" in str(form.errors["headshot"])


def test_lead_image_needs_alt_text(make_story):
    story = make_story(lead_image=jpeg())
    story.lead_image_alt = ""
    with pytest.raises(ValidationError) as raised:
        story.full_clean()
    assert "lead_image_alt" in raised.value.message_dict
    story.lead_image_alt = "Kevin Bacon and Kyra Sedgwick on a red carpet"
    story.full_clean()


def test_story_without_lead_image_needs_no_alt_text(make_story):
    make_story().full_clean()


def test_upload_makes_webp_and_jpeg_renditions(make_story, client, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg(), lead_image_alt="A red square")
    assert (story.lead_image_width, story.lead_image_height) == (1600, 900)
    html = client.get(story.get_absolute_url()).content.decode()
    picture = re.search(r"<picture.*?</picture>", html, re.S).group(0)
    assert '<source type="image/webp"' in picture
    urls = re.findall(r"(/media/[^ \"]+) (\d+)w", picture)
    assert {int(width) for _, width in urls} == {320, 640, 960, 1280}
    for url, width in urls:
        name = url.removeprefix("/media/")
        assert default_storage.exists(name), name
        with default_storage.open(name) as file, Image.open(file) as image:
            assert image.width == int(width)
            assert image.format == ("WEBP" if name.endswith(".webp") else "JPEG")
    assert 'width="1280" height="720"' in picture
    assert 'alt="A red square"' in picture
    assert 'loading="lazy"' not in picture  # the lead image is above the fold


def test_small_original_is_never_upscaled(make_story, client, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg(500, 250), lead_image_alt="Small")
    picture = re.search(r"<picture.*?</picture>", client.get(story.get_absolute_url()).content.decode(), re.S).group(0)
    assert {int(w) for w in re.findall(r" (\d+)w", picture)} == {320, 500}
    assert 'width="500" height="250"' in picture


def test_story_cards_lazy_load_their_images(make_story, client):
    make_story(lead_image=jpeg(), lead_image_alt="First")
    for _ in range(6):
        make_story(lead_image=jpeg(), lead_image_alt="Other")
    html = client.get("/section/movies/").content.decode()
    images = re.findall(r"<img [^>]+>", html)
    assert images and all('loading="lazy"' in image and "width=" in image and "height=" in image for image in images)


def test_renditions_add_no_queries(make_story, client, django_assert_num_queries, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg(), lead_image_alt="A red square")
    client.get(story.get_absolute_url())
    with django_assert_num_queries(6):
        client.get(story.get_absolute_url())


def test_headshot_renders_as_a_picture(client, make_person, after_commit):
    with after_commit():
        person = make_person(headshot=jpeg(400, 500), headshot_alt="Portrait")
    html = client.get(person.get_absolute_url()).content.decode()
    assert '<source type="image/webp"' in html
    assert 'alt="Portrait"' in html


@pytest.fixture(autouse=True)
def clean_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_article_lead_image_upload_is_validated_in_the_admin(admin_form):
    form = admin_form(Article, {"headline": "x", "slug": "x"}, {"lead_image": SimpleUploadedFile("a.png", b"nope")})
    assert not form.is_valid()
    assert "Upload a valid image" in str(form.errors["lead_image"])


def test_search_engines_get_16_9_4_3_and_1_1_crops(make_story, client, json_ld, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg(2000, 1500), lead_image_alt="Crops")
    response = client.get(story.get_absolute_url())
    [article] = [block for block in json_ld(response) if block["@type"] == "NewsArticle"]
    sizes = []
    for url in article["image"]:
        with default_storage.open(url.split("/media/", 1)[1]) as file, Image.open(file) as image:
            sizes.append(image.size)
    assert sizes == [(1200, 675), (1200, 900), (1200, 1200)]
    assert f'<meta property="og:image" content="{article["image"][0]}">' in response.content.decode()
