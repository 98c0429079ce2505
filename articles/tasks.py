"""The stories app's background tasks: notification emails, story-import parsing, connections-graph rebuilds."""

from core.tasks import background

from . import notifications


@background
def send_notifications(*, url, headline, mails):
    """mails: [(address, text), …] about one story; a mail server that is down is tried again later."""
    notifications.send(url, headline, [tuple(mail) for mail in mails])
