"""One chain of shared titles: an inline SVG diagram (every node a link with its own name, readable with no script and
no stylesheet) and the same steps as text, built as one string in Python.

A chain page shows four chains; rendered through an include and the template language, their steps cost the page more
than finding them in the graph.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

ROW = 64  # height of one node's row
BOX = 48  # height of one node's box
WIDTH = 640


def _nodes(chain):
    """(kind, name, detail, url) for each node of the chain, source first."""
    nodes = [("person", chain[0].person.name, "", chain[0].person.url)]
    for step in chain:
        year = f" ({step.title.year})" if step.title.year else ""
        roles = f"{step.person.name}: {step.roles_text[0]} · {step.next_person.name}: {step.roles_text[1]}"
        nodes.append(("title", f"{step.title.name}{year}", roles, step.title.url))
        nodes.append(("person", step.next_person.name, "", step.next_person.url))
    return nodes


@register.simple_tag
def chain_figure(chain, number=1):
    """The figure of chain number `number` on the page: its diagram, then its steps as a list."""
    steps = "".join(
        f'<li><a href="{escape(step.person.url)}">{escape(step.person.name)}</a> ({escape(step.roles_text[0])}) and '
        f'<a href="{escape(step.next_person.url)}">{escape(step.next_person.name)}</a> ({escape(step.roles_text[1])}) '
        f'in <a href="{escape(step.title.url)}"><cite>{escape(step.title.name)}</cite></a>'
        f"{f' ({step.title.year})' if step.title.year else ''}</li>"
        for step in chain
    )
    return mark_safe(  # noqa: S308  (every text in it went through escape())
        f'<figure class="chain">\n  {chain_diagram(chain, number)}\n  <figcaption>\n    <ol class="chain__steps">\n'
        f"      {steps}\n    </ol>\n  </figcaption>\n</figure>\n"
    )


def chain_diagram(chain, number=1):
    """The SVG as one string built in Python: escaping each text once is a fraction of format_html per attribute."""
    nodes = _nodes(chain)
    height = ROW * len(nodes) - (ROW - BOX)
    parts = [
        f'<svg class="chain__diagram" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-labelledby="chain-{number}-title"><title id="chain-{number}-title">Chain {number}: '
        f"{escape(' → '.join(name for _, name, _, _ in nodes))}</title>"
    ]
    middle = WIDTH // 2
    parts += [
        f'<line class="chain__link" x1="{middle}" y1="{ROW * i + BOX}" x2="{middle}" y2="{ROW * (i + 1)}"/>'
        for i in range(len(nodes) - 1)
    ]
    for i, (kind, name, detail, url) in enumerate(nodes):
        label = escape(f"{'Title' if kind == 'title' else 'Person'}: {name}{f' — {detail}' if detail else ''}")
        x, width, tx = (0, WIDTH, 16) if kind == "person" else (40, WIDTH - 80, 56)
        y = ROW * i
        parts.append(
            f'<a href="{escape(url)}" aria-label="{label}"><title>{label}</title>'
            f'<rect class="chain__node chain__node--{kind}" x="{x}" y="{y}" width="{width}" height="{BOX}" rx="8"/>'
            f'<text class="chain__name" x="{tx}" y="{y + (22 if detail else 30)}">{escape(name)}</text>'
            f'<text class="chain__detail" x="{tx}" y="{y + 40}">{escape(detail)}</text></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text in it went through escape())
