"""The live OpenAPI document is served, and schemathesis holds every operation to it: no 5xx, and each answer's
status, content type and body match the schema. Examples are bounded so the suite stays fast."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import API

EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_openapi_document_lists_every_endpoint(get_json):
    document = get_json("/openapi.json")
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) >= {
        f"{API}/stories/",
        f"{API}/stories/{{slug}}/",
        f"{API}/search/",
        f"{API}/people/",
        f"{API}/people/{{slug}}/",
        f"{API}/titles/",
        f"{API}/titles/{{slug}}/",
        f"{API}/credits/",
        f"{API}/credits/{{credit_id}}/",
        f"{API}/sections/",
        f"{API}/tags/",
        f"{API}/imports/",
    }


def test_docs_page_is_served_from_the_site_without_inline_script(client, db):
    response = client.get(f"{API}/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert "<script>" not in page  # the only inline <script> is JSON data (type="application/json")
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.fixture
def live_schema(seed, settings, ingest_key):
    """The schema as the running project serves it, and the site itself as a WSGI application to call."""
    settings.API_RATE_LIMIT = 100_000  # schemathesis is one very busy client
    # As Django's test client does: the test's transaction must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", get_wsgi_application())
        yield schema, {"Authorization": f"Bearer {ingest_key}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_keeps_to_the_schema(live_schema):
    schema, headers = live_schema
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def keeps_to_the_schema(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        keeps_to_the_schema()
