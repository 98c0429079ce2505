"""The graph's bulk read of public credits (visibility evaluated in numpy) keeps exactly the credits every page shows."""

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from articles.connections import build, columns
from articles.models import Article
from articles.visibility import public_credits, public_credits_in_bulk
from films.models import Credit
from people.models import Person

STATES = [Article.State.DRAFT, Article.State.IN_REVIEW, Article.State.APPROVED, Article.State.UNPUBLISHED]


@pytest.fixture
def embargo_mix(make_person, make_film, make_story):
    """A generated catalogue: released and unreleased people, titles and credits, linked by public, draft,
    scheduled and expired stories, credit by credit and person or title directly."""

    def make(seed):
        rng = np.random.default_rng(seed)
        now = timezone.now()
        people = [make_person(is_released=rng.random() > 0.3) for _ in range(30)]
        titles = [make_film(is_released=rng.random() > 0.3) for _ in range(15)]
        credits = []
        for _ in range(160):
            person, title = people[rng.integers(len(people))], titles[rng.integers(len(titles))]
            role = build.ROLES[rng.integers(len(build.ROLES))]
            released = bool(rng.random() > 0.25)
            credit, _ = Credit.objects.get_or_create(person=person, film=title, role=role, character="", billing=0)
            if credit.is_released != released:
                Credit.objects.filter(pk=credit.pk).update(is_released=released)
            credits.append(credit)
        kinds = [
            {"state": Article.State.PUBLISHED},  # public
            {"state": Article.State.PUBLISHED, "expire_at": now + timedelta(days=2)},  # public until it expires
            {"state": Article.State.PUBLISHED, "publish_at": now + timedelta(days=1)},  # scheduled
            {"state": Article.State.PUBLISHED, "expire_at": now - timedelta(minutes=5)},  # expired
            *({"state": state, "publish_at": None} for state in STATES),  # drafts and the like
        ]
        for kind in kinds * 2:
            linked = [credits[i] for i in rng.choice(len(credits), size=6, replace=False)]
            story = make_story(credits=linked, **kind)
            story.linked_people.add(*(people[i] for i in rng.choice(len(people), size=3, replace=False)))
            story.linked_films.add(*(titles[i] for i in rng.choice(len(titles), size=2, replace=False)))
        # At least one credit only a scheduled story will show.
        hidden = Credit.objects.create(person=make_person(is_released=False), film=titles[0], is_released=False)
        make_story(credits=[hidden], state=Article.State.PUBLISHED, publish_at=now + timedelta(hours=3))
        return now

    return make


def read_keys(credits):
    """person ids, title ids, then primary keys, through the same bulk column reader the build uses."""
    return columns.read(credits, ("person_id", "film_id", "pk"), (np.int64, np.int64, np.int64))


def agree_at(at):
    *_, bulk = public_credits_in_bulk(read_keys, at=at)
    expected = sorted(public_credits(at=at).values_list("pk", flat=True))
    assert sorted(bulk.tolist()) == expected  # the same credits, none twice
    built = set(zip(*(array.tolist() for array in build.read_credit_arrays(at=at)), strict=True))
    assert built == set(build.public_credit_rows(at=at))
    return expected


def check_agreement(embargo_mix, seed):
    now = embargo_mix(seed)
    shown_now = agree_at(now)
    # Tomorrow and a bit: the scheduled stories are public and the ones expiring in two days not yet expired.
    shown_later = agree_at(now + timedelta(days=1, hours=1))
    assert 0 < len(shown_now) < Credit.objects.count()
    assert shown_now != shown_later  # the scheduled story's links count only from its publication


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulk_read_keeps_the_credits_public_credits_shows(embargo_mix, seed):
    check_agreement(embargo_mix, seed)


@pytest.mark.postgresql
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulk_read_by_copy_in_pieces_keeps_the_credits_public_credits_shows(embargo_mix, seed, monkeypatch):
    """On PostgreSQL each read is binary COPYs over primary-key ranges: small ranges put every row in a piece."""
    monkeypatch.setattr(columns, "CHUNK", 7)
    check_agreement(embargo_mix, seed)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_bulk_read_by_two_connections_at_once_keeps_the_same_credits(embargo_mix, monkeypatch):
    """Outside a transaction the pieces are read by other connections in parallel (inside one they could not see
    its rows), and the graph's labels while its adjacency is built."""
    monkeypatch.setattr(columns, "CHUNK", 7)
    check_agreement(embargo_mix, 4)
    base = build.build()
    labels = bytes(base.label_bytes).decode().split("\x1f")
    assert len(base.person_ids) and base.person_ids.tolist() == sorted(base.person_ids.tolist())
    assert labels[0] == Person.objects.get(pk=base.person_ids[0]).name


@pytest.mark.postgresql
def test_columns_wider_than_the_bits_given_are_read_again_unpacked(embargo_mix, monkeypatch):
    """Rows written after the build counted its ids: a packed piece that does not fit is read column by column."""
    monkeypatch.setattr(columns, "CHUNK", 7)
    copy_chunk = columns._copy_chunk
    embargo_mix(5)
    fields, kinds = ("person_id", "film_id", "billing"), (np.int64, np.int64, np.int32)
    expected = sorted(Credit.objects.values_list(*fields))
    narrow = Credit.objects.order_by("pk")[2].film_id.bit_length() - 1  # some title ids fit, later ones do not
    unpacked = []
    monkeypatch.setattr(columns, "_copy_chunk", lambda *args: unpacked.append(args) or copy_chunk(*args))
    for bits, read_again in [((30, 20, 4), False), ((30, narrow, 4), True), ((2, 20, 4), False)]:
        unpacked.clear()
        read = columns.read(Credit.objects.all(), fields, kinds, bits=bits)
        assert sorted(zip(*(array.tolist() for array in read), strict=True)) == expected
        assert bool(unpacked) == read_again
