"""IMDb's "actress" is a role of its own, and everywhere the site splits cast from crew it is cast."""

import json
import re

from films.models import Credit, Film

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_an_actress_is_cast_and_reads_as_playing_her_character(seed):
    cynthia = Credit.objects.select_related("person", "film").get(character="Cynthia")
    cynthia.role = Credit.Role.ACTRESS
    cynthia.save()

    assert cynthia.is_cast
    assert str(cynthia) == "Kyra Sedgwick as Cynthia in Connescence"


def test_title_page_lists_an_actress_in_the_cast_and_as_an_actor_in_structured_data(client, seed):
    Credit.objects.filter(person__name="Kyra Sedgwick").update(role=Credit.Role.ACTRESS)
    woodsman = Film.objects.get(title="The Woodsman")  # where her credit names no character

    page = client.get(woodsman.get_absolute_url()).content.decode()

    cast = page[page.index('id="cast-heading"') : page.index("</ol>", page.index('id="cast-heading"'))]
    assert "Kyra Sedgwick" in cast and "Actress" not in page
    movie = next(block for block in map(json.loads, JSON_LD.findall(page)) if block.get("@type") == "Movie")
    assert "Kyra Sedgwick" in {role["actor"]["name"] for role in movie["actor"]}
