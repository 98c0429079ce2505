"""Full-text search over stories: ranked PostgreSQL search backed by a GIN index, icontains on other databases."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

INDEX_NAME = "article_search_vector"
CONFIG = "english"
MAX_WORDS = 12


def search_vector():
    """The expression indexed by migration 0005_search_index; queries must use exactly this one for the index to serve."""
    return SearchVector("headline", "dek", "body", config=CONFIG)


def search(queryset, text):
    """Stories matching what a reader typed, best match first (newest first where ranks tie)."""
    if connection.vendor == "postgresql":
        # websearch syntax understands "quoted phrases", OR and -word, and never raises on odd input.
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        return (
            queryset.annotate(search_document=search_vector())
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(search_vector(), query))
            .order_by("-search_rank", "-publish_at", "-id")
        )
    matches = Q()
    for word in text.split()[:MAX_WORDS]:
        matches &= Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
    return queryset.filter(matches)
