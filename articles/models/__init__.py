"""The articles app's models, one concern per module; import them from here (``from articles.models import Article``)."""

from .graph_changes import GraphChange
from .parts import ArticleCredit, ArticleSource, Quote
from .stories import Article
from .story_imports import CreditSuggestion, StoryImport
from .taxonomy import Section, Source, Tag
from .workflow import Correction, PreviewLink, WorkflowEvent

__all__ = [
    "Article",
    "ArticleCredit",
    "ArticleSource",
    "Correction",
    "CreditSuggestion",
    "GraphChange",
    "PreviewLink",
    "Quote",
    "Section",
    "Source",
    "StoryImport",
    "Tag",
    "WorkflowEvent",
]
