"""Turn a raw scraped story into a draft, with credit suggestions for an editor to confirm in the admin."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Section
from articles.story_import import import_story


class Command(BaseCommand):
    help = "Import raw story text (a file, or - for stdin) as a draft story with suggested credits."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Text file of the scraped story; - reads stdin.")
        parser.add_argument("--section", help="Slug of the section the draft goes in.")

    def handle(self, *args, file, section=None, **options):
        if file == "-":
            text, name = sys.stdin.read(), ""
        else:
            path = Path(file)
            try:
                text, name = path.read_text(encoding="utf-8"), path.name
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read {file}: {error}") from None
        chosen = None
        if section:
            chosen = Section.objects.filter(slug=section).first()
            if chosen is None:
                raise CommandError(f"No section with slug {section!r}.")
        try:
            story_import = import_story(text=text, section=chosen, file_name=name)
        except ValueError as error:
            raise CommandError(f"{file}: {error}") from None
        article = story_import.article
        suggestions = list(story_import.suggestions.select_related("person", "film", "credit"))
        self.stdout.write(f"Draft story {article.slug!r}: {article.headline}")
        self.stdout.write(
            f"  dated {article.publish_at:%Y-%m-%d}" if article.publish_at else "  no date found in the text"
        )
        self.stdout.write(f"  sources: {', '.join(str(s) for s in article.source_links.all()) or 'none found'}")
        self.stdout.write(f"  {article.quotes.count()} quotes; {len(suggestions)} credit suggestions to review:")
        for suggestion in suggestions:
            self.stdout.write(f"    {suggestion.position:>2}. {suggestion} ({suggestion.action})")
        self.stdout.write(f"Review them in the admin: /admin/articles/storyimport/{story_import.pk}/change/")
