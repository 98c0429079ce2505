"""What a story carries besides its text: its sources as credited, its linked credits, its quotes."""

import reversion
from django.db import models

from films.models import Credit
from people.models import Person

from .taxonomy import Source


class ArticleSourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, source_slug):
        return self.get(article__slug=article_slug, source__slug=source_slug)


@reversion.register()
class ArticleSource(models.Model):
    """How a story credits one of its sources ("reports People magazine")."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="source_links")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="article_links")
    credited_as = models.CharField(
        max_length=300, blank=True, help_text='As the story credits it, e.g. "reports People magazine".'
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = ArticleSourceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "source"], name="article_source_unique")]

    def __str__(self):
        return self.credited_as or str(self.source)

    def natural_key(self):
        return (self.article.slug, self.source.slug)

    natural_key.dependencies = ["articles.article", "articles.source"]


class ArticleCreditQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, film_slug, person_slug, role, character):
        return self.get(
            article__slug=article_slug,
            credit__film__slug=film_slug,
            credit__person__slug=person_slug,
            credit__role=role,
            credit__character=character,
        )


@reversion.register()
class ArticleCredit(models.Model):
    """One of a story's linked credits, in the order the story presents them."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="article_credits")
    credit = models.ForeignKey(Credit, on_delete=models.PROTECT, related_name="article_links")
    position = models.PositiveSmallIntegerField(default=0)

    objects = ArticleCreditQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "linked credit"
        constraints = [models.UniqueConstraint(fields=["article", "credit"], name="article_credit_unique")]

    def __str__(self):
        return str(self.credit)

    def natural_key(self):
        return (self.article.slug, *self.credit.natural_key())

    natural_key.dependencies = ["articles.article", "films.credit"]


class QuoteQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, position):
        return self.get(article__slug=article_slug, position=position)


@reversion.register()
class Quote(models.Model):
    """A quotation the story carries, with who said it and where."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    speakers = models.ManyToManyField(Person, blank=True, related_name="quotes")
    speaker_name = models.CharField(
        max_length=200, blank=True, help_text="When the speaker is not a person in the database (a synopsis, a studio)."
    )
    context = models.CharField(max_length=300, blank=True, help_text='e.g. "in a statement to Deadline".')
    source = models.ForeignKey(Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="quotes")
    position = models.PositiveSmallIntegerField(default=0)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["article", "position"], name="quote_unique_position")]

    def __str__(self):
        return self.text[:80]

    def natural_key(self):
        return (self.article.slug, self.position)

    natural_key.dependencies = ["articles.article"]

    @property
    def attribution(self):
        """Reads the prefetched speakers; the view prefetches them with the quotes."""
        names = [person.name for person in self.speakers.all()]
        return " and ".join(names) if names else self.speaker_name
