from django.db import migrations

from core.migration_ops import bigram_indexes, finer_statistics


class Migration(migrations.Migration):
    atomic = False  # the bigram index is built concurrently

    dependencies = [("films", "0013_imdb_import_jobs")]

    operations = [
        bigram_indexes(("film_title_bigrams", "films_film", "title")),
        finer_statistics(("film_title_trgm", "films_film"), ("credit_character_trgm", "films_credit")),
    ]
