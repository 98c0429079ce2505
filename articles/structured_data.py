"""schema.org descriptions of stories, for search engines (JSON-LD)."""

from django.conf import settings


def absolute(url):
    return f"{settings.SITE_URL}{url}"


def person_thing(person):
    thing = {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}
    if person.same_as:
        thing["sameAs"] = person.same_as
    return thing


def film_thing(film):
    thing = {
        "@type": "TVSeries" if film.is_series else "Movie",
        "name": film.title,
        "url": absolute(film.get_absolute_url()),
    }
    if film.same_as:
        thing["sameAs"] = film.same_as
    return thing


def publisher():
    return {"@type": "NewsMediaOrganization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"}


def news_article(story, *, people, films, tags=()):
    authors = [
        {"@type": "Person", "name": author.get_full_name() or author.get_username()} for author in story.authors.all()
    ]
    corrections = list(story.corrections.all())
    # Never before publication (a story edited while scheduled), and moved by every correction.
    modified = max(t for t in (story.updated_at, story.publish_at, *(c.at for c in corrections)) if t)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline[:110],
        "description": story.dek,
        "mainEntityOfPage": absolute(story.get_absolute_url()),
        "url": absolute(story.get_absolute_url()),
        "datePublished": story.publish_at.isoformat() if story.publish_at else None,
        "dateModified": modified.isoformat(),
        "author": authors or [publisher()],
        "publisher": publisher(),
        "about": [person_thing(p) for p in people] + [film_thing(f) for f in films],
    }
    if story.section:
        data["articleSection"] = story.section.name
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": correction.at.isoformat(), "text": correction.note}
            for correction in corrections
        ]
    if story.lead_image:
        data["image"] = [absolute(story.lead_image.url)]
    return data
