"""schema.org descriptions of stories, for search engines (JSON-LD): NewsArticle and its BreadcrumbList."""

from core.images import share_images
from films.structured_data import film_thing
from newsroom.structured_data import absolute, breadcrumbs, default_image, publisher
from people.structured_data import person_thing


def news_article(
    story,
    *,
    about_people,
    about_films,
    mentioned_people=(),
    mentioned_films=(),
    tags=(),
    authors=None,
    corrections=None,
):
    """Credited people and titles are what the story is about; direct links without a credit are mentions.

    authors and corrections default to the story's own (one query each).
    """
    url = absolute(story.get_absolute_url())
    authors = [
        {"@type": "Person", "name": author.get_full_name() or author.get_username()}
        for author in (story.authors.all() if authors is None else authors)
    ]
    corrections = list(story.corrections.all() if corrections is None else corrections)
    # Never before publication (a story edited while scheduled), and moved by every correction.
    modified = max(t for t in (story.updated_at, story.publish_at, *(c.at for c in corrections)) if t)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline[:110],
        "description": story.dek,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": story.publish_at.isoformat() if story.publish_at else None,
        "dateModified": modified.isoformat(),
        "author": authors or [publisher()],
        "publisher": publisher(),
        "image": [absolute(url) for url in share_images(story.lead_image)] if story.lead_image else [default_image()],
        "inLanguage": "en",
        "isAccessibleForFree": True,
    }
    about = [person_thing(p) for p in about_people] + [film_thing(f) for f in about_films]
    mentions = [person_thing(p) for p in mentioned_people] + [film_thing(f) for f in mentioned_films]
    if about:
        data["about"] = about
    if mentions:
        data["mentions"] = mentions
    if story.section:
        data["articleSection"] = story.section.name
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": correction.at.isoformat(), "text": correction.note}
            for correction in corrections
        ]
    return data


def story_breadcrumbs(story):
    trail = [("Home", "/")]
    if story.section:
        trail.append((story.section.name, story.section.get_absolute_url()))
    trail.append((story.headline, story.get_absolute_url()))
    return breadcrumbs(*trail)
