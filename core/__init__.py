"""The floor: helpers every app builds on (timestamps, slugs, sanitising, image renditions, links, validators).

core imports Django and nothing of ours; people, films, articles and the reader's site (newsroom.public) import it.
"""
