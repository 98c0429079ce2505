"""A GIN index on the stories' full-text search vector, on PostgreSQL only (SQLite searches with icontains).

The index is built from the same SearchVector expression articles/search.py queries, so the planner uses it;
the expression is frozen here (a migration never imports live code) and a test keeps the two equal.
It is kept out of the model state on purpose: SQLite rebuilds tables from that state and cannot make GIN indexes.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def search_index():
    return GinIndex(SearchVector("headline", "dek", "body", config="english"), name="article_search_vector")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), search_index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), search_index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_image_dimensions")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
