"""The articles app's models, one concern per module; import them from here (``from articles.models import Article``)."""

from .background import GraphRebuild
from .collaboration import Assignment, Presence, ReviewStep, StoryComment
from .graph_changes import GraphChange
from .notifications import Notification, NotificationSetting
from .parts import ArticleCredit, ArticleSource, Quote
from .stories import Article
from .story_imports import CreditSuggestion, RelationshipSuggestion, SourceSuggestion, StoryImport
from .taxonomy import Section, Source, Tag
from .workflow import Correction, PreviewLink, WorkflowEvent

__all__ = [
    "Article",
    "ArticleCredit",
    "ArticleSource",
    "Assignment",
    "Correction",
    "CreditSuggestion",
    "GraphChange",
    "GraphRebuild",
    "Notification",
    "NotificationSetting",
    "Presence",
    "PreviewLink",
    "Quote",
    "RelationshipSuggestion",
    "ReviewStep",
    "Section",
    "Source",
    "SourceSuggestion",
    "StoryComment",
    "StoryImport",
    "Tag",
    "WorkflowEvent",
]
