"""Question, home, glossary, Topics and 404 pages as built for studying: nothing outside the
answer gives it away, the search index previews questions and finds answers and glossary
entries once each."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.reading.glossary import load_glossary
from macros.reading.parser import parse_file

from ..conftest import ROOT, SEED, mkdocs_build
from ..helpers import copy_project, question_pages, soup

GLOSSARY = load_glossary(ROOT / "docs" / "glossary.yml")


def words(text: str) -> str:
    return " ".join(text.split())


def search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def outside_the_answer(page: BeautifulSoup) -> str:
    """The text of a question page's article that stays visible with the answer closed."""
    article = BeautifulSoup(str(page.select_one("article")), "html.parser")
    for hidden in article.select("details#answer, [hidden]"):
        hidden.decompose()
    return words(article.get_text(" "))


# --------------------------------------------------------------------------- question pages


def test_key_terms_and_topics_are_inside_the_answer_and_nothing_outside_defines_a_term(built_site: Path):
    leaks = []
    for path in question_pages(built_site):
        page = soup(path)
        details = page.select_one("article details#answer")
        key_terms = details.select("h2#key-terms + ul li")
        assert key_terms, path.parent.name
        assert details.select_one(".qa-topics"), path.parent.name
        outside = outside_the_answer(page)
        for item in key_terms:
            definition = words(item.get_text()).split(": ", 1)[1]
            if definition in outside:
                leaks.append((path.parent.name, definition[:40]))
        for topic in details.select(".qa-topics a"):
            if topic.get_text() in {t.get_text() for t in page.select("article .md-tags:not([hidden]) .md-tag")}:
                leaks.append((path.parent.name, topic.get_text()))
    assert leaks == []


def test_key_terms_are_not_in_the_table_of_contents(built_site: Path):
    for path in question_pages(built_site):
        toc = soup(path).select_one("nav.md-nav--secondary")
        entries = [words(a.get_text()) for a in toc.select("a")] if toc else []
        assert "Key terms" not in entries, path.parent.name
        assert entries in ([], ["Related questions"]), entries


def test_material_tag_chips_are_hidden_and_topic_links_go_to_their_topic(built_site: Path):
    ids = {el["id"] for el in soup(built_site / "tags" / "index.html").select("article [id]")}
    for path in question_pages(built_site):
        page = soup(path)
        chips = page.select_one("article nav.md-tags")
        assert chips.has_attr("hidden"), path.parent.name
        topics = page.select("details#answer .qa-topics a")
        assert [a["href"] for a in topics] == [a["href"] for a in chips.select("a.md-tag")]
        for link in topics:
            target, _, anchor = link["href"].partition("#")
            assert target.rstrip("/").endswith("tags"), link["href"]
            assert anchor in ids, link["href"]


def test_every_question_page_has_related_questions(built_site: Path):
    lonely = [p.parent.name for p in question_pages(built_site) if not soup(p).select("#related-questions + ul a")]
    assert lonely == []


# --------------------------------------------------------------------------- search index


def test_a_question_is_one_index_entry_that_previews_the_question_and_finds_the_answer(built_site: Path):
    index = search_index(built_site)
    assert index["config"]["fields"]["answer"] == index["config"]["fields"]["text"]
    collection = parse_file(SEED)
    for question, path in zip(collection.questions, question_pages(built_site), strict=True):
        location = str(path.parent.relative_to(built_site)) + "/"
        entries = [e for e in index["docs"] if e["location"].split("#")[0] == location]
        assert len(entries) == 1, location
        entry = entries[0]
        shown = entry["title"] + " " + entry["text"]
        answer_words = set(re.findall(r"[A-Za-z]{5,}", question.answer)) - set(
            re.findall(r"[A-Za-z]{5,}", question.text)
        )
        leaked = [w for w in answer_words if re.search(rf"\b{w}\b", shown)]
        assert leaked == [], location  # the preview gives nothing away
        found = words(BeautifulSoup(entry["answer"], "html.parser").get_text())
        assert [w for w in answer_words if w not in found] == [], location  # and search finds every word
        assert "tags" not in entry  # no topic chips under the result: they come from the answer's terms
        assert entry["topics"]


def test_each_definition_is_in_the_search_index_once_on_its_glossary_entry(built_site: Path):
    index = search_index(built_site)
    fields = [
        (e["location"], words(BeautifulSoup(e.get("text", "") + " " + e.get("answer", ""), "html.parser").get_text()))
        for e in index["docs"]
    ]
    wrong = {}
    for term in GLOSSARY.terms.values():
        where = [location for location, text in fields if term.short in text]
        if where != [f"glossary/#{term.id}"]:
            wrong[term.id] = where
    assert wrong == {}


def test_glossary_entries_are_indexed_without_letters_related_terms_or_question_titles(built_site: Path):
    index = search_index(built_site)
    glossary = [e for e in index["docs"] if e["location"].startswith("glossary/")]
    assert sorted(e["location"] for e in glossary) == sorted(
        ["glossary/"] + [f"glossary/#{term_id}" for term_id in GLOSSARY.terms]
    )
    titles = [q.text for q in parse_file(SEED).questions]
    for entry in glossary:
        assert "Appears in" not in entry["text"], entry["location"]
        assert "Related:" not in entry["text"], entry["location"]
        assert [t for t in titles if t in entry["text"]] == [], entry["location"]
    kl = next(e for e in glossary if e["location"] == "glossary/#kl-divergence")
    assert kl["title"] == "KL divergence"
    assert "Kullback-Leibler" in kl["text"]


def test_home_question_list_is_left_out_of_the_index(built_site: Path):
    home = next(e for e in search_index(built_site)["docs"] if e["location"] == "")
    titles = [q.text for q in parse_file(SEED).questions]
    assert [t for t in titles if t in home["text"]] == []


# --------------------------------------------------------------------------- glossary page


def test_appears_in_lists_each_question_on_a_line_of_its_own(built_site: Path):
    page = soup(built_site / "glossary" / "index.html")
    facts = words(" ".join(div.get_text(" ") for div in page.select(".qa-facts")))
    assert re.search(r"[.?!] ?, \d+\. [A-Z]", facts) is None  # no "… models., 4. Compare …"
    labels = {f"{q.number}. {q.text}" for q in parse_file(SEED).questions}
    items = page.select(".qa-appears li")
    assert items
    assert {words(li.get_text()) for li in items} <= labels


# --------------------------------------------------------------------------- home, nav, 404


def test_home_lists_the_documents_numbers_in_an_ordered_list_without_repeating_the_title(built_site: Path):
    home = soup(built_site / "index.html")
    collection = parse_file(SEED)
    items = home.select("article ol.qa-questions > li")
    assert [li["data-qa-card"] for li in items] == [f"{collection.slug}/{q.number}" for q in collection.questions]
    assert [li.select_one(".qa-num").get_text() for li in items] == [f"{q.number}." for q in collection.questions]
    assert home.select("article ul") == []  # no bulleted list of questions
    nav = words(home.select_one("nav.md-nav--primary").get_text(" "))
    assert collection.title_text not in nav  # the H1 says it; the nav says "Questions"
    assert "Questions" in nav


def test_404_page_offers_home_search_and_the_questions(built_site: Path):
    page = soup(built_site / "404.html")
    article = page.select_one("article")
    assert article.h1.get_text() == "Page not found"
    home = article.find("a", string="Home page")
    assert home is not None
    assert home["href"] in ("/", "/.")
    assert article.select_one("button[data-qa-search]").get_text() == "Search the site"
    listed = [a["href"].strip("/").split("/")[-1] for a in article.select("ul.qa-question-links a")]
    assert listed == [p.parent.name for p in question_pages(built_site)]


# Slow: a build of its own.
@pytest.mark.slow
def test_topics_page_sorts_questions_by_number(tmp_path: Path):
    config = copy_project(tmp_path / "project")
    docs = tmp_path / "project" / "docs"
    (docs / "glossary.yml").write_text(
        "terms:\n  - term: Widget\n    short: A small part.\n    topic: Parts\n", encoding="utf-8"
    )
    questions = "".join(f"## {n}. What does widget {n} do?\n**Answer:** It turns.\n\n" for n in range(1, 13))
    (docs / "advanced-generative-ai-qa.md").write_text("# Widgets\n\n" + questions, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(site, config)
    assert result.returncode == 0, result.stderr
    listed = [words(a.get_text()) for a in soup(site / "tags" / "index.html").select("article li a")]
    assert [int(label.split(".")[0]) for label in listed] == list(range(1, 13))
