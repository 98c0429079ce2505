import pytest

from . import world


@pytest.fixture
def lookalikes(db):
    """People, titles and credits full of look-alikes (see world.py)."""
    return world.build()
