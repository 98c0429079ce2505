"""A GIN index on the stories' full-text search vector, on PostgreSQL only (SQLite searches with icontains).

The index is built from the same SearchVector expression articles/search.py queries, so the planner uses it.
It is kept out of the model state on purpose: SQLite rebuilds tables from that state and cannot make GIN indexes.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from articles.search import INDEX_NAME, search_vector


def search_index():
    return GinIndex(search_vector(), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), search_index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), search_index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_image_dimensions")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
