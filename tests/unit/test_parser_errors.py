"""Malformed documents: every problem is FILE:LINE: message, with a fix."""

from __future__ import annotations

import pytest

from macros.model import QAFormatError
from macros.reading.parser import parse_file, parse_text


def errors(text: str, **options) -> list[str]:
    with pytest.raises(QAFormatError) as info:
        parse_text(text, "qa.md", **options)
    return [str(d) for d in info.value.diagnostics]


def warnings(source: str, **options) -> list[str]:
    """The warnings a document gets: defects it can still be shown with (errors in a strict build)."""
    return [str(w) for w in parse_text(source, "qa.md", **options).warnings]


def test_question_without_its_marker_where_the_others_have_one():
    marked = "".join(f"## {n}. Q{n}?\n**Answer:** a{n}\n" for n in (1, 2, 3, 4))
    assert warnings(marked + "## 5. Q5?\nSome text.\n") == [
        "qa.md:9: question 5 has no answer marker ('**Answer:**'), unlike the other questions of this document: "
        "what follows it, up to the next question, is taken as its answer"
    ]
    assert parse_text(marked + "## 5. Q5?\nSome text.\n", "qa.md").questions[-1].answer == "Some text."


def test_question_with_nothing_under_it_is_shown_as_open():
    assert warnings("## 1. Q?\nSee below.\n\n**Answer:**\n\n## 2. R?\n**Answer:** r\n") == [
        "qa.md:1: question 1 has no answer in the document: it is shown as such, and left out of the flashcards, "
        "the quiz and the deck"
    ]


def test_a_question_followed_directly_by_the_next_may_share_its_answer():
    """Two headings, then one answer (as some documents ask two things at once): the first is
    shown as unanswered, and the warning and its page say that the next one's answer may be its."""
    source = "## 1. Q?\n## 2. R?\nr\n"
    assert warnings(source) == [
        "qa.md:1: question 1 has no answer of its own: question 2 follows it directly, so the answer below "
        "that one may be meant for both; write this one's answer below it, or make the two one question. It "
        "is shown as unanswered, and left out of the flashcards, the quiz and the deck"
    ]
    first, second = parse_text(source, "qa.md").questions
    assert (first.with_next, second.with_next) == (True, False)


def test_open_questions_can_be_skipped_or_stop_the_reading():
    source = "## 1. Q?\n## 2. R?\nr\n"
    assert [q.number for q in parse_text(source, "qa.md", unanswered="skip").questions] == [2]
    assert warnings(source, unanswered="skip") == [
        "qa.md:1: question 1 has no answer in the document, so it is left out of the site"
    ]
    assert [(q.number, q.answer, q.answered) for q in parse_text(source, "qa.md").questions] == [
        (1, "", False),
        (2, "r", True),
    ]
    assert errors(source, unanswered="error") == [
        "qa.md:1: question 1 has no answer: write it below the question, or set 'unanswered: show' (or 'skip') "
        "under plugins: qa: in mkdocs.yml for a collection of open questions"
    ]


def test_empty_answer_after_its_marker_is_an_open_question():
    assert warnings("## 1. Q?\n**Answer:**\n\n---\n## 2. R?\n**Answer:** r\n") == [
        "qa.md:1: question 1 has no answer in the document: it is shown as such, and left out of the flashcards, "
        "the quiz and the deck"
    ]


def test_duplicate_number_keeps_both_at_distinct_addresses():
    source = "## 1. Q?\n**Answer:** a\n## 1. R?\n**Answer:** r\n"
    assert warnings(source) == [
        "qa.md:3: question number 1 is used twice (first on line 1): both are shown, at different addresses; "
        "renumber one of them"
    ]
    first, second = parse_text(source, "qa.md").questions
    assert (first.text, second.text) == ("Q?", "R?")
    assert first.url != second.url
    assert first.id != second.id


def test_unclosed_fence_that_swallows_questions():
    assert errors("## 1. Q?\n**Answer:**\n```python\nx = 1\n## 2. R?\n") == [
        "qa.md:3: code fence opened here is never closed, so the rest of the document is code (as on GitHub) "
        "and 1 heading(s) from line 5 on are lost: add a line '```' where the code ends"
    ]


def test_unclosed_fence_at_the_end_is_code_as_on_github():
    [question] = parse_text("## 1. Q?\n**Answer:**\n```python\nx = 1\n", "qa.md").questions
    assert question.answer == "```python\nx = 1"


def test_no_questions():
    assert errors("# Just a title\n\nSome text.\n") == [
        "qa.md:1: no questions found: write each question as a heading ('## 1. What is attention?' or "
        "'## What is attention?'), a '<details><summary>' block, a bold line ending in '?', or a 'Q:' line "
        "followed by its answer"
    ]


def test_empty_document():
    assert len(errors("")) == 1


def test_answer_marker_before_any_question_is_shown_where_it_stands():
    source = "# T\n**Answer:** orphan\n## 1. Q?\n**Answer:** a\n"
    assert warnings(source) == [
        "qa.md:2: answer marker outside any question: it is shown where it stands; put a question heading "
        "(for example '## 1. ...?') above it"
    ]
    assert parse_text(source, "qa.md").intro == "**Answer:** orphan"


def test_unnumbered_heading_at_question_level_is_a_part_of_the_page():
    collection = parse_text("## 1. Q?\n**Answer:** a\n## Conclusion\nbye\n", "qa.md")
    assert [q.answer for q in collection.questions] == ["a"]
    assert [(p.title, p.body, p.line) for p in collection.parts] == [("Conclusion", "bye", 3)]


def test_every_defect_is_reported_at_once():
    found = warnings("## 1. Q?\ntext\n## 1. R?\n**Answer:**\n\n## 3. S?\n")
    # an empty answer after its marker and the same number twice (3); nothing under it, a gap in the numbering (6)
    assert [int(m.split(":")[1]) for m in found] == [3, 3, 6, 6]


def test_numbering_gap_is_a_warning():
    collection = parse_text("## 1. Q?\n**Answer:** a\n## 3. R?\n**Answer:** r\n", "qa.md")
    assert [str(w) for w in collection.warnings] == [
        "qa.md:3: question numbering jumps from 1 to 3: check for a missing question"
    ]


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("## 1. Q?\n**Answer:** caf\xe9\n".encode("latin-1"))
    with pytest.raises(QAFormatError) as info:
        parse_file(path, "latin1.md")
    assert [str(d) for d in info.value.diagnostics] == [
        "latin1.md:2: not valid UTF-8 (byte 0xe9): save the file as UTF-8"
    ]


def test_missing_file(tmp_path):
    with pytest.raises(QAFormatError) as info:
        parse_file(tmp_path / "nope.md", "nope.md")
    assert str(info.value).startswith("nope.md:1: source document not found")


def test_the_page_of_a_question_that_may_share_the_next_answer_links_to_it():
    from macros.outputs.pages import question_page

    from ..helpers import site_of

    site = site_of(parse_text("# T\n\n## 1. Q?\n## 2. R?\nr\n", "qa.md"))
    first, second = site.questions
    _, page = question_page(site, first, lambda html, ids: html)
    assert "No answer of its own in the document" in page
    assert f'href="../{second.slug}/"' in page
    _, page = question_page(site, second, lambda html, ids: html)
    assert "No answer" not in page


def test_a_run_of_open_questions_is_not_told_to_share_an_answer():
    source = "## 1. Q?\n## 2. R?\n## 3. S?\ns\n"
    first, second, third = parse_text(source, "qa.md").questions
    assert (first.with_next, second.with_next, third.with_next) == (False, True, False)
    first_warning, second_warning = warnings(source)
    assert first_warning.startswith("qa.md:1: question 1 has no answer in the document")
    assert second_warning.startswith("qa.md:2: question 2 has no answer of its own: question 3 follows it directly")
