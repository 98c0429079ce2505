"""The admin login throttle's two project hooks for django-axes: whose address a request is, and what a
locked-out person reads."""

from django.conf import settings
from django.shortcuts import render


def client_address(request):
    """The address the outermost of PROXY_COUNT trusted proxies saw (each appends to X-Forwarded-For); without
    proxies, REMOTE_ADDR. Entries left of that are the client's own claim and can be forged."""
    if settings.PROXY_COUNT:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= settings.PROXY_COUNT and forwarded[-settings.PROXY_COUNT]:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(request, "admin/locked_out.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE)
