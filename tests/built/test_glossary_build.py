"""Glossary on the built site: links, key terms, "Appears in", tags, validation in the build."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from ..conftest import mkdocs_build
from ..helpers import copy_project, question_pages, soup


def glossary_ids(site: Path) -> set[str]:
    return {el["id"] for el in soup(site / "glossary" / "index.html").select("article [id]")}


def term_of(href: str) -> str | None:
    path, _, anchor = href.partition("#")
    return anchor if path.rstrip("/").endswith("glossary") else None


def test_every_question_page_links_at_least_two_terms_inline(built_site: Path):
    counts = {p.parent.name: len(soup(p).select("details#answer a.qa-term")) for p in question_pages(built_site)}
    assert {name: n for name, n in counts.items() if n < 2} == {}


def test_every_glossary_link_target_exists(built_site: Path):
    ids = glossary_ids(built_site)
    broken = []
    for page in question_pages(built_site):
        for a in soup(page).select("article a[href]"):
            anchor = term_of(a["href"])
            if anchor is not None and anchor not in ids:
                broken.append((page.parent.name, a["href"]))
    assert broken == []


def test_tooltips_carry_the_short_definition(built_site: Path):
    page = soup(question_pages(built_site)[3])
    links = page.select("a.qa-term")
    assert all(a.get("title") for a in links)
    elbo = next(a for a in links if a["href"].endswith("#evidence-lower-bound"))
    assert elbo.get_text() == "ELBO (Evidence Lower Bound)"
    assert elbo["title"].startswith("A tractable lower bound on the log-likelihood")


def test_appears_in_matches_the_pages_that_link(built_site: Path):
    linked_from: dict[str, set[str]] = defaultdict(set)
    for page in question_pages(built_site):
        html = soup(page)
        inline = {term_of(a["href"]) for a in html.select("details#answer a.qa-term")}
        key_terms = {term_of(a["href"]) for a in html.select("h2#key-terms + ul a")}
        assert inline <= key_terms, page.parent.name  # every linked term is listed under "Key terms"
        for anchor in key_terms:
            linked_from[anchor].add(page.parent.name)
    glossary = soup(built_site / "glossary" / "index.html")
    appears: dict[str, set[str]] = {}
    for heading in glossary.select("article h3[id]"):
        facts = heading.find_next_sibling("div", class_="qa-facts")
        links = facts.select(".qa-appears li a") if facts else []
        appears[heading["id"]] = {a["href"].rstrip("/").split("/")[-1] for a in links}
    assert appears == dict(linked_from)


def test_glossary_is_alphabetical_with_a_working_letter_bar(built_site: Path):
    glossary = soup(built_site / "glossary" / "index.html")
    names = [h.get_text().rstrip("¶") for h in glossary.select("article h3")]
    assert len(names) >= 40
    assert names == sorted(names, key=str.casefold)
    ids = glossary_ids(built_site)
    assert [a["href"][1:] for a in glossary.select(".qa-az a") if a["href"][1:] not in ids] == []
    assert glossary.select("a.qa-term") == []  # no term links to itself on the glossary page


def test_glossary_permalinks_are_named_without_a_tooltip_each(built_site: Path):
    # One tooltip per term heading blocked a phone's main thread at load; the name stays.
    permalinks = soup(built_site / "glossary" / "index.html").select("article a.headerlink")
    assert len(permalinks) >= 40
    assert [a for a in permalinks if a.get("title") or a.get("aria-label") != "Permanent link"] == []
    # Other pages keep Material's tooltip on their few permalinks.
    question = soup(question_pages(built_site)[0])
    assert [a.get("title") for a in question.select("article a.headerlink")][:1] == ["Permanent link"]


def test_questions_carry_topics_and_the_tags_page_lists_them(built_site: Path):
    untagged = [p.parent.name for p in question_pages(built_site) if not soup(p).select(".md-tags .md-tag")]
    assert untagged == []
    tags_page = soup(built_site / "tags" / "index.html")
    listed = {a["href"].rstrip("/").split("/")[-1] for a in tags_page.select("article li a")}
    assert {p.parent.name for p in question_pages(built_site)} <= listed


# Slow: a build of its own.
@pytest.mark.slow
def test_bad_glossary_stops_the_build(tmp_path: Path):
    config = copy_project(tmp_path / "project")
    glossary = tmp_path / "project" / "docs" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text + "\n  - term: Mamba\n    short: again\n", encoding="utf-8")
    line = len(text.splitlines()) + 2
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 1
    assert f"docs/glossary.yml:{line}: term 'Mamba' of 'Mamba' is already defined by 'Mamba'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# Slow: a build of its own.
@pytest.mark.slow
def test_unused_term_is_a_warning_that_strict_mode_stops(tmp_path: Path):
    config = copy_project(tmp_path / "project")
    glossary = tmp_path / "project" / "docs" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text + "\n  - term: Quantum annealing\n    short: Not in any answer.\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 1
    assert "docs/glossary.yml:" in result.stderr
    assert "term 'Quantum annealing' appears in no question" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists(), "strict mode stops before a page is written"
