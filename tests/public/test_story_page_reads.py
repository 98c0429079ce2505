"""The story page's plain SQL follows the models: a field it reads that disappears is a start-up error."""

from django.core import checks

from films.models import Film
from newsroom.public import story_page
from people.models import Person


def test_the_story_page_reads_pass_the_system_check():
    errors = [e for e in checks.run_checks() if e.id == "newsroom.E001"]
    assert errors == []


def test_a_field_the_story_page_reads_that_no_longer_exists_is_a_system_check_error(monkeypatch):
    monkeypatch.setattr(story_page, "READS", [*story_page.READS, story_page.Columns(Person, "name", "nickname")])
    errors = [e for e in checks.run_checks() if e.id == "newsroom.E001"]
    assert len(errors) == 1
    assert "nickname" in errors[0].msg and "people.Person" in errors[0].msg


def test_columns_follow_the_model_order_whatever_order_they_are_named_in():
    columns = story_page.Columns(Film, "slug", "title", "id")
    assert columns.attnames == [f.attname for f in Film._meta.concrete_fields if f.name in {"slug", "title", "id"}]
