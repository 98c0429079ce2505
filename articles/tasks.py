"""The stories app's background tasks: notification emails, story-import parsing, connections-graph rebuilds."""

from core.tasks import background

from . import notifications


@background
def send_notifications(*, url, headline, mails):
    """mails: [(address, text), …] about one story; a mail server that is down is tried again later."""
    notifications.send(url, headline, [tuple(mail) for mail in mails])


@background
def rebuild_connections(*, job):
    """articles.connections' full rebuild, on the machine whose worker runs it."""
    from .connections import freshness

    job.update(step="Reading every public credit and writing the arrays", force=True)
    directory = freshness.rebuild()
    return {"directory": str(directory)}


# A text with no story in it fails at once: another attempt would read the same text.
@background(give_up_on=(ValueError,))
def parse_story_import(*, job, story_import_id, section_id=None):
    """Read a long pasted or uploaded story into its draft and suggestions (the import's row already holds the text)."""
    from . import story_import
    from .models import Section, StoryImport

    recorded = StoryImport.objects.select_related("created_by").get(pk=story_import_id)
    if recorded.article_id is None:  # a retry after the reading committed has nothing left to do
        section = Section.objects.filter(pk=section_id).first() if section_id else None
        steps = iter(range(3))
        story_import.parse_into(
            recorded,
            section=section,
            progress=lambda step: job.update(step=step, done=next(steps), total=3, force=True),
        )
    return {"story_import": recorded.pk, "suggestions": recorded.suggestions.count()}
