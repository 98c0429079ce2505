"""Shared set-up for the suite: the seed story, people, titles, credits and stories made to order."""

import itertools
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import connections
from articles.models import Article, ArticleCredit, Section
from films.models import Credit, Film
from people.models import Person

SEED_STORY_SLUG = "kevin-bacon-and-kyra-sedgwick-join-hands-after-20-years"
SEED_STORY_URL = f"/news/2024/02/07/{SEED_STORY_SLUG}/"
# The scraped text the seed story was made from (a copy of shared/seed/connescence-story.txt).
SEED_TEXT_FILE = Path(__file__).resolve().parent.parent / "articles" / "fixtures" / "connescence-story.txt"

_counter = itertools.count(1)


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are left out (reported as deselected) on other databases; CI's PostgreSQL pass runs them."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.fixture
def seed(db):
    """The Connescence story and everything it links, loaded from its fixture."""
    call_command("loaddata", "connescence", verbosity=0)
    return Article.objects.get(slug=SEED_STORY_SLUG)


@pytest.fixture
def make_person(db):
    def make(**fields):
        n = next(_counter)
        fields.setdefault("name", f"Person {n}")
        fields.setdefault("slug", f"person-{n}")
        return Person.objects.create(**fields)

    return make


@pytest.fixture
def make_film(db):
    def make(**fields):
        n = next(_counter)
        fields.setdefault("title", f"Title {n}")
        fields.setdefault("slug", f"title-{n}")
        fields.setdefault("year", 2020)
        return Film.objects.create(**fields)

    return make


@pytest.fixture
def section(db):
    return Section.objects.get_or_create(slug="movies", defaults={"name": "Movies"})[0]


@pytest.fixture
def make_story(db, section):
    """A story; published an hour ago unless told otherwise."""

    def make(*, credits=(), **fields):
        n = next(_counter)
        fields.setdefault("headline", f"Story number {n}")
        fields.setdefault("slug", f"story-{n}")
        fields.setdefault("dek", "A dek.")
        fields.setdefault("body", "<p>Body.</p>")
        fields.setdefault("section", section)
        fields.setdefault("state", Article.State.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        story = Article.objects.create(**fields)
        ArticleCredit.objects.bulk_create(
            ArticleCredit(article=story, credit=credit, position=i) for i, credit in enumerate(credits)
        )
        return story

    return make


@pytest.fixture
def make_credits(make_person, make_film):
    """n credits spread over fresh people and titles, for query-count tests."""

    def make(n, *, film=None, person=None):
        credits = []
        for i in range(n):
            credits.append(
                Credit.objects.create(
                    film=film or make_film(),
                    person=person or make_person(),
                    role=Credit.Role.ACTOR,
                    character=f"Character {i}",
                    billing=i,
                )
            )
        return credits

    return make


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.com", "chief-password-123")


# Editorial roles: the groups come from the data migration; a transactional test's flush empties them, so remake them.


@pytest.fixture
def roles(db):
    from django.apps import apps
    from django.contrib.auth.models import Group

    if Group.objects.filter(name__in=["Reporters", "Editors"]).count() < 2:
        import importlib

        importlib.import_module("articles.migrations.0003_editorial_groups").create_groups(apps, None)
        importlib.import_module("articles.migrations.0007_story_import_permissions").grant(apps, None)
        importlib.import_module("articles.migrations.0010_editors_release_people_titles_credits").grant(apps, None)
        importlib.import_module("articles.migrations.0018_editors_see_background_jobs").grant(apps, None)
    return {group.name: group for group in Group.objects.filter(name__in=["Reporters", "Editors"])}


@pytest.fixture
def make_user(django_user_model, roles):
    """A staff member in a role ("Reporters", "Editors") or in none; their password is "<username>-password"."""

    def make(username, role=None, **fields):
        fields.setdefault("first_name", username.capitalize())
        fields.setdefault("is_staff", True)
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", f"{username}-password", **fields
        )
        if role:
            user.groups.add(roles[role])
        return user

    return make


@pytest.fixture
def reporter(make_user):
    return make_user("riley", "Reporters", last_name="Reporter")


@pytest.fixture
def other_reporter(make_user):
    return make_user("olive", "Reporters", last_name="Other")


@pytest.fixture
def editor(make_user):
    return make_user("eden", "Editors", last_name="Editor")


@pytest.fixture
def make_draft(make_story, reporter):
    """A story by the reporter, ready to publish in every respect, in the state asked for (draft by default)."""

    def make(*, by=None, state=Article.State.DRAFT, **fields):
        by = by or reporter
        fields.setdefault("publish_at", None)
        story = make_story(state=state, created_by=by, updated_by=by, **fields)
        story.authors.add(by)
        return story

    return make


@pytest.fixture(autouse=True)
def graph_directory_of_its_own(settings, tmp_path):
    """A connections graph a test writes (build_graph, a rebuild task) stays with that test, not the next one's."""
    settings.CONNECTIONS_DIR = tmp_path / "graph"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with a cold cache (the section navigation lives there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def warm_get(client):
    """GET a page once to fill the navigation cache, so a second GET shows the page's own queries."""

    def get(url, **extra):
        client.get(url, **extra)
        connections.graph()  # the connections graph is read once per process and again after an edit
        return url

    return get


# A real SMTP server on 127.0.0.1 (aiosmtpd), so notification emails are read as a mail server receives them.


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted"

    def to(self, address):
        """The messages one address received, as (subject, body text)."""
        return [
            (message["Subject"], message.get_content())
            for recipients, message in self.messages
            if address in recipients
        ]


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    yield inbox
    controller.stop()


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """`with after_commit(): …` runs what the block queued for after its commit (tasks, emails) as it ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
