"""The project's URLs plus, at /bench/bare/, the bare view behind the project's whole middleware stack."""

from django.http import HttpResponse
from django.urls import path

from bench.bare import BODY
from newsroom.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse(BODY)


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
