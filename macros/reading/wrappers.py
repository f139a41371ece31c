"""``<details>`` that wrap other ``<details>``: sections, not questions.

Documents that ask their questions in ``<details>`` blocks often group them in outer ones
("Basic Questions", "Intermediate Questions"). A reader sees a folded section holding
questions; read as questions, the wrappers would swallow every question inside them. Here a
wrapper's opening lines become a heading with its summary's text, one level deeper than the
heading above it, and its closing tag a blank line: line numbers stay, and the questions
inside are questions again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.reading.blocks import html_to_text, outside_fences

__all__ = ["wrappers_as_sections"]

_TAG = re.compile(r"<(/?)(details|summary)\b[^>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass
class _Details:
    line: int  # of its <details> tag
    depth: int
    summary: str = ""
    summary_line: int = -1  # of its </summary> tag
    children: int = 0
    tagged_lines: set[int] = field(default_factory=set)  # lines holding its own tags


def wrappers_as_sections(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` with each wrapper of two or more ``<details>`` made a heading; and how many."""
    wrappers = [(d, close) for d, close in _details(lines) if _is_wrapper(d, lines, close)]
    if not wrappers:
        return lines, 0
    lines = list(lines)
    levels = _heading_levels(lines)
    for details, close in sorted(wrappers, key=lambda w: w[0].line):
        level = min(6, levels.get(details.line, 1) + 1 + _enclosing(details, wrappers))
        lines[details.line] = "#" * level + " " + details.summary
        for number in range(details.line + 1, details.summary_line + 1):
            lines[number] = ""
        lines[close] = ""
    return lines, len(wrappers)


def _details(lines: list[str]) -> list[tuple[_Details, int]]:
    """Every ``<details>`` element outside code, with the line of its closing tag."""
    found: list[tuple[_Details, int]] = []
    stack: list[_Details] = []
    for number, line in outside_fences(lines):
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in _TAG.finditer(masked):
            closing, tag = match.group(1), match.group(2).lower()
            if tag == "details" and not closing:
                if stack:
                    stack[-1].children += 1
                stack.append(_Details(number, len(stack), tagged_lines={number}))
            elif tag == "details" and stack:
                details = stack.pop()
                found.append((details, number))
            elif tag == "summary" and stack and closing and stack[-1].summary_line < 0:
                top = stack[-1]
                top.summary_line = number
                top.tagged_lines.add(number)
                top.summary = html_to_text("\n".join(lines[top.line : number + 1]))
    return found


def _is_wrapper(details: _Details, lines: list[str], close: int) -> bool:
    """Two or more details inside, a summary that asks nothing, and tags on lines of their own."""
    if details.children < 2 or not details.summary or details.summary.rstrip().endswith("?"):
        return False
    opening = "\n".join(lines[details.line : details.summary_line + 1])
    if _TAG.sub("", opening).replace(details.summary, "", 1).strip():
        return False  # something else shares the lines of its opening tags
    return lines[close].strip().lower() == "</details>"


def _heading_levels(lines: list[str]) -> dict[int, int]:
    """For each line, the level of the Markdown heading above it (1 under the title or none)."""
    levels, level = {}, 1
    for number, line in enumerate(lines):
        match = _HEADING.match(line)
        if match:
            level = len(match.group(1))
        levels[number] = level
    return levels


def _enclosing(details: _Details, wrappers: list[tuple[_Details, int]]) -> int:
    """How many wrappers hold this one."""
    return sum(1 for other, close in wrappers if other.line < details.line and close > details.line)
