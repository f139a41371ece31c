"""The importer against the fixture corpus: every document reads as its expected model says.

``tests/import/*/NAME.md`` beside ``NAME.json`` (pymdown-style pairs; see
``tests/import/README.md``). The expectations were written by reading each document as
GitHub shows it: the title, the sections, every question's text and number, the first and
last words of every answer as a reader sees them, the parts kept for the home page, the
tables of contents dropped, and the shape.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.model import Collection
from macros.reading.parser import parse_file
from macros.render.renderer import PAGE

from ..helpers import ROOT, site_of

CORPUS = ROOT / "tests" / "import"
DOCUMENTS = sorted(p for p in CORPUS.glob("*/*.md"))


def words(text: str) -> str:
    return " ".join(text.replace("¶", " ").split())  # a heading's permalink sign is not a word a reader sees


def expected(document: Path) -> dict:
    return json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))


def read(document: Path, model: dict) -> Collection:
    """The document parsed as a user would build it: open questions shown where the model has them."""
    open_questions = any(not q["answer_starts"] for s in model["sections"] for q in s["questions"])
    return parse_file(
        document, document.relative_to(CORPUS).as_posix(), unanswered="show" if open_questions else "error"
    )


def test_the_corpus_has_a_document_per_shape_and_eight_real_ones():
    shapes = {expected(d)["shape"]["question"] for d in DOCUMENTS}
    assert shapes == {"heading", "details", "list", "bold", "qa-pairs"}
    assert len([d for d in DOCUMENTS if d.parent.name == "shapes"]) >= 10
    assert len([d for d in DOCUMENTS if d.parent.name == "real"]) >= 8


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_document_reads_as_its_expected_model(document: Path):
    model = expected(document)
    collection = read(document, model)
    site = site_of(collection)
    problems = []
    if model["title"] is not None and collection.title_text != model["title"]:
        problems.append(f"title: {collection.title_text!r}")
    got = [(s.title_text if s.title else None, list(s.questions)) for s in collection.sections]
    want = [(s["title"], s["questions"]) for s in model["sections"]]
    if [t for t, _ in got] != [t for t, _ in want]:
        problems.append(f"sections: {[(t, len(qs)) for t, qs in got]}")
    questions = [q for _, qs in got for q in qs]
    wanted = [q for _, qs in want for q in qs]
    if len(questions) != len(wanted):
        problems.append(f"{len(questions)} questions, not {len(wanted)}")
    for question, want_q in zip(questions, wanted, strict=False):
        text = site.heading(question).text
        if (question.number, text) != (want_q["number"], want_q["text"]):
            problems.append(f"question {question.line}: {question.number} {text!r}")
            continue
        answer = words(site.answer(question).text)
        if not (answer.startswith(words(want_q["answer_starts"])) and answer.endswith(words(want_q["answer_ends"]))):
            problems.append(f"answer of question {question.line}: {answer[:50]!r} … {answer[-50:]!r}")
    kept = [site.renderer.inline(p.title, PAGE).text for p in collection.parts]
    if kept != model["kept"]:
        problems.append(f"kept: {kept}")
    tables = [d for d in collection.dropped if d.startswith("table of contents")]
    if bool(tables) != bool(model["dropped_toc"]):
        problems.append(f"tables of contents dropped: {tables}")
    shape = {
        "question": collection.shape.kind,
        "numbered": collection.shape.numbered,
        "answer_marker": collection.shape.marked,
    }
    if shape != model["shape"]:
        problems.append(f"shape: {shape}")
    assert problems == []


def test_urls_stay_unique_where_numbering_restarts():
    document = CORPUS / "shapes" / "heading-q-colon-restart.md"
    collection = read(document, expected(document))
    numbers = [q.number for q in collection.questions]
    assert len(set(numbers)) < len(numbers), "the fixture restarts its numbering"
    assert len({q.url for q in collection.questions}) == len({q.id for q in collection.questions}) == len(numbers)
    first = collection.questions[0]
    assert first.url == f"{collection.slug}/{first.section.slug}-1-{first.slug.split('-1-', 1)[1]}/"
