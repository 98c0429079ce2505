from django.db import migrations

from core.migration_ops import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [trigram_indexes(("person_name_trgm", "people_person", "name"))]
