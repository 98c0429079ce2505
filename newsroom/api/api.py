"""The Content API, version 1: one django-ninja API with a router per kind of resource.

django-ninja was chosen over Django REST framework because its pydantic schemas give the OpenAPI 3 document
with no second description of the data, and its Swagger UI ships as static files served by the site (no CDN,
no inline script, so the docs page works under the site's Content-Security-Policy as it is).

A new resource is a router added to ROUTERS (connections.py, the chains between two people, is the newest).
"""

from django.core.exceptions import RequestDataTooBig
from django.urls import reverse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError

from . import catalogue, connections, ingest, schemas, stories
from .represent import absolute

api = NinjaAPI(
    title="Newsroom Content API",
    version="1",
    description=(
        "Everything the public site shows, as JSON: stories, people, titles, credits, sections, tags and search. "
        "No login; each client address may make a limited number of requests a minute (429 with Retry-After past "
        "it). Lists page with a cursor; `fields=` trims each item. Answers carry ETag and Last-Modified: send "
        "them back (If-None-Match, If-Modified-Since) for a 304. The ingest endpoint takes a Bearer token made "
        "in the admin."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

ROUTERS = [
    ("/", stories.router),
    ("/", catalogue.router),
    ("/", ingest.router),
    ("/", connections.router),
]
for prefix, router in ROUTERS:
    api.add_router(prefix, router)


@api.get("/", response={200: schemas.Index, 400: schemas.Error, 429: schemas.Error}, url_name="index", tags=["index"])
def index(request):
    """Where each resource lives."""
    names = ["stories", "people", "titles", "credits", "sections", "tags", "search", "connections"]
    return {
        **{name: absolute(reverse(f"api:{name}")) for name in names},
        "openapi": absolute(reverse("api:openapi-json")),
        "docs": absolute(reverse("api:openapi-view")),
    }


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    response = api.create_response(
        request,
        {"detail": "A live ingest token is required: send it as 'Authorization: Bearer <key>'."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="ingest"'
    return response
