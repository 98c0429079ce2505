from django.db import migrations

from core.migration_ops import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("films", "0002_credit_ordering_by_column")]

    operations = [
        trigram_indexes(
            ("film_title_trgm", "films_film", "title"),
            ("credit_character_trgm", "films_credit", "character"),
        )
    ]
