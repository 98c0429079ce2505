"""Editors see background jobs (why a task failed), start IMDb imports and rebuild the connections graph."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [
    ("core", "job", "view"),
    ("films", "imdbimport", "view"),
    ("films", "imdbimport", "add"),
    ("articles", "graphrebuild", "view"),
    ("articles", "graphrebuild", "add"),
]


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=f"{verb}_{model}")
        for app_label, model, verb in GRANTS
    ]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations run; make them now so the group can hold them.
    for app_label in ("core", "films", "articles"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Editors")
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_story_import_parsing_job"),
        ("core", "0001_jobs_and_worker_beats"),
        ("films", "0013_imdb_import_jobs"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
