"""Hostile content: HTML in Q&A content renders as GitHub renders it, cleaned: no script runs, no
event handler, style, frame, form or javascript: URL reaches a page, and text shows as written."""

from __future__ import annotations

import html as html_module
from pathlib import Path

import pytest

from ..conftest import ROOT, mkdocs_build
from ..helpers import copy_project, question_pages, soup

# Slow: the hostile content is a site of its own, and a PDF book.
pytestmark = pytest.mark.slow

CONTENT = ROOT / "tests" / "content"


DANGEROUS_TAGS = ("script", "iframe", "form", "input", "button", "object", "embed", "style")


OVERRIDES = ROOT / "overrides"
# What our own templates put into the article: their inline scripts, word for word.
# Anything else of these kinds came from the content.
OUR_SCRIPTS = {
    script.get_text() for template in OVERRIDES.glob("*.html") for script in soup(template).find_all("script")
}


# The controls our pages write themselves (macros/outputs/pages.py, overrides/404.html), each by
# its exact attributes: the answer's keys hint, the glossary's filter box, the 404 page's
# search button.
OUR_CONTROLS = [
    ("button", {"type": "button", "class": ["qa-keys-hint__all"], "data-qa-keys": ""}),
    (
        "input",
        {
            "type": "search",
            "id": "qa-filter",
            "autocomplete": "off",
            "spellcheck": "false",
            "aria-describedby": "qa-filter-count",
        },
    ),
    ("button", {"type": "button", "class": ["qa-ways__button"], "data-qa-search": ""}),
]


def _ours(element) -> bool:
    if element.name == "script":
        return not element.attrs and element.get_text() in OUR_SCRIPTS
    return (element.name, element.attrs) in OUR_CONTROLS


def _dangers(html, page: str) -> list[tuple[str, str]]:
    """Everything in a built page that the content could have smuggled in."""
    found = []
    article = html.select_one("article")
    for element in article.find_all(True) if article is not None else ():
        if _ours(element):
            continue
        for name, value in element.attrs.items():
            if name.startswith("on") or name == "style":
                found.append((page, f"{element.name} {name}"))
            if name in ("href", "src") and str(value).strip().lower().startswith("javascript:"):
                found.append((page, f"{element.name} {name}={value}"))
        checkbox = element.name == "input" and element.get("type") == "checkbox"
        if element.name in DANGEROUS_TAGS and not checkbox:
            found.append((page, element.name))
    for script in html.find_all("script"):
        if "alert(" in script.get_text():
            found.append((page, str(script)[:80]))
    return found


def test_no_script_handler_style_frame_or_form_in_any_built_page(hostile_site: Path):
    found = []
    for page in hostile_site.rglob("*.html"):
        found += _dangers(soup(page), str(page.relative_to(hostile_site)))
    assert found == []


def test_html_renders_as_github_renders_it(hostile_site: Path):
    first = soup(question_pages(hostile_site)[0])
    assert first.h1.get_text().rstrip("¶") == 'Why does "> stay harmless?'
    assert first.h1.img is None  # its data: address goes, and an image without one shows its alt text (none)
    answer = first.select_one("details#answer")
    text = answer.get_text()
    for expected in (
        "It stays harmless:  and  and {{ page.title }} and {# comment #}",  # the script and stray </details> go
        "{% raw %} and & <b>",  # entities are entities, as on GitHub
        "emoji 🚀, RTL שלום עולם",
        "Pneumonoultramicroscopicsilicovolcanoconiosis",
        "<script>alert('code')</script> {{ x }} {% y %} {# z #}",  # code shows as written
        "a styled span",
        "an anchor",
    ):
        assert expected in text, expected
    assert answer.find("b", string="bold") is not None
    assert [a for a in answer.find_all("a") if a.get_text() in ("link", "an anchor")] == []  # their text, no link
    assert answer.find("span", string="a styled span").attrs == {}  # no style, and not the header's class
    assert first.title.get_text().startswith('Why does "> stay harmless?')
    second = soup(question_pages(hostile_site)[1])
    details = second.select_one("details#answer")
    assert details.find("details").summary.get_text() == "An author's own details"  # HTML the author wrote
    assert len(second.select("details#answer")) == 1  # a stray </details> closed nothing of the page's


def test_tooltip_and_glossary_keep_hostile_definitions_as_text(hostile_site: Path):
    first = soup(question_pages(hostile_site)[0])
    link = first.select_one("a.qa-term")
    assert link.get_text() == "widget"
    # Material shows a title as HTML, so the attribute holds the definition as escaped HTML.
    assert html_module.unescape(link["title"]).startswith("A widget \"><img src=x onerror=alert('tooltip')> </details>")
    glossary = soup(hostile_site / "glossary" / "index.html")
    text = glossary.select_one("article").get_text()
    assert "Long text  {{ x }}" in text  # a definition's long text is Markdown content: cleaned the same way
    assert 'widgets "><b>x</b>' in text  # names are plain text


def test_pdf_prints_hostile_content_as_written(tmp_path: Path):
    import subprocess
    import sys

    out = tmp_path / "hostile.pdf"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_pdf.py"),
            "--source",
            str(CONTENT / "hostile.md"),
            "--glossary",
            str(CONTENT / "hostile-glossary.yml"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for expected in (
        "It stays harmless: and and {{ page.title }} and {# comment #}",
        "{% raw %} and & <b>",
        'Why does "> stay harmless?',
        "A widget \"><img src=x onerror=alert('tooltip')> </details> <script>alert('short')</script>",
        "<script>alert('code')</script> {{ x }} {% y %} {# z #}",
    ):
        assert expected in flat, expected
    assert "alert('answer')" not in flat


def test_home_and_key_terms_show_ampersands_and_brackets_once(tmp_path: Path):
    project = tmp_path / "p"
    config = copy_project(project)
    (project / "docs" / "advanced-generative-ai-qa.md").write_text(
        "# Q & A <b>book</b>\n\n## Part A & B\n### 1. Is a & b < c?\n**Answer:** The widget term & more.\n",
        encoding="utf-8",
    )
    (project / "docs" / "glossary.yml").write_text(
        "terms:\n  - term: Widget\n    short: A widget & a <gadget>.\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    result = mkdocs_build(site, config)
    assert result.returncode == 0, result.stderr
    home = " ".join(soup(site / "index.html").select_one("article").get_text(" ").split())
    assert "1. Is a & b < c?" in home
    assert "&amp;" not in home
    question = soup(question_pages(site)[0])
    assert question.select_one(".qa-eyebrow").get_text() == "Question 1 of 1 · Part A & B"
    key_term = question.select_one("h2#key-terms").find_next_sibling("ul").select_one("details.qa-key-term")
    assert key_term.summary.get_text() == "Widget"
    assert key_term.p.get_text() == "Widget: A widget & a <gadget>."
