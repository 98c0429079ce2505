"""Reporters and Editors may import stories from raw text and decide the suggested credits."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Reporters": [("storyimport", ["add", "change", "view"]), ("creditsuggestion", ["change", "view"])],
    "Editors": [
        ("storyimport", ["add", "change", "delete", "view"]),
        ("creditsuggestion", ["add", "change", "delete", "view"]),
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, actions in grants:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="articles",
                    content_type__model=model,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GRANTS.items():
        for group in Group.objects.filter(name=name):
            for model, actions in grants:
                group.permissions.remove(
                    *Permission.objects.filter(
                        content_type__app_label="articles",
                        content_type__model=model,
                        codename__in=[f"{action}_{model}" for action in actions],
                    )
                )


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_story_import"), ("articles", "0003_editorial_groups")]

    operations = [migrations.RunPython(grant, revoke)]
