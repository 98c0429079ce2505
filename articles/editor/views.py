"""The Suggested credits panel's endpoints. Both answer JSON, need the right to edit the story (workflow.may_edit)
and are reached through the admin site (staff login, CSRF protection, never cached).

Budget: a constant number of queries whatever the length of the body or the number of credits linked
(the engine's lookups by index, one read of the linked credits; pinned in tests/articles/test_writing_desk.py).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from films.models import Film
from people.models import Person

from .. import workflow
from ..models import Article
from .credits import add_credit
from .suggestions import credit_label, panel


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _story_for_editing(request):
    """The story the form is for (a new one has no id yet); refused unless the user may edit it."""
    pk = _int(request.POST.get("story"))
    story = get_object_or_404(Article.objects.only("pk", "state", "created_by"), pk=pk) if pk else Article()
    if not workflow.may_edit(story, request.user):
        raise PermissionDenied("You may not edit this story.")
    return story


@require_POST
def suggestions(request):
    """The panel's lists for the body as typed and the credits linked in the form right now."""
    story = _story_for_editing(request)
    credit_ids = [pk for pk in map(_int, request.POST.getlist("credits")) if pk]
    return JsonResponse(panel(html=request.POST.get("body", ""), linked_credit_ids=credit_ids, article=story))


@require_POST
def credit(request):
    """Find or make one credit, with a new person and/or title typed in the dialog; answers its id and label."""
    _story_for_editing(request)
    data = request.POST
    person_id, film_id = _int(data.get("person")), _int(data.get("title"))
    try:
        credit = add_credit(
            by=request.user,
            role=data.get("role", ""),
            character=data.get("character", ""),
            person=get_object_or_404(Person, pk=person_id) if person_id else None,
            person_name=data.get("person_name", ""),
            film=get_object_or_404(Film, pk=film_id) if film_id else None,
            title=data.get("title_name", ""),
            year=_int(data.get("year")),
            kind=data.get("kind") if data.get("kind") in Film.Kind.values else None,
        )
    except ValidationError as problem:
        return JsonResponse({"error": " ".join(problem.messages)}, status=400)
    label = credit_label(person=credit.person, film=credit.film, role=credit.role, character=credit.character)
    return JsonResponse({"credit": credit.pk, "label": str(credit), "short_label": label})
