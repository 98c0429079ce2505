"""The benchmark's database: the seed story plus a story with 16 linked credits (the Wagtail reference's size).

    python -m bench.content        (run by bench/compare.py with its environment: DATABASE_URL, STATIC_ROOT…)

Migrates, loads the seed, adds the 16-credit story and collects static files (the production storage needs
its manifest), then prints the paths the benchmark measures as one JSON line.
"""

import json
import os
from datetime import timedelta

import django


def sixteen_credit_story():
    from django.utils import timezone

    from articles.models import Article, ArticleCredit, Section
    from films.models import Credit, Film
    from people.models import Person

    film = Film.objects.create(title="Bench Picture", slug="bench-picture", year=2024)
    story = Article.objects.create(
        headline="A story with sixteen credits",
        slug="sixteen-credits",
        dek="The size of the reference page.",
        body="".join(f"<p>Paragraph {i} about Person {i} in Bench Picture.</p>" for i in range(20)),
        section=Section.objects.get(slug="movies"),
        state=Article.State.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=1),
    )
    for i in range(16):
        person = Person.objects.create(name=f"Person {i}", slug=f"bench-person-{i}")
        credit = Credit.objects.create(film=film, person=person, character=f"Role {i}", billing=i)
        ArticleCredit.objects.create(article=story, credit=credit, position=i)
    return story


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "connescence", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    story = sixteen_credit_story()
    print(json.dumps({"story": story.get_absolute_url(), "section": story.section.get_absolute_url()}))


if __name__ == "__main__":
    main()
