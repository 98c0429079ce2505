"""schema.org JSON-LD for every public page: the site, breadcrumbs, Person, Movie/TVSeries and NewsArticle."""

from django.conf import settings

from articles.models import Article
from core.images import share_images
from core.links import static_url
from core.users import display_name
from films.models import Credit

DEFAULT_IMAGE = "newsroom/share-card.jpg"


def absolute(url):
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def default_image():
    return absolute(static_url(DEFAULT_IMAGE))


def share_images_of(*images):
    """Absolute URLs of the share crops of the first image given that exists, else the site's share card."""
    for image in images:
        if image:
            return [absolute(url) for url in share_images(image)]
    return [default_image()]


def lead_image_named(name):
    """A story's lead image from its stored name alone (a model instance would open the file to measure it)."""
    field = Article._meta.get_field("lead_image")
    return field.attr_class(None, field, name or "")


def publisher():
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "logo": {"@type": "ImageObject", "url": default_image()},
    }


def breadcrumbs(*trail):
    """BreadcrumbList from (name, url) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def website():
    """The site itself, with the search box search engines may offer."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{settings.SITE_URL}/search/?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def person_thing(person):
    thing = {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}
    if person.same_as:
        thing["sameAs"] = person.same_as
    return thing


def person_page(person, *, relationships, images):
    """images: share_images_of() the headshot, else of a story's lead image; search engines want one."""
    data = {"@context": "https://schema.org", **person_thing(person), "image": images}
    if person.bio:
        data["description"] = person.bio
    if person.birth_date:
        data["birthDate"] = person.birth_date.isoformat()
    spouses = [person_thing(partner) for rel, partner in relationships if rel.kind == rel.Kind.SPOUSE]
    if spouses:
        data["spouse"] = spouses
    return data


def film_thing(film):
    thing = {
        "@type": "TVSeries" if film.is_series else "Movie",
        "name": film.title,
        "url": absolute(film.get_absolute_url()),
    }
    if film.same_as:
        thing["sameAs"] = film.same_as
    return thing


def performance(credit):
    role = {"@type": "PerformanceRole", "actor": person_thing(credit.person)}
    if credit.character:
        role["characterName"] = credit.character
    return role


def film_page(film, *, credits, images):
    """images: share_images_of() the poster, else of a story's lead image; Google requires one for a Movie."""
    data = {"@context": "https://schema.org", **film_thing(film), "image": images}
    if film.synopsis:
        data["description"] = film.synopsis
    if film.year:
        data["startDate" if film.is_series else "datePublished"] = str(film.year)
    if film.is_series and film.end_year:
        data["endDate"] = str(film.end_year)
    if film.network:
        data["productionCompany"] = {"@type": "Organization", "name": film.network}
    actors = [performance(c) for c in credits if c.role in (*Credit.ACTING_ROLES, Credit.Role.SELF)]
    if actors:
        data["actor"] = actors
    for role, key in ((Credit.Role.DIRECTOR, "director"), (Credit.Role.CREATOR, "creator")):
        people = [person_thing(c.person) for c in credits if c.role == role]
        if people:
            data[key] = people
    writers = [person_thing(c.person) for c in credits if c.role == Credit.Role.WRITER]
    if writers:
        data.setdefault("creator", []).extend(writers)
    return data


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
        {"@type": "Person", "name": display_name(author)}
        for author in (story.authors.all() if authors is None else authors)
    ]
    corrections = list(story.corrections.shown() if corrections is None else corrections)
    # Never before publication (a story edited while scheduled), and moved by every correction.
    modified = max(t for t in (story.updated_at, story.publish_at, *(c.last_changed for c in corrections)) if t)
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
        "image": share_images_of(story.lead_image),
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
