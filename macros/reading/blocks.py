"""A Markdown document as GitHub reads it: its top-level blocks, with line numbers.

markdown-it-py (CommonMark, with GitHub's tables and strikethrough) splits the document
into blocks exactly where GitHub does: headings, paragraphs, lists and their items,
fences, HTML blocks. On top of that, ``<details>`` elements (whose HTML spans several
blocks whenever their content is Markdown) are grouped into one unit with their
``<summary>`` and their body. :mod:`macros.reading.parser` reads questions from these units;
it never matches a regular expression against the raw lines of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["Item", "Unit", "html_to_text", "markdown_it", "read_units", "visible_text"]


@lru_cache(maxsize=1)
def markdown_it() -> MarkdownIt:
    """The CommonMark parser with GitHub's table rule, for block structure only: inline content
    is left unparsed (the renderer reads it; here only its text is needed)."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table"]).disable("inline")


@dataclass
class Item:
    """One item of a list: its lines and what it starts with."""

    start: int  # 0-based line of its marker
    end: int  # exclusive
    indent: int  # column where its content starts (the width GitHub strips from its lines)
    first: str  # kind of its first block: "heading", "paragraph", ...
    first_text: str  # inline source of that block
    first_level: int  # its level when a heading
    first_end: int  # line after that block
    number: int | None = None  # its number, in an ordered list


@dataclass
class Unit:
    """A top-level block of the document (or of a ``<details>`` body)."""

    kind: str  # heading, paragraph, list, html, code, hr, table, quote, details
    start: int  # 0-based first line
    end: int  # exclusive last line
    level: int = 0  # heading level
    text: str = ""  # inline source (heading, paragraph); summary HTML (details); raw HTML (html)
    ordered: bool = False  # list
    items: list[Item] = field(default_factory=list)  # list
    body: str = ""  # details: its body, as Markdown (wrapping <br>, <b>, <p> removed)
    body_line: int = 0  # details: 0-based line where the body starts
    closed: bool = True  # code: its fence is closed

    @property
    def line(self) -> int:
        """1-based line, for messages."""
        return self.start + 1


# --------------------------------------------------------------------------- HTML helpers


class _Text(HTMLParser):
    def __init__(self, alt: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.alt = alt

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "img" and self.alt:
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)


def visible_text(html: str, *, alt: bool = False) -> str:
    """The text of an HTML fragment, whitespace collapsed; with ``alt``, images count by their alt text."""
    parser = _Text(alt)
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


@lru_cache(maxsize=8192)
def html_to_text(html: str) -> str:
    """:func:`visible_text` of the small HTML blocks of a document, images by their alt text (a
    banner is content; the same spacers and "back to top" blocks recur hundreds of times: read once)."""
    return visible_text(html, alt=True)


_DETAILS_TAG = re.compile(r"<(/?)(details|summary)\b[^>]*>", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_WRAPPER = re.compile(r"^(?:\s|<br\s*/?>|<hr\s*/?>)+", re.IGNORECASE)
_PAIRS = (
    ("<b>", "</b>"),
    ("<strong>", "</strong>"),
    ("<p>", "</p>"),
    ("<div>", "</div>"),
    ("<blockquote>", "</blockquote>"),
)


def _unwrap(body: str) -> tuple[str, int]:
    """A details body without the ``<br>``/``<b>``/``<p>`` that wrap it; and how many
    characters were dropped from its start."""
    start, text = 0, body
    while True:
        lead = _WRAPPER.match(text)
        if lead:
            start += lead.end()
            text = text[lead.end() :]
        stripped = text.rstrip()
        trail = re.search(r"(?:\s|<br\s*/?>)+$", stripped, re.IGNORECASE)
        if trail and trail.start() > 0:
            stripped = stripped[: trail.start()]
        for opener, closer in _PAIRS:
            if stripped[: len(opener)].lower() == opener and stripped[-len(closer) :].lower() == closer:
                start += len(opener)
                text = stripped[len(opener) : -len(closer)]
                break
        else:
            return stripped, start


# --------------------------------------------------------------------------- units


def read_units(lines: list[str]) -> list[Unit]:
    """The top-level units of a document given as lines (no line endings)."""
    tokens = markdown_it().parse("\n".join(lines))
    units = _at_each_details(_blocks(tokens, lines), lines)
    return _group_details(units, lines)


_OPENS_DETAILS = re.compile(r"^\s*<details\b", re.IGNORECASE)


def _at_each_details(units: list[Unit], lines: list[str]) -> list[Unit]:
    """HTML blocks cut before each line that opens a ``<details>``: "</details>" and the next
    "<details>" on the line below it are one HTML block for CommonMark (no blank line between
    them), but two elements for a reader, and each may hold a question."""
    out: list[Unit] = []
    for unit in units:
        if unit.kind != "html" or unit.end - unit.start < 2:
            out.append(unit)
            continue
        cuts = [k for k in range(unit.start + 1, unit.end) if _OPENS_DETAILS.match(lines[k])]
        for start, end in zip([unit.start, *cuts], [*cuts, unit.end], strict=True):
            out.append(Unit("html", start, end, text="\n".join(lines[start:end]) + "\n"))
    return out


_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "blockquote_open": "quote",
    "table_open": "table",
    "html_block": "html",
    "fence": "code",
    "code_block": "code",
    "hr": "hr",
}


def _blocks(tokens: list[Token], lines: list[str]) -> list[Unit]:
    units: list[Unit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.level != 0 or token.map is None or token.type not in _KINDS:
            i += 1
            continue
        kind = _KINDS[token.type]
        start, end = token.map
        unit = Unit(kind, start, end)
        if kind in ("heading", "paragraph"):
            unit.text = tokens[i + 1].content
            unit.level = int(token.tag[1]) if kind == "heading" else 0
        elif kind == "html":
            unit.text = token.content
        elif kind == "code" and token.type == "fence":
            unit.closed = _fence_closed(token, lines)
        elif kind == "list":
            unit.ordered = token.type == "ordered_list_open"
            j, unit.items = _items(tokens, i, lines)
            units.append(unit)
            i = j
            continue
        units.append(unit)
        i += 1
    return units


def _fence_closed(token: Token, lines: list[str]) -> bool:
    start, end = token.map
    if end - start < 2:
        return False
    last = lines[end - 1].strip()
    return bool(last) and set(last) == {token.markup[0]} and len(last) >= len(token.markup)


def _items(tokens: list[Token], i: int, lines: list[str]) -> tuple[int, list[Item]]:
    """The items of the list opened at ``tokens[i]``; returns the index after its close."""
    depth = tokens[i].level
    items: list[Item] = []
    j = i + 1
    while j < len(tokens) and not (tokens[j].level == depth and tokens[j].type.endswith("_list_close")):
        token = tokens[j]
        if token.type == "list_item_open" and token.level == depth + 1:
            start, end = token.map
            marker_line = lines[start]
            marker = re.match(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(\s*)", marker_line)
            gap = len(marker.group(2)) if marker else 1
            indent = (marker.end() if marker else 2) if 1 <= gap <= 4 else (marker.end() - gap + 1 if marker else 2)
            first = tokens[j + 1] if j + 1 < len(tokens) else None
            kind = _KINDS.get(first.type, first.type) if first else ""
            text, level, first_end = "", 0, start + 1
            if first is not None and first.map:
                first_end = first.map[1]
                if kind in ("heading", "paragraph") and j + 2 < len(tokens):
                    text = tokens[j + 2].content
                    level = int(first.tag[1]) if kind == "heading" else 0
            number = int(token.info) if token.info.isdigit() else None
            items.append(Item(start, end, indent, kind, text, level, first_end, number))
        j += 1
    return j + 1, items


def _group_details(units: list[Unit], lines: list[str]) -> list[Unit]:
    """Units with each top-level ``<details>`` element (opened in an HTML block) made one unit."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.kind == "html" and unit.text.lstrip()[:8].lower() == "<details":
            grouped = _details_at(units, i, lines)
            if grouped is not None:
                details, i = grouped
                out.append(details)
                continue
        out.append(unit)
        i += 1
    return out


def _tags(unit: Unit, lines: list[str]) -> list[tuple[int, int, int, str]]:
    """``(line, column, end column, tag)`` of each details/summary tag in an HTML block or a paragraph."""
    if unit.kind not in ("html", "paragraph", "list", "quote"):
        return []
    found = []
    for number in range(unit.start, unit.end):
        line = lines[number]
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if unit.kind != "html" else line
        for match in _DETAILS_TAG.finditer(masked):
            found.append((number, match.start(), match.end(), (match.group(1) + match.group(2)).lower()))
    return found


def _details_at(units: list[Unit], i: int, lines: list[str]) -> tuple[Unit, int] | None:
    """The details element opened by ``units[i]``: the unit, and the index of the unit after it."""
    depth = 0
    summary: tuple[int, int] | None = None  # (line, column) after <summary>
    summary_html = ""
    body_from: tuple[int, int] | None = None
    for k in range(i, len(units)):
        for line, col, end, tag in _tags(units[k], lines):
            if tag == "details":
                depth += 1
            elif tag == "/details":
                depth -= 1
                if depth == 0:
                    start = body_from or (units[i].start, 0)
                    body = _slice(lines, start, (line, col))
                    text, dropped = _unwrap(body)
                    body_line = start[0] + body[:dropped].count("\n")
                    unit = Unit(
                        "details",
                        units[i].start,
                        units[k].end,
                        text=summary_html.strip(),
                        body=_dedent(text),
                        body_line=body_line,
                    )
                    return unit, k + 1
            elif tag == "summary" and depth == 1 and summary is None:
                summary = (line, end)
            elif tag == "/summary" and depth == 1 and summary is not None and body_from is None:
                summary_html = _slice(lines, summary, (line, col))
                body_from = (line, end)
    return None  # never closed: GitHub shows it open to the end; leave it as HTML


def _slice(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    (l1, c1), (l2, c2) = start, end
    if l1 == l2:
        return lines[l1][c1:c2]
    return "\n".join([lines[l1][c1:], *lines[l1 + 1 : l2], lines[l2][:c2]])


def _dedent(text: str) -> str:
    """A body's lines without the indentation they all share (HTML inside a list item)."""
    body = text.split("\n")
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in body[1:] if ln.strip()]
    common = min(indents) if indents else 0
    if not common:
        return text.strip("\n")
    return "\n".join([body[0], *(ln[common:] if ln.strip() else "" for ln in body[1:])]).strip("\n")


_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def outside_fences(lines: list[str], start: int = 0):
    """(number, line) of each line from ``start`` that is neither in a fenced code block nor a
    fence of one: what a reading of a document's own lines looks at."""
    fence = ""
    for number in range(start, len(lines)):
        line = lines[number]
        opening = _FENCE_LINE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        yield number, line
