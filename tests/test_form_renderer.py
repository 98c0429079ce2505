"""Form widgets are drawn by Jinja2 from Django's own templates for it: the same markup, in less time."""

import re

from django.forms.renderers import get_default_renderer
from django.test.html import parse_html

from core.form_renderer import WidgetsByJinja2

PER_REQUEST = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+')


def page(client, url):
    """The page as a document (entities and blank lines normalised), without its per-request tokens."""
    return parse_html(PER_REQUEST.sub(r"\1", client.get(url).content.decode()))


def test_the_story_form_is_the_same_document_as_with_djangos_template_engine(admin_client, seed, settings):
    assert isinstance(get_default_renderer(), WidgetsByJinja2)
    urls = [f"/admin/articles/article/{seed.pk}/change/", "/admin/articles/article/add/"]
    by_jinja2 = [page(admin_client, url) for url in urls]
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    assert [page(admin_client, url) for url in urls] == by_jinja2


def test_admin_widget_templates_stay_with_djangos_engine():
    renderer = WidgetsByJinja2()
    select = renderer.get_template("django/forms/widgets/select.html")
    wrapper = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert type(select).__module__ == "django.template.backends.jinja2"
    assert type(wrapper).__module__ == "django.template.backends.django"
