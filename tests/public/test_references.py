"""Links the editor makes to a person or title by id reach readers as links to those pages, built with the page."""

from articles.models import ArticleCredit
from newsroom.public.linking import resolve_references


def test_a_reference_becomes_a_link_and_a_missing_one_plain_text():
    html, linked = resolve_references(
        '<p><a data-person="1" rel="noopener noreferrer">Kevin</a> and <a data-title="9">Gone</a> '
        '<a href="https://example.com">web</a></p>',
        people={1: "/people/kevin-bacon/"},
        titles={},
    )
    assert html == (
        '<p><a class="mention" href="/people/kevin-bacon/">Kevin</a> and Gone <a href="https://example.com">web</a></p>'
    )
    assert linked == {"/people/kevin-bacon/"}


def test_the_story_page_links_references_and_counts_them_as_mentions(
    client, make_story, make_person, make_credits, json_ld, django_assert_max_num_queries
):
    person = make_person(name="Dana Whitfield", slug="dana-whitfield")
    credits = make_credits(3)
    story = make_story(
        body=f'<p><a data-person="{person.pk}">Ms Whitfield</a> met Dana Whitfield; <a data-person="0">nobody</a></p>'
    )
    story.linked_people.add(person)
    ArticleCredit.objects.bulk_create(ArticleCredit(article=story, credit=c, position=i) for i, c in enumerate(credits))
    client.get(story.get_absolute_url())  # fills the navigation cache
    with django_assert_max_num_queries(6):
        response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert '<a class="mention" href="/people/dana-whitfield/">Ms Whitfield</a> met Dana Whitfield; nobody' in html
    article = next(block for block in json_ld(response) if block["@type"] == "NewsArticle")
    assert "Dana Whitfield" in [thing["name"] for thing in article["mentions"]]
