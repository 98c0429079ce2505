"""The articles app's models, one concern per module; import them from here (``from articles.models import Article``)."""

from .parts import ArticleCredit, ArticleSource, Quote
from .stories import Article
from .story_imports import CreditSuggestion, RelationshipSuggestion, SourceSuggestion, StoryImport
from .taxonomy import Section, Source, Tag
from .workflow import Correction, PreviewLink, WorkflowEvent

__all__ = [
    "Article",
    "ArticleCredit",
    "ArticleSource",
    "Correction",
    "CreditSuggestion",
    "PreviewLink",
    "Quote",
    "RelationshipSuggestion",
    "Section",
    "Source",
    "SourceSuggestion",
    "StoryImport",
    "Tag",
    "WorkflowEvent",
]
