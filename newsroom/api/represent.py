"""Stories, people, titles and credits as the API shows them: plain dicts, every URL absolute (SITE_URL).

Each function reads only what its caller loaded (select_related / prefetch_related next to the query), so a
list costs the same queries whatever its length.
"""

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.http import urlencode

from core import images
from core.users import display_name

_SHAPES = {}


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def api_url(name, **kwargs):
    """An API address, its shape worked out once per route (lists name hundreds of them)."""
    (argument,) = kwargs
    key = (name, argument, get_script_prefix())
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES[key] = reverse(f"api:{name}", kwargs={argument: "0ARG0"}).replace("0ARG0", "{}", 1)
    return absolute(shape.format(kwargs[argument]))


def stories_url(**filters):
    return absolute(f"{reverse('api:stories')}?{urlencode(filters)}")


def image(field, *, alt, caption="", credit=""):
    if not field:
        return None
    width, height = images.dimensions(field)
    renditions = (
        [
            {"url": images.rendition_url(field, images.SPECS[(step, key)]), "width": actual, "type": mime}
            for step, actual in images.rendition_steps(field)
            for key, (_, mime) in images.FORMATS.items()
        ]
        if images.renditions_made(field)
        else []
    )  # not cut yet: the original's url serves meanwhile
    return {
        "url": absolute_media(field.url),
        "width": width,
        "height": height,
        "alt": alt,
        "caption": caption,
        "credit": credit,
        "renditions": [{**r, "url": absolute_media(r["url"])} for r in renditions],
        "share": [absolute_media(url) for url in images.share_images(field)],
    }


def absolute_media(url):
    return url if url.startswith(("http://", "https://")) else absolute(url)


def section_ref(section):
    if section is None:
        return None
    return {
        "slug": section.slug,
        "name": section.name,
        "url": absolute(section.get_absolute_url()),
        "stories_url": stories_url(section=section.slug),
    }


def section(section):
    return {**section_ref(section), "description": section.description}


def tag(tag):
    return {
        "slug": tag.slug,
        "name": tag.name,
        "url": absolute(tag.get_absolute_url()),
        "stories_url": stories_url(tag=tag.slug),
    }


def person_ref(person):
    return {
        "id": person.pk,
        "slug": person.slug,
        "name": person.name,
        "url": absolute(person.get_absolute_url()),
        "api_url": api_url("person", slug=person.slug),
    }


def title_ref(film):
    return {
        "id": film.pk,
        "slug": film.slug,
        "title": film.title,
        "kind": film.kind,
        "year": film.year,
        "url": absolute(film.get_absolute_url()),
        "api_url": api_url("title", slug=film.slug),
    }


def _credit_fields(credit):
    return {
        "id": credit.pk,
        "api_url": api_url("credit", credit_id=credit.pk),
        "role": credit.role,
        "role_label": credit.get_role_display(),
        "character": credit.character,
        "billing": credit.billing,
    }


def credit(credit):
    """A credit with its person and title (both loaded with it)."""
    return {**_credit_fields(credit), "person": person_ref(credit.person), "title": title_ref(credit.film)}


def person_summary(person):
    return {
        **person_ref(person),
        "stories_url": stories_url(person=person.slug),
        "imdb_id": person.imdb_id,
        "wikidata_id": person.wikidata_id,
    }


def person(person, *, credits, relationships):
    """credits: the person's public credits with their titles; relationships: (relationship, the other person)."""
    return {
        **person_summary(person),
        "birth_date": person.birth_date,
        "bio": person.bio,
        "headshot": image(person.headshot, alt=person.headshot_alt, credit=person.headshot_credit),
        "credits": [{**_credit_fields(c), "title": title_ref(c.film)} for c in credits],
        "relationships": [
            {
                "kind": rel.kind,
                "kind_label": rel.get_kind_display(),
                "person": person_ref(other),
                "since": rel.since,
                "since_precision": rel.since_precision,
                "until": rel.until,
            }
            for rel, other in relationships
        ],
    }


def title_summary(film):
    return {
        **title_ref(film),
        "stories_url": stories_url(title=film.slug),
        "imdb_id": film.imdb_id,
        "wikidata_id": film.wikidata_id,
    }


def title(film, *, credits):
    """credits: the title's public credits with their people, in the order shown."""
    return {
        **title_summary(film),
        "end_year": film.end_year,
        "release_status": film.release_status,
        "synopsis": film.synopsis,
        "network": film.network,
        "poster": image(film.poster, alt=film.poster_alt, credit=film.poster_credit),
        "credits": [{**_credit_fields(c), "person": person_ref(c.person)} for c in credits],
    }


def story_summary(story, *, tags, authors):
    return {
        "id": story.pk,
        "slug": story.slug,
        "headline": story.headline,
        "dek": story.dek,
        "url": absolute(story.get_absolute_url()),
        "api_url": api_url("story", slug=story.slug),
        "section": section_ref(story.section),
        "tags": [tag(t) for t in tags],
        "bylines": [{"name": display_name(user)} for user in authors],
        "published_at": story.publish_at,
        "first_published_at": story.first_published_at,
        "updated_at": story.updated_at,
        "lead_image": image(
            story.lead_image,
            alt=story.lead_image_alt,
            caption=story.lead_image_caption,
            credit=story.lead_image_credit,
        ),
    }


def story(story, *, page, body_html, quotes):
    """page: newsroom.public.story_page.read(story); quotes with their speakers and sources loaded."""
    return {
        **story_summary(story, tags=page["tags"], authors=page["authors"]),
        "body_html": body_html,
        "sources": [
            {
                "name": link.source.name,
                "slug": link.source.slug,
                "kind": link.source.kind,
                "homepage": link.source.url,
                "credited_as": link.credited_as,
            }
            for link in page["source_links"]
        ],
        "credits": [credit(c) for c in page["credits"]],
        "people": [person_ref(p) for p in page["linked_people"]],
        "titles": [title_ref(f) for f in page["linked_films"]],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.attribution,
                "context": q.context,
                "source": q.source.name if q.source else None,
            }
            for q in quotes
        ],
        "corrections": [{"note": c.note, "at": c.at} for c in page["corrections"]],
    }
