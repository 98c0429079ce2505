from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project: settings, the root URLconf and the reader's site (newsroom.public), above every app."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.models import Section

        from . import checks  # noqa: F401  (registers the deploy check for several app servers)
        from .public import navigation, page_cache, story_page  # noqa: F401  (story_page registers its system check)

        page_cache.connect_signals()
        for signal in (post_save, post_delete):
            signal.connect(navigation.forget, sender=Section, dispatch_uid=f"navigation-{signal}")
