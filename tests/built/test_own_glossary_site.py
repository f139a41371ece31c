"""A site with its document's own glossary, as data: key terms from code, topics from sections,
and only the terms some question uses in every output (the PDF's glossary included)."""

from __future__ import annotations

from pathlib import Path

from macros.outputs.book import book_html
from macros.outputs.selftest.quiz import quiz_terms
from macros.reading.derive import derive_glossary
from macros.reading.glossary import load_glossary
from macros.reading.parser import parse_file, parse_text

from ..helpers import ROOT, site_of

FIXTURES = Path(__file__).resolve().parents[1] / "derive"


def test_a_term_found_only_in_code_is_a_key_term_of_the_question():
    collection = parse_file(FIXTURES / "case.md")
    site = site_of(collection, glossary=derive_glossary([collection]))
    by_number = {q.number: q for q in collection.questions}
    assert "counter" in by_number[9].terms  # "Use a `Counter`, which ...": inline code only
    assert site.answer(by_number[9]).terms == ()  # and never linked there
    assert "counter" not in by_number[2].terms  # "Keep a counter variable": another word


def test_without_glossary_topics_a_question_s_topic_is_its_section():
    collection = parse_text(
        "# Book\n\n## Networking\n\n### 1. What is a socket?\n\nA socket is an endpoint of a connection.\n\n"
        "### 2. What is a port?\n\nA port is a number that names a service on a host.\n\n"
        "## Storage\n\n### 3. What is RAID?\n\nRAID is a way to spread data over several disks.\n",
        "book.md",
    )
    site = site_of(collection, glossary=derive_glossary([collection]))
    assert [site.topics(q) for q in collection.questions] == [["Networking"], ["Networking"], ["Storage"]]


def test_every_output_holds_only_the_terms_the_questions_use():
    seed = load_glossary(ROOT / "docs" / "glossary.yml")
    collection = parse_text(
        "# Models\n\n## 1. Why do diffusion models need many steps?\n\n"
        "A diffusion model removes noise a little at a time; classifier-free guidance steers each step.\n",
        "models.md",
    )
    site = site_of(collection, glossary=seed)  # the seed's glossary, lent on purpose
    used = {"diffusion-model", "classifier-free-guidance"}
    assert set(site.glossary.terms) == used
    assert {t["id"] for t in quiz_terms(site.glossary)} == used
    book = book_html(site)
    glossary_part = book[book.index('<section class="glossary"') :]
    assert glossary_part.count('<div class="entry"') == 2
    assert "2 terms used in the questions." in glossary_part
    assert "Evidence lower bound" not in book
