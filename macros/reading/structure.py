"""A document's structure: sections, their outline, introductions and the parts kept for the home page."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field

from macros.model import (
    Collection,
    Heading,
    Part,
    Section,
)
from macros.reading.answers import finish_questions, is_toc, keep, markdown
from macros.reading.blocks import Unit, html_to_text
from macros.reading.patterns import (
    NAMED,
    TOC_TITLE,
    github_anchor,
    is_marker_text,
    numbered_h1s,
    plain_words,
    question_number,
    strip_bold,
)
from macros.reading.shapes import QuestionShape, has_own_content
from macros.reading.state import Candidate, Open, Reading


@dataclass
class Scope:
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


def structure(
    units: list[Unit],
    title_index: int | None,
    questions: dict,
    collection: Collection,
    reading: Reading,
    shape: QuestionShape,
) -> list[int]:
    """Walk the units once: sections, questions with their units, the introduction, kept parts.

    Returns the lines (0-based) where each question and each heading outside the answers start:
    what the document's anchors belong to (see :func:`anchors`).
    """
    walk = _Walk(units, title_index, questions, collection, reading, shape)
    walk.run()
    walk.finish()
    return sorted(walk.boundaries)


class _Walk:
    """One pass over a document's units, placing each: in a question, under a heading, or in the
    introduction (see :func:`structure`)."""

    def __init__(self, units, title_index, questions, collection, reading, shape) -> None:
        self.units, self.title_index, self.collection, self.reading, self.shape = (
            units,
            title_index,
            collection,
            reading,
            shape,
        )
        self.by_unit: dict[int, list[tuple[object, Candidate]]] = {}
        for key, candidate in questions.items():
            self.by_unit.setdefault(candidate.index, []).append((key, candidate))
        self.scopes = _scopes(units, title_index, self.by_unit)
        self.names = Counter(heading_name(u) for u in units if u.kind == "heading")
        self.stack: list[Scope] = []
        self.boundaries: list[int] = []
        self.intro: list[Unit] = []
        self.opened: list[Open] = []
        self.current: Open | None = None

    def run(self) -> None:
        for index, unit in enumerate(self.units):
            if index == self.title_index:
                continue
            if index in self.by_unit:
                self._questions(index, unit)
            elif unit.kind == "heading":
                self._heading(index, unit)
            elif self.current is not None:
                self.current.units.append(unit)
            elif self.stack:
                self.stack[-1].content.append(unit)
            else:
                self.intro.append(unit)

    def _questions(self, index: int, unit: Unit) -> None:
        stack = self.stack
        if unit.kind == "heading":
            # A question heading ends the headings below its level, and those at its level
            # that have content of their own ("## # 2. Data Types" beside "## Q. …" stays).
            while stack and (
                stack[-1].level > unit.level or (stack[-1].level == unit.level and stack[-1].has_content())
            ):
                stack.pop()
        placed = unit.start  # the lines of the unit given to a question so far
        for key, candidate in self.by_unit[index]:
            start = self.shape.starts(unit, key)
            self._rest_of(unit, placed, start)
            self.boundaries.append(start)
            self.current = self.shape.open(unit, key, candidate, self._section(), self.reading.lines)
            self.opened.append(self.current)
            placed = self.shape.ends(unit, key)
        self._rest_of(unit, placed, unit.end)

    def _rest_of(self, unit: Unit, start: int, end: int) -> None:
        """Items of a list that holds questions, but are none ("1. **map:**" … before "460. ### …"):
        the answer of the question above them."""
        if start < end and self.current is not None and unit.kind == "list":
            items = [item for item in unit.items if start <= item.start < end]
            self.current.units.append(Unit("list", start, end, ordered=unit.ordered, items=items))

    def _heading(self, index: int, unit: Unit) -> None:
        current = self.current
        if current is not None and (
            (current.level and unit.level > current.level)  # a heading inside the answer
            or (current.level == unit.level and part_of_answer(self.units, index, self.by_unit, self.names))
            or self.shape.keeps(current, unit, self.reading.lines)
        ):
            current.units.append(unit)
            return
        self.current = None
        while self.stack and self.stack[-1].level >= unit.level:
            self.stack.pop()
        self.stack.append(self.scopes[index])
        self.scopes[index].seen = True
        self.boundaries.append(unit.start)

    def _section(self) -> Section:
        """The section of a question opened now: the deepest heading above it (not a table of
        contents), or a section without a title, in document order."""
        units, stack, collection = self.units, self.stack, self.collection
        for position in range(len(stack) - 1, -1, -1):
            scope = stack[position]
            if TOC_TITLE.match(plain_words(units[scope.index].text)):
                continue
            if scope.section is None:
                heading = units[scope.index]
                scope.section = Section(title=section_title(heading.text), line=heading.line)
                scope.section.parents = [
                    outline(outer, units)
                    for outer in stack[:position]
                    if not TOC_TITLE.match(plain_words(units[outer.index].text))
                ]
                collection.sections.append(scope.section)
            return scope.section
        if not collection.sections or collection.sections[-1].title is not None:
            collection.sections.append(Section(title=None, line=1))
        return collection.sections[-1]

    def finish(self) -> None:
        """Introductions, what each heading holds, the kept parts, and the questions' answers."""
        collection, reading, lines, scopes = self.collection, self.reading, self.reading.lines, self.scopes
        for unit in self.intro + [u for scope in scopes.values() if scope.seen for u in scope.content]:
            if unit.kind == "paragraph" and is_marker_text(unit.text) and collection.shape.kind == "heading":
                reading.warn(
                    unit.line,
                    "answer marker outside any question: it is shown where it stands; put a question "
                    "heading (for example '## 1. ...?') above it",
                )
        collection.intro = markdown(keep(self.intro, lines, collection, reading.top), lines)
        holders: list[int] = []  # scopes that hold a question, deepest first
        for index in sorted(scopes, reverse=True):
            scope = scopes[index]
            inside = bisect_left(holders, scope.end) - bisect_right(holders, index)
            scope.holds = scope.section is not None or inside > 0
            if scope.holds:
                insort(holders, index)
        for scope in scopes.values():
            held = scope.section or scope.heading
            if held is not None:
                held.intro = markdown(keep(scope.content, lines, collection, reading.top), lines)
        parts(self.units, scopes, collection, lines, reading.top)
        finish_questions(self.opened, collection, reading, self.shape)
        collection.sections = [s for s in collection.sections if s.questions]


def _scopes(units: list[Unit], title_index: int | None, questions: dict) -> dict[int, Scope]:
    """A scope for every heading that is no question: where it ends (the next heading at its level
    or above)."""
    scopes: dict[int, Scope] = {}
    open_at: list[tuple[int, int]] = []  # (level, index) of headings whose end is not found yet
    for index, unit in enumerate(units):
        if unit.kind != "heading":
            continue
        while open_at and open_at[-1][0] >= unit.level:
            _, start = open_at.pop()
            scopes[start].end = index
        if index != title_index and index not in questions:
            scopes[index] = Scope(index, unit.level, len(units))
            open_at.append((unit.level, index))
    return scopes


def part_of_answer(units: list[Unit], index: int, questions: dict, names: Counter[str]) -> bool:
    """Whether a heading at the level of the question above it is part of that question's answer.

    A reader takes "### Strategy" and "### Code Example" between "### Q1: …" and "### Q2: …"
    for parts of the first answer: a heading that is no question, with content of its own,
    followed by more questions at its level. A heading with nothing under it labels what
    follows (a section), and one after the last question at its level ("## License") is a
    part of the document; so is a table of contents, and "## # 2. Data Types".
    """
    unit = units[index]
    if TOC_TITLE.match(plain_words(unit.text)) or unit.text.lstrip().startswith("#"):
        return False
    if not has_own_content(units, index):
        return False
    if names[heading_name(unit)] > 1:
        return True  # the same part in several answers ("Code Example")
    for later in range(index + 1, len(units)):
        other = units[later]
        if later in questions and (other.kind != "heading" or other.level == unit.level):
            return True
        if other.kind == "heading" and other.level < unit.level:
            return False
    return False


def heading_name(unit: Unit) -> str:
    return plain_words(unit.text).rstrip(":").lower()


def outline(scope: Scope, units: list[Unit]) -> Heading:
    """The heading of a scope that holds sections, made once for all of them."""
    if scope.heading is None:
        unit = units[scope.index]
        scope.heading = Heading(title=section_title(unit.text), line=unit.line)
    return scope.heading


def parts(
    units: list[Unit], scopes: dict[int, Scope], collection: Collection, lines: list[str], top: frozenset[str]
) -> None:
    """Headings that hold no question, with all they hold: kept for the home page, or a table of
    contents (dropped with the empty headings right before it)."""
    quiet: list[tuple[Scope, str, list[Unit]]] = []  # (scope, kind, units)
    skip_to = -1
    for index in sorted(scopes):
        scope = scopes[index]
        if index < skip_to or scope.holds or not scope.seen:
            continue
        skip_to = scope.end
        inside = units[index + 1 : scope.end]
        kept = keep(inside, lines, collection, top, count_tocs=False)
        title = plain_words(units[index].text)
        has_toc = any(is_toc(u, lines) for u in inside)
        if TOC_TITLE.match(title) or (has_toc and not [u for u in kept if u.kind != "heading"]):
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
        collection.parts.append(Part(section_title(heading.text), markdown(kept, lines), heading.line))


def section_title(text: str) -> str:
    """ "## # 2. Data Types" -> "2. Data Types"; bold around the whole title removed."""
    return strip_bold(re.sub(r"^#+\s+", "", text.strip()))


def h1_sections(units: list[Unit], title_index: int, questions: dict) -> bool:
    """ "# I. Networking" right above the questions, with more such headings later: sections, not a title."""
    later = [i for i in range(title_index + 1, len(units)) if units[i].kind == "heading" and units[i].level == 1]
    if not later:
        return False
    question_units = {c.index for c in questions.values()}
    after = next(
        (i for i in range(title_index + 1, len(units)) if units[i].kind == "heading" or i in question_units), None
    )
    return after is not None and after in question_units


def document_title(units: list[Unit]) -> tuple[int | None, str]:
    """The unit of the document's title and its text: its first level-1 heading (Markdown or
    HTML), unless its level-1 headings are numbered questions; else a first heading above all
    the others ("## Python" over "####" questions), as a reader takes it."""
    if numbered_h1s(units) >= 2:
        return None, ""  # "# 1. Can you explain …", "# 2. …": the questions, not a title
    for index, unit in enumerate(units):
        if unit.kind == "heading" and unit.level == 1:
            return index, strip_bold(unit.text)
        if unit.kind == "html":
            match = re.search(r"<h1\b[^>]*>(.*?)</h1>", unit.text, re.IGNORECASE | re.DOTALL)
            if match:
                return index, html_to_text(match.group(1))
        if unit.kind == "heading":
            others = [u.level for u in units[index + 1 :] if u.kind == "heading"]
            if others and unit.level < min(others) and not question_number(unit.text):
                return index, strip_bold(unit.text)
            return None, ""
    return None, ""


def top_anchors(units: list[Unit], lines: list[str], title: str) -> frozenset[str]:
    """The anchors of the top of a document: its title's, its table of contents' heading, the
    ``<a name>`` anchors before its first heading, and GitHub's own (``#readme``, ``#top``)."""
    anchors = {"top", "readme", "table-of-contents", "contents"}
    if title:
        anchors.add(github_anchor(title))
    first_heading = True
    for index, unit in enumerate(units):
        if unit.kind == "heading":
            following = next((u for u in units[index + 1 :] if u.kind != "hr"), None)
            if TOC_TITLE.match(plain_words(unit.text)) or (following is not None and is_toc(following, lines)):
                anchors.add(github_anchor(unit.text))
            first_heading = False
        elif first_heading and unit.kind in ("html", "paragraph"):
            anchors.update(name.lower() for name in NAMED.findall(unit.text))
    return frozenset(anchors)
