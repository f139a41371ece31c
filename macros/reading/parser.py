"""Q&A documents as people write them: reads one into the model (:mod:`macros.model`).

A document is read as GitHub reads it (:mod:`macros.source` gives its top-level units:
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

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from macros.model import (
    Collection,
    Diagnostic,
    Heading,
    Part,
    QAFormatError,
    Question,
    Section,
    Shape,
    read_document,
    slugify,
)
from macros.reading.blocks import Unit, html_to_text, read_units
from macros.reading.generators import without_generator_markup
from macros.reading.wrappers import wrappers_as_sections

__all__ = ["UNANSWERED", "github_anchor", "parse_file", "parse_text", "plain_words"]

UNANSWERED = ("show", "skip", "error")
"""What a question without an answer does: shown as one (the default), left out, or stop the build;
the first two are warnings, which a strict build turns into errors."""

MARKED = 0.8
"""A document marks its answers when at least this share of its questions has a marker; then a
question without one is a mistake, reported at its line."""

# --------------------------------------------------------------------------- text patterns

_EMOJI = r"(?:\s*(?::[a-z0-9_+\-]+:|[\u2190-\u2bff\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]+))*"
_NUMBERED = re.compile(
    r"""^(?:(?:Q|Question|Ques|No\.?)\s*)?\#?(\d+)(?P<suffix>(?:\.\d+)+[a-z]?|[a-z]?)(?:\s*[.:)]|\s+-|\s*[.:)]?\s*(?=\*\*|__))\s*(?P<rest>.*)$
      |^\#(\d+)\s+(?P<rest2>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_Q_NUMBERED = re.compile(
    r"^(?:Q|Question|Ques)\s*\#?(\d+)(?P<suffix>(?:\.\d+)+[a-z]?|[a-z]?)(?:\s+(?P<rest>\S.*))?\s*$", re.IGNORECASE
)
"""A number after "Q" needs no punctuation: "Q293 What is a view?", and "Q294" alone."""
_Q_PREFIX = re.compile(r"^(?:Q|Question|Ques)\s*[.:)\-]\s*(?P<rest>\S.*)$", re.IGNORECASE)
_MARKER_WORDS = r"(?:Answer|Ans|Solution|Explanation)"
_ANSWER_MARKER = re.compile(
    rf"""^(?:[-*+]\s+)?                                  # optionally a list item
        (?P<open>\*\*|__|\*|_)?\s*(?P<word>{_MARKER_WORDS}|A)\s*(?P<colon1>[:.\-]+)?\s*
        (?(open)(?:\*\*|__|\*|_))\s*(?P<colon2>[:.\-]+)?[ \t]*(?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_ANSWER_HEADING = re.compile(rf"^(?:\*\*)?{_MARKER_WORDS}(?:\*\*)?\s*(?:[:.\-]\s*(?P<rest>.*))?$", re.IGNORECASE)
_ANSWER_SUMMARY = re.compile(
    rf"^(?:(?:show|view|see|reveal|check|click(?:\s+here)?(?:\s+(?:to|for))?(?:\s+(?:see|view|show|reveal))?)\s+(?:the\s+)?)?"
    rf"{_MARKER_WORDS}s?(?:\s+(?:here|below))?\s*[:.!]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_QUESTION_MARKER = re.compile(
    r"^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)\s*Question\s*:?\s*(?:\*\*|__)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)
_QA_Q = re.compile(r"^(?:\*\*|__)?Q(?:uestion)?\s*[:.](?:\*\*|__)?\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
_QA_A = re.compile(r"^(?:\*\*|__)?A(?:nswer)?\s*[:.](?:\*\*|__)?[ \t]*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_BOLD_LINE = re.compile(rf"^(?:\*\*|__)(?P<inner>(?:(?!\*\*|__).)+?)(?:\*\*|__)(?P<after>{_EMOJI})\s*$")
_BACK_TO_TOP = re.compile(r"back\s+to\s+(?:the\s+)?top|go\s+to\s+top|^\W*top\W*$|\u2191|\u21a5|\u2b06", re.IGNORECASE)
_TOC_TITLE = re.compile(r"^\W*(?:table\s+of\s+contents?|contents|toc|index|list\s+of\s+questions)\W*$", re.IGNORECASE)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|href\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_MAY_TRAIL = re.compile(r"\]\(#|href=|^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
"""What an answer taken from text needs for a "back to top" link or a closing rule to be in it."""
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}\s+\S")


def _strip_bold(text: str) -> str:
    """Remove bold wrapping the whole text (``**Why?**`` -> ``Why?``), also as HTML."""
    text = text.strip()
    for opener, closer in (("**", "**"), ("__", "__"), ("<b>", "</b>"), ("<strong>", "</strong>")):
        if text.lower().startswith(opener) and text.lower().endswith(closer) and len(text) > len(opener) + len(closer):
            inner = text[len(opener) : -len(closer)]
            if opener not in inner.lower():
                return inner.strip()
    return text


def plain_words(text: str) -> str:
    """The words of inline Markdown or HTML, markup dropped: enough for a slug or a check."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_`~]+", "", text)
    return " ".join(text.split())


def _reads_as_question(text: str) -> bool:
    """Ends in "?", but for a mark after it: an emoji, a tag such as "(easy)" or "⭐️I"."""
    words = re.sub(_EMOJI + r"\s*$", "", plain_words(text)).rstrip(" *_")
    if words.endswith("?"):
        return True
    after = words.rpartition("?")[2] if "?" in words else ""
    return bool(after) and len(after.strip()) <= 12 and not re.search(r"[.!]|\w{4,}\s+\w{4,}", after)


def _numbered(text: str) -> tuple[int, str, str] | None:
    """(number, text, suffix) of a numbered question: ``1. What?`` / ``Q1: What?`` / ``**1. What?**`` /
    ``#1 What?`` / ``Question 17a. What?`` (suffix "a")."""
    inner = _strip_bold(text)
    prefix_bold = re.sub(r"^(\*\*|__)(.+?)\1\s*", r"\2 ", text.strip())  # "**Q1:** Why?" -> "Q1: Why?"
    for candidate in (inner, text.strip(), prefix_bold):
        match = _NUMBERED.match(candidate)
        if match:
            digits = match.group(1) or match.group(4)
            if len(digits) > 100:  # no question number: a row of digits
                continue
            number = int(digits)
            suffix = (match.group("suffix") or "") if match.group(1) else ""
            rest = (match.group("rest") if match.group(1) else match.group("rest2")) or ""
            rest = rest.strip()
            if candidate is not inner and text.strip().startswith(("**", "__")):
                mark = text.strip()[:2]
                if rest.startswith(mark):  # "**Q1:** Why?"
                    rest = rest[2:]
                elif rest.endswith(mark):  # "**1. Why?**"
                    rest = rest[:-2]
            return number, _strip_bold(rest), suffix.lower()
    match = _Q_NUMBERED.match(inner)
    if match and len(match.group(1)) <= 100:
        return int(match.group(1)), _strip_bold(match.group("rest") or ""), match.group("suffix").lower()
    return None


# --------------------------------------------------------------------------- the reading


@dataclass
class _Open:
    """A question being read: where it starts, and the units of its body and answer."""

    number: int | None
    text: str
    line: int  # 1-based
    level: int  # heading level of a heading question; 0 for the other shapes
    section: Section | None
    suffix: str = ""
    units: list[Unit] = field(default_factory=list)
    answer_first: str | None = None  # answer text on the question's own unit (Q:/A: pairs, a marker's remainder)
    answer_first_line: int = 0
    body_prefix: str = ""  # (list items) the item's own lines after the question, as Markdown
    body_prefix_line: int = 0


@dataclass
class _Reading:
    path: str
    lines: list[str]
    unanswered: str
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    top: frozenset[str] = frozenset()  # anchors a back link points at: the title's, the contents'

    def error(self, line: int, message: str) -> None:
        self.errors.append(Diagnostic(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        """A defect the document can be shown with: a warning (an error in a strict build)."""
        self.warnings.append(Diagnostic(self.path, line, message))


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
    reading = _Reading(path, lines, unanswered)
    units = _split_marker_paragraphs(read_units(lines), lines)
    _check_fences(units, reading)
    title_index, title = _title(units)
    reading.top = _top_anchors(units, lines, title)
    shape, questions = _shape(units, reading)
    if title_index is not None and _h1_sections(units, title_index, questions):
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
        shape=shape,
        warnings=reading.warnings,
        lines=list(lines),
        dropped=list(generated.dropped),
    )
    boundaries = _structure(units, title_index, questions, collection, reading)
    if reading.errors:
        raise QAFormatError(sorted(set(reading.errors), key=lambda d: (d.line, d.message)))
    _number_warnings(collection, reading)
    reading.warnings.sort(key=lambda d: d.line)
    _assign_ids(collection)
    collection.anchors = _anchors(units, collection, boundaries)
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
            if _is_marker_text(lines[k]) or _QUESTION_MARKER.match(lines[k]):
                out.append(_paragraph(start, k, lines))
                start = k
        out.append(_paragraph(start, unit.end, lines) if start != unit.start else unit)
    return out


def _paragraph(start: int, end: int, lines: list[str]) -> Unit:
    return Unit("paragraph", start, end, text="\n".join(ln.strip() for ln in lines[start:end]))


def _h1_sections(units: list[Unit], title_index: int, questions: dict) -> bool:
    """ "# I. Networking" right above the questions, with more such headings later: sections, not a title."""
    later = [i for i in range(title_index + 1, len(units)) if units[i].kind == "heading" and units[i].level == 1]
    if not later:
        return False
    question_units = {c.index for c in questions.values()}
    after = next(
        (i for i in range(title_index + 1, len(units)) if units[i].kind == "heading" or i in question_units), None
    )
    return after is not None and after in question_units


def _title_from_path(path: str) -> str:
    return Path(path).stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Questions"


def _check_fences(units: list[Unit], reading: _Reading) -> None:
    """A code fence left open swallows the rest of the document (on GitHub too): say so when it
    swallows headings."""
    for unit in units:
        if unit.kind == "code" and not unit.closed and unit.end >= len(reading.lines) - 1:
            inside = [k for k in range(unit.start + 1, unit.end) if _HEADING_LINE.match(reading.lines[k])]
            if inside:
                fence = reading.lines[unit.start].strip()
                mark = fence[:3] if fence[:1] in "`~" else "```"
                reading.error(
                    unit.line,
                    f"code fence opened here is never closed, so the rest of the document is code (as on GitHub) "
                    f"and {len(inside)} heading(s) from line {inside[0] + 1} on are lost: add a line '{mark}' "
                    "where the code ends",
                )


def _title(units: list[Unit]) -> tuple[int | None, str]:
    """The unit of the document's title (its first level-1 heading, Markdown or HTML) and its text."""
    for index, unit in enumerate(units):
        if unit.kind == "heading" and unit.level == 1:
            return index, _strip_bold(unit.text)
        if unit.kind == "html":
            match = re.search(r"<h1\b[^>]*>(.*?)</h1>", unit.text, re.IGNORECASE | re.DOTALL)
            if match:
                return index, html_to_text(match.group(1))
        if unit.kind == "heading":
            return None, ""
    return None, ""


# --------------------------------------------------------------------------- shapes


@dataclass
class _Candidate:
    index: int  # unit index
    number: int | None
    text: str
    level: int = 0
    suffix: str = ""


def _shape(units: list[Unit], reading: _Reading) -> tuple[Shape, dict[int, _Candidate]]:
    """The document's question shape and its question units (by unit index)."""
    headings = [(i, u) for i, u in enumerate(units) if u.kind == "heading" and 2 <= u.level <= 6]
    numbered = {i: _numbered(u.text) for i, u in headings}
    numbered = {i: n for i, n in numbered.items() if n is not None}
    asking = {i for i, u in headings if _Q_PREFIX.match(_strip_bold(u.text)) or _reads_as_question(u.text)}
    details = {
        i: u
        for i, u in enumerate(units)
        if u.kind == "details" and not _ANSWER_SUMMARY.match(html_to_text(u.text)) and _is_question_details(u)
    }
    bold = {i for i, u in enumerate(units) if u.kind == "paragraph" and _bold_question(u.text) is not None}
    pairs = {i for i, u in enumerate(units) if u.kind == "paragraph" and _QA_Q.match(u.text.split("\n")[0])}
    listed = {
        (i, k)
        for i, u in enumerate(units)
        if u.kind == "list"
        for k, item in enumerate(u.items)
        if (u.ordered or _QA_Q.match(_strip_bold(item.first_text))) and _item_question(item) is not None
    }
    counts = {
        "numbered": len(numbered),
        "asking": len(asking - set(numbered)),
        "details": len(details),
        "list": len(listed),
        "bold": len(bold),
        "qa-pairs": len(pairs),
    }
    best = max(counts, key=lambda k: (counts[k], -list(counts).index(k)))
    if counts[best] == 0:
        return Shape("heading"), {}
    if best == "numbered" or (best == "asking" and counts["numbered"] >= counts["asking"]):
        return Shape("heading", numbered=True, rule="a heading is a question when it has a number"), _numbered_headings(
            units, numbered
        )
    if best == "asking":
        prefixed = sum(1 for i in asking if _Q_PREFIX.match(_strip_bold(units[i].text)))
        rule = (
            "a heading is a question when it starts with 'Q.'"
            if prefixed >= MARKED * len(asking)
            else "a heading is a question when it ends in '?', or follows the pattern of its sibling questions"
        )
        return Shape("heading", numbered=False, rule=rule), _asking_headings(units, headings, asking)
    if best == "details":
        return Shape("details", numbered=False, marked=False), {
            i: _Candidate(i, None, _strip_bold(u.text)) for i, u in details.items()
        }
    if best == "bold":
        return Shape("bold", numbered=False), {i: _Candidate(i, None, _bold_question(units[i].text)) for i in bold}
    if best == "qa-pairs":
        return Shape("qa-pairs", numbered=False, marked=True), {
            i: _Candidate(i, None, _QA_Q.match(units[i].text.split("\n")[0]).group("rest").strip()) for i in pairs
        }
    # Items of numbered lists; a question heading the list lost (an item indented too little ends a
    # list on GitHub too) is still one of them.
    chosen: dict[int, _Candidate] = {}
    for i, k in sorted(listed):
        number, text = _item_question(units[i].items[k])
        chosen[(i, k)] = _Candidate(i, number, text)  # type: ignore[index]
    holding = {i for i, _ in listed}
    for i in asking | set(numbered):
        following = next((j for j in range(i + 1, len(units)) if units[j].kind not in ("hr", "html")), None)
        if i not in asking and following in holding:
            continue  # "## 1. Concepts" above its list of questions: a section
        number, text, suffix = numbered.get(i, (None, _strip_bold(units[i].text), ""))
        chosen[(i, -1)] = _Candidate(i, number, text, units[i].level, suffix)  # type: ignore[index]
    numbers = Counter(c.number is not None for c in chosen.values())
    return Shape("list", numbered=numbers[True] >= numbers[False]), chosen


def _is_question_details(unit: Unit) -> bool:
    """A details element holds a question unless it is a list of links (translations, a TOC) or empty."""
    summary = html_to_text(unit.text)
    if not summary:
        return False
    body = unit.body.strip()
    links = _LINK.findall(body)
    text_without_links = re.sub(r"\[[^\]]*\]\([^)]*\)|<a\b[^>]*>.*?</a>|[-*+\s]|<[^>]+>", "", body, flags=re.DOTALL)
    return not (len(links) >= 3 and len(text_without_links) < 20 * len(links))


def _bold_question(text: str) -> str | None:
    if "\n" in text.strip():
        return None
    match = _BOLD_LINE.match(text.strip())
    if not match:
        return None
    inner = match.group("inner").strip()
    if not _reads_as_question(inner):
        return None
    return (inner + match.group("after")).strip()


def _item_question(item) -> tuple[int | None, str] | None:
    """(number, text) of a list item that holds a question: it starts with a heading or a bold line."""
    if item.first == "heading":
        numbered = _numbered(item.first_text)
        return numbered[:2] if numbered else (item.number, _strip_bold(item.first_text))
    if item.first == "paragraph" and item.first_end == item.start + 1:
        question = _bold_question(item.first_text)
        if question is not None:
            asked = _QA_Q.match(question)  # "* **Q: What is a pod?**"
            return item.number, (asked.group("rest").strip() if asked else question)
    return None


def _numbered_headings(units: list[Unit], numbered: dict[int, tuple[int, str, str]]) -> dict[int, _Candidate]:
    """Numbered headings that are questions: not sections above deeper numbered questions, not
    numbered steps inside an answer (a deeper heading that does not go on with the numbering)."""
    chosen: dict[int, _Candidate] = {}
    order = sorted(numbered)
    current: _Candidate | None = None
    for i in order:
        unit, (number, text, suffix) = units[i], numbered[i]
        following = next((j for j in range(i + 1, len(units)) if units[j].kind == "heading"), None)
        container = (
            following is not None
            and following in numbered
            and units[following].level > unit.level
            and not any(units[j].kind not in ("html", "hr") for j in range(i + 1, following))
            and not _reads_as_question(text)
        )
        if container:
            current = None
            continue
        if current is not None and unit.level > current.level:
            next_number = current.number + 1 if current.number is not None else None
            marked_before = any(_marker_kind(units[j]) for j in range(current.index + 1, i))
            if (number != next_number and not suffix) or marked_before:
                continue  # "### 1. Step one" inside the answer
        current = chosen[i] = _Candidate(i, number, text, unit.level, suffix)
    return chosen


def _asking_headings(units: list[Unit], headings: list[tuple[int, Unit]], asking: set[int]) -> dict[int, _Candidate]:
    """Unnumbered question headings: those that read as a question, and their siblings (same level,
    same parent heading) that have an answer of their own."""
    levels = Counter(units[i].level for i in asking)
    question_levels = {level for level, n in levels.items() if n >= 2 or len(asking) == 1}
    parent: dict[int, int | None] = {}
    stack: list[tuple[int, int]] = []
    for i, unit in headings:
        while stack and stack[-1][0] >= unit.level:
            stack.pop()
        parent[i] = stack[-1][1] if stack else None
        stack.append((unit.level, i))
    first_asking: dict[tuple[int, int | None], int] = {}
    for i in sorted(asking):
        first_asking.setdefault((units[i].level, parent[i]), i)
    prefixed = sum(1 for i in asking if _Q_PREFIX.match(_strip_bold(units[i].text)))
    chosen: dict[int, _Candidate] = {}
    for i, unit in headings:
        if unit.level not in question_levels or _TOC_TITLE.match(plain_words(unit.text)):
            continue
        if i not in asking:
            # A sibling of questions, after the first of them, with an answer of its own ("Explain
            # the CAP theorem"); where the questions carry "Q." that prefix is the rule.
            group = (unit.level, parent[i])
            if group not in first_asking or first_asking[group] > i or not _has_own_content(units, i):
                continue
            if _only_links(units, i):
                continue  # "### Other Answers": a list of links, kept as a part of the document
            if prefixed >= MARKED * len(asking):
                continue
            if _Q_PREFIX.match(unit.text) is None and unit.text.lstrip().startswith("#"):
                continue  # "## # 2. Data Types": a section beside "## Q. …" questions
        match = _Q_PREFIX.match(_strip_bold(unit.text))
        text = match.group("rest") if match else unit.text
        chosen[i] = _Candidate(i, None, _strip_bold(text), unit.level)
    return chosen


def _only_links(units: list[Unit], i: int) -> bool:
    """Whether what a heading holds is a list of links (at least two) and little else."""
    own = []
    for unit in units[i + 1 :]:
        if unit.kind == "heading":
            break
        own.append(unit)
    text = "\n".join(u.text if u.kind != "list" else "\n".join(item.first_text for item in u.items) for u in own)
    links = _LINK.findall(text)
    if len(links) < 2 or any(u.kind not in ("list", "paragraph", "hr", "html") for u in own):
        return False
    words = re.sub(r"\[[^\]]*\]\([^)]*\)|<a\b[^>]*>.*?</a>|<[^>]+>|[-*+\s]", "", text, flags=re.DOTALL)
    return len(words) < 20 * len(links)


def _has_own_content(units: list[Unit], i: int) -> bool:
    """Whether a heading has content before the next heading (spacers such as ``<br/>`` do not count)."""
    for unit in units[i + 1 :]:
        if unit.kind == "heading":
            return False
        if unit.kind == "html" and not html_to_text(unit.text):
            continue
        if unit.kind != "hr":
            return True
    return False


# --------------------------------------------------------------------------- markers


def _is_marker_text(text: str) -> bool:
    """ "**Answer:** …", "Answer: …", "A: …", "**Answer**" alone; not "Answer here" or "A list of …"."""
    match = _ANSWER_MARKER.match(text.lstrip())
    if not match:
        return False
    colon = (match.group("colon1") or "") + (match.group("colon2") or "")
    if ":" in colon or colon.endswith("-"):
        return True
    return bool(match.group("open")) and match.group("word").lower() != "a" and not match.group("rest").strip()


def _marker_kind(unit: Unit) -> str | None:
    """What kind of answer marker a unit is, if it is one."""
    if unit.kind == "paragraph":
        return "paragraph" if _is_marker_text(unit.text) else None
    if unit.kind == "heading" and _ANSWER_HEADING.match(plain_words(unit.text)):
        return "heading"
    if unit.kind == "details" and _ANSWER_SUMMARY.match(html_to_text(unit.text)):
        return "details"
    if unit.kind == "list" and unit.items:
        first = unit.items[0]
        if first.first == "paragraph" and _is_marker_text(first.first_text) and "answer" in first.first_text.lower():
            return "list"
    return None


# --------------------------------------------------------------------------- structure


@dataclass
class _Scope:
    """A heading that is not a question, and what it holds."""

    index: int  # its unit
    level: int
    end: int  # the unit index where its scope ends (the next heading at its level or above)
    content: list[Unit] = field(default_factory=list)  # units directly under it, outside questions
    section: Section | None = None  # set when a question sits directly under it
    holds: bool = False  # a question sits under it, or under one of its subheadings
    seen: bool = False  # outside any answer (a heading inside an answer is the answer's)
    heading: Heading | None = None  # set when it is in the outline above a section

    def has_content(self) -> bool:
        return any(u.kind != "hr" and not (u.kind == "html" and not html_to_text(u.text)) for u in self.content)


def _structure(
    units: list[Unit],
    title_index: int | None,
    questions: dict,
    collection: Collection,
    reading: _Reading,
) -> list[int]:
    """Walk the units once: sections, questions with their units, the introduction, kept parts.

    Returns the lines (0-based) where each question and each heading outside the answers start:
    what the document's anchors belong to (see :func:`_anchors`).
    """
    lines = reading.lines
    by_unit: dict[int, list[tuple[object, _Candidate]]] = {}
    for key, candidate in questions.items():
        by_unit.setdefault(candidate.index, []).append((key, candidate))
    scopes: dict[int, _Scope] = {}
    for index, unit in enumerate(units):
        if unit.kind == "heading" and index != title_index and index not in by_unit:
            end = next(
                (
                    j
                    for j in range(index + 1, len(units))
                    if units[j].kind == "heading" and units[j].level <= unit.level
                ),
                len(units),
            )
            scopes[index] = _Scope(index, unit.level, end)
    names = Counter(_heading_name(u) for u in units if u.kind == "heading")
    stack: list[_Scope] = []
    boundaries: list[int] = []
    intro: list[Unit] = []
    opened: list[_Open] = []
    current: _Open | None = None
    shape = collection.shape.kind

    def section_for() -> Section:
        """The section of a question opened now: the deepest heading above it (not a table of
        contents), or a section without a title, in document order."""
        for position in range(len(stack) - 1, -1, -1):
            scope = stack[position]
            if _TOC_TITLE.match(plain_words(units[scope.index].text)):
                continue
            if scope.section is None:
                heading = units[scope.index]
                scope.section = Section(title=_section_title(heading.text), line=heading.line)
                scope.section.parents = [
                    _outline(outer, units)
                    for outer in stack[:position]
                    if not _TOC_TITLE.match(plain_words(units[outer.index].text))
                ]
                collection.sections.append(scope.section)
            return scope.section
        if not collection.sections or collection.sections[-1].title is not None:
            collection.sections.append(Section(title=None, line=1))
        return collection.sections[-1]

    for index, unit in enumerate(units):
        if index == title_index:
            continue
        if index in by_unit:
            if unit.kind == "heading":
                # A question heading ends the headings below its level, and those at its level
                # that have content of their own ("## # 2. Data Types" beside "## Q. …" stays).
                while stack and (
                    stack[-1].level > unit.level or (stack[-1].level == unit.level and stack[-1].has_content())
                ):
                    stack.pop()
            for key, candidate in by_unit[index]:
                if shape == "list" and isinstance(key, tuple) and key[1] >= 0:
                    boundaries.append(unit.items[key[1]].start)
                    current = _open_item(unit, key[1], candidate, section_for(), lines)
                    opened.append(current)
                    continue
                boundaries.append(unit.start)
                current = _Open(
                    candidate.number, candidate.text, unit.line, candidate.level, section_for(), candidate.suffix
                )
                if shape == "details":
                    current.answer_first, current.answer_first_line = unit.body, unit.body_line + 1
                elif shape == "qa-pairs":
                    _pair(current, unit)
                opened.append(current)
            continue
        if unit.kind == "heading":
            if current is not None and current.level and unit.level > current.level:
                current.units.append(unit)  # a heading inside the answer
                continue
            if current is not None and current.level == unit.level and _part_of_answer(units, index, by_unit, names):
                current.units.append(unit)  # "### Code Example" between "### Q1: …" and "### Q2: …"
                continue
            if current is not None and not current.level and shape == "list" and lines[unit.start].startswith(" "):
                current.units.append(unit)  # an item's heading indented too little: it ended the list
                continue
            current = None
            while stack and stack[-1].level >= unit.level:
                stack.pop()
            stack.append(scopes[index])
            scopes[index].seen = True
            boundaries.append(unit.start)
            continue
        if current is not None:
            current.units.append(unit)
        elif stack:
            stack[-1].content.append(unit)
        else:
            intro.append(unit)

    for unit in intro + [u for scope in scopes.values() if scope.seen for u in scope.content]:
        if unit.kind == "paragraph" and _is_marker_text(unit.text) and collection.shape.kind == "heading":
            reading.error(
                unit.line,
                "answer marker outside any question: put a question heading (for example '## 1. ...?') above it",
            )
    collection.intro = _markdown(_keep(intro, lines, collection, reading.top), lines)
    for index in sorted(scopes, reverse=True):  # from the deepest up: a heading holds what its subheadings hold
        scope = scopes[index]
        scope.holds = scope.section is not None or any(scopes[k].holds for k in scopes if index < k < scope.end)
    for scope in scopes.values():
        if scope.section is not None:
            scope.section.intro = _markdown(_keep(scope.content, lines, collection, reading.top), lines)
        elif scope.heading is not None:
            scope.heading.intro = _markdown(_keep(scope.content, lines, collection, reading.top), lines)
    _parts(units, scopes, collection, lines, reading.top)
    _finish_questions(opened, collection, reading)
    collection.sections = [s for s in collection.sections if s.questions]
    return sorted(boundaries)


def _part_of_answer(units: list[Unit], index: int, questions: dict, names: Counter[str]) -> bool:
    """Whether a heading at the level of the question above it is part of that question's answer.

    A reader takes "### Strategy" and "### Code Example" between "### Q1: …" and "### Q2: …"
    for parts of the first answer: a heading that is no question, with content of its own,
    followed by more questions at its level. A heading with nothing under it labels what
    follows (a section), and one after the last question at its level ("## License") is a
    part of the document; so is a table of contents, and "## # 2. Data Types".
    """
    unit = units[index]
    if _TOC_TITLE.match(plain_words(unit.text)) or unit.text.lstrip().startswith("#"):
        return False
    if not _has_own_content(units, index):
        return False
    if names[_heading_name(unit)] > 1:
        return True  # the same part in several answers ("Code Example")
    for later in range(index + 1, len(units)):
        other = units[later]
        if later in questions and (other.kind != "heading" or other.level == unit.level):
            return True
        if other.kind == "heading" and other.level < unit.level:
            return False
    return False


def _heading_name(unit: Unit) -> str:
    return plain_words(unit.text).rstrip(":").lower()


def _outline(scope: _Scope, units: list[Unit]) -> Heading:
    """The heading of a scope that holds sections, made once for all of them."""
    if scope.heading is None:
        unit = units[scope.index]
        scope.heading = Heading(title=_section_title(unit.text), line=unit.line)
    return scope.heading


def _pair(current: _Open, unit: Unit) -> None:
    """A "Q:" paragraph: the question goes on to the "A:" line, if it is in the same paragraph."""
    _, *rest = unit.text.split("\n")
    answer = next((k for k, ln in enumerate(rest) if _QA_A.match(ln)), None)
    if answer is None:
        current.text = " ".join([current.text, *rest]).strip()
        return
    current.text = " ".join([current.text, *rest[:answer]]).strip()
    tail = [_QA_A.match(rest[answer]).group("rest"), *rest[answer + 1 :]]
    current.answer_first = "\n".join(tail).strip()
    current.answer_first_line = unit.start + 2 + answer


def _parts(
    units: list[Unit], scopes: dict[int, _Scope], collection: Collection, lines: list[str], top: frozenset[str]
) -> None:
    """Headings that hold no question, with all they hold: kept for the home page, or a table of
    contents (dropped with the empty headings right before it)."""
    quiet: list[tuple[_Scope, str, list[Unit]]] = []  # (scope, kind, units)
    skip_to = -1
    for index in sorted(scopes):
        scope = scopes[index]
        if index < skip_to or scope.holds or not scope.seen:
            continue
        skip_to = scope.end
        inside = units[index + 1 : scope.end]
        kept = _keep(inside, lines, collection, top, count_tocs=False)
        title = plain_words(units[index].text)
        has_toc = any(_is_toc(u, lines) for u in inside)
        if _TOC_TITLE.match(title) or (has_toc and not [u for u in kept if u.kind != "heading"]):
            kind = "toc"
        elif not inside:
            kind = "empty"
        else:
            kind = "part"
        quiet.append((scope, kind, kept))
    for k, (scope, kind, kept) in enumerate(quiet):
        heading = units[scope.index]
        next_kind = quiet[k + 1][1] if k + 1 < len(quiet) and quiet[k + 1][0].index == scope.end else None
        if kind == "toc" or (kind == "empty" and next_kind == "toc"):
            if kind == "toc" or next_kind != "toc":
                end = units[scope.end - 1].end if kind == "toc" else units[quiet[k + 1][0].end - 1].end
                collection.dropped.append(f"table of contents (lines {heading.line}-{end})")
            continue
        collection.parts.append(Part(_section_title(heading.text), _markdown(kept, lines), heading.line))


def _section_title(text: str) -> str:
    """ "## # 2. Data Types" -> "2. Data Types"; bold around the whole title removed."""
    return _strip_bold(re.sub(r"^#+\s+", "", text.strip()))


def _open_item(unit: Unit, k: int, candidate: _Candidate, section: Section | None, lines: list[str]) -> _Open:
    """A question held by a list item: the rest of the item, dedented, is its answer."""
    item = unit.items[k]
    current = _Open(candidate.number, candidate.text, item.start + 1, 0, section)
    rest = [
        ln[item.indent :] if len(ln) - len(ln.lstrip(" ")) >= item.indent else ln.lstrip(" ")
        for ln in lines[item.first_end : item.end]
    ]
    current.body_prefix = "\n".join(rest).strip("\n")
    current.body_prefix_line = item.first_end + 1
    current.level = 0
    return current


def _top_anchors(units: list[Unit], lines: list[str], title: str) -> frozenset[str]:
    """The anchors of the top of a document: its title's, its table of contents' heading, the
    ``<a name>`` anchors before its first heading, and GitHub's own (``#readme``, ``#top``)."""
    anchors = {"top", "readme", "table-of-contents", "contents"}
    if title:
        anchors.add(github_anchor(title))
    first_heading = True
    for index, unit in enumerate(units):
        if unit.kind == "heading":
            following = next((u for u in units[index + 1 :] if u.kind != "hr"), None)
            if _TOC_TITLE.match(plain_words(unit.text)) or (following is not None and _is_toc(following, lines)):
                anchors.add(github_anchor(unit.text))
            first_heading = False
        elif first_heading and unit.kind in ("html", "paragraph"):
            anchors.update(name.lower() for name in _NAMED.findall(unit.text))
    return frozenset(anchors)


def _is_back_to_top(unit: Unit, lines: list[str], top: frozenset[str] = frozenset()) -> bool:
    """A link back to the top of the document or to its contents, in any language: its words say
    so ("back to top", an arrow), or it points at the title's or the contents' anchor."""
    if unit.kind not in ("paragraph", "html"):
        return False
    source = "\n".join(lines[unit.start : unit.end])
    text = html_to_text(source) if unit.kind == "html" else plain_words(source)
    links = [a or b for a, b in _LINK.findall(source)]
    if not links or len(text) > 40 or not all(link.startswith("#") for link in links):
        return False
    return bool(_BACK_TO_TOP.search(text)) or all(unquote(link[1:]).lower() in top for link in links)


def _is_toc(unit: Unit, lines: list[str]) -> bool:
    """A list or table of links to the document's own anchors (or to the same file by URL)."""
    if unit.kind not in ("list", "table", "html", "paragraph"):
        return False
    source = "\n".join(lines[unit.start : unit.end])
    links = [a or b for a, b in _LINK.findall(source)]
    if len(links) < 2:
        return False
    own = [link for link in links if link.startswith("#") or re.search(r"/blob/[^#]+#", link)]
    if len(own) < 0.8 * len(links):
        return False
    words = re.sub(r"\[[^\]]*\]\([^)]*\)|<a\b[^>]*>.*?</a>|<[^>]+>|[|\-:*+\s\d.]", "", source, flags=re.DOTALL)
    return len(words) < 12 * len(links)


def _keep(
    units: list[Unit], lines: list[str], collection: Collection, top: frozenset[str], *, count_tocs: bool = True
) -> list[Unit]:
    """Units worth showing: without tables of contents, "back to top" links and lone rules."""
    kept = []
    for unit in units:
        if _is_back_to_top(unit, lines, top):
            collection.dropped.append(f"back link (lines {unit.line}-{unit.end})")
            continue
        if _is_toc(unit, lines):
            if count_tocs:
                collection.dropped.append(f"table of contents (lines {unit.line}-{unit.end})")
            continue
        kept.append(unit)
    while kept and (
        kept[-1].kind == "hr"
        or (kept[-1].kind == "html" and not html_to_text(kept[-1].text) and "<img" not in kept[-1].text.lower())
    ):
        kept.pop()
    while kept and (
        kept[0].kind == "hr"
        or (kept[0].kind == "html" and not html_to_text(kept[0].text) and "<img" not in kept[0].text.lower())
    ):
        kept.pop(0)
    return kept


def _markdown(units: list[Unit], lines: list[str]) -> str:
    """The source of some units, as written: neighbours stay one slice of the document (so a
    list right under its paragraph stays there); where a unit was left out, a blank line."""
    if not units:
        return ""
    runs: list[list[Unit]] = [[units[0]]]
    for unit in units[1:]:
        last = runs[-1][-1]
        if unit.start >= last.end and not any(lines[k].strip() for k in range(last.end, unit.start)):
            runs[-1].append(unit)
        else:
            runs.append([unit])
    chunks = ["\n".join(lines[run[0].start : run[-1].end]).strip("\n") for run in runs]
    return "\n\n".join(c for c in chunks if c.strip())


def _finish_questions(opened: list[_Open], collection: Collection, reading: _Reading) -> None:
    """Split each question's units into body and answer; check every question has an answer."""
    lines = reading.lines
    marked = [q for q in opened if q.answer_first is not None or any(_marker_kind(u) for u in q.units)]
    shape = collection.shape
    strict = len(marked) >= MARKED * len(opened)  # markers are the rule: a missing one is a mistake
    if shape.kind not in ("details", "qa-pairs"):
        shape.marked = len(marked) >= len(opened) / 2  # how most of its answers are written
    for q in opened:
        body_units, answer_units, first, first_line = _split(q, lines)
        body = _markdown(body_units, lines)
        if q.body_prefix and q.answer_first is None:
            prefix = q.body_prefix
            if shape.kind == "list":
                # A list item's own content is its answer, unless a marker inside it says where that starts.
                body, answer, answer_line = _split_text(prefix, q.body_prefix_line, lines)
                first, first_line = answer, answer_line
        answer = "\n\n".join(
            p for p in [first or "", _markdown(_keep(answer_units, lines, collection, reading.top), lines)] if p.strip()
        )
        if first and ("\n" in first.strip() or shape.kind in ("list", "details")) and _MAY_TRAIL.search(answer):
            # Text that is not units of the document: read it again, unless all it has is a final rule.
            answer = _without_final_rule(answer) or _strip_trailing(answer, reading.top)
        answer_line = first_line or (answer_units[0].line if answer_units else q.line)
        unmarked = first is None and not any(_marker_kind(u) for u in q.units) and shape.kind != "list"
        if strict and unmarked and answer.strip() and shape.kind not in ("details",):
            marker = "no 'A:' line" if shape.kind == "qa-pairs" else "no answer marker ('**Answer:**')"
            reading.warn(
                q.line,
                f"question {_name(q)} has {marker}, unlike the other questions of this document: what "
                "follows it, up to the next question, is taken as its answer",
            )
        if not answer.strip():
            if reading.unanswered == "error":
                reading.error(
                    q.line,
                    f"question {_name(q)} has no answer: write it below the question, or set "
                    "'unanswered: show' (or 'skip') under plugins: qa: in mkdocs.yml for a collection of open questions",
                )
                continue
            if reading.unanswered == "skip":
                reading.warn(
                    q.line, f"question {_name(q)} has no answer in the document, so it is left out of the site"
                )
                continue
            reading.warn(
                q.line,
                f"question {_name(q)} has no answer in the document: it is shown as such, and left out of the "
                "flashcards, the quiz and the deck",
            )
        if not q.text.strip():
            reading.warn(q.line, f"question {_name(q)} has no text: it is shown as 'Question {_name(q)}'")
            q.text = f"Question {_name(q)}"
        body, answer = _choices(body, answer)
        question = Question(
            number=q.number,
            text=q.text,
            answer=answer,
            line=q.line,
            answer_line=answer_line,
            body=body,
            level=q.level,
            suffix=q.suffix,
        )
        section = q.section
        question.section = section
        question.collection = collection
        section.questions.append(question)
    _duplicates(opened, reading)


_TASK = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[([ xX])\](?=\s)")


def _choices(body: str, answer: str) -> tuple[str, str]:
    """A multiple-choice question: its options before the answer, none of them marked right,
    and the options as written (the right one ticked) at the start of the answer.

    The options are a task list (``- [ ] 1`` … ``- [x] 2``) with one ticked or more, in the
    question's body or at the start of its answer.
    """
    for where, text in (("body", body), ("answer", answer)):
        units = read_units(text.split("\n")) if "[" in text else []
        if not units or units[-1 if where == "body" else 0].kind != "list":
            continue
        unit = units[-1] if where == "body" else units[0]
        lines = text.split("\n")
        marks = [_TASK.match(lines[item.start]) for item in unit.items]
        if len(marks) < 2 or not all(marks) or not any(m.group(2) in "xX" for m in marks):
            continue
        options = "\n".join(lines[unit.start : unit.end])
        unticked = "\n".join(_TASK.sub(r"\1[ ]", line) for line in lines[unit.start : unit.end])
        if where == "body":
            return "\n".join([*lines[: unit.start], unticked, *lines[unit.end :]]), f"{options}\n\n{answer}".strip()
        return f"{body}\n\n{unticked}".strip(), answer
    return body, answer


def _split(q: _Open, lines: list[str]) -> tuple[list[Unit], list[Unit], str | None, int]:
    """(body units, answer units, answer text from the marker's own unit, its line)."""
    if q.answer_first is not None:
        return [], q.units, q.answer_first, q.answer_first_line
    q.units = _body_marker(q.units, lines)
    for k, unit in enumerate(q.units):
        kind = _marker_kind(unit)
        if kind is None:
            continue
        body, rest = q.units[:k], q.units[k + 1 :]
        if kind == "paragraph":
            source = "\n".join(lines[unit.start : unit.end])
            match = _ANSWER_MARKER.match(source.lstrip())
            first = match.group("rest").strip("\n")
            if rest and rest[0].start == unit.end and first.strip():  # the answer goes on in the next line
                first += "\n" + "\n".join(lines[rest[0].start : rest[-1].end])
                return body, [], first, unit.line
            return body, rest, first.strip() or None, unit.line
        if kind == "heading":
            value = (_ANSWER_HEADING.match(plain_words(unit.text)).group("rest") or "").strip()
            return body, rest, value or None, unit.line + 1
        if kind == "details":
            inner = unit.body
            _, answer, _ = _split_text(inner, unit.body_line + 1, lines)
            return body, rest, answer, unit.body_line + 1
        if kind == "list":
            source = "\n".join(lines[unit.start : unit.end])
            first, *more = source.split("\n")
            match = _ANSWER_MARKER.match(first.strip())
            indent = unit.items[0].indent
            tail = [ln[indent:] if ln.startswith(" " * indent) else ln.lstrip() for ln in more]
            return body, rest, "\n".join([match.group("rest"), *tail]).strip(), unit.line
    return [], q.units, None, 0


def _body_marker(units: list[Unit], lines: list[str]) -> list[Unit]:
    """The units of a question with a leading "**Question:**" marker taken off its body."""
    if units and units[0].kind == "paragraph":
        match = _QUESTION_MARKER.match(lines[units[0].start])
        if match:
            lines[units[0].start] = match.group("rest")
    return units


def _split_text(text: str, first_line: int, lines: list[str]) -> tuple[str, str, int]:
    """(body, answer, answer line) of a piece of Markdown that may hold an answer marker of its own
    (a details block whose first line is "#### Answer: D"; a list item with "**Answer:**")."""
    inner = text.split("\n")
    units = read_units(inner)
    for unit in units:
        kind = _marker_kind(unit)
        if kind in ("paragraph", "heading"):
            before = "\n".join(inner[: unit.start]).strip("\n")
            if kind == "paragraph":
                value = _ANSWER_MARKER.match("\n".join(inner[unit.start : unit.end]).lstrip()).group("rest").strip()
            else:
                value = (_ANSWER_HEADING.match(plain_words(unit.text)).group("rest") or "").strip()
            after = "\n".join(inner[unit.end :]).strip("\n")
            answer = "\n\n".join(p for p in (value, after) if p)
            return before, answer, first_line + unit.start
        if kind is None and unit.kind == "list" and len(unit.items) == 1 and _is_marker_text(unit.items[0].first_text):
            # "- *A:* The smallest unit" under "* **Q: What is a pod?**": the item is the answer
            item = unit.items[0]
            first, *more = inner[item.start : item.end]
            value = _ANSWER_MARKER.match(first[item.indent :].lstrip()).group("rest").strip()
            tail = [ln[item.indent :] if ln.startswith(" " * item.indent) else ln.lstrip() for ln in more]
            before = "\n".join(inner[: unit.start]).strip("\n")
            after = "\n".join(inner[unit.end :]).strip("\n")
            answer = "\n\n".join(p for p in ("\n".join([value, *tail]).strip("\n"), after) if p)
            return before, answer, first_line + unit.start
    return "", text, first_line


_FINAL_RULE = re.compile(r"\n[ \t]*\n([-*_])(?:[ \t]*\1){2,}[ \t]*\Z")
_MAY_CONTAIN_IT = ("```", "~~~", "$$", "<")
"""What could hold a final rule in a block of its own (a fence, maths, raw HTML left open)."""


def _without_final_rule(answer: str) -> str | None:
    """The answer without the rule that closes it (``---`` after a blank line, at the start of
    its line, as documents separate their questions), when that needs no second reading.

    It is what :func:`_strip_trailing` makes of such an answer: a rule at column 0 after a
    blank line is a unit of its own, unless a fence, a maths block or raw HTML left open holds
    it, and the rest has nothing else it would drop. None: read it again.
    """
    match = _FINAL_RULE.search(answer)
    if match is None:
        return None
    rest = answer[: match.start()]
    if _MAY_TRAIL.search(rest) or any(mark in rest for mark in _MAY_CONTAIN_IT):
        return None
    return rest.strip("\n") or None


def _strip_trailing(answer: str, top: frozenset[str]) -> str:
    """An answer without its "back to top" links and the rules that close it."""
    lines = answer.split("\n")
    units = read_units(lines)
    drop = [u for u in units if _is_back_to_top(u, lines, top)]
    while units and (units[-1].kind == "hr" or units[-1] in drop):
        drop.append(units.pop())
    for unit in sorted(set(map(id, drop)) and drop, key=lambda u: -u.start):
        del lines[unit.start : unit.end]
    return "\n".join(lines).strip("\n")


def _short(text: str, limit: int = 60) -> str:
    words = plain_words(text)
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def _name(q: _Open) -> str:
    return str(q.number) if q.number is not None else f"'{_short(q.text)}'"


def _duplicates(opened: list[_Open], reading: _Reading) -> None:
    """The same number twice in one section is a mistake; numbering may restart in a later one."""
    seen: dict[tuple[int, str], int] = {}
    for q in opened:
        if q.number is None:
            continue
        key = (id(q.section), f"{q.number}{q.suffix}")
        if key in seen:
            reading.warn(
                q.line,
                f"question number {key[1]} is used twice (first on line {seen[key]}): both are shown, at "
                "different addresses; renumber one of them",
            )
        seen.setdefault(key, q.line)


def _number_warnings(collection: Collection, reading: _Reading) -> None:
    for section in collection.sections:
        previous = None
        for question in section.questions:
            if question.number is None:
                previous = None
                continue
            if previous is not None and question.number not in (previous, previous + 1, 1):
                reading.warnings.append(
                    Diagnostic(
                        reading.path,
                        question.line,
                        f"question numbering jumps from {previous} to {question.number}: check for a missing question",
                    )
                )
            previous = question.number


_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)
_NAMED = re.compile(r"<a\b[^>]*\b(?:name|id)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def github_anchor(text: str) -> str:
    """The anchor GitHub gives a heading: its text lower-cased, punctuation dropped, spaces as hyphens."""
    return _SLUG_DROP.sub("", html_to_text(plain_words(text)).lower()).replace(" ", "-")


def _anchors(units: list[Unit], collection: Collection, boundaries: list[int]) -> dict[str, object]:
    """Every anchor of the document (headings as GitHub names them, ``<a name>`` and ``id``), with
    what it points at: the question, section or part around its line (None: the home page)."""
    found: list[tuple[int, str]] = []
    counts: Counter[str] = Counter()

    def heading(text: str, line: int) -> None:
        base = github_anchor(text)
        anchor = base if not counts[base] else f"{base}-{counts[base]}"
        counts[base] += 1
        found.append((line, anchor))

    for unit in units:
        if unit.kind == "heading":
            heading(unit.text, unit.start)
        elif unit.kind == "list":
            for item in unit.items:
                if item.first == "heading":
                    heading(item.first_text, item.start)
        source = unit.text if unit.kind in ("heading", "html", "details") else ""
        found.extend((unit.start, name) for name in _NAMED.findall(source))
    owner_at: dict[int, object] = {h.line - 1: h for s in collection.sections for h in s.parents}
    owner_at.update({s.line - 1: s for s in collection.sections if s.title})
    owner_at.update({p.line - 1: p for p in collection.parts})
    owner_at.update({q.line - 1: q for q in collection.questions})
    anchors: dict[str, object] = {}
    for line, anchor in found:
        k = bisect_right(boundaries, line) - 1
        anchors.setdefault(anchor, owner_at.get(boundaries[k]) if k >= 0 else None)
    return anchors


def _assign_ids(collection: Collection) -> None:
    """Slugs (URL segments) and keys (ids), unique in the collection and stable while the number
    and the first words of a question stay the same."""
    collection.slug = slugify(Path(collection.path).stem, max_words=10) or "questions"
    used: set[str] = set()
    for index, section in enumerate(collection.sections, start=1):
        base = slugify(section.title or "") or f"section-{index}"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        section.slug = slug
    numbers = Counter(q.numeral for q in collection.questions if q.number is not None)
    keys: set[str] = set()
    slugs: set[str] = set()
    for position, question in enumerate(collection.questions, start=1):
        words = slugify(plain_words(question.text))
        if question.number is not None:
            repeated = numbers[question.numeral] > 1
            key = f"{question.section.slug}-{question.numeral}" if repeated else question.numeral
            slug = f"{key}-{words}" if words else key
        else:
            key = words or f"question-{position}"
            slug = key
        base_key, base_slug, n = key, slug, 2
        while key in keys or slug in slugs:
            key, slug, n = f"{base_key}-{n}", f"{base_slug}-{n}", n + 1
        keys.add(key)
        slugs.add(slug)
        question.key, question.slug = key, slug
