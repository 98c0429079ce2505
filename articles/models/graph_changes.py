from django.db import models


class GraphChange(models.Model):
    """A row the connections graph must re-read: written on every save or delete that can change a public credit.

    Plain integers, not foreign keys: the row a change names may be gone (a deleted credit still changed the graph).
    Workers read the changes since their base graph was built and lay them over it until the next full rebuild.
    """

    at = models.DateTimeField(auto_now_add=True)
    person_id = models.BigIntegerField(null=True, blank=True)
    film_id = models.BigIntegerField(null=True, blank=True)
    article_id = models.BigIntegerField(null=True, blank=True)
    bulk = models.BooleanField(
        default=False, help_text="Rows changed in bulk (no saves to say which): only a full rebuild takes them in."
    )

    class Meta:
        verbose_name = "connections graph change"

    def __str__(self):
        return f"graph change {self.pk}"
