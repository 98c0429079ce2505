from django.conf import settings
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path

from .api.api import api
from .view_on_site import view_on_site

admin.site.site_header = f"{settings.SITE_NAME} admin"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Newsroom desk"


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the static icon, for good."""
    return HttpResponsePermanentRedirect(static_url("newsroom/favicon.ico"))


urlpatterns = [
    # Ahead of the admin's own "view on site", which redirects any staff member to any object.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("newsroom.public.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
