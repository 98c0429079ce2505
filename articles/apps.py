from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.images import register_renditions

        from . import navigation

        register_renditions(self.get_model("Article"), "lead_image")
        for signal in (post_save, post_delete):
            signal.connect(navigation.forget, sender=self.get_model("Section"), dispatch_uid=f"navigation-{signal}")
