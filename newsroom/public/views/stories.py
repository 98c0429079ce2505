"""Story pages: the public page at its dated address, and previews of stories not yet public."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from articles import connections, previews, workflow
from articles.models import Article
from core.sanitize import sanitize_html

from .. import cache_tags, conditional, story_page, structured_data
from ..linking import link_story_body
from ..prepared import MOMENT, TEXT, prepared


@prepared(at=MOMENT, slug=TEXT)
def public_story(*, at, slug):
    return Article.objects.public(at=at).select_related("section").filter(slug=slug)


def story_page_queryset():
    """A story with its section; story_page_context() reads the rest in a fixed number of queries."""
    return Article.objects.select_related("section")


class ArticleDetailView(DetailView):
    """A story: 6 queries (story with section, credits with people and titles, sources, byline, corrections, labels)."""

    template_name = "public/story.html"
    context_object_name = "story"

    def get_object(self, queryset=None):
        found = public_story(at=timezone.now(), slug=self.kwargs["slug"])
        if not found:
            raise Http404("No story here.")
        return found[0]

    def get(self, request, *args, **kwargs):
        self.object = story = self.get_object()
        # A story reached by an old or mistyped date lives at its one canonical address.
        if request.path != story.get_absolute_url():
            return redirect(story.get_absolute_url(), permanent=True)
        page = story_page_context(story)
        cache_tags.shows(
            request,
            cache_tags.story(story.pk),
            f"section-{story.section_id}" if story.section_id else None,
            *(f"tag-{tag.pk}" for tag in page["tags"]),
            *(f"source-{link.source.pk}" for link in page["source_links"]),
            *(cache_tags.person(person.pk) for person in page["story_people"]),
            *(cache_tags.title(film.pk) for film in page["story_films"]),
            # The Worked together box names titles beyond the story's own: renaming one refreshes the page.
            *(cache_tags.title(shared.title.pk) for pair in page["worked_together"] for shared in pair.titles),
        )
        # The page changes when the story, a correction, or any person or title it shows is edited;
        # a 304 skips the rendering.
        shown = [*page["story_people"], *page["story_films"]]
        return conditional.respond(
            request,
            last_modified=conditional.newest(
                story.updated_at,
                story.publish_at,
                *(correction.last_changed for correction in page["corrections"]),
                *(thing.updated_at for thing in shown),
            ),
            key=f"story:{story.pk}",
            render=lambda: self.render_to_response(self.get_context_data(object=story, **page)),
        )


def story_page_context(story):
    """Everything the story template shows, for the public page and for previews alike."""
    context = {"story": story, **story_page.read(story)}
    context["body"] = mark_safe(
        link_story_body(sanitize_html(story.body), people=context["story_people"], titles=context["story_films"])
    )
    context["json_ld"] = [
        structured_data.news_article(
            story,
            about_people=context["credited_people"],
            about_films=context["credited_films"],
            mentioned_people=context["linked_people"],
            mentioned_films=context["linked_films"],
            tags=context["tags"],
            authors=context["authors"],
            corrections=context["corrections"],
        ),
        structured_data.story_breadcrumbs(story),
    ]
    context["share_image"] = context["json_ld"][0]["image"][0]
    context["worked_together"] = connections.story_pairs(context["story_people"])
    return context


def render_preview(request, story):
    """A story as readers would see it, for someone allowed to see it early; never indexed."""
    context = {"object": story, "preview": True, **story_page_context(story)}
    response = TemplateResponse(request, "public/story.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_preview(request, pk, token):
    """A shareable preview link: works for its one story until it expires or is revoked."""
    link = previews.open_link(pk=pk, token=token)
    if link is None:
        raise Http404("This preview link is not valid (expired, revoked or for another story).")
    story = get_object_or_404(story_page_queryset(), pk=pk)
    previews.record_use(link)
    return render_preview(request, story)


def staff_preview(request, pk):
    """The saved story as readers would see it, for a staff member who may see that story."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    story = get_object_or_404(story_page_queryset(), pk=pk)
    if not workflow.may_view(story, request.user):
        raise Http404("No story here that you may see.")  # a 403 would confirm the story exists
    return render_preview(request, story)
