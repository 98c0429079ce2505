"""The story form's Claim check panel, read after the form: the form appears without waiting for the check.

The form holds a link to this screen; articles/static/articles/admin/claim_check.js puts the panel in its place
once the form has loaded. Without scripts the link opens the same panel as a page of its own.
"""

from django.template.response import TemplateResponse

from ..connections import claims


def claim_check_view(model_admin, request, pk):
    story = model_admin.get_story_or_404(request, pk)
    context = {"claim_check": claims.check_story(story)}
    if request.GET.get("panel"):
        return TemplateResponse(request, "admin/articles/article/claim_check.html", context)
    return model_admin.render_screen(request, story, "claim_check_page.html", **context)
