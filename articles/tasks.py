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
