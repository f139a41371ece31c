"""The built site: one faithful page per question, closed answers, nothing off-origin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.reading.parser import parse_file

from ..conftest import SEED, mkdocs_build
from ..helpers import copy_project, question_pages, soup

ASSET_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src"}


def test_ten_question_pages_titled_with_the_seed_questions(built_site: Path):
    expected = re.findall(r"^## \d+\. (.+)$", SEED.read_text(encoding="utf-8"), re.MULTILINE)
    pages = question_pages(built_site)
    titles = [soup(p).h1.get_text().rstrip("¶") for p in pages]
    heads = [soup(p).title.get_text().split(" - ")[0] for p in pages]
    assert titles == expected
    assert heads == expected


def test_answer_is_in_a_closed_collapsible_block(built_site: Path):
    offenders = []
    for page in question_pages(built_site):
        details = soup(page).select("article details#answer")
        if len(details) != 1 or details[0].has_attr("open") or details[0].summary.get_text() != "Answer":
            offenders.append(page.parent.name)
    assert offenders == []


def test_every_word_of_every_answer_is_on_its_page(built_site: Path):
    collection = parse_file(SEED)
    missing = {}
    for question, page in zip(collection.questions, question_pages(built_site), strict=True):
        text = soup(page).select_one("article details#answer").get_text(" ")
        words = set(re.findall(r"\w+", question.answer))
        lost = sorted(w for w in words if not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))
        if lost:
            missing[question.number] = lost
    assert missing == {}


def test_pages_have_descriptions_prev_next_and_edit_link(built_site: Path):
    pages = question_pages(built_site)
    problems = []
    for index, page in enumerate(pages):
        html = soup(page)
        description = html.find("meta", attrs={"name": "description"})
        if not description or len(description["content"]) < 40:
            problems.append((page.parent.name, "description"))
        if index > 0 and not html.find("link", rel="prev"):
            problems.append((page.parent.name, "prev"))
        if index < len(pages) - 1 and not html.find("link", rel="next"):
            problems.append((page.parent.name, "next"))
        edit = html.find("a", rel="edit")
        if not edit or not edit["href"].endswith("/docs/advanced-generative-ai-qa.md"):
            problems.append((page.parent.name, "edit"))
    assert problems == []


def test_description_comes_from_the_answer(built_site: Path):
    page = question_pages(built_site)[1]
    content = soup(page).find("meta", attrs={"name": "description"})["content"]
    assert content.startswith("Classifier-free guidance combines the outputs of a conditional")


def test_home_lists_every_question_and_no_dead_study_links(built_site: Path):
    home = soup(built_site / "index.html")
    assert home.h1.get_text().rstrip("¶") == "Advanced Generative AI – 10 Toughest Questions and Answers"
    links = {a["href"].rstrip("/").split("/")[-1] for a in home.select("article a[href]")}
    for page in question_pages(built_site):
        assert page.parent.name in links
    for a in home.select("article a[href]"):
        href = a["href"]
        if not href.startswith(("http", "#")):
            assert (built_site / href.split("#")[0]).exists() or (built_site / href / "index.html").exists(), href


def test_source_document_is_not_a_page_and_404_exists(built_site: Path):
    assert not (built_site / "advanced-generative-ai-qa" / "index.html").exists()
    assert (built_site / "404.html").exists()


def test_no_asset_from_another_origin(built_site: Path):
    offenders = []
    for page in built_site.rglob("*.html"):
        html = soup(page)
        for tag, attr in ASSET_TAGS.items():
            offenders += [
                (page.name, el[attr])
                for el in html.find_all(tag)
                if el.get(attr, "").startswith(("http:", "https:", "//"))
            ]
        for link in html.find_all("link", href=True):
            if link.get("rel") != ["canonical"] and link["href"].startswith(("http:", "https:", "//")):
                offenders.append((page.name, link["href"]))
    assert offenders == []


def test_no_traceback_or_template_error_in_any_page(built_site: Path):
    markers = ("Traceback", "jinja2.exceptions", "UndefinedError", "Macro Syntax Error", "Macro Rendering Error")
    offenders = [
        (str(p.relative_to(built_site)), m)
        for p in built_site.rglob("*.html")
        for m in markers
        if m in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


# Slow: a build of its own.
@pytest.mark.slow
def test_sections_are_pruned_from_other_pages_and_content_stays_literal(tmp_path: Path):
    config = copy_project(tmp_path / "project", glossary=False)
    source = tmp_path / "project" / "docs" / "advanced-generative-ai-qa.md"
    blocks = []
    for number in range(1, 7):
        section = f"## Part {(number - 1) // 3 + 1}\n" if number % 3 == 1 else ""
        blocks.append(
            f"{section}### {number}. Question number {number}?\r\n**Answer:**\r\n"
            f"Literal {{{{ page.title }}}} and {{% if x %}} and $(whoami) here.\r\n\r\n"
            f"```jinja\r\n{{{{ config.site_name }}}}\r\n```\r\n"
        )
    source.write_text("\ufeff# Bigger book\r\n\r\n" + "".join(blocks), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(site, config)
    assert result.returncode == 0, result.stderr
    pages = question_pages(site)
    first = soup(pages[0])
    nav_text = first.select_one("nav.md-nav--primary").get_text(" ")
    assert "Question number 2?" in nav_text
    assert "Question number 5?" not in nav_text  # the other section is pruned
    assert "Part 2" in nav_text
    answer = first.select_one("details#answer").get_text()
    assert "Literal {{ page.title }} and {% if x %} and $(whoami) here." in answer
    assert "{{ config.site_name }}" in answer
    assert first.select_one(".qa-eyebrow").get_text() == "Question 1 of 6 · Part 1"


# Slow: a build of its own.
@pytest.mark.slow
def test_a_defect_stops_the_strict_build_with_file_and_line(tmp_path: Path):
    config = copy_project(tmp_path / "project")
    source = tmp_path / "project" / "docs" / "advanced-generative-ai-qa.md"
    # The seed with the marker of question 3 deleted: the other nine mark their answers.
    seed = SEED.read_text(encoding="utf-8")
    third = seed.index("## 3.")
    source.write_text(seed[:third] + seed[third:].replace("**Answer:**  \n", "", 1), encoding="utf-8")
    line = seed[:third].count("\n") + 1
    site = tmp_path / "site"
    result = mkdocs_build(site, config)
    assert result.returncode == 1
    assert (
        f"docs/advanced-generative-ai-qa.md:{line}: question 3 has no answer marker ('**Answer:**'), unlike the other "
        "questions of this document: what follows it, up to the next question, is taken as its answer" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (site / "index.html").exists()


# Slow: a build of its own.
@pytest.mark.slow
def test_missing_source_in_config_names_the_config_line(tmp_path: Path):
    config = copy_project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("- advanced-generative-ai-qa.md", "- missing.md"), encoding="utf-8")
    line = next(
        n
        for n, text_line in enumerate(config.read_text(encoding="utf-8").splitlines(), 1)
        if "- missing.md" in text_line
    )
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: plugins.qa.sources: source 'missing.md' not found in docs/" in result.stderr
    assert "Traceback" not in result.stderr
