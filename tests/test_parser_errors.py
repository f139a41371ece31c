"""Malformed documents: every problem is FILE:LINE: message, with a fix."""

from __future__ import annotations

import pytest

from macros.model import QAFormatError
from macros.parser import parse_file, parse_text


def errors(text: str) -> list[str]:
    with pytest.raises(QAFormatError) as info:
        parse_text(text, "qa.md")
    return [str(d) for d in info.value.diagnostics]


def test_question_without_answer():
    assert errors("# T\n## 1. Q?\nSome text.\n## 2. R?\n**Answer:** r\n") == [
        "qa.md:2: question 1 has no answer: add a line '**Answer:**' followed by the answer"
    ]


def test_empty_answer():
    assert errors("## 1. Q?\n**Answer:**\n\n---\n## 2. R?\n**Answer:** r\n") == [
        "qa.md:2: question 1 has an empty answer: write the answer after '**Answer:**'"
    ]


def test_duplicate_number():
    assert errors("## 1. Q?\n**Answer:** a\n## 1. R?\n**Answer:** r\n") == [
        "qa.md:3: question number 1 is used twice (first on line 1): renumber one of them"
    ]


def test_unclosed_fence():
    assert errors("## 1. Q?\n**Answer:**\n```python\nx = 1\n## 2. R?\n") == [
        "qa.md:3: code fence opened here is never closed: add a line '```' after the code"
    ]


def test_no_questions():
    assert errors("# Just a title\n\nSome text.\n") == [
        "qa.md:1: no questions found: write each question as a level-2 or level-3 heading with its number, "
        "for example '## 1. What is attention?'"
    ]


def test_empty_document():
    assert len(errors("")) == 1


def test_answer_marker_before_any_question():
    assert errors("# T\n**Answer:** orphan\n## 1. Q?\n**Answer:** a\n") == [
        "qa.md:2: answer marker outside any question: put a numbered question heading (for example '## 1. ...?') above it"
    ]


def test_unnumbered_heading_at_question_level():
    [message] = errors("## 1. Q?\n**Answer:** a\n## Conclusion\nbye\n")
    assert message.startswith("qa.md:3: heading '## Conclusion' is not a numbered question")


def test_every_error_is_reported_at_once():
    found = errors("## 1. Q?\ntext\n## 1. R?\n**Answer:**\n\n## 3. S?\n")
    assert [m.split(":")[1] for m in found] == ["1", "3", "4", "6"]


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
