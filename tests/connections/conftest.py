import pytest
from django.urls import reverse

from articles.connections.freshness import current

CONNECTIONS_URL = reverse("articles:connections")


@pytest.fixture
def graph_on_disk(settings, tmp_path):
    """A graph built with build_graph into its own directory, as production serves it."""
    settings.CONNECTIONS_DIR = tmp_path / "graph"
    current.forget()
    yield settings.CONNECTIONS_DIR
    current.forget()
