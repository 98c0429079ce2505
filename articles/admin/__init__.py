"""The story admin, one module per screen (as Wagtail splits its page admin); importing them registers them."""

from . import graph_rebuilds, stories, story_imports, taxonomy

__all__ = ["graph_rebuilds", "stories", "story_imports", "taxonomy"]
