"""The W3C Nu HTML checker (vnu-jar, installed from npm by `make node-tools`) finds no errors on any public page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import PAGES

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_public_pages_have_no_html_errors(client, seed, illustrated_story, tmp_path):
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.fail(f"The Nu HTML checker needs Java and {VNU_JAR}: run `make node-tools`.")
    pages = dict(PAGES, illustrated=illustrated_story.get_absolute_url())
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    # One JVM checks every page at once.
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{Path(m['url']).stem}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors)
