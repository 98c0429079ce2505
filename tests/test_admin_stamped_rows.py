"""The linked credits' and sources' existing rows are drawn from one stamped row: the story form is the same page as
when each row is a form drawn on its own, for every kind of value, and with a hundred credits it builds no form per
row."""

import re

import pytest
from django.forms import BaseForm
from django.test.html import parse_html

from articles.admin.stories import ArticleCreditInline, ArticleSourceInline
from articles.models import ArticleSource, Source
from core.admin_helpers import StampedRowsInlineAdminFormSet

PER_REQUEST = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+')
HOSTILE = """<script>alert("x")</script> & 'quoted'"""


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return parse_html(PER_REQUEST.sub(r"\1", response.content.decode()))


def row_by_row(monkeypatch):
    monkeypatch.setattr(ArticleCreditInline, "stamped_rows", False)
    monkeypatch.setattr(ArticleSourceInline, "stamped_rows", False)


def story_url(story):
    return f"/admin/articles/article/{story.pk}/change/"


def test_the_seed_story_form_is_the_same_page_stamped_or_row_by_row(admin_client, seed, monkeypatch):
    assert seed.article_credits.count() == 15 and seed.sources.count() > 1
    stamped = page(admin_client, story_url(seed))
    row_by_row(monkeypatch)
    assert page(admin_client, story_url(seed)) == stamped


@pytest.mark.django_db
def test_hostile_labels_blank_values_and_odd_positions_come_out_as_django_draws_them(
    client, editor, make_draft, make_person, make_film, make_credits, monkeypatch
):
    person = make_person(name=HOSTILE)
    film = make_film(title='Title with "quotes" & <b>markup</b>', year=None)
    credits = [*make_credits(3, person=person, film=film), *make_credits(2)]
    story = make_draft(credits=credits)
    links = list(story.article_credits.order_by("pk"))
    links[0].position, links[1].position, links[2].position = 0, 32767, 7
    for link in links[:3]:
        link.save()
    sources = [Source.objects.create(name=name, slug=f"s{i}") for i, name in enumerate([HOSTILE, "Deadline", "IANS"])]
    ArticleSource.objects.create(article=story, source=sources[0], credited_as=HOSTILE, position=1)
    ArticleSource.objects.create(article=story, source=sources[1], credited_as="", position=2)  # drawn on its own
    ArticleSource.objects.create(article=story, source=sources[2], credited_as="IANS wire", position=0)
    client.force_login(editor)
    stamped = page(client, story_url(story))
    raw = client.get(story_url(story)).content.decode()
    assert "<script>alert" not in raw and raw.count("&lt;script&gt;alert") >= 5  # labels, options, credited as
    row_by_row(monkeypatch)
    assert page(client, story_url(story)) == stamped


@pytest.mark.django_db
def test_a_reporter_who_may_only_read_gets_the_rows_django_draws(
    client, reporter, make_draft, make_credits, monkeypatch
):
    story = make_draft(credits=make_credits(4))
    story.state = story.State.IN_REVIEW  # a reporter cannot edit a story in review
    story.save()
    client.force_login(reporter)
    shown = page(client, story_url(story))
    row_by_row(monkeypatch)
    assert page(client, story_url(story)) == shown


@pytest.mark.django_db
def test_a_hundred_linked_credits_build_no_form_per_row(client, editor, make_draft, make_credits, monkeypatch):
    story = make_draft(credits=make_credits(100))
    client.force_login(editor)
    built = []
    real_init = BaseForm.__init__

    def counting_init(self, *args, **kwargs):
        built.append(type(self).__name__)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(BaseForm, "__init__", counting_init)
    stamped = page(client, story_url(story))
    assert len(built) < 20, built  # the story's form, the template rows, one stamp and one existing row per inline
    assert str(stamped).count('name="article_credits-99-credit"') == 1
    built.clear()
    row_by_row(monkeypatch)
    assert page(client, story_url(story)) == stamped
    assert len(built) > 100


def test_a_form_sent_back_with_errors_is_drawn_row_by_row(admin_client, seed):
    response = admin_client.get(story_url(seed))
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "article_credits")
    assert isinstance(formset, StampedRowsInlineAdminFormSet) and formset.plan is not None
    data = {"article_credits-TOTAL_FORMS": "1", "article_credits-INITIAL_FORMS": "0"}
    formset.formset.data, formset.formset.is_bound = data, True
    del formset.__dict__["plan"]
    assert formset.plan is None


def test_a_stamp_whose_markers_do_not_all_show_is_not_used(admin_client, seed, monkeypatch):
    expected = page(admin_client, story_url(seed))
    monkeypatch.setattr("core.admin_helpers.MARKS", re.compile(r"(?!)"))  # as if no value showed as written
    built = []
    real_init = BaseForm.__init__
    monkeypatch.setattr(BaseForm, "__init__", lambda self, *a, **k: built.append(1) or real_init(self, *a, **k))
    assert page(admin_client, story_url(seed)) == expected
    assert len(built) > seed.article_credits.count(), "the rows were drawn one by one"
