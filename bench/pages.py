"""Server CPU per request for public pages, against a bare Django view in the same run.

    python bench/pages.py [--requests N]

Runs production settings (DEBUG off) on a throwaway SQLite database holding the seed story plus
a story with 16 linked credits (the size of the Wagtail reference page), calls the WSGI
application directly (the work a gunicorn worker does per request, minus HTTP parsing) and
prints CPU milliseconds per request, requests per CPU-second and the ratio to the bare view.
Budgets (DESIGN.md): uncached story <= 3.6 ms; cached story >= 85 % of the bare view's rate.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(db_path):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{db_path}",
    )
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"
    settings.CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "connescence", verbosity=0)
    return sixteen_credit_story()


def sixteen_credit_story():
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article, ArticleCredit, Section
    from films.models import Credit, Film
    from people.models import Person

    film = Film.objects.create(title="Bench Picture", slug="bench-picture", year=2024)
    story = Article.objects.create(
        headline="A story with sixteen credits",
        slug="sixteen-credits",
        dek="The size of the reference page.",
        body="".join(f"<p>Paragraph {i} about Person {i} in Bench Picture.</p>" for i in range(20)),
        section=Section.objects.get(slug="movies"),
        state=Article.State.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=1),
    )
    for i in range(16):
        person = Person.objects.create(name=f"Person {i}", slug=f"bench-person-{i}")
        credit = Credit.objects.create(film=film, person=person, character=f"Role {i}", billing=i)
        ArticleCredit.objects.create(article=story, credit=credit, position=i)
    return story.get_absolute_url()


def wsgi_get(app, path):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    status = []
    body = b"".join(app(environ, lambda s, h, e=None: status.append(s)))
    assert status[0].startswith("200"), (path, status[0])
    return body


def cpu_ms_per_request(app, path, n):
    for _ in range(max(20, n // 10)):
        wsgi_get(app, path)
    start = time.process_time()
    for _ in range(n):
        wsgi_get(app, path)
    return (time.process_time() - start) * 1000 / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        story_url = setup(Path(tmp) / "bench.sqlite3")
        from django.conf import settings
        from django.core.cache import cache
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        rows = []
        settings.PAGE_CACHE_SECONDS = 0
        bare = cpu_ms_per_request(app, "/bench/bare/", args.requests)
        rows.append(("bare view, 20 KB (baseline)", bare))
        for label, path in [
            ("story page, 16 credits, uncached", story_url),
            ("seed story page, 15 credits, uncached", "/news/2024/02/07/kevin-bacon-and-kyra-sedgwick-join-hands-after-20-years/"),
            ("person page, uncached", "/people/kevin-bacon/"),
            ("title page, uncached", "/titles/connescence/"),
            ("home page, uncached", "/"),
        ]:  # fmt: skip
            rows.append((label, cpu_ms_per_request(app, path, args.requests // 4)))
        settings.PAGE_CACHE_SECONDS = 600
        cache.clear()
        rows.append(("story page, 16 credits, cached", cpu_ms_per_request(app, story_url, args.requests)))

    print(f"{'page':<42} {'CPU ms/req':>10} {'req/CPU-s':>10} {'rate vs bare':>12}")
    for label, ms in rows:
        print(f"{label:<42} {ms:>10.3f} {1000 / ms:>10.0f} {bare / ms:>11.0%}")
    uncached, cached = rows[1][1], rows[-1][1]
    print()
    print(
        f"uncached story: {uncached:.2f} ms (budget 3.6 ms, Wagtail reference 10.9 ms): {'OK' if uncached <= 3.6 else 'OVER'}"
    )
    print(
        f"cached story: {bare / cached:.0%} of the bare view's rate (budget >= 85 %): {'OK' if bare / cached >= 0.85 else 'UNDER'}"
    )


if __name__ == "__main__":
    main()
