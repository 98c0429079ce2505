"""The bare Django site every page is measured against: settings, URLconf and view in one module.

One view returning a fixed 20 KB page: no apps, no middleware, no database, no templates. It is the most a
Django page can do on the same server, as the Wagtail reference harness's "limit" site is.
    DJANGO_SETTINGS_MODULE=bench.bare gunicorn 'django.core.wsgi:get_wsgi_application()'
"""

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-only-bare-site"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.bare"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
TEMPLATES = []
USE_TZ = True
USE_I18N = False
LOGGING_CONFIG = None

PARAGRAPH = "<p>A fixed paragraph of text, the same bytes on every request, numbered {:03d}.</p>\n"
BODY = ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Bare</title></head><body>\n" + "".join(
    PARAGRAPH.format(n) for n in range(20 * 1024 // len(PARAGRAPH))
) + "</body></html>\n").encode()  # fmt: skip


def page(request):
    return HttpResponse(BODY)


urlpatterns = [path("", page)]
