"""The newsroom's two roles, as groups with their permissions: Reporters and Editors."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# (app_label, model, actions). Reporters write and link; what they may do to a given story is decided in workflow.py.
REPORTERS = [
    ("articles", "article", ["add", "change", "view"]),
    ("articles", "articlecredit", ["add", "change", "delete", "view"]),
    ("articles", "articlesource", ["add", "change", "delete", "view"]),
    ("articles", "quote", ["add", "change", "delete", "view"]),
    ("articles", "section", ["view"]),
    ("articles", "tag", ["add", "view"]),
    ("articles", "source", ["add", "view"]),
    ("films", "credit", ["add", "view"]),
    ("films", "film", ["add", "view"]),
    ("people", "person", ["add", "view"]),
]
EDITORS = [
    ("articles", model, ["add", "change", "delete", "view"])
    for model in ["article", "articlecredit", "articlesource", "quote", "section", "tag", "source", "correction"]
] + [
    ("articles", "article", ["can_review", "can_publish", "can_edit_any", "can_correct"]),
    ("articles", "previewlink", ["add", "change", "view"]),
    ("articles", "workflowevent", ["view"]),
    ("films", "credit", ["add", "change", "delete", "view"]),
    ("films", "film", ["add", "change", "delete", "view"]),
    ("people", "person", ["add", "change", "delete", "view"]),
    ("people", "relationship", ["add", "change", "delete", "view"]),
    ("auth", "user", ["view"]),
]
GROUPS = {"Reporters": REPORTERS, "Editors": EDITORS}


def codename(action, model):
    return action if action.startswith("can_") else f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations run; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=codename(action, model),
                    )
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0001_initial"),
        ("films", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
