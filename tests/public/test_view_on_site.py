"""The admin's "view on site" link (/admin/r/<content type>/<id>/) leads only where the user may look."""

import pytest
from django.contrib.contenttypes.models import ContentType

from articles.models import Article
from people.models import Person


def view_on_site(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.fixture
def draft(make_draft):
    return make_draft(headline="Secret casting news", slug="secret-casting-news")


def test_a_reporter_follows_the_link_of_their_own_draft(client, draft, reporter):
    client.force_login(reporter)
    response = client.get(view_on_site(draft))
    assert response.status_code == 302
    assert response["Location"].endswith(draft.get_absolute_url())


def test_an_editor_follows_the_link_of_any_draft(client, draft, editor):
    client.force_login(editor)
    assert client.get(view_on_site(draft)).status_code == 302


@pytest.mark.parametrize("who", ["other_reporter", "staff_without_role"])
def test_others_get_a_404_for_a_draft_and_never_its_address(client, draft, who, other_reporter, make_user):
    user = other_reporter if who == "other_reporter" else make_user("stan")
    client.force_login(user)
    response = client.get(view_on_site(draft))
    assert response.status_code == 404
    assert "secret-casting-news" not in response.get("Location", "")
    # The same answer as for an id that does not exist, so ids cannot be counted up.
    ct = ContentType.objects.get_for_model(Article).pk
    assert client.get(f"/admin/r/{ct}/999999/").status_code == 404


def test_a_public_story_redirects_any_staff_member(client, make_story, make_user):
    story = make_story()
    client.force_login(make_user("stan"))
    response = client.get(view_on_site(story))
    assert response.status_code == 302
    assert response["Location"].endswith(story.get_absolute_url())


def test_other_objects_need_a_permission_on_their_model(client, make_person, reporter, make_user):
    person = make_person(is_released=False)
    client.force_login(make_user("stan"))
    assert client.get(view_on_site(person)).status_code == 404
    client.force_login(reporter)  # reporters may view people
    assert client.get(view_on_site(person)).status_code == 302
    assert Person.objects.filter(pk=person.pk).exists()


def test_readers_are_sent_to_log_in(client, draft):
    response = client.get(view_on_site(draft))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
