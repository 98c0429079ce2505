from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from core.renditions import register_renditions

        register_renditions(self.get_model("Article"), "lead_image")

        from .connections.freshness import connect_signals

        connect_signals()
