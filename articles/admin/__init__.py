"""The story admin, one module per screen (as Wagtail splits its page admin); importing them registers them."""

from . import stories, story_imports, taxonomy

__all__ = ["stories", "story_imports", "taxonomy"]
