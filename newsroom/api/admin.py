"""Ingest tokens in the admin: make one (its key is shown once), revoke it, see when it was last used."""

from django.contrib import admin, messages

from . import tokens
from .models import IngestToken


@admin.register(IngestToken)
class IngestTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "scope", "account", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["account"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["prefix", "account", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke_selected"]

    def get_fields(self, request, obj=None):
        return ["name", "scope"] if obj is None else ["name", "scope", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "scope"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, key = tokens.issue(name=obj.name, scope=obj.scope, by=request.user)
        obj.pk = token.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            f"The key for {token.name} is {key} — copy it now: it is stored hashed and will not be shown again.",
        )

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke_selected(self, request, queryset):
        live = list(queryset.filter(revoked_at__isnull=True))
        for token in live:
            tokens.revoke(token)
        messages.success(request, f"Revoked {len(live)} token(s); requests with them are now refused.")
