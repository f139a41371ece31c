"""The Q&A source format: reads a document into the model (:mod:`macros.model`).

The source format is a Markdown document such as::

    # Title
    Optional introduction.

    ## Optional section                 (level below the questions)
    ### 1. Question text?               (level 2 or 3; 1. / Q1. / Q1: / Question 1:)
    **Question:** optional question body (code, context ...)
    **Answer:**
    The answer in Markdown (paragraphs, lists, tables, code, deeper headings).
    ---

The parser reads the document line by line, tracking fenced code blocks so that
nothing inside a fence is ever taken for structure. Every problem is reported
as a :class:`~macros.model.Diagnostic` with the file and line; errors are raised
together in one :class:`~macros.model.QAFormatError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .model import Collection, Diagnostic, QAFormatError, Question, Section, slugify

__all__ = ["Line", "parse_file", "parse_text", "plain_words", "scan_lines"]

# --------------------------------------------------------------------------- line scanning

_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_QUESTION_RE = re.compile(
    r"""^(?:\*\*|__)?                      # optional bold around everything
        (?:Q(?:uestion)?[ \t]*)?           # Q / Question
        (\d+)[ \t]*[.:)][ \t]*             # the number and its punctuation
        (.*?)$""",
    re.IGNORECASE | re.VERBOSE,
)
_ANSWER_RE = re.compile(
    r"""^[ \t]{0,3}(?:[-*+][ \t]+)?        # optionally a list item
        (?:\*\*|__)[ \t]*(Answer|A)[ \t]*(:?)[ \t]*(?:\*\*|__)[ \t]*(:?)   # **Answer:** / **Answer**: / **A:**
        [ \t]*(.*)$""",
    re.IGNORECASE | re.VERBOSE,
)


def _answer_marker(line: str) -> re.Match | None:
    """The answer marker on ``line``; the short form needs its colon (``**A**`` alone is bold text)."""
    match = _ANSWER_RE.match(line)
    if match and match.group(1).lower() == "a" and not (match.group(2) or match.group(3)):
        return None
    return match


_QUESTION_MARKER_RE = re.compile(
    r"^[ \t]{0,3}(?:[-*+][ \t]+)?(?:\*\*|__)[ \t]*Question[ \t]*:?[ \t]*(?:\*\*|__)[ \t]*:?[ \t]*(.*)$",
    re.IGNORECASE,
)
_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM_RE = re.compile(r"^([-*+]|\d+[.)])[ \t]+(.*)$")


@dataclass
class Line:
    number: int  # 1-based
    text: str
    in_code: bool  # inside a fenced code block (fence lines included)
    heading: tuple[int, str] | None = None  # (level, text) when a heading outside code


def scan_lines(text: str, path: str, errors: list[Diagnostic]) -> list[Line]:
    """Split into lines, marking fenced code and headings."""
    lines = text.split("\n")
    out: list[Line] = []
    fence: tuple[str, int, int] | None = None  # (char, length, opening line)
    for index, raw in enumerate(lines, start=1):
        if fence is None:
            match = _FENCE_RE.match(raw)
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
                fence = (match.group(2)[0], len(match.group(2)), index)
                out.append(Line(index, raw, True))
                continue
            heading = _HEADING_RE.match(raw)
            info = None
            if heading:
                info = (len(heading.group(1)), (heading.group(2) or "").strip())
            out.append(Line(index, raw, False, info))
        else:
            char, length, _ = fence
            stripped = raw.strip()
            indent = len(raw) - len(raw.lstrip(" "))
            if stripped and set(stripped) == {char} and len(stripped) >= length and indent <= 3:
                fence = None
            out.append(Line(index, raw, True))
    if fence is not None:
        char, length, opened = fence
        errors.append(
            Diagnostic(
                path,
                opened,
                f"code fence opened here is never closed: add a line '{char * length}' after the code",
            )
        )
    return out


def _strip_bold(text: str) -> str:
    """Remove bold wrapping the whole text (``**Why?**`` -> ``Why?``)."""
    text = text.strip()
    for mark in ("**", "__"):
        if text.startswith(mark) and text.endswith(mark) and len(text) > 4:
            inner = text[2:-2]
            if mark not in inner:
                return inner.strip()
    return text


def _question_heading(level_text: tuple[int, str]) -> tuple[int, str] | None:
    level, text = level_text
    if level not in (2, 3):
        return None
    match = _QUESTION_RE.match(text)
    if not match:
        return None
    number, rest = int(match.group(1)), match.group(2)
    # "**1. Why?**": the bold opened before the number closes at the end.
    if text.startswith(("**", "__")):
        if rest.startswith(text[:2]):  # "**Q1:** Why?"
            rest = rest[2:]
        elif rest.endswith(text[:2]):  # "**1. Why?**"
            rest = rest[:-2]
    rest = _strip_bold(rest)
    return number, rest


def _trim_block(lines: list[str]) -> list[str]:
    """Drop blank lines and thematic breaks (``---``) around a block."""
    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or _RULE_RE.match(lines[start])):
        start += 1
    while end > start and (not lines[end - 1].strip() or _RULE_RE.match(lines[end - 1])):
        end -= 1
    return [line.rstrip() if not line.strip() else line for line in lines[start:end]]


def _join(lines: list[str]) -> str:
    """Join lines; trailing spaces are kept except the two of a hard break at block end."""
    return "\n".join(lines).strip("\n")


# --------------------------------------------------------------------------- parsing


def parse_file(path: str | Path, display_path: str | None = None) -> Collection:
    """Read and parse one source document.

    Args:
        path: the file to read.
        display_path: how the file is named in messages (default: ``path``).

    Raises:
        QAFormatError: the file is missing, not UTF-8, or not in the Q&A format.
    """
    shown = display_path or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise QAFormatError(
            [Diagnostic(shown, 1, "source document not found: check the path in mkdocs.yml (plugins: qa: sources)")]
        ) from None
    except OSError as exc:
        raise QAFormatError([Diagnostic(shown, 1, f"cannot read the source document: {exc.strerror}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QAFormatError(
            [Diagnostic(shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8")]
        ) from None
    return parse_text(text, shown)


def parse_text(text: str, path: str = "<source>") -> Collection:
    """Parse the text of a source document into a :class:`Collection`.

    Raises:
        QAFormatError: with every error found (file, line, what to fix).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    lines = scan_lines(text, path, errors)

    questions_at = [(i, _question_heading(ln.heading)) for i, ln in enumerate(lines) if ln.heading]
    questions_at = [(i, q) for i, q in questions_at if q is not None]
    if not questions_at:
        if not errors:
            errors.append(
                Diagnostic(
                    path,
                    1,
                    "no questions found: write each question as a level-2 or level-3 heading "
                    "with its number, for example '## 1. What is attention?'",
                )
            )
        raise QAFormatError(errors)

    level = _question_level(lines, questions_at)
    question_index = {i: q for i, q in questions_at if lines[i].heading[0] == level}  # type: ignore[index]
    first_q = min(question_index)

    # Headings above the question level: the title, then section headings.
    upper = [i for i, ln in enumerate(lines) if ln.heading and ln.heading[0] < level]
    title_index: int | None = None
    if upper and lines[upper[0]].heading[0] == 1 and upper[0] < first_q:  # type: ignore[index]
        later_h1 = [i for i in upper[1:] if lines[i].heading[0] == 1]  # type: ignore[index]
        between = [i for i in range(upper[0] + 1, first_q) if lines[i].heading]
        # '# I. Networking' directly above the questions, with more such H1s later: a section.
        if between or not later_h1 or level == 3:
            title_index = upper[0]
    section_starts = [i for i in upper if i != title_index]

    if title_index is not None:
        title = _strip_bold(lines[title_index].heading[1])  # type: ignore[index]
    else:
        title = Path(path).stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Questions"

    collection = Collection(title=title, path=path, question_level=level, warnings=warnings)
    boundaries = sorted(set(section_starts) | set(question_index) | {len(lines)})

    # Introduction: between the title (or the start) and the first boundary.
    intro_start = (title_index + 1) if title_index is not None else 0
    collection.intro = _join(_trim_block([ln.text for ln in lines[intro_start : boundaries[0]]]))
    _check_stray_answers(lines[intro_start : boundaries[0]], path, errors)

    current = Section(title=None, line=1)
    seen_numbers: dict[int, int] = {}
    for start, end in pairwise(boundaries):
        if start in section_starts:
            if current.questions or current.title is not None:
                collection.sections.append(current)
            current = Section(title=_strip_bold(lines[start].heading[1]), line=lines[start].number)  # type: ignore[index]
            current.intro = _join(_trim_block([ln.text for ln in lines[start + 1 : end]]))
            _check_stray_answers(lines[start + 1 : end], path, errors)
            continue
        number, qtext = question_index[start]
        heading_line = lines[start].number
        if not qtext:
            errors.append(Diagnostic(path, heading_line, f"question {number} has no text: write it after '{number}.'"))
        if number in seen_numbers:
            errors.append(
                Diagnostic(
                    path,
                    heading_line,
                    f"question number {number} is used twice (first on line {seen_numbers[number]}): renumber one of them",
                )
            )
        seen_numbers.setdefault(number, heading_line)
        question = _parse_question(number, qtext, heading_line, lines[start + 1 : end], level, path, errors)
        if question is not None:
            question.section = current
            question.collection = collection
            current.questions.append(question)
    if current.questions or current.title is not None:
        collection.sections.append(current)

    for section in collection.sections:
        if not section.questions:
            errors.append(
                Diagnostic(
                    path, section.line, f"section '{section.title}' has no questions: add one or remove the heading"
                )
            )
    if errors:
        raise QAFormatError(sorted(errors, key=lambda d: d.line))

    _number_warnings(collection, path, warnings)
    _assign_slugs(collection)
    return collection


def _question_level(lines: list[Line], questions_at: list[tuple[int, tuple[int, str]]]) -> int:
    """The heading level of the questions: the level of the numbered headings that answers follow.

    Numbered sections (``## 1. Basics`` above ``### 1. What?``) and numbered headings inside
    answers (``### 1. Step one``) are then not taken for questions.
    """
    numbered = dict(questions_at)
    followed: list[int] = []
    last: int | None = None
    for i, ln in enumerate(lines):
        if i in numbered:
            last = ln.heading[0]  # type: ignore[index]
        elif last is not None and not ln.in_code and _answer_marker(ln.text):
            followed.append(last)
            last = None
    if not followed:
        return lines[questions_at[0][0]].heading[0]  # type: ignore[index]
    return max(sorted(set(followed)), key=followed.count)


def _check_stray_answers(block: list[Line], path: str, errors: list[Diagnostic]) -> None:
    for ln in block:
        if not ln.in_code and _answer_marker(ln.text):
            errors.append(
                Diagnostic(
                    path,
                    ln.number,
                    "answer marker outside any question: put a numbered question heading "
                    "(for example '## 1. ...?') above it",
                )
            )


def _parse_question(
    number: int,
    text: str,
    heading_line: int,
    block: list[Line],
    level: int,
    path: str,
    errors: list[Diagnostic],
) -> Question | None:
    """Split a question's lines into body and answer."""
    marker = next((k for k, ln in enumerate(block) if not ln.in_code and _answer_marker(ln.text)), None)
    for ln in block:
        if ln.heading and ln.heading[0] <= level:
            errors.append(
                Diagnostic(
                    path,
                    ln.number,
                    f"heading '{ln.text.strip()}' is not a numbered question: number it "
                    f"('{'#' * level} {number + 1}. ...') or make it deeper than the questions "
                    f"('{'#' * (level + 1)} ...') to keep it inside the answer",
                )
            )
            return None
    if marker is None:
        errors.append(
            Diagnostic(
                path,
                heading_line,
                f"question {number} has no answer: add a line '**Answer:**' followed by the answer",
            )
        )
        return None
    body_lines = [ln.text for ln in block[:marker]]
    for k, ln in enumerate(block[:marker]):
        match = None if ln.in_code else _QUESTION_MARKER_RE.match(ln.text)
        if match:
            body_lines[k] = match.group(1)
            break
    answer_marker = block[marker]
    match = _answer_marker(answer_marker.text)
    assert match is not None
    first = match.group(4)
    rest = [ln.text for ln in block[marker + 1 :]]
    if re.match(r"^[ \t]{0,3}[-*+][ \t]", answer_marker.text):
        rest = _dedent_list_continuation(rest)
    answer = _join(_trim_block([first, *rest]))
    if not answer.strip():
        errors.append(
            Diagnostic(
                path,
                answer_marker.number,
                f"question {number} has an empty answer: write the answer after '**Answer:**'",
            )
        )
        return None
    body = _join(_trim_block(body_lines))
    return Question(
        number=number,
        text=text,
        answer=answer,
        body=body,
        line=heading_line,
        answer_line=answer_marker.number,
    )


def _dedent_list_continuation(lines: list[str]) -> list[str]:
    """Lines continuing a ``- **Answer:**`` list item lose the item's indentation."""
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    common = min(indents) if indents else 0
    return [ln[common:] if ln.strip() else "" for ln in lines]


def _number_warnings(collection: Collection, path: str, warnings: list[Diagnostic]) -> None:
    previous: Question | None = None
    for question in collection.questions:
        if previous is not None and question.number != previous.number + 1:
            warnings.append(
                Diagnostic(
                    path,
                    question.line,
                    f"question numbering jumps from {previous.number} to {question.number}: check for a missing question",
                )
            )
        previous = question


def _assign_slugs(collection: Collection) -> None:
    collection.slug = slugify(Path(collection.path).stem, max_words=10) or "questions"
    used: set[str] = set()
    for index, section in enumerate(collection.sections, start=1):
        base = slugify(section.title or "") or f"section-{index}"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        section.slug = slug
        for question in section.questions:
            words = slugify(plain_words(question.text))
            question.key = str(question.number)
            question.slug = f"{question.number}-{words}" if words else str(question.number)


_INLINE_MARKUP = re.compile(r"[*_`~]+|<[^>]*>|!?\[([^\]]*)\]\([^)]*\)")


def plain_words(text: str) -> str:
    """The words of inline Markdown, markup dropped: enough for a URL slug (the page's title
    comes from the rendered question)."""
    return " ".join(_INLINE_MARKUP.sub(lambda m: m.group(1) or " ", text).split())
