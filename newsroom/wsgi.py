"""The WSGI application: anonymous readers' cache hits first, before Django builds a request; Django for the rest."""

import os
from http import HTTPStatus

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django_application = get_wsgi_application()

from core.serving import tune_garbage_collection  # noqa: E402
from newsroom.public.page_cache import serve  # noqa: E402  (needs the apps loaded)

tune_garbage_collection()

STATUS_LINES = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


def application(environ, start_response):
    """A hit is a dictionary lookup and the stored bytes (newsroom/public/page_cache.py); a miss goes to Django."""
    hit = serve(environ)
    if hit is None:
        return django_application(environ, start_response)
    status, headers, body = hit
    start_response(STATUS_LINES[status], headers)
    return [body]
