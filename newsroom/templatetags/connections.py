"""The chain diagram: a chain of shared titles drawn as inline SVG, readable with no script and no stylesheet."""

from django import template
from django.utils.html import format_html, format_html_join

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
def chain_diagram(chain, number=1):
    nodes = _nodes(chain)
    height = ROW * len(nodes) - (ROW - BOX)
    links = format_html_join(
        "",
        '<line class="chain__link" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>',
        ((WIDTH // 2, ROW * i + BOX, ROW * (i + 1)) for i in range(len(nodes) - 1)),
    )
    boxes = format_html_join(
        "",
        '<a href="{url}" aria-label="{label}"><title>{label}</title>'
        '<rect class="chain__node chain__node--{kind}" x="{x}" y="{y}" width="{w}" height="{h}" rx="8"/>'
        '<text class="chain__name" x="{tx}" y="{ty}">{name}</text>'
        '<text class="chain__detail" x="{tx}" y="{dy}">{detail}</text></a>',
        (
            {
                "url": url,
                "label": f"{'Title' if kind == 'title' else 'Person'}: {name}{f' — {detail}' if detail else ''}",
                "kind": kind,
                "x": 0 if kind == "person" else 40,
                "y": ROW * i,
                "w": WIDTH if kind == "person" else WIDTH - 80,
                "h": BOX,
                "tx": 16 if kind == "person" else 56,
                "ty": ROW * i + (22 if detail else 30),
                "dy": ROW * i + 40,
                "name": name,
                "detail": detail,
            }
            for i, (kind, name, detail, url) in enumerate(nodes)
        ),
    )
    summary = " → ".join(name for _, name, _, _ in nodes)
    return format_html(
        '<svg class="chain__diagram" viewBox="0 0 {w} {h}" role="group" aria-labelledby="chain-{n}-title">'
        '<title id="chain-{n}-title">Chain {n}: {summary}</title>{links}{boxes}</svg>',
        w=WIDTH,
        h=height,
        n=number,
        summary=summary,
        links=links,
        boxes=boxes,
    )
