"""How a document writes its questions: one class per shape (detect, open, finish)."""

from __future__ import annotations

import re
from collections import Counter

from macros.model import (
    Section,
    Shape,
)
from macros.reading.blocks import Unit, html_to_text
from macros.reading.patterns import (
    LINK,
    LINKS_AND_TAGS,
    Q_PREFIX,
    QA_A,
    QA_Q,
    TOC_TITLE,
    answer_summary,
    bold_question,
    is_question_details,
    item_question,
    marker_kind,
    numbered_h1s,
    plain_words,
    question_number,
    reads_as_question,
    strip_bold,
    trailing_mark,
)
from macros.reading.state import MARKED, Candidate, Open, Reading


class QuestionShape:
    """How a document writes its questions, and what that means for reading them: a heading
    (or a bold line) followed by its answer, up to the next question. Each other shape changes
    only what differs.

    Attributes:
        shape: the model's record of it (kind, numbered, marked, the rule for ``--check``).
        marks_decide: whether most answers' markers say the document marks its answers.
        text_answers: its answers can be text read out of a unit (a list item, a details body),
            where a back link or a closing rule must be found by reading the text again.
        missing_marker: what a question lacks when its answer has no marker and the others
            have one (None: this shape needs none).
    """

    marks_decide = True
    text_answers = False
    missing_marker: str | None = "no answer marker ('**Answer:**')"

    def __init__(self, shape: Shape) -> None:
        self.shape = shape

    def open(self, unit: Unit, key: object, candidate: Candidate, section: Section, lines: list[str]) -> Open:
        """The question that ``unit`` (or, for a list, its item ``key``) opens."""
        return Open(candidate.number, candidate.text, unit.line, candidate.level, section, candidate.suffix)

    def starts(self, unit: Unit, key: object) -> int:
        """The line (0-based) where the question starts."""
        return unit.start

    def ends(self, unit: Unit, key: object) -> int:
        """The line (0-based) after the part of ``unit`` the question opened with."""
        return unit.end

    def keeps(self, current: Open, unit: Unit, lines: list[str]) -> bool:
        """Whether a heading that would end the open question belongs to it instead."""
        return False

    def takes_marker_from_text(self) -> bool:
        """Whether an answer with no marker counts as unmarked (a list item's own text is its answer)."""
        return True


class Headings(QuestionShape):
    """Questions as headings (numbered, or asking), or bold lines ending in "?"."""


class DetailsBlocks(QuestionShape):
    """Questions as ``<details>`` blocks: the summary asks, the body answers."""

    marks_decide = False
    text_answers = True
    missing_marker = None

    def open(self, unit, key, candidate, section, lines):
        current = super().open(unit, key, candidate, section, lines)
        current.answer_first, current.answer_first_line = unit.body, unit.body_line + 1
        return current


class QAPairs(QuestionShape):
    """Questions as "Q:" paragraphs, answered by "A:"."""

    marks_decide = False
    missing_marker = "no 'A:' line"

    def open(self, unit, key, candidate, section, lines):
        current = super().open(unit, key, candidate, section, lines)
        pair(current, unit)
        return current


class ListItems(QuestionShape):
    """Questions as items of lists: the item's first line asks, the rest of it answers."""

    text_answers = True

    def open(self, unit, key, candidate, section, lines):
        if isinstance(key, tuple) and key[1] >= 0:
            return open_item(unit, key[1], candidate, section, lines)
        return super().open(unit, key, candidate, section, lines)  # a question heading among the items

    def starts(self, unit, key):
        return unit.items[key[1]].start if isinstance(key, tuple) and key[1] >= 0 else unit.start

    def ends(self, unit, key):
        return unit.items[key[1]].end if isinstance(key, tuple) and key[1] >= 0 else unit.end

    def keeps(self, current, unit, lines):
        # An item's heading indented too little ends the list (on GitHub too), not the question.
        return not current.level and lines[unit.start].startswith(" ")

    def takes_marker_from_text(self):
        return False


def detect_shape(units: list[Unit], reading: Reading) -> tuple[QuestionShape, dict[int, Candidate]]:
    """The document's question shape and its question units (by unit index)."""
    # Level-1 headings are questions where they are numbered ("# 1. …", "# 2. …"), else titles.
    top = 1 if numbered_h1s(units) >= 2 else 2
    headings = [(i, u) for i, u in enumerate(units) if u.kind == "heading" and top <= u.level <= 6]
    numbered = {i: question_number(u.text) for i, u in headings}
    numbered = {i: n for i, n in numbered.items() if n is not None}
    numbered.update(_in_sequence(headings, numbered))
    asking = {i for i, u in headings if Q_PREFIX.match(strip_bold(u.text)) or reads_as_question(u.text)}
    details = {
        i: u for i, u in enumerate(units) if u.kind == "details" and not answer_summary(u) and is_question_details(u)
    }
    bold = {i for i, u in enumerate(units) if u.kind == "paragraph" and bold_question(u.text) is not None}
    marks = Counter(trailing_mark(bold_question(units[i].text)) for i in bold)
    mark, count = marks.most_common(1)[0] if marks else ("", 0)
    if mark and count >= 0.6 * len(bold):
        bold |= {i for i, u in enumerate(units) if u.kind == "paragraph" and bold_question(u.text, mark) is not None}
    pairs = {i for i, u in enumerate(units) if u.kind == "paragraph" and QA_Q.match(u.text.split("\n")[0])}
    listed = {
        (i, k)
        for i, u in enumerate(units)
        if u.kind == "list"
        for k, item in enumerate(u.items)
        if (u.ordered or QA_Q.match(strip_bold(item.first_text))) and item_question(item) is not None
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
    leaves = leaf_headings(units, headings)
    if leaves and (counts[best] == 0 or len(leaves) >= max(5, 2 * counts[best])):
        # Questions written as plain headings, with neither number nor "?": the headings that
        # hold no other heading and have text of their own, as a reader takes them.
        rule = "a heading is a question when it holds no other heading and has text of its own"
        return Headings(Shape("heading", numbered=False, rule=rule)), leaves
    if counts[best] == 0:
        return Headings(Shape("heading")), {}
    if best == "numbered" or (best == "asking" and counts["numbered"] >= counts["asking"]):
        rule = "a heading is a question when it has a number"
        return Headings(Shape("heading", numbered=True, rule=rule)), numbered_headings(units, numbered)
    if best == "asking":
        prefixed = sum(1 for i in asking if Q_PREFIX.match(strip_bold(units[i].text)))
        rule = (
            "a heading is a question when it starts with 'Q.'"
            if prefixed >= MARKED * len(asking)
            else "a heading is a question when it ends in '?', or follows the pattern of its sibling questions"
        )
        return Headings(Shape("heading", numbered=False, rule=rule)), asking_headings(units, headings, asking)
    if best == "details":
        return DetailsBlocks(Shape("details", numbered=False, marked=False)), {
            i: Candidate(i, None, strip_bold(u.text)) for i, u in details.items()
        }
    if best == "bold":
        chosen = {i: bold_candidate(i, bold_question(units[i].text, mark)) for i in bold}
        numbers = sum(1 for c in chosen.values() if c.number is not None)
        return Headings(Shape("bold", numbered=numbers > len(chosen) / 2)), chosen
    if best == "qa-pairs":
        return QAPairs(Shape("qa-pairs", numbered=False, marked=True)), {
            i: Candidate(i, None, QA_Q.match(units[i].text.split("\n")[0]).group("rest").strip()) for i in pairs
        }
    # Items of numbered lists; a question heading the list lost (an item indented too little ends a
    # list on GitHub too) is still one of them.
    chosen: dict[int, Candidate] = {}
    for i, k in sorted(listed):
        number, text = item_question(units[i].items[k])
        chosen[(i, k)] = Candidate(i, number, text)  # type: ignore[index]
    holding = {i for i, _ in listed}
    # Items that say "Q:" are the questions; the numbered headings above them are its sections.
    asked = sum(1 for i, k in listed if QA_Q.match(strip_bold(units[i].items[k].first_text))) > len(listed) / 2
    for i in asking | set(numbered):
        following = next((j for j in range(i + 1, len(units)) if units[j].kind not in ("hr", "html")), None)
        if i not in asking and (asked or following in holding):
            continue  # "## 1. Concepts" above its list of questions: a section
        number, text, suffix = numbered.get(i, (None, strip_bold(units[i].text), ""))
        chosen[(i, -1)] = Candidate(i, number, text, units[i].level, suffix)  # type: ignore[index]
    numbers = Counter(c.number is not None for c in chosen.values())
    return ListItems(Shape("list", numbered=numbers[True] >= numbers[False])), chosen


PART_TITLES = re.compile(
    r"^\W*(?:licen[sc]e|contributing|contributors?|contribution|acknowledge?ments?|credits?|authors?|about|support|"
    r"sponsors?|donate|donations?|changelog|references|resources|further reading|see also|links|"
    r"table of contents|contents|introduction|disclaimer)\W*$",
    re.IGNORECASE,
)
"""Titles of a document's own parts: never questions, whatever they hold."""


def leaf_headings(units: list[Unit], headings: list[tuple[int, Unit]]) -> dict[int, Candidate]:
    """Headings that hold no other heading, and text of their own that is not only links; and
    a heading with text of its own whose subheadings hold none ("### Kinds of tests", its
    answer, then "#### Unit tests", "#### Smoke tests"): its subheadings are parts of its answer."""
    chosen: dict[int, Candidate] = {}
    names = Counter(plain_words(u.text).rstrip(":").lower() for _, u in headings)
    inside_until = -1  # the parts of an answer chosen above run to this heading
    for k, (i, unit) in enumerate(headings):
        if k < inside_until:
            continue
        end = next((m for m in range(k + 1, len(headings)) if headings[m][1].level <= unit.level), len(headings))
        below = headings[k + 1 : end]
        if below and (
            any(b.level > below[0][1].level for _, b in below) or not has_own_content(units, i) or only_links(units, i)
        ):
            continue  # it holds sections (after a reading list, perhaps): a section itself
        if below:
            inside_until = end
        title = plain_words(unit.text)
        if PART_TITLES.match(title) or TOC_TITLE.match(title) or not has_own_content(units, i):
            continue
        if names[title.rstrip(":").lower()] > 1 or title.endswith(":"):
            continue  # "Code Example", "Strategy:": a part of an answer, not a question
        if only_links(units, i):
            continue
        number = question_number(unit.text)
        text = number[1] if number and number[1] else strip_bold(Q_PREFIX.sub(r"\g<rest>", unit.text))
        chosen[i] = Candidate(i, number[0] if number else None, text, unit.level, number[2] if number else "")
    return chosen


_BARE_NUMBER = re.compile(r"^(\d{1,4})\s+(?P<rest>\S.*)$")


def _in_sequence(headings: list[tuple[int, Unit]], numbered: dict) -> dict:
    """Headings numbered without punctuation ("# 2 what is site maps") where the number goes on
    with the numbered questions at that level: alone, "## 2023 roadmap" is no question number."""
    found, last = {}, {}
    for i, unit in headings:
        if i in numbered:
            last[unit.level] = numbered[i][0]
            continue
        match = _BARE_NUMBER.match(strip_bold(unit.text))
        if match and unit.level in last and int(match.group(1)) == last[unit.level] + 1:
            found[i] = (int(match.group(1)), strip_bold(match.group("rest")), "")
            last[unit.level] += 1
    return found


def bold_candidate(index: int, question: str) -> Candidate:
    """A bold line's question, its number apart when it has one ("**22. Explain …**")."""
    numbered = question_number(question)
    if numbered and numbered[1]:
        return Candidate(index, numbered[0], numbered[1], 0, numbered[2])
    return Candidate(index, None, question)


def numbered_headings(units: list[Unit], numbered: dict[int, tuple[int, str, str]]) -> dict[int, Candidate]:
    """Numbered headings that are questions: not sections above deeper numbered questions, not
    numbered steps inside an answer (a deeper heading that does not go on with the numbering)."""
    chosen: dict[int, Candidate] = {}
    order = sorted(numbered)
    current: Candidate | None = None
    for i in order:
        unit, (number, text, suffix) = units[i], numbered[i]
        following = next((j for j in range(i + 1, len(units)) if units[j].kind == "heading"), None)
        container = (
            following is not None
            and following in numbered
            and units[following].level > unit.level
            and not any(units[j].kind not in ("html", "hr") for j in range(i + 1, following))
            and not reads_as_question(text)
        )
        if container:
            current = None
            continue
        if current is not None and unit.level > current.level:
            next_number = current.number + 1 if current.number is not None else None
            marked_before = any(marker_kind(units[j]) for j in range(current.index + 1, i))
            if (number != next_number and not suffix) or marked_before:
                continue  # "### 1. Step one" inside the answer
        current = chosen[i] = Candidate(i, number, text, unit.level, suffix)
    return chosen


def asking_headings(units: list[Unit], headings: list[tuple[int, Unit]], asking: set[int]) -> dict[int, Candidate]:
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
    prefixed = sum(1 for i in asking if Q_PREFIX.match(strip_bold(units[i].text)))
    chosen: dict[int, Candidate] = {}
    for i, unit in headings:
        if unit.level not in question_levels or TOC_TITLE.match(plain_words(unit.text)):
            continue
        if i not in asking:
            # A sibling of questions, after the first of them, with an answer of its own ("Explain
            # the CAP theorem"); where the questions carry "Q." that prefix is the rule.
            group = (unit.level, parent[i])
            if group not in first_asking or first_asking[group] > i or not has_own_content(units, i):
                continue
            if only_links(units, i):
                continue  # "### Other Answers": a list of links, kept as a part of the document
            if prefixed >= MARKED * len(asking):
                continue
            if Q_PREFIX.match(unit.text) is None and unit.text.lstrip().startswith("#"):
                continue  # "## # 2. Data Types": a section beside "## Q. …" questions
        match = Q_PREFIX.match(strip_bold(unit.text))
        text = match.group("rest") if match else unit.text
        chosen[i] = Candidate(i, None, strip_bold(text), unit.level)
    return chosen


def only_links(units: list[Unit], i: int) -> bool:
    """Whether what a heading holds is a list of links (at least two) and little else."""
    own = []
    for unit in units[i + 1 :]:
        if unit.kind == "heading":
            break
        own.append(unit)
    text = "\n".join(u.text if u.kind != "list" else "\n".join(item.first_text for item in u.items) for u in own)
    links = LINK.findall(text)
    if len(links) < 2 or any(u.kind not in ("list", "paragraph", "hr", "html") for u in own):
        return False
    words = re.sub(rf"{LINKS_AND_TAGS}|<[^>]+>|[-*+\s]", "", text)
    return len(words) < 20 * len(links)


def has_own_content(units: list[Unit], i: int) -> bool:
    """Whether a heading has content before the next heading (spacers such as ``<br/>`` do not count)."""
    for unit in units[i + 1 :]:
        if unit.kind == "heading":
            return False
        if unit.kind == "html" and not html_to_text(unit.text):
            continue
        if unit.kind != "hr":
            return True
    return False


def open_item(unit: Unit, k: int, candidate: Candidate, section: Section | None, lines: list[str]) -> Open:
    """A question held by a list item: the rest of the item, dedented, is its answer."""
    item = unit.items[k]
    current = Open(candidate.number, candidate.text, item.start + 1, 0, section)
    rest = [
        ln[item.indent :] if len(ln) - len(ln.lstrip(" ")) >= item.indent else ln.lstrip(" ")
        for ln in lines[item.first_end : item.end]
    ]
    current.body_prefix = "\n".join(rest).strip("\n")
    current.body_prefix_line = item.first_end + 1
    current.level = 0
    return current


def pair(current: Open, unit: Unit) -> None:
    """A "Q:" paragraph: the question goes on to the "A:" line, if it is in the same paragraph."""
    _, *rest = unit.text.split("\n")
    answer = next((k for k, ln in enumerate(rest) if QA_A.match(ln)), None)
    if answer is None:
        current.text = " ".join([current.text, *rest]).strip()
        return
    current.text = " ".join([current.text, *rest[:answer]]).strip()
    tail = [QA_A.match(rest[answer]).group("rest"), *rest[answer + 1 :]]
    current.answer_first = "\n".join(tail).strip()
    current.answer_first_line = unit.start + 2 + answer
