"""The Content API refuses an address carrying a NUL byte before anything reads it.

PostgreSQL text cannot hold a NUL, so a slug, filter or cursor with one would fail deep in a query (a 500);
no legitimate value contains one. The answer is the API's usual 400 with a JSON `detail`.
"""

from django.http import JsonResponse

from .throttle import PREFIX

NUL = "\x00"


def carries_nul(request):
    return NUL in request.path or any(NUL in key or NUL in "".join(values) for key, values in request.GET.lists())


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX) and carries_nul(request):
            response = JsonResponse(
                {"detail": "The address contains a NUL byte, which no value here can hold."}, status=400
            )
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
