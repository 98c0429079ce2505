"""The floor: helpers every app builds on (timestamps, slugs, sanitising, image renditions, links, validators, users).

core imports Django and nothing of ours; people, films, articles and the reader's site (newsroom.public) import it.
It is an installed app only so that its template filters ({% load users %}) are found.
"""
