from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Stories"

    def ready(self):
        from core.renditions import register_renditions

        register_renditions(self.get_model("Article"), "lead_image")

        from .connections.freshness import connect_signals

        connect_signals()

        from films.signals import imdb_imported

        from .background import after_bulk_writes, after_imdb_import
        from .connections.freshness import rebuild_requested

        imdb_imported.connect(after_imdb_import, dispatch_uid="articles:rebuild-graph-after-imdb-import")
        rebuild_requested.connect(after_bulk_writes, dispatch_uid="articles:rebuild-graph-after-bulk-writes")
