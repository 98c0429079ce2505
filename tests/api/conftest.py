"""Shared set-up for the Content API tests: a JSON GET, and an ingest token with its key."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom.api import tokens

API = "/api/v1"


@pytest.fixture
def get_json(client, db):
    """GET an API path, asserting the status, and return the parsed body."""

    def get(path, status=200, **extra):
        response = client.get(f"{API}{path}", **extra)
        assert response.status_code == status, response.content[:500]
        return response.json()

    return get


@pytest.fixture
def ingest_key(db, superuser):
    """The key of a live ingest token (the token is key.token)."""
    token, key = tokens.issue(name="IANS wire", by=superuser)
    return key


@pytest.fixture
def jpeg_upload(settings, tmp_path):
    """A JPEG upload of the given size; media go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path

    def make(width, height):
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), "#a4161a").save(buffer, "JPEG")
        return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")

    return make
