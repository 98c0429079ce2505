from django.db import migrations

from core.migration_ops import bigram_indexes, finer_statistics


class Migration(migrations.Migration):
    atomic = False  # the bigram index is built concurrently

    dependencies = [("people", "0008_image_renditions_made")]

    operations = [
        bigram_indexes(("person_name_bigrams", "people_person", "name")),
        finer_statistics(("person_name_trgm", "people_person")),
    ]
