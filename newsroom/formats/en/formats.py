"""The newsroom's one way of writing a time for staff: "Feb 7, 2024, 10:42 EST" (Django reads this as FORMAT_MODULE_PATH).

Admin lists, read-only fields, messages and history all go through DATETIME_FORMAT (core.times.newsroom_time), so a
time reads the same on the status badge, the desk and the history; seconds are never entered, so never shown.
"""

DATETIME_FORMAT = "M j, Y, H:i T"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
