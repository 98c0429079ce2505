"""Times as the newsroom reads and types them: one format, in the newsroom's time zone, to the minute."""

from django.utils import formats, timezone


def newsroom_time(moment):
    """ "Feb 7, 2024, 10:42 EST": how every staff screen and message writes a time (DATETIME_FORMAT)."""
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def to_the_minute(moment):
    """Times are chosen to the minute; seconds typed by hand would be stored but never shown, so drop them."""
    return moment.replace(second=0, microsecond=0) if moment else moment
