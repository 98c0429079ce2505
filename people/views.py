from itertools import groupby

from django.apps import apps
from django.db.models import Q
from django.views.generic import DetailView

from .models import Person, Relationship


class PersonDetailView(DetailView):
    model = Person
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        # people knows nothing of films or articles; it reaches them through the reverse relations they add.
        credits = person.credits.select_related("film").order_by("role", "-film__year", "film__title")
        Credit = apps.get_model("films", "Credit")
        role_names = dict(Credit.Role.choices)
        context["filmography"] = [
            (role_names.get(role, role), list(group)) for role, group in groupby(credits, key=lambda c: c.role)
        ]
        context["relationships"] = [
            (rel, rel.partner_of(person))
            for rel in Relationship.objects.involving(person).select_related("person", "other")
        ]
        Article = apps.get_model("articles", "Article")
        context["stories"] = (
            Article.objects.public()
            .filter(Q(article_credits__credit__person=person) | Q(linked_people=person))
            .select_related("section")
            .distinct()
            .order_by("-publish_at")[:20]
        )
        return context
