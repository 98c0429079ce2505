"""Held-out stories in the seed's scraped style, with their truth: recall and precision of the strong suggestions."""

from . import held_out


def test_held_out_stories_meet_the_recall_and_precision_targets(lookalikes):
    recall, precision = held_out.totals(held_out.story_names())

    assert len(held_out.story_names()) >= 3
    assert recall >= 0.95 and precision >= 0.90, (recall, precision)
