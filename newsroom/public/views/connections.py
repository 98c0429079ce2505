"""Connections between people: the chain page (/connections/) and the people autocomplete behind its form."""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from articles import connections
from articles.visibility import public_people

from ..prepared import MOMENT, TEXT, Slot, prepared

SLUG = re.compile(r"[-\w]+")  # anything else (a NUL byte, say) names no one, without asking the database
SUGGESTIONS = 10
MIN_TERM = 2
OTHER_TEXT = Slot("\x1fprepared-other-text\x1f")  # the second slug needs a stand-in of its own


@prepared(at=MOMENT, first=TEXT, second=OTHER_TEXT)
def people_by_slug(*, at, first, second):
    """Both ends of a chain: compiled once per process (the visibility rule costs ms to build), run per request."""
    return public_people(at=at).filter(slug__in=[first, second]).only("id", "name", "slug")


def connections_page(request):
    """Two people's shortest chains: 1 query (both people by slug); the graph answers from memory.

    ?format=json returns the same answer as JSON.
    """
    wanted = {end: request.GET.get(end, "").strip() for end in ("from", "to")}
    found = {}
    if all(wanted.values()):
        slugs = [slug for slug in wanted.values() if SLUG.fullmatch(slug)]
        people = people_by_slug(at=timezone.now(), first=slugs[0], second=slugs[-1]) if slugs else []
        by_slug = {person.slug: person for person in people}
        found = {end: by_slug.get(slug) for end, slug in wanted.items()}
    answer, problems = None, [f"No one on file is called “{wanted[end]}”." for end in found if found[end] is None]
    if found and not problems:
        answer = connections.connect(found["from"], found["to"])
    if request.GET.get("format") == "json":
        status = 400 if problems or not found else 200
        body = answer.as_json() if answer else {"errors": problems or ["Give two people: ?from=<slug>&to=<slug>."]}
        return JsonResponse(body, status=status)
    context = {"wanted": wanted, "answer": answer, "problems": problems}
    return render(request, "public/connections.html", context, status=404 if problems else 200)


def people_suggestions(request):
    """Public people whose name starts with ?q=: 1 query, at most ten names."""
    term = request.GET.get("q", "").replace("\x00", "").strip()
    people = []
    if len(term) >= MIN_TERM:
        people = public_people().filter(name__istartswith=term).order_by("name").values("name", "slug")[:SUGGESTIONS]
    return JsonResponse({"people": list(people)})
