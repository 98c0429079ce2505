"""POST /api/v1/imports/: a wire service's raw story becomes a draft with credit suggestions, as in the admin."""

import json

import pytest
from django.urls import reverse

from articles.models import Article, StoryImport
from articles.story_import import import_story
from newsroom.api import tokens
from newsroom.api.models import IngestToken
from tests.api.conftest import API
from tests.conftest import SEED_TEXT_FILE

SEED_TEXT = SEED_TEXT_FILE.read_text(encoding="utf-8")
URL = f"{API}/imports/"


@pytest.fixture
def post(client):
    def send(body, *, key=None, idempotency_key=None, raw=None):
        headers = {}
        if key:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        if idempotency_key:
            headers["HTTP_IDEMPOTENCY_KEY"] = idempotency_key
        data = raw if raw is not None else json.dumps(body)
        return client.post(URL, data, content_type="application/json", **headers)

    return send


def suggestions_of(story_import):
    return [
        (s.person.slug, s.film.slug, s.role, s.character, s.evidence, s.credit_id)
        for s in story_import.suggestions.select_related("person", "film")
    ]


def test_raw_text_becomes_a_draft_with_the_admins_suggestions(post, seed, ingest_key):
    response = post({"text": SEED_TEXT, "section": "movies", "file_name": "ians-0207.txt"}, key=ingest_key)
    assert response.status_code == 201, response.content
    body = response.json()
    made = StoryImport.objects.get(pk=body["id"])
    draft = made.article
    assert draft.state == Article.State.DRAFT and draft.section.slug == "movies"
    assert made.file_name == "ians-0207.txt"
    assert body["story"]["headline"] == "Kevin Bacon and Kyra Sedgwick join hands after 20 years"
    assert body["admin_url"].endswith(reverse("admin:articles_storyimport_change", args=[made.pk]))
    # Owned by the token's service account, which cannot log in.
    account = IngestToken.objects.get().account
    assert draft.created_by == account and made.created_by == account
    assert not account.has_usable_password() and not account.is_staff
    # The same suggestions the admin's Story imports makes from the same text.
    by_admin = import_story(text=SEED_TEXT)
    assert len(body["suggestions"]) == 15
    assert suggestions_of(made) == suggestions_of(by_admin)
    assert {s["status"] for s in body["suggestions"]} == {"pending"}
    assert not draft.article_credits.exists()  # nothing linked until an editor confirms


@pytest.mark.parametrize("authorization", [None, "Bearer nr_not-a-key", "Token something", "Bearer "])
def test_a_token_is_required(client, db, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = client.post(URL, json.dumps({"text": SEED_TEXT}), content_type="application/json", **headers)
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"] and response["WWW-Authenticate"].startswith("Bearer")
    assert not StoryImport.objects.exists()


def test_a_revoked_token_is_refused(post, db, ingest_key):
    tokens.revoke(IngestToken.objects.get())
    assert post({"text": SEED_TEXT}, key=ingest_key).status_code == 401
    assert not Article.objects.exists()


def test_the_key_is_stored_only_as_its_hash(ingest_key):
    token = IngestToken.objects.get()
    assert ingest_key not in {token.key_hash, token.prefix, token.name}
    assert token.key_hash == tokens.hash_key(ingest_key) and ingest_key.startswith(token.prefix)
    assert tokens.authenticate(ingest_key, scope=IngestToken.Scope.INGEST) == token
    assert tokens.authenticate(ingest_key, scope="publish") is None  # scoped to ingest
    assert IngestToken.objects.get().last_used_at is not None


def test_a_retried_post_with_the_same_idempotency_key_makes_one_draft(post, db, ingest_key):
    first = post({"text": SEED_TEXT}, key=ingest_key, idempotency_key="ians-2024-02-07-001")
    again = post({"text": SEED_TEXT}, key=ingest_key, idempotency_key="ians-2024-02-07-001")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert StoryImport.objects.count() == Article.objects.count() == 1
    other = post({"text": SEED_TEXT}, key=ingest_key, idempotency_key="ians-2024-02-07-002")
    assert other.status_code == 201 and StoryImport.objects.count() == 2


def test_an_idempotency_key_reused_for_another_story_is_refused(post, db, ingest_key):
    post({"text": SEED_TEXT}, key=ingest_key, idempotency_key="k1")
    response = post({"text": SEED_TEXT.replace("Kevin", "Kev")}, key=ingest_key, idempotency_key="k1")
    assert response.status_code == 422 and "Idempotency-Key" in response.json()["detail"]
    assert StoryImport.objects.count() == 1


def test_keys_belong_to_one_token(post, db, ingest_key):
    _, other_key = tokens.issue(name="PTI wire")
    post({"text": SEED_TEXT}, key=ingest_key, idempotency_key="same")
    post({"text": SEED_TEXT}, key=other_key, idempotency_key="same")
    assert StoryImport.objects.count() == 2


@pytest.mark.parametrize(
    "body, problem",
    [
        ({"text": "   "}, "Paste the story's text"),
        ({"text": "\n\n"}, "Paste the story's text"),
        ({"text": "Headline\x00 with a NUL"}, "Null characters"),
        ({"text": SEED_TEXT, "section": "no-such-section"}, "No section has the slug"),
        ({"section": "movies"}, "text"),
        ({"text": 42}, "text"),
    ],
)
def test_bad_input_is_a_4xx_naming_the_problem_and_creates_nothing(post, db, ingest_key, body, problem):
    response = post(body, key=ingest_key, idempotency_key="bad")
    assert response.status_code == 422
    assert problem in json.dumps(response.json())
    assert not Article.objects.exists() and not StoryImport.objects.exists()


def test_a_body_that_is_not_json_is_refused(post, db, ingest_key):
    response = post(None, key=ingest_key, raw="Headline\n\nNot JSON")
    assert 400 <= response.status_code < 500 and response.json()["detail"]
    assert not Article.objects.exists()


def test_a_body_over_the_upload_limit_is_a_413(post, settings, db, ingest_key):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(SEED_TEXT.encode())
    response = post({"text": SEED_TEXT * 3}, key=ingest_key)
    assert response.status_code == 413 and "too large" in response.json()["detail"]
    assert not Article.objects.exists()


def test_a_failure_half_way_leaves_nothing_behind(post, db, ingest_key, monkeypatch):
    from newsroom.api import ingest

    def broken(made):
        raise RuntimeError("the lights went out")

    monkeypatch.setattr(ingest, "represent_import", broken)
    with pytest.raises(RuntimeError):
        post({"text": SEED_TEXT}, key=ingest_key, idempotency_key="k")
    assert not Article.objects.exists() and not StoryImport.objects.exists()


def test_ingest_runs_a_bounded_number_of_queries(post, seed, ingest_key, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        assert post({"text": SEED_TEXT}, key=ingest_key, idempotency_key="q").status_code == 201


def test_tokens_are_made_and_revoked_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:api_ingesttoken_add"), {"name": "Reuters wire", "scope": "ingest"}, follow=True
    )
    token = IngestToken.objects.get()
    shown = next(str(m) for m in response.context["messages"] if "copy it now" in str(m))
    key = shown.split(" is ")[1].split(" ")[0]
    assert tokens.authenticate(key, scope=IngestToken.Scope.INGEST) == token
    assert key not in client.get(reverse("admin:api_ingesttoken_change", args=[token.pk])).content.decode()
    client.post(
        reverse("admin:api_ingesttoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )
    assert tokens.authenticate(key, scope=IngestToken.Scope.INGEST) is None
