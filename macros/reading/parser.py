"""Q&A documents as people write them: reads one into the model (:mod:`macros.model`).

A document is read as GitHub reads it (:mod:`macros.reading.blocks` gives its top-level units:
headings, paragraphs, lists, ``<details>`` elements ...). Its questions share a shape,
and the shape decides what else is a question:

==============  =====================================================================
shape           a question is ...
==============  =====================================================================
``heading``     a heading at any level 2–6: numbered (``1.``, ``Q1:``, ``Question 1:``,
                ``#1``) or, in a document whose questions are not numbered, one that
                reads as a question (``Q.``, a ``?``, or its siblings' pattern)
``details``     a ``<details>`` element: the summary is the question
``list``        an item of a numbered list that starts with a heading or a bold line
``bold``        a paragraph that is only bold text ending in ``?``
``qa-pairs``    a paragraph starting with ``Q:`` (or ``**Q:**``), answered by ``A:``
==============  =====================================================================

Answers follow a marker (``**Answer:**`` and its variants, ``A:``, an ``Answer`` heading,
a ``<details>`` whose summary is "Answer") or, with no marker, are everything up to
the next question. Headings above the questions are sections; a table of contents is
dropped; other parts (a banner, "About", "License") are kept for the home page. Every
problem is a :class:`~macros.model.Diagnostic` at the document's line.
"""

from __future__ import annotations

from pathlib import Path

from macros.model import (
    Collection,
    QAFormatError,
    read_document,
)
from macros.reading.answers import number_warnings
from macros.reading.blocks import Unit, read_units
from macros.reading.generators import without_generator_markup
from macros.reading.ids import anchors, assign_ids
from macros.reading.patterns import HEADING_LINE, QUESTION_MARKER, github_anchor, is_marker_text, plain_words
from macros.reading.references import reference_definitions
from macros.reading.shapes import detect_shape
from macros.reading.state import Reading
from macros.reading.structure import document_title, h1_sections, structure, top_anchors
from macros.reading.wrappers import wrappers_as_sections

__all__ = ["UNANSWERED", "github_anchor", "parse_file", "parse_text", "plain_words"]


UNANSWERED = ("show", "skip", "error")
"""What a question without an answer does: shown as one (the default), left out, or stop the build;
the first two are warnings, which a strict build turns into errors."""


def parse_file(path: str | Path, display_path: str | None = None, *, unanswered: str = "show") -> Collection:
    """Read and parse one source document.

    Args:
        path: the file to read.
        display_path: how the file is named in messages (default: ``path``).
        unanswered: what a question without an answer does (see :data:`UNANSWERED`).

    Raises:
        QAFormatError: the file is missing, not UTF-8, or has no questions or broken ones.
    """
    shown = display_path or str(path)
    text = read_document(
        path, shown, QAFormatError, "source document", "check the path in mkdocs.yml (plugins: qa: sources)"
    )
    collection = parse_text(text, shown, unanswered=unanswered)
    collection.file = str(Path(path))
    return collection


def parse_text(text: str, path: str = "<source>", *, unanswered: str = "show") -> Collection:
    """Parse the text of a source document into a :class:`Collection`.

    Raises:
        QAFormatError: with every error found (file, line, what to fix).
    """
    if unanswered not in UNANSWERED:
        raise ValueError(f"unanswered must be one of {', '.join(UNANSWERED)}")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    generated = without_generator_markup(text.split("\n"))
    lines, _ = wrappers_as_sections(generated.lines)
    reading = Reading(path, lines, unanswered)
    units = _split_marker_paragraphs(read_units(lines), lines)
    _check_fences(units, reading)
    title_index, title = document_title(units)
    reading.top = top_anchors(units, lines, title)
    shape, questions = detect_shape(units, reading)
    if title_index is not None and h1_sections(units, title_index, questions):
        title_index, title = None, ""
    if not questions:
        if not reading.errors:
            reading.error(
                1,
                "no questions found: write each question as a heading ('## 1. What is attention?' or "
                "'## What is attention?'), a '<details><summary>' block, a bold line ending in '?', or a 'Q:' line "
                "followed by its answer",
            )
        raise QAFormatError(sorted(reading.errors, key=lambda d: d.line))
    collection = Collection(
        title=generated.title or title or _title_from_path(path),
        path=path,
        shape=shape.shape,
        warnings=reading.warnings,
        lines=list(lines),
        dropped=list(generated.dropped),
        references=reference_definitions(lines),
    )
    boundaries = structure(units, title_index, questions, collection, reading, shape)
    if reading.errors:
        raise QAFormatError(sorted(set(reading.errors), key=lambda d: (d.line, d.message)))
    number_warnings(collection, reading)
    reading.warnings.sort(key=lambda d: d.line)
    assign_ids(collection)
    collection.anchors = anchors(units, collection, boundaries)
    return collection


def _split_marker_paragraphs(units: list[Unit], lines: list[str]) -> list[Unit]:
    """Paragraphs cut where a line starts with an answer or question marker: in
    "**Question:** …" / "**Answer:** …" documents the markers open blocks of their own."""
    out: list[Unit] = []
    for unit in units:
        if unit.kind != "paragraph" or unit.end - unit.start < 2:
            out.append(unit)
            continue
        start = unit.start
        for k in range(unit.start + 1, unit.end):
            if is_marker_text(lines[k]) or QUESTION_MARKER.match(lines[k]):
                out.append(_paragraph(start, k, lines))
                start = k
        out.append(_paragraph(start, unit.end, lines) if start != unit.start else unit)
    return out


def _paragraph(start: int, end: int, lines: list[str]) -> Unit:
    return Unit("paragraph", start, end, text="\n".join(ln.strip() for ln in lines[start:end]))


def _title_from_path(path: str) -> str:
    return Path(path).stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Questions"


def _check_fences(units: list[Unit], reading: Reading) -> None:
    """A code fence left open swallows the rest of the document (on GitHub too): say so when it
    swallows headings."""
    for unit in units:
        if unit.kind == "code" and not unit.closed and unit.end >= len(reading.lines) - 1:
            inside = [k for k in range(unit.start + 1, unit.end) if HEADING_LINE.match(reading.lines[k])]
            if inside:
                fence = reading.lines[unit.start].strip()
                mark = fence[:3] if fence[:1] in "`~" else "```"
                reading.error(
                    unit.line,
                    f"code fence opened here is never closed, so the rest of the document is code (as on GitHub) "
                    f"and {len(inside)} heading(s) from line {inside[0] + 1} on are lost: add a line '{mark}' "
                    "where the code ends",
                )
