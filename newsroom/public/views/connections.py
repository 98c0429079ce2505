"""Connections between people: the chain page (/connections/) and the people autocomplete behind its form."""

import re

from django.http import JsonResponse
from django.shortcuts import render

from articles import connections
from articles.visibility import public_people

SLUG = re.compile(r"[-\w]+")  # anything else (a NUL byte, say) names no one, without asking the database
SUGGESTIONS = 10
MIN_TERM = 2


def connections_page(request):
    """Two people's shortest chains: 1 query (both people by slug); the graph answers from memory.

    ?format=json returns the same answer as JSON.
    """
    wanted = {end: request.GET.get(end, "").strip() for end in ("from", "to")}
    found = {}
    if all(wanted.values()):
        slugs = {slug for slug in wanted.values() if SLUG.fullmatch(slug)}
        people = public_people().filter(slug__in=slugs).only("id", "name", "slug") if slugs else []
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
