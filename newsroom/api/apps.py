from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The Content API: its own app only for the ingest tokens and idempotency records it stores."""

    name = "newsroom.api"
    label = "api"
    verbose_name = "Content API"
    default_auto_field = "django.db.models.BigAutoField"
