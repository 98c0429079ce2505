"""The front page."""

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.views.generic import TemplateView

from articles.models import Article

from ..structured_data import website


class HomeView(TemplateView):
    """The front page: the newest stories on top, then each section's latest. One query."""

    template_name = "public/home.html"
    top_count = 5
    per_section = 4
    # Sections are ranked among the newest stories only, so the home page costs the same with a million stories.
    recent_count = 500

    def get_context_data(self, **kwargs):
        newest_first = [F("publish_at").desc(), F("id").desc()]
        recent = Article.objects.public().order_by(*newest_first).values("pk")[: self.recent_count]
        stories = list(
            Article.objects.filter(pk__in=recent)
            .select_related("section")
            .annotate(
                overall_rank=Window(RowNumber(), order_by=newest_first),
                section_rank=Window(RowNumber(), partition_by=F("section_id"), order_by=newest_first),
            )
            .filter(Q(overall_rank__lte=self.top_count) | Q(section_rank__lte=self.top_count + self.per_section))
            .order_by("-publish_at", "-id")
        )
        top = [story for story in stories if story.overall_rank <= self.top_count]
        shown = {story.pk for story in top}
        sections = {}
        for story in stories:
            if story.section and story.pk not in shown:
                group = sections.setdefault(story.section, [])
                if len(group) < self.per_section:
                    group.append(story)
        return super().get_context_data(
            lead=top[0] if top else None,
            top_stories=top[1:],
            section_blocks=sorted(sections.items(), key=lambda item: (item[0].position, item[0].name)),
            json_ld=[website()],
            **kwargs,
        )
