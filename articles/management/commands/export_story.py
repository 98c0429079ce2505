"""Write one story and everything it links as a natural-key fixture, for loaddata into another Newsroom."""

from django.core.management.base import BaseCommand, CommandError

from articles.bundles import export_story
from articles.models import Article


class Command(BaseCommand):
    help = "Export a story with its credits, people, titles, relationships, section, tags, sources and quotes."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The story's slug.")
        parser.add_argument("-o", "--output", help="File to write (default: stdout).")

    def handle(self, *args, slug, output=None, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No story with slug {slug!r}.")
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                count = export_story(article, stream=stream)
            self.stderr.write(f"Wrote {count} objects to {output}.")
        else:
            export_story(article, stream=self.stdout)
