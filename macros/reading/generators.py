"""What site generators add to a Markdown document, read before its blocks are.

Documents published by Jekyll, Docusaurus or similar carry markup that is the generator's,
not the reader's: YAML front matter (its ``title`` is the document's), kramdown's table of
contents marker (``* TOC`` + ``{:toc}``), MDX ``import``/``export`` lines and a
``<TOCInline … />``. Their lines are blanked (line numbers stay), and each is listed as
deliberately dropped. Docusaurus's ``:::note`` blocks stay, and are shown as admonitions
(:mod:`macros.render.github`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from macros.reading.blocks import outside_fences

__all__ = ["Generated", "without_generator_markup"]

_KRAMDOWN_TOC = re.compile(r"^\s*\{:\s*\.?toc\s*\}\s*$", re.IGNORECASE)
_TOC_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\S.*$")
_MDX_LINE = re.compile(
    r"^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['\"][^'\"]+['\"];?|export\s+(?:const|default|function)\b.*)$"
)
_TOC_INLINE = re.compile(r"^\s*<TOCInline\b[^>]*/>\s*$")


@dataclass
class Generated:
    """A document with its generator's markup blanked out."""

    lines: list[str]
    title: str = ""  # the front matter's title, if it has one
    dropped: list[str] = field(default_factory=list)  # "front matter (lines 1-4)" ...


def without_generator_markup(lines: list[str]) -> Generated:
    """``lines`` with front matter, kramdown TOC markers and MDX lines blanked out."""
    lines = list(lines)
    result = Generated(lines)
    start = 0
    end, data = _front_matter(lines)
    if end:
        title = data.get("title")
        if isinstance(title, str | int | float):
            result.title = str(title).strip()
        result.dropped.append(f"front matter (lines 1-{end + 1})")
        lines[: end + 1] = [""] * (end + 1)
        start = end + 1
    for number, line in outside_fences(lines, start):
        if _KRAMDOWN_TOC.match(line):
            first = number
            while first > start and _TOC_ITEM.match(lines[first - 1]):
                first -= 1
            result.dropped.append(f"table of contents marker (line {first + 1})")
            lines[first : number + 1] = [""] * (number + 1 - first)
        elif _MDX_LINE.match(line) or _TOC_INLINE.match(line):
            result.dropped.append(f"site generator markup (line {number + 1})")
            lines[number] = ""
    return result


def _front_matter(lines: list[str]) -> tuple[int, dict]:
    """(index of the line closing the front matter, its data), or (0, {}): front matter opens on
    the first line with ``---``, closes with ``---`` or ``...``, and is a YAML mapping."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    end = next((n for n in range(1, min(len(lines), 500)) if lines[n].strip() in ("---", "...")), 0)
    if end < 2:
        return 0, {}
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return 0, {}
    return (end, data) if isinstance(data, dict) and data else (0, {})
