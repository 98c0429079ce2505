from django.db import migrations

from core.migration_ops import bigram_indexes


class Migration(migrations.Migration):
    dependencies = [("people", "0007_person_name_key")]

    operations = [bigram_indexes(("person_name_bigrams", "people_person", "name"))]
