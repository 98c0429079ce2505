"""The layers point one way: core ← people ← films ← articles ← newsroom (the project and the reader's site).

Each app may import, and name by string (apps.get_model, URL names, template paths), only the layers below it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core", "people", "films", "articles", "newsroom"]
OURS = set(LAYERS)
# "articles" as a name in a string: get_model("articles", ...), "articles.Article", "articles:detail", "articles/x.html".
NAMED_IN_A_STRING = {name: re.compile(rf"""["']{name}(["'.:/]|$)""") for name in LAYERS}


def modules_of(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_apps(path):
    """Our top-level packages a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & OURS


def named_apps(path):
    """Our apps a module or template names in a string literal."""
    text = path.read_text()
    if path.suffix == ".py":
        strings = [
            node.value
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        text = "\n".join(f'"{s}"' for s in strings)
    return {name for name, pattern in NAMED_IN_A_STRING.items() if pattern.search(text)}


def above(app):
    return set(LAYERS[LAYERS.index(app) + 1 :])


@pytest.mark.parametrize("app", LAYERS[:-1])
def test_no_module_imports_a_layer_above_its_own(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & above(app))
        for path in modules_of(app)
        if imported_apps(path) & above(app)
    }
    assert offenders == {}


@pytest.mark.parametrize("app", ["people", "films"])
def test_people_and_films_never_name_articles_or_the_site(app):
    files = [*modules_of(app), *(ROOT / app).rglob("*.html")]
    offenders = {str(path.relative_to(ROOT)) for path in files if named_apps(path) & {"articles", "newsroom"}}
    assert offenders == set()


def test_people_and_films_have_no_public_pages():
    """Their pages belong to the reader's site (newsroom/public/)."""
    for app in ("people", "films"):
        assert not (ROOT / app / "views.py").exists()
        assert not (ROOT / app / "urls.py").exists()
        assert not list((ROOT / app).rglob("templates/**/*.html"))


def test_the_layering_check_catches_a_backward_import_and_a_backward_string(tmp_path):
    module = tmp_path / "leak.py"
    module.write_text('from articles.models import Article\nArticle = apps.get_model("articles", "Article")\n')
    assert imported_apps(module) == {"articles"}
    assert named_apps(module) == {"articles"}
