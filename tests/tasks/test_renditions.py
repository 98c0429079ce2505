"""Renditions are cut in the background after the save commits, through Django's storage API only (here an
in-memory storage: no file system), and deleted again when their image is replaced, cleared or deleted."""

import re

import pytest
from django.core.files.storage import InMemoryStorage, default_storage

from core.images import rendition_names
from tests.public.test_images import jpeg


@pytest.fixture(autouse=True)
def in_memory_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # would receive any file written by path instead of through the storage
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    yield
    assert not any(tmp_path.iterdir()), "a file was written by path, not through the storage"


def picture_of(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    return re.search(r"<picture.*?</picture>", html, re.S).group(0)


def test_renditions_are_made_after_commit_through_the_storage(make_story, client, after_commit):
    assert isinstance(default_storage._wrapped, InMemoryStorage) or default_storage.__class__ is InMemoryStorage
    with after_commit():
        story = make_story(lead_image=jpeg(), lead_image_alt="A red square")
        assert not any(default_storage.exists(name) for name in rendition_names(story.lead_image.name))
    assert all(default_storage.exists(name) for name in rendition_names(story.lead_image.name))
    story.refresh_from_db()
    assert story.lead_image_renditions == 1
    picture = picture_of(client, story)
    assert '<source type="image/webp"' in picture and "-v1.webp 1280w" in picture


def test_until_renditions_exist_pages_show_the_original(make_story, client, django_assert_num_queries):
    story = make_story(lead_image=jpeg(), lead_image_alt="A red square")  # its transaction never commits here
    client.get(story.get_absolute_url())
    with django_assert_num_queries(6):
        picture = picture_of(client, story)
    assert "srcset" not in picture and "<source" not in picture
    assert f'src="/media/{story.lead_image.name}"' in picture
    assert 'width="1600" height="900"' in picture


def test_replacing_an_image_deletes_its_old_renditions(make_story, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg(name="first.jpg"), lead_image_alt="First")
    story.refresh_from_db()
    old = rendition_names(story.lead_image.name)
    story.lead_image = jpeg(name="second.jpg")
    with after_commit():
        story.save()
        assert all(default_storage.exists(name) for name in old)  # still shown until the save commits
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in rendition_names(story.lead_image.name))


def test_clearing_or_deleting_an_image_deletes_its_renditions(make_story, make_person, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg(), lead_image_alt="Gone soon")
        person = make_person(headshot=jpeg(400, 500), headshot_alt="Portrait")
    story.refresh_from_db()
    person.refresh_from_db()
    story_renditions, person_renditions = rendition_names(story.lead_image.name), rendition_names(person.headshot.name)
    story.lead_image = ""
    with after_commit():
        story.save()
        person.delete()
    assert not any(default_storage.exists(name) for name in story_renditions + person_renditions)


def test_renditions_of_an_image_replaced_before_they_were_made_are_not_kept(
    make_story, after_commit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as pending:  # the first image's task waits for a worker
        story = make_story(lead_image=jpeg(name="first.jpg"), lead_image_alt="First")
    first = story.lead_image.name
    with after_commit():
        story.lead_image = jpeg(name="second.jpg")
        story.save()
    for callback in pending:  # the worker gets to the first image's task only now
        callback()
    assert not any(default_storage.exists(name) for name in rendition_names(first))
    assert all(default_storage.exists(name) for name in rendition_names(story.lead_image.name))
    story.refresh_from_db()
    assert story.lead_image_renditions == 1


def test_a_story_loaded_before_its_renditions_were_made_still_drops_them_when_replaced(make_story, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg(name="first.jpg"), lead_image_alt="First")
    assert story.lead_image_renditions == 0  # this copy was loaded before the task recorded them
    first = story.lead_image.name
    with after_commit():
        story.lead_image = jpeg(name="second.jpg")
        story.save()
    assert not any(default_storage.exists(name) for name in rendition_names(first))
