"""What the story form says about publication, truthfully: when it went or goes live, and the address it has or will
have. Read-only; the times change only through the workflow buttons."""

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from core.times import newsroom_time

from .. import workflow


class PublicationDisplay:
    class Media:
        css = {"all": ["articles/admin/story_list.css"]}

    @admin.display(description="status", ordering="state")
    def list_status(self, obj):
        """The status in the story list: its time is in the publication column beside it."""
        return workflow.STATUS_LABELS[workflow.status(obj)]

    @admin.display(description="publication")
    def publication(self, obj):
        if obj.pk is None:
            return "Not published yet."
        before = ""
        if obj.first_published_at and obj.first_published_at <= timezone.now():
            before = f"First published {newsroom_time(obj.first_published_at)}"
        if obj.is_scheduled():
            # A schedule's times are ahead: it has not gone out, whatever first/last published will say then.
            goes_live = f"Goes live at {newsroom_time(obj.publish_at)}"
            return f"{goes_live} ({before[0].lower()}{before[1:]})" if before else goes_live
        if not before:
            return "Not published yet."
        if obj.last_published_at and obj.last_published_at != obj.first_published_at:
            before += f"; last published {newsroom_time(obj.last_published_at)}"
        if obj.state == obj.State.UNPUBLISHED:
            before += "; unpublished now"
        return f"{before}."

    @admin.display(description="public address")
    def public_address(self, obj):
        if obj.pk is None:
            return "Shown once the story is saved."
        path = workflow.address_when_published(obj)
        if obj.is_public():
            return format_html('<a href="{}">{}{}</a>', path, settings.SITE_URL, path)
        if obj.is_scheduled():
            when = "from the moment it goes live"
        elif obj.first_published_at:
            when = "when it is published again"
        else:
            when = "if it is published today"
        return format_html(
            '<span class="public-address">{}{}</span> <span class="help">({})</span>', settings.SITE_URL, path, when
        )
