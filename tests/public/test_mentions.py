"""The first mention of each linked person or title in a story body links to its page."""

from newsroom.public.linking import link_mentions
from tests.conftest import SEED_STORY_URL

BACON = ("Kevin Bacon", "/people/kevin-bacon/")
FILM = ("Connescence", "/titles/connescence/")


def test_links_only_the_first_mention():
    html = link_mentions("<p>Kevin Bacon met Kevin Bacon.</p>", [BACON])
    assert html == '<p><a class="mention" href="/people/kevin-bacon/">Kevin Bacon</a> met Kevin Bacon.</p>'


def test_never_links_inside_an_existing_link_or_a_heading():
    html = link_mentions(
        '<h2>Kevin Bacon</h2><p><a href="https://example.com">Kevin Bacon</a> and Kevin Bacon</p>', [BACON]
    )
    assert html == (
        '<h2>Kevin Bacon</h2><p><a href="https://example.com">Kevin Bacon</a> and '
        '<a class="mention" href="/people/kevin-bacon/">Kevin Bacon</a></p>'
    )


def test_never_touches_attributes_or_partial_words():
    html = link_mentions('<p><abbr title="Kevin Bacon">KB</abbr> Connescences and Connescence.</p>', [BACON, FILM])
    assert html == (
        '<p><abbr title="Kevin Bacon">KB</abbr> Connescences and '
        '<a class="mention" href="/titles/connescence/">Connescence</a>.</p>'
    )


def test_longer_name_wins_over_a_name_it_contains():
    html = link_mentions("<p>Kevin Bacon Jr and Kevin Bacon</p>", [("Kevin Bacon Jr", "/jr/"), BACON])
    assert html == (
        '<p><a class="mention" href="/jr/">Kevin Bacon Jr</a> and '
        '<a class="mention" href="/people/kevin-bacon/">Kevin Bacon</a></p>'
    )


def test_keeps_entities_escaped():
    html = link_mentions("<p>Bacon &amp; &lt;Kevin Bacon&gt;</p>", [BACON])
    assert html == '<p>Bacon &amp; &lt;<a class="mention" href="/people/kevin-bacon/">Kevin Bacon</a>&gt;</p>'


def test_names_with_regex_characters_are_literal():
    html = link_mentions("<p>Se7en (1995) and Se.en</p>", [("Se7en (1995)", "/titles/se7en/"), ("Se.en", "/x/")])
    assert '<a class="mention" href="/titles/se7en/">Se7en (1995)</a>' in html
    assert '<a class="mention" href="/x/">Se.en</a>' in html


def test_seed_story_links_its_people_and_titles_once_each(client, seed):
    body = client.get(SEED_STORY_URL).context_data["body"]
    for url in ("/people/kevin-bacon/", "/people/kyra-sedgwick/", "/titles/connescence/", "/titles/the-woodsman-2004/"):
        assert body.count(f'class="mention" href="{url}"') == 1, url


def test_an_attribute_holding_a_closing_bracket_and_a_name_is_left_alone():
    html = link_mentions('<p><abbr title="x > Kevin Bacon">KB</abbr> Kevin Bacon</p>', [BACON])
    assert html == (
        '<p><abbr title="x > Kevin Bacon">KB</abbr> <a class="mention" href="/people/kevin-bacon/">Kevin Bacon</a></p>'
    )


def test_character_references_are_never_split_by_a_link():
    html = link_mentions("<p>Fish &amp; chips, amp and lt</p>", [("amp", "/a/"), ("lt", "/l/")])
    assert (
        html
        == '<p>Fish &amp; chips, <a class="mention" href="/a/">amp</a> and <a class="mention" href="/l/">lt</a></p>'
    )


def test_names_holding_an_ampersand_match_their_escaped_text():
    html = link_mentions("<p>Tom &amp; Jerry again</p>", [("Tom & Jerry", "/titles/tom-and-jerry/")])
    assert html == '<p><a class="mention" href="/titles/tom-and-jerry/">Tom &amp; Jerry</a> again</p>'


def test_upper_case_and_self_closing_tags_and_comments_keep_the_rules():
    html = link_mentions("<H2>Kevin Bacon</H2><!-- Kevin Bacon --><p>x<br/>Kevin Bacon</p>", [BACON])
    assert html == (
        '<H2>Kevin Bacon</H2><!-- Kevin Bacon --><p>x<br/><a class="mention" href="/people/kevin-bacon/">Kevin Bacon</a></p>'
    )


def test_what_the_sanitiser_writes_links_as_readers_see_it():
    from core.sanitize import sanitize_html

    body = sanitize_html('<p onclick="x()">Kevin Bacon <script>Kevin Bacon</script><em>Connescence</em></p>')
    html = link_mentions(body, [BACON, FILM])
    assert html.count('class="mention"') == 2 and "script" not in html and "onclick" not in html


def test_a_name_before_a_semicolon_is_still_a_mention():
    html = link_mentions("<p>Starring Kevin Bacon; later Kevin Bacon.</p>", [BACON])
    assert html == (
        '<p>Starring <a class="mention" href="/people/kevin-bacon/">Kevin Bacon</a>; later Kevin Bacon.</p>'
    )


def test_a_numeric_name_never_links_inside_a_numeric_reference():
    html = link_mentions("<p>It&#39;s 39 steps</p>", [("39", "/titles/39/")])
    assert html == '<p>It&#39;s <a class="mention" href="/titles/39/">39</a> steps</p>'
