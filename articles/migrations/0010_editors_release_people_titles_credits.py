"""Editors release what reporters add (people, titles, credits) to the public site; reporters do not."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [("people", "person"), ("films", "film"), ("films", "credit")]


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=f"release_{model}")
        for app_label, model in GRANTS
    ]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations run; make them now so the group can hold them.
    for app_label in ("people", "films"):
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
        ("articles", "0009_refuse_incomplete_images"),
        ("people", "0006_person_release"),
        ("films", "0009_film_credit_release"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
