"""Each client address may make API_RATE_LIMIT requests per window; past it, 429 with Retry-After."""

import time_machine
from django.utils import timezone

from tests.api.conftest import API


def test_past_the_limit_a_client_gets_429_with_retry_after(client, settings, db):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 3, 60
    with time_machine.travel(timezone.now().replace(second=10, microsecond=0), tick=False):
        for _ in range(3):
            assert client.get(f"{API}/sections/").status_code == 200
        refused = client.get(f"{API}/sections/")
        assert refused.status_code == 429
        assert refused["Retry-After"] == "50"
        assert "try again in 50 seconds" in refused.json()["detail"]
        # Another address has its own count; the site's pages are not counted.
        assert client.get(f"{API}/sections/", REMOTE_ADDR="192.0.2.7").status_code == 200
        assert client.get("/").status_code == 200
    with time_machine.travel(timezone.now().replace(second=10, microsecond=0) + timezone.timedelta(minutes=1)):
        assert client.get(f"{API}/sections/").status_code == 200


def test_answers_from_the_page_cache_count_too(client, settings, db):
    settings.API_RATE_LIMIT, settings.PAGE_CACHE_SECONDS = 2, 600
    assert client.get(f"{API}/sections/").status_code == 200
    assert client.get(f"{API}/sections/").status_code == 200
    assert client.get(f"{API}/sections/").status_code == 429


def test_app_servers_share_one_count(rf, settings, db):
    """Two app servers (two middleware instances) count one client's requests together, through the cache."""
    from django.http import HttpResponse

    from newsroom.api.throttle import RateLimitMiddleware

    settings.API_RATE_LIMIT = 2
    servers = [RateLimitMiddleware(lambda request: HttpResponse("ok")) for _ in range(2)]
    statuses = [servers[i % 2](rf.get(f"{API}/sections/")).status_code for i in range(3)]
    assert statuses == [200, 200, 429]
