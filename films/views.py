from itertools import groupby

from django.apps import apps
from django.db.models import Q
from django.views.generic import DetailView

from .models import Credit, Film


class FilmDetailView(DetailView):
    model = Film
    template_name = "films/film_detail.html"
    context_object_name = "film"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        credits = list(film.credits.select_related("person").order_by("billing", "id"))
        crew_order = {role: index for index, role in enumerate(Credit.Role.values)}
        crew = sorted((c for c in credits if not c.is_cast), key=lambda c: (crew_order[c.role], c.billing, c.id))
        context["cast"] = [c for c in credits if c.is_cast]
        context["crew"] = []
        for _, group in groupby(crew, key=lambda c: c.role):
            group = list(group)
            context["crew"].append((group[0].get_role_display(), group))
        Article = apps.get_model("articles", "Article")
        context["stories"] = (
            Article.objects.public()
            .filter(Q(article_credits__credit__film=film) | Q(linked_films=film))
            .select_related("section")
            .distinct()
            .order_by("-publish_at")[:20]
        )
        return context
