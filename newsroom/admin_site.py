"""The admin site: Django's, with the sidebar's app list worked out once per set of rights, not on every page.

Every admin page draws the list of apps and models in its sidebar. Django builds it anew for each request: for each
of some twenty models, five permission checks and two reversed URLs (about 1.5 ms of a story form). What it holds
depends on the user's rights, so it is kept per set of rights: a superuser's, or the exact permissions a user holds.
Granting or withdrawing a permission changes the set, and so the list. Its names stay lazy translations, drawn in
the language of the page that shows them.
"""

from django.contrib.admin import AdminSite
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix

_app_dicts = {}
MAX_KEPT = 512  # sets of rights; past that the lists are built again from scratch


@receiver(setting_changed)
def _forget(**kwargs):
    _app_dicts.clear()


def rights(user):
    """What the app list depends on: a superuser sees every model; anyone else what their permissions allow."""
    if user.is_superuser:
        return ("superuser",)
    return (user.is_active, user.is_staff, frozenset(user.get_all_permissions()))


class NewsroomAdminSite(AdminSite):
    def _build_app_dict(self, request, label=None):
        if label is not None:
            return super()._build_app_dict(request, label)
        key = (self.name, rights(request.user), get_script_prefix())
        app_dict = _app_dicts.get(key)
        if app_dict is None:
            if len(_app_dicts) >= MAX_KEPT:
                _app_dicts.clear()
            app_dict = _app_dicts[key] = super()._build_app_dict(request, label)
        # Callers sort the lists in place and may add to them: each gets its own.
        return {
            app_label: {**app, "models": [dict(model) for model in app["models"]]}
            for app_label, app in app_dict.items()
        }
