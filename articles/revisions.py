"""A story's saved revisions (kept by django-reversion): what changed since one of them, and going back to it."""

import difflib
from dataclasses import dataclass

import reversion
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version

from core.times import newsroom_time
from core.users import display_name, staff_has_perm
from films.models import Credit, Film
from people.models import Person

from .models import Article, ArticleCredit, Section, Tag, WorkflowEvent

# The story's content as an editor compares it; workflow fields (state, times) are not content and are never reverted.
COMPARED_FIELDS = [
    "headline",
    "slug",
    "dek",
    "body",
    "section",
    "tags",
    "authors",
    "lead_image",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
    "linked_people",
    "linked_films",
]
WORKFLOW_FIELDS = ["state", "publish_at", "expire_at", "first_published_at", "last_published_at", "created_by"]
RELATED_LABELS = {
    "section": (Section, str),
    "tags": (Tag, str),
    "authors": (get_user_model(), display_name),
    "linked_people": (Person, str),
    "linked_films": (Film, str),
}


@dataclass
class Change:
    label: str
    before: str
    after: str
    diff: str = ""  # HTML with <del>/<ins>, for long text


def versions_of(article):
    return Version.objects.get_for_object(article).select_related("revision__user")


def _values(article):
    values = {}
    for name in COMPARED_FIELDS:
        field = Article._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(obj.pk for obj in getattr(article, name).all())
        else:
            values[name] = getattr(article, field.attname)
    return values


def _version_values(version):
    data = version.field_dict
    values = {}
    for name in COMPARED_FIELDS:
        field = Article._meta.get_field(name)
        value = data.get(field.attname)
        values[name] = sorted(value or []) if field.many_to_many else value
    return values


def _credit_ids(version):
    content_type_versions = version.revision.version_set.get_for_model(ArticleCredit)
    return [v.field_dict["credit_id"] for v in sorted(content_type_versions, key=lambda v: v.field_dict["position"])]


def _labels(name, value, names):
    if name in RELATED_LABELS:
        ids = value if isinstance(value, list) else [value] if value else []
        return ", ".join(names[name].get(pk, f"(deleted #{pk})") for pk in ids) or "—"
    return str(value) if value not in (None, "") else "—"


def word_diff(before, after):
    """The words removed and added between two texts, as HTML."""
    old, new = strip_tags(before).split(), strip_tags(after).split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old[i1:i2])))
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))


def compare(version, article):
    """What differs between a saved revision and the story as it is now, linked credits included."""
    old, new = _version_values(version), _values(article)
    old_credits = _credit_ids(version)
    new_credits = list(article.article_credits.order_by("position", "id").values_list("credit_id", flat=True))
    # One query per kind of related object, whatever the number of them.
    names = {}
    for name, (model, label) in RELATED_LABELS.items():
        ids = set()
        for value in (old[name], new[name]):
            ids.update(value if isinstance(value, list) else [value] if value else [])
        names[name] = {obj.pk: label(obj) for obj in model._default_manager.filter(pk__in=ids)}
    credits = Credit.objects.select_related("person", "film").in_bulk(set(old_credits) | set(new_credits))
    changes = []
    for name in COMPARED_FIELDS:
        if old[name] == new[name] or (not old[name] and not new[name]):
            continue
        label = Article._meta.get_field(name).verbose_name
        before, after = _labels(name, old[name], names), _labels(name, new[name], names)
        diff = word_diff(before, after) if name in ("body", "dek", "headline") else ""
        changes.append(Change(label=label, before=before, after=after, diff=diff))
    credit_changes = {
        "removed": [
            str(credits[pk]) if pk in credits else f"(deleted credit #{pk})"
            for pk in old_credits
            if pk not in new_credits
        ],
        "added": [str(credits[pk]) for pk in new_credits if pk not in old_credits and pk in credits],
        "reordered": old_credits != new_credits and set(old_credits) == set(new_credits),
    }
    return changes, credit_changes


@transaction.atomic
def revert(article, version, *, by):
    """Put the story's content, linked credits, sources and quotes back as they were in a revision.

    Its workflow state and times stay as they are now: reverting a published story's text does not unpublish it.
    """
    if not staff_has_perm(by, "articles.can_edit_any"):
        raise PermissionDenied(f"{by.get_username()} may not revert stories.")
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise PermissionDenied("That revision belongs to another story.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    kept = {name: getattr(article, Article._meta.get_field(name).attname) for name in WORKFLOW_FIELDS}
    with reversion.create_revision():
        version.revision.revert(delete=True)
        restored = Article.objects.get(pk=article.pk)
        for attname, value in kept.items():
            setattr(restored, Article._meta.get_field(attname).attname, value)
        restored.updated_by = by
        restored.save()
        reversion.set_user(by)
        reversion.set_comment(f"Reverted to the revision of {newsroom_time(version.revision.date_created)}.")
    WorkflowEvent.objects.create(
        article=restored,
        action="revert",
        actor=by,
        from_state=restored.state,
        to_state=restored.state,
        comment=f"Reverted to revision #{version.revision_id}.",
    )
    return restored
