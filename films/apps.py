from django.apps import AppConfig


class FilmsConfig(AppConfig):
    name = "films"
    verbose_name = "Films and series"

    def ready(self):
        from core.renditions import register_renditions

        register_renditions(self.get_model("Film"), "poster")
