"""Demo reporter and editor for the local demo, with fresh generated passwords printed once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_ACCOUNTS = [
    ("reporter", "Riley", "Reporter", "Reporters"),
    ("editor", "Eden", "Editor", "Editors"),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo reporter and editor accounts and print their generated passwords."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow running with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts are for the local demo only (DEBUG on); pass --force to insist.")
        User = get_user_model()
        lines = []
        for username, first, last, group_name in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            password = secrets.token_urlsafe(12)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@newsroom.invalid"
            user.is_staff = True
            user.set_password(password)
            user.save()
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
            lines.append(f"  {group_name[:-1].lower():<9} username: {username:<9} password: {password}")
        self.stdout.write(
            "\nDemo accounts (passwords are new each time this runs):\n"
            + "\n".join(lines)
            + "\nLog in at http://127.0.0.1:8000/admin/\n"
        )
