from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"

    def ready(self):
        from core.renditions import register_renditions

        register_renditions(self.get_model("Person"), "headshot")
