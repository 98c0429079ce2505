"""Roles on public pages as the site writes them: every cast role (not only "actor") under Cast with its character
line, crew roles title-cased. IMDb's own words (actor, actress, self) stay data."""

import re

from films.models import Credit


def test_person_page_lists_any_cast_role_under_cast_and_crew_title_cased(client, make_person, make_film):
    person = make_person(name="Kyra Sedgwick", slug="kyra-sedgwick")
    drama, doc, series = make_film(title="The Closer"), make_film(title="Hollywood Stories"), make_film(title="Ray")
    Credit.objects.create(person=person, film=drama, role=Credit.Role.ACTOR, character="Brenda")
    Credit.objects.create(person=person, film=doc, role=Credit.Role.SELF)
    Credit.objects.create(person=person, film=series, role=Credit.Role.PRODUCTION_DESIGNER)
    html = client.get("/people/kyra-sedgwick/").content.decode()
    assert re.findall(r"<h3>(.*?)</h3>", html) == ["Cast", "Production Designer"]
    cast = html[html.index("<h3>Cast</h3>") : html.index("<h3>Production Designer</h3>")]
    assert "as Brenda" in cast and "(Self)" in cast and "Hollywood Stories" in cast
    assert "<h3>Actor</h3>" not in html and "<h3>Self</h3>" not in html


def test_title_page_names_an_appearance_and_title_cases_crew(client, make_person, make_film):
    film = make_film(title="Connescence", slug="connescence")
    Credit.objects.create(person=make_person(name="Kevin Bacon"), film=film, role=Credit.Role.ACTOR, character="Stan")
    Credit.objects.create(person=make_person(name="Old Newsreel"), film=film, role=Credit.Role.ARCHIVE_FOOTAGE)
    Credit.objects.create(person=make_person(name="Ann Cast"), film=film, role=Credit.Role.CASTING_DIRECTOR)
    html = client.get("/titles/connescence/").content.decode()
    cast = html[html.index('id="cast-heading"') : html.index('id="crew-heading"')]
    assert 'credit__character">Stan<' in cast and "Archive footage" in cast
    assert "<dt>Casting Director</dt>" in html[html.index('id="crew-heading"') :]


def test_story_credit_box_says_cast_for_a_cast_role_without_a_character(client, make_person, make_film, make_story):
    film = make_film(title="Connescence")
    actor = Credit.objects.create(person=make_person(name="Kevin Bacon"), film=film, role=Credit.Role.ACTOR)
    crew = Credit.objects.create(person=make_person(name="Mike W"), film=film, role=Credit.Role.PRODUCTION_DESIGNER)
    story = make_story(credits=[actor, crew])
    html = client.get(story.get_absolute_url()).content.decode()
    box = html[html.index('class="credits-box"') :]
    assert re.search(r'Kevin Bacon</a>\s*<span class="credit__role">Cast</span>', box)
    assert re.search(r'Mike W</a>\s*<span class="credit__role">Production Designer</span>', box)


def test_actress_and_actor_both_read_as_cast(client, make_person, make_film):
    film = make_film(title="Connescence", slug="connescence")
    kyra = make_person(name="Kyra Sedgwick", slug="kyra-sedgwick")
    Credit.objects.create(person=kyra, film=film, role=Credit.Role.ACTRESS, character="Cynthia")
    Credit.objects.create(person=make_person(name="Kevin Bacon"), film=film, role=Credit.Role.ACTOR)
    person = client.get("/people/kyra-sedgwick/").content.decode()
    assert re.findall(r"<h3>(.*?)</h3>", person) == ["Cast"]
    title = client.get("/titles/connescence/").content.decode()
    cast = title[title.index('id="cast-heading"') :]
    assert 'credit__character">Cynthia<' in cast
    assert "Actress" not in title and "Actor" not in title
