"""The front page."""

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.views.generic import TemplateView

from articles.models import Article

from .. import cache_tags
from ..prepared import MOMENT, prepared
from ..structured_data import website

TOP_COUNT = 5
PER_SECTION = 4
# Sections are ranked among the newest stories only, so the home page costs the same with a million stories.
RECENT_COUNT = 500


@prepared(at=MOMENT)
def front_page_stories(*, at):
    """The newest stories overall and the newest of each section, newest first."""
    newest_first = [F("publish_at").desc(), F("id").desc()]
    recent = Article.objects.public(at=at).order_by(*newest_first).values("pk")[:RECENT_COUNT]
    return (
        Article.objects.filter(pk__in=recent)
        .select_related("section")
        .annotate(
            overall_rank=Window(RowNumber(), order_by=newest_first),
            section_rank=Window(RowNumber(), partition_by=F("section_id"), order_by=newest_first),
        )
        .filter(Q(overall_rank__lte=TOP_COUNT) | Q(section_rank__lte=TOP_COUNT + PER_SECTION))
        .order_by("-publish_at", "-id")
    )


class HomeView(TemplateView):
    """The front page: the newest stories on top, then each section's latest. One query, compiled once per process."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        stories = front_page_stories(at=timezone.now())
        cache_tags.shows(self.request, cache_tags.STORIES)
        cache_tags.shows_stories(self.request, stories)
        top = [story for story in stories if story.overall_rank <= TOP_COUNT]
        shown = {story.pk for story in top}
        sections = {}
        for story in stories:
            if story.section and story.pk not in shown:
                group = sections.setdefault(story.section, [])
                if len(group) < PER_SECTION:
                    group.append(story)
        return super().get_context_data(
            lead=top[0] if top else None,
            top_stories=top[1:],
            section_blocks=sorted(sections.items(), key=lambda item: (item[0].position, item[0].name)),
            json_ld=[website()],
            **kwargs,
        )
