"""Each question's body and answer: markers, multiple choice, what is dropped (back links, tables of contents)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import unquote

from macros.model import (
    Collection,
    Diagnostic,
    Question,
)
from macros.reading.blocks import Unit, html_to_text, read_units
from macros.reading.patterns import (
    ANSWER_HEADING,
    ANSWER_MARKER,
    BACK_TO_TOP,
    LINK,
    LINKS_AND_TAGS,
    MAY_TRAIL,
    QUESTION_MARKER,
    is_marker_text,
    marker_kind,
    plain_words,
    short,
)
from macros.reading.state import MARKED, Open, Reading

if TYPE_CHECKING:
    from macros.reading.shapes import QuestionShape


def finish_questions(opened: list[Open], collection: Collection, reading: Reading, shape: QuestionShape) -> None:
    """Split each question's units into body and answer; check every question has an answer."""
    lines = reading.lines
    marked = [q for q in opened if q.answer_first is not None or any(marker_kind(u) for u in q.units)]
    strict = len(marked) >= MARKED * len(opened)  # markers are the rule: a missing one is a mistake
    if shape.marks_decide:
        collection.shape.marked = len(marked) >= len(opened) / 2  # how most of its answers are written
    made: dict[int, Question] = {}
    unanswered: list[tuple[Open, Question, Open | None]] = []
    for k, q in enumerate(opened):
        body_units, answer_units, first, first_line = split(q, lines)
        body = markdown(body_units, lines)
        if q.body_prefix and q.answer_first is None:
            # A list item's own content is its answer, unless a marker inside it says where that starts.
            body, first, first_line = split_text(q.body_prefix, q.body_prefix_line, lines)
        answer = "\n\n".join(
            p for p in [first or "", markdown(keep(answer_units, lines, collection, reading.top), lines)] if p.strip()
        )
        if first and ("\n" in first.strip() or shape.text_answers) and MAY_TRAIL.search(answer):
            # Text that is not units of the document: read it again, unless all it has is a final rule.
            answer = without_final_rule(answer) or strip_trailing(answer, reading.top)
        answer_line = first_line or (answer_units[0].line if answer_units else q.line)
        unmarked = first is None and not any(marker_kind(u) for u in q.units) and shape.takes_marker_from_text()
        if strict and unmarked and answer.strip() and shape.missing_marker:
            missing = shape.missing_marker
            if written := _marker_as_written(marked, lines):
                missing = f"no answer marker ('{written}')"
            reading.warn(
                q.line,
                f"question {name(q)} has {missing}, unlike the other questions of this document: what "
                "follows it, up to the next question, is taken as its answer",
            )
        adjacent = None
        if not answer.strip():
            if reading.unanswered == "error":
                reading.error(
                    q.line,
                    f"question {name(q)} has no answer: write it below the question, or set "
                    "'unanswered: show' (or 'skip') under plugins: qa: in mkdocs.yml for a collection of open questions",
                )
                continue
            if reading.unanswered == "skip":
                reading.warn(q.line, f"question {name(q)} has no answer in the document, so it is left out of the site")
                continue
            following = opened[k + 1] if k + 1 < len(opened) else None
            if following is not None and not q.units and not q.body_prefix:
                adjacent = following  # the answer below the next question may be meant for both
        if not q.text.strip():
            reading.warn(q.line, f"question {name(q)} has no text: it is shown as 'Question {name(q)}'")
            q.text = f"Question {name(q)}"
        body, answer = choices(body, answer)
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
        made[id(q)] = question
        if not answer.strip():
            unanswered.append((q, question, adjacent))
        section = q.section
        question.section = section
        question.collection = collection
        section.questions.append(question)
    for q, question, adjacent in unanswered:
        following = made.get(id(adjacent))
        question.with_next = following is not None and following.answered
        _warn_unanswered(reading, q, adjacent if question.with_next else None)
    duplicates(opened, reading)


def _warn_unanswered(reading: Reading, q: Open, following: Open | None) -> None:
    """The warning for a question shown without an answer; ``following`` is the next question
    when it comes right after this one and has an answer, which may be meant for both."""
    if following is not None:
        reading.warn(
            q.line,
            f"question {name(q)} has no answer of its own: question {name(following)} follows it directly, "
            "so the answer below that one may be meant for both; write this one's answer below it, or "
            "make the two one question. It is shown as unanswered, and left out of the flashcards, the "
            "quiz and the deck",
        )
    else:
        reading.warn(
            q.line,
            f"question {name(q)} has no answer in the document: it is shown as such, and left out of the "
            "flashcards, the quiz and the deck",
        )


TASK = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[([ xX])\](?=\s)")


def choices(body: str, answer: str) -> tuple[str, str]:
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
        marks = [TASK.match(lines[item.start]) for item in unit.items]
        if len(marks) < 2 or not all(marks) or not any(m.group(2) in "xX" for m in marks):
            continue
        options = "\n".join(lines[unit.start : unit.end])
        unticked = "\n".join(TASK.sub(r"\1[ ]", line) for line in lines[unit.start : unit.end])
        if where == "body":
            return "\n".join([*lines[: unit.start], unticked, *lines[unit.end :]]), f"{options}\n\n{answer}".strip()
        return f"{body}\n\n{unticked}".strip(), answer
    return body, answer


def split(q: Open, lines: list[str]) -> tuple[list[Unit], list[Unit], str | None, int]:
    """(body units, answer units, answer text from the marker's own unit, its line)."""
    if q.answer_first is not None:
        return [], q.units, q.answer_first, q.answer_first_line
    q.units = body_marker(q.units, lines)
    for k, unit in enumerate(q.units):
        kind = marker_kind(unit)
        if kind is None:
            continue
        body, rest = q.units[:k], q.units[k + 1 :]
        if kind == "paragraph":
            source = "\n".join(lines[unit.start : unit.end])
            match = ANSWER_MARKER.match(source.lstrip())
            first = match.group("rest").strip("\n")
            if rest and rest[0].start == unit.end and first.strip():  # the answer goes on in the next line
                first += "\n" + "\n".join(lines[rest[0].start : rest[-1].end])
                return body, [], first, unit.line
            return body, rest, first.strip() or None, unit.line
        if kind == "heading":
            value = (ANSWER_HEADING.match(plain_words(unit.text)).group("rest") or "").strip()
            return body, rest, value or None, unit.line + 1
        if kind == "details":
            inner = unit.body
            _, answer, _ = split_text(inner, unit.body_line + 1, lines)
            return body, rest, answer, unit.body_line + 1
        if kind == "list":
            source = "\n".join(lines[unit.start : unit.end])
            first, *more = source.split("\n")
            match = ANSWER_MARKER.match(first.strip())
            indent = unit.items[0].indent
            tail = [ln[indent:] if ln.startswith(" " * indent) else ln.lstrip() for ln in more]
            return body, rest, "\n".join([match.group("rest"), *tail]).strip(), unit.line
    return [], q.units, None, 0


def body_marker(units: list[Unit], lines: list[str]) -> list[Unit]:
    """The units of a question with a leading "**Question:**" marker taken off its body."""
    if units and units[0].kind == "paragraph":
        match = QUESTION_MARKER.match(lines[units[0].start])
        if match:
            lines[units[0].start] = match.group("rest")
    return units


def split_text(text: str, first_line: int, lines: list[str]) -> tuple[str, str, int]:
    """(body, answer, answer line) of a piece of Markdown that may hold an answer marker of its own
    (a details block whose first line is "#### Answer: D"; a list item with "**Answer:**")."""
    inner = text.split("\n")
    units = read_units(inner)
    for unit in units:
        kind = marker_kind(unit)
        if kind in ("paragraph", "heading"):
            before = "\n".join(inner[: unit.start]).strip("\n")
            if kind == "paragraph":
                value = ANSWER_MARKER.match("\n".join(inner[unit.start : unit.end]).lstrip()).group("rest").strip()
            else:
                value = (ANSWER_HEADING.match(plain_words(unit.text)).group("rest") or "").strip()
            after = "\n".join(inner[unit.end :]).strip("\n")
            answer = "\n\n".join(p for p in (value, after) if p)
            return before, answer, first_line + unit.start
        if kind is None and unit.kind == "list" and len(unit.items) == 1 and is_marker_text(unit.items[0].first_text):
            # "- *A:* The smallest unit" under "* **Q: What is a pod?**": the item is the answer
            item = unit.items[0]
            first, *more = inner[item.start : item.end]
            value = ANSWER_MARKER.match(first[item.indent :].lstrip()).group("rest").strip()
            tail = [ln[item.indent :] if ln.startswith(" " * item.indent) else ln.lstrip() for ln in more]
            before = "\n".join(inner[: unit.start]).strip("\n")
            after = "\n".join(inner[unit.end :]).strip("\n")
            answer = "\n\n".join(p for p in ("\n".join([value, *tail]).strip("\n"), after) if p)
            return before, answer, first_line + unit.start
    return "", text, first_line


FINAL_RULE = re.compile(r"\n[ \t]*\n([-*_])(?:[ \t]*\1){2,}[ \t]*\Z")


MAY_CONTAIN_IT = ("```", "~~~", "$$", "<")
"""What could hold a final rule in a block of its own (a fence, maths, raw HTML left open)."""


def without_final_rule(answer: str) -> str | None:
    """The answer without the rule that closes it (``---`` after a blank line, at the start of
    its line, as documents separate their questions), when that needs no second reading.

    It is what :func:`strip_trailing` makes of such an answer: a rule at column 0 after a
    blank line is a unit of its own, unless a fence, a maths block or raw HTML left open holds
    it, and the rest has nothing else it would drop. None: read it again.
    """
    match = FINAL_RULE.search(answer)
    if match is None:
        return None
    rest = answer[: match.start()]
    if MAY_TRAIL.search(rest) or any(mark in rest for mark in MAY_CONTAIN_IT):
        return None
    return rest.strip("\n") or None


def strip_trailing(answer: str, top: frozenset[str]) -> str:
    """An answer without its "back to top" links and the rules that close it."""
    lines = answer.split("\n")
    units = read_units(lines)
    drop = [u for u in units if is_back_to_top(u, lines, top)]
    while units and (units[-1].kind == "hr" or units[-1] in drop):
        drop.append(units.pop())
    for unit in sorted(set(map(id, drop)) and drop, key=lambda u: -u.start):
        del lines[unit.start : unit.end]
    return "\n".join(lines).strip("\n")


def is_back_to_top(unit: Unit, lines: list[str], top: frozenset[str] = frozenset()) -> bool:
    """A link back to the top of the document or to its contents, in any language: its words say
    so ("back to top", an arrow), or it points at the title's or the contents' anchor."""
    if unit.kind not in ("paragraph", "html"):
        return False
    source = "\n".join(lines[unit.start : unit.end])
    text = html_to_text(source) if unit.kind == "html" else plain_words(source)
    links = [a or b for a, b in LINK.findall(source)]
    if not links or len(text) > 40 or not all(link.startswith("#") for link in links):
        return False
    return bool(BACK_TO_TOP.search(text)) or all(unquote(link[1:]).lower() in top for link in links)


def is_toc(unit: Unit, lines: list[str]) -> bool:
    """A list or table of links to the document's own anchors (or to the same file by URL)."""
    if unit.kind not in ("list", "table", "html", "paragraph"):
        return False
    source = "\n".join(lines[unit.start : unit.end])
    links = [a or b for a, b in LINK.findall(source)]
    if len(links) < 2:
        return False
    own = [link for link in links if link.startswith("#") or re.search(r"/blob/[^#]+#", link)]
    if len(own) < 0.8 * len(links):
        return False
    words = re.sub(rf"{LINKS_AND_TAGS}|<[^>]+>|[|\-:*+\s\d.]", "", source)
    return len(words) < 12 * len(links)


def keep(
    units: list[Unit], lines: list[str], collection: Collection, top: frozenset[str], *, count_tocs: bool = True
) -> list[Unit]:
    """Units worth showing: without tables of contents, "back to top" links and lone rules."""
    kept = []
    for unit in units:
        if is_back_to_top(unit, lines, top):
            collection.dropped.append(f"back link (lines {unit.line}-{unit.end})")
            continue
        if is_toc(unit, lines):
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


def markdown(units: list[Unit], lines: list[str]) -> str:
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


def name(q: Open) -> str:
    return str(q.number) if q.number is not None else f"'{short(q.text)}'"


def duplicates(opened: list[Open], reading: Reading) -> None:
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


def number_warnings(collection: Collection, reading: Reading) -> None:
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


def _marker_as_written(marked: list[Open], lines: list[str]) -> str:
    """The answer marker most of a document's questions carry, as they write it ("Answer:",
    "**Answer:**", "#### Answer"), for messages about a question without one."""
    written: Counter[str] = Counter()
    for q in marked[:50]:
        unit = next((u for u in q.units if marker_kind(u) in ("paragraph", "heading")), None)
        if unit is None:
            continue
        line = lines[unit.start].strip()
        match = ANSWER_MARKER.match(line)
        written[line[: len(line) - len(match.group("rest"))].strip() if match else line] += 1
    return written.most_common(1)[0][0] if written else ""
