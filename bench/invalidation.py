"""Invalidation by object under a steady stream of edits: hit rate on the pages not edited, and how soon an edit shows.

    python bench/invalidation.py [--stories 200] [--seconds 20] [--readers 2] [--rate 300]

Production settings (DEBUG off, the cache on Redis with each worker's own copy and the 250 ms feed poll), a
throwaway SQLite database with --stories published stories (three credits each, people and titles of their own).
Separate processes, as app-server workers are: --readers readers each GET random story pages through
newsroom.wsgi (the production entry point) at about --rate requests a second, after reading every page once;
one editor changes the headline of a random story once a second through the ORM, as the admin does.
A reader counts a hit when the request never reached Django (newsroom.wsgi answered it from the cache).

Prints: the hit rate on story pages never edited during the run (target >= 95 %), and for each edit the time
until no worker served the old headline any more (target: every edit within 1 s).
"""

import argparse
import io
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def environment(tmp, prefix, redis_url):
    from bench.compare import our_env

    return {**our_env(tmp, prefix, redis_url, page_cache=True), "PAGE_CACHE_LOCAL_ENTRIES": "5000"}


def prepare(count):
    """Stories with three credits each; prints their paths as one JSON line."""
    import django

    django.setup()
    from django.utils import timezone

    from articles.models import Article, ArticleCredit, Section
    from films.models import Credit, Film
    from people.models import Person

    section = Section.objects.get(slug="movies")
    paths = []
    for n in range(count):
        story = Article.objects.create(
            headline=f"Bench story {n}", slug=f"bench-story-{n}", dek="A dek.", body=f"<p>Story {n}.</p>",
            section=section, state=Article.State.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1),
        )  # fmt: skip
        film = Film.objects.create(title=f"Bench title {n}", slug=f"bench-title-{n}", year=2024)
        for i in range(3):
            person = Person.objects.create(name=f"Bench person {n}-{i}", slug=f"bench-person-{n}-{i}")
            credit = Credit.objects.create(person=person, film=film, role="actor", billing=i)
            ArticleCredit.objects.create(article=story, credit=credit, position=i)
        paths.append(story.get_absolute_url())
    print(json.dumps(paths))


def headline_of(body):
    start = body.find(b"<h1")
    start = body.find(b">", start) + 1
    return body[start : body.find(b"</h1>", start)].decode().strip()


def reader(paths, seconds, rate, out):
    """GET random story pages through newsroom.wsgi; writes one JSON line per request to out."""
    import django

    django.setup()
    import newsroom.wsgi as front

    reached_django = []
    django_application = front.django_application

    def counting(environ, start_response):
        reached_django.append(1)
        return django_application(environ, start_response)

    front.django_application = counting

    def get(path):
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "testserver",
            "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http",
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        before = len(reached_django)
        body = b"".join(front.application(environ, lambda status, headers, exc_info=None: None))
        return len(reached_django) == before, body

    for path in paths:  # every page read once: the run measures what edits do, not a cold cache
        get(path)
    end = time.time() + seconds
    with open(out, "w") as file:
        while time.time() < end:
            path = random.choice(paths)
            hit, body = get(path)
            file.write(json.dumps([time.time(), path, hit, headline_of(body)]) + "\n")
            time.sleep(1 / rate)


def editor(paths, seconds, out):
    """Once a second, a new headline for a random story, saved through the ORM; writes what and when (after commit)."""
    import django

    django.setup()
    from articles.models import Article

    end = time.time() + seconds
    with open(out, "w") as file:
        n = 0
        while time.time() < end:
            tick = time.time()
            path = random.choice(paths)
            story = Article.objects.get(slug=path.rstrip("/").rsplit("/", 1)[1])
            n += 1
            story.headline = f"Edited headline {n} of {story.slug}"
            story.save()
            file.write(json.dumps([time.time(), path, story.headline]) + "\n")
            file.flush()
            time.sleep(max(0, 1 - (time.time() - tick)))


def run(args, env, paths, tmp, label):
    outs = [f"{tmp}/{label}-reader-{i}.jsonl" for i in range(args.readers)]
    edits_out = f"{tmp}/{label}-edits.jsonl"
    this = [sys.executable, str(Path(__file__).resolve())]
    common = ["--paths", f"{tmp}/paths.json", "--seconds", str(args.seconds)]
    readers = [subprocess.Popen([*this, "--role", "reader", *common, "--rate", str(args.rate), "--out", out], env=env,
                                cwd=ROOT) for out in outs]  # fmt: skip
    time.sleep(3 + len(paths) / 200)  # the readers read every page once before the edits start
    edits = subprocess.Popen([*this, "--role", "editor", *common, "--out", edits_out], env=env, cwd=ROOT)
    for process in [*readers, edits]:
        if process.wait():
            sys.exit(f"{label}: a bench process failed")
    if os.environ.get("BENCH_KEEP"):
        subprocess.run(["cp", "-r", tmp, os.environ["BENCH_KEEP"]])
    requests = [json.loads(line) for out in outs for line in open(out)]
    made = [json.loads(line) for line in open(edits_out)]
    return requests, made


def figures(requests, made):
    edited = {path for _, path, _ in made}
    others = [hit for _, path, hit, _ in requests if path not in edited]
    lags = []
    for at, path, headline in made:
        later = [when for when, p, _, shown in requests if p == path and when >= at]
        stale = [when for when, p, _, shown in requests if p == path and when >= at and shown != headline]
        # An edit of the same story after this one changes the headline again: only count until then.
        following = min((when for when, p, _ in made if p == path and when > at), default=float("inf"))
        stale = [when for when in stale if when < following]
        if later:
            lags.append(max(stale, default=at) - at)
    return {
        "requests": len(requests),
        "other_pages": len(others),
        "hit_rate": sum(others) / len(others) if others else 0.0,
        "edits": len(made),
        "lags": lags,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--rate", type=int, default=300, help="requests a second per reader")
    parser.add_argument("--role", choices=["reader", "editor", "prepare"])
    parser.add_argument("--paths")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.role == "prepare":
        return prepare(args.stories)
    if args.role:
        paths = json.loads(Path(args.paths).read_text())
        return (
            reader(paths, args.seconds, args.rate, args.out)
            if args.role == "reader"
            else editor(paths, args.seconds, args.out)
        )
    import redis

    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    redis.Redis.from_url(redis_url).ping()
    prefix = f"bench-{secrets.token_hex(4)}"
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(tmp, prefix, redis_url)
        prepared = subprocess.run([sys.executable, "-m", "bench.content"], env=env, cwd=ROOT, capture_output=True)
        if prepared.returncode:
            sys.exit(f"Preparing the benchmark database failed:\n{prepared.stderr.decode()[-3000:]}")
        made = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--role", "prepare", "--stories",
                               str(args.stories)], env=env, cwd=ROOT, capture_output=True, text=True)  # fmt: skip
        if made.returncode:
            sys.exit(f"Making the stories failed:\n{made.stderr[-3000:]}")
        paths = json.loads(made.stdout.splitlines()[-1])
        Path(f"{tmp}/paths.json").write_text(json.dumps(paths))
        try:
            result = figures(*run(args, env, paths, tmp, "tags"))
        finally:
            client = redis.Redis.from_url(redis_url)
            for key in client.scan_iter(match=f"{prefix}:*"):
                client.delete(key)
    report(result, args)


def report(result, args):
    lags = result["lags"]
    print(f"\n{args.readers} reader processes (~{args.rate} story-page GETs/s each, through newsroom.wsgi), "
          f"{args.stories} stories, one edit a second for {args.seconds} s, cache on Redis")  # fmt: skip
    print(f"requests: {result['requests']}; edits: {result['edits']}")
    rate = result["hit_rate"]
    print(f"hits on story pages never edited: {rate:.1%} of {result['other_pages']} (target >= 95 %): "
          f"{'OK' if rate >= 0.95 else 'MISSED'}")  # fmt: skip
    if lags:
        worst = max(lags)
        print(f"time until no worker served an edited story's old headline: median {statistics.median(lags) * 1000:.0f}"
              f" ms, worst {worst * 1000:.0f} ms over {len(lags)} edits (target: every one < 1 s): "
              f"{'OK' if worst < 1 else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
