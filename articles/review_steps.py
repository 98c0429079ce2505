"""Review steps a section asks for before the desk's approval ("Legal review" by the Legal group).

A story in such a section goes through its steps in order each time it is submitted: a step is pending until one of
its group signs it off after the latest submission. workflow.py asks these questions; it alone moves stories.
"""

from .models import Article, ReviewStep, WorkflowEvent


def steps_of(article):
    """The section's steps in order; read once per story object (the form asks for them several times)."""
    if not article.section_id:
        return []
    known = article.__dict__.get("_review_steps")
    if known is None or known[0] != article.section_id:
        steps = list(ReviewStep.objects.filter(section_id=article.section_id).select_related("group"))
        known = article.__dict__["_review_steps"] = (article.section_id, steps)
    return known[1]


def pending_steps(article):
    """The section's steps not yet signed off since the story was last submitted, in order."""
    steps = steps_of(article)
    if not steps:
        return []
    signed = set()
    events = article.workflow_events.filter(
        action__in=[WorkflowEvent.Action.SUBMIT, WorkflowEvent.Action.SIGN_OFF]
    ).values_list("action", "review_step")
    for action, step_id in events.iterator():  # newest first: everything signed off back to the last submission
        if action == WorkflowEvent.Action.SUBMIT:
            break
        signed.add(step_id)
    return [step for step in steps if step.pk not in signed]


def current_step(article):
    """The step a story in review is waiting for, or None when it is the desk's turn."""
    if article.state != Article.State.IN_REVIEW:
        return None
    pending = pending_steps(article)
    return pending[0] if pending else None


def may_sign_off(user, article):
    step = current_step(article)
    if step is None or not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(pk=step.group_id).exists()


def reviews(user, article):
    """A reviewer reads the stories in review in a section whose steps their group signs off (as for_staff())."""
    if article.state != Article.State.IN_REVIEW:
        return False
    return user.groups.filter(pk__in=[step.group_id for step in steps_of(article)]).exists()
