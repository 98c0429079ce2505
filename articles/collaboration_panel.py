"""What the story form's collaboration panel shows: assignment, review steps, the comment thread (one read each)."""

from . import assignment, review_steps
from .models import Assignment, StoryComment
from .workflow import may_view


def panel(story, user):
    steps = review_steps.steps_of(story)
    pending = {step.pk for step in review_steps.pending_steps(story)} if steps else set()
    may_assign = assignment.may_assign(user)
    return {
        "story": story,
        "me": user,
        "assignment": Assignment.objects.filter(article=story).select_related("assignee").first(),
        "may_assign": may_assign,
        "editors": assignment.assignable() if may_assign else [],
        "steps": [(step, step.pk in pending) for step in steps],
        "comments": list(story.comments.select_related("author", "resolved_by")),
        "may_comment": may_view(story, user),
        "fields": StoryComment.Field.choices,
        "credits": list(story.article_credits.select_related("credit__person", "credit__film")),
    }
