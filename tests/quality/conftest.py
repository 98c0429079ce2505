import pytest

from tests.conftest import SEED_STORY_URL

# The pages whose markup and accessibility the quality bars cover.
PAGES = {
    "home": "/",
    "story": SEED_STORY_URL,
    "person": "/people/kevin-bacon/",
    "title": "/titles/connescence/",
    "series": "/titles/the-king-of-queens/",
    "section": "/section/movies/",
    "tag": "/tag/casting/",
    "search": "/search/?q=bacon&person=kevin-bacon",
    "empty-search": "/search/?q=zzzz&published_after=nonsense",
    "404": "/no-such-page/",
}


@pytest.fixture
def illustrated_story(seed, make_story, settings, tmp_path):
    """A second story with a lead image, so <picture> markup is checked too."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#335").save(buffer, "JPEG")
    story = make_story(
        headline="Kyra Sedgwick on directing her husband",
        lead_image=SimpleUploadedFile("lead.jpg", buffer.getvalue(), content_type="image/jpeg"),
        lead_image_alt="Kyra Sedgwick at a premiere",
        lead_image_caption="Kyra Sedgwick in 2023.",
        lead_image_credit="Photo: Newsroom",
    )
    story.linked_people.add(seed.linked_people.model.objects.get(slug="kyra-sedgwick"))
    return story
