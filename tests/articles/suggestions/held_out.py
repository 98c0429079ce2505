"""Recall and precision of the strong suggestions on the held-out stories in stories/ (written after the engine,
not tuned on): shared by the test and `python -m tests.articles.suggestions.held_out`-style reporting."""

import json
from pathlib import Path

from articles.story_text import parse_story
from articles.suggestions import suggest

STORIES = Path(__file__).resolve().parent / "stories"


def story_names():
    return sorted(path.stem for path in STORIES.glob("*.txt"))


def score(name):
    parsed = parse_story((STORIES / f"{name}.txt").read_text(encoding="utf-8"))
    truth = {tuple(credit) for credit in json.loads((STORIES / f"{name}.truth.json").read_text())["credits"]}
    found = suggest(parsed.text, on=parsed.dateline)
    suggested = {(s.film.slug, s.person.slug, s.role, s.character) for s in found.strong}
    return truth, suggested


def totals(names):
    hits = wanted = made = 0
    for name in names:
        truth, suggested = score(name)
        hits, wanted, made = hits + len(truth & suggested), wanted + len(truth), made + len(suggested)
    return hits / wanted, hits / made if made else 1.0
