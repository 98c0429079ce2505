"""The writing desk's endpoints, mounted under the story admin (admin/articles/article/desk/…)."""

from django.urls import path

from . import views


def admin_urls(model_admin):
    """URL patterns for ArticleAdmin.get_urls(): wrapped by the admin site (login, staff, CSRF, never cached)."""
    view = model_admin.admin_site.admin_view
    return [
        path("desk/suggestions/", view(views.suggestions), name="articles_article_desk_suggestions"),
        path("desk/credit/", view(views.credit), name="articles_article_desk_credit"),
    ]
