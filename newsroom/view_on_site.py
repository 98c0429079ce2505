"""The admin's "view on site" (/admin/r/<content type>/<id>/), only towards what the user may see.

Django's contenttypes shortcut sends any staff member to any object's public address: a draft story's slug
gives its headline away, and ids can be counted up. Here a story readers cannot see yet redirects only
those who may view it (articles.workflow.may_view); anything else needs a permission on its model. Everyone
else gets the 404 a missing object gets, so the answer tells nothing.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404

from articles import workflow
from articles.models import Article
from core.users import staff_has_perm


def may_follow(user, obj):
    if isinstance(obj, Article):
        return obj.is_public() or workflow.may_view(obj, user)
    opts = obj._meta
    return any(
        staff_has_perm(user, f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    )


def view_on_site(request, content_type_id, object_id):
    try:
        obj = ContentType.objects.get_for_id(content_type_id).get_object_for_this_type(pk=object_id)
    except (ObjectDoesNotExist, ValueError, ValidationError):
        raise Http404("Nothing here.") from None
    if not may_follow(request.user, obj):
        raise Http404("Nothing here.")
    return shortcut(request, content_type_id, object_id)
