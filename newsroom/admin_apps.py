from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """Django's admin, on the site in newsroom/admin_site.py (its own module: newsroom/apps.py may hold one config)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
