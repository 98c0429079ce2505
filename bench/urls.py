"""The project's URLs plus the bare view every page is measured against."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

BARE_BODY = b"x" * 20_000


def bare(request):
    return HttpResponse(BARE_BODY)


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
