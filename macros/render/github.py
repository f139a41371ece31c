"""Markdown written for GitHub, rewritten so that Python-Markdown reads it as GitHub does."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from markdown import util
from markdown_it.token import Token

from macros.reading.blocks import _fence_closed, markdown_it
from macros.render import emoji

__all__ = ["code_span_spaces", "escape_non_links", "escape_text_tags", "for_python_markdown"]

# --------------------------------------------------------------------------- GitHub's reading for Python-Markdown

_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( *)")
_ALERT = re.compile(r"^ {0,3}> ?\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$", re.IGNORECASE)
_ALERTS = {"NOTE": "note", "TIP": "tip", "IMPORTANT": "info", "WARNING": "warning", "CAUTION": "danger"}
"""GitHub's alerts ("> [!NOTE]") as the admonitions of pymdownx.blocks.admonition."""
_DIRECTIVE = re.compile(r"^ {0,3}:::(?:([A-Za-z]+)(?:[ \t]+(.*\S))?)?[ \t]*$")
_DIRECTIVES = {"note": "note", "tip": "tip", "info": "info", "important": "info", "caution": "warning"}
_DIRECTIVES.update({"warning": "warning", "danger": "danger", "success": "success", "question": "question"})
_FENCE_INFO = re.compile(r"^(\s*(?:`{3,}|~{3,})\s*)(\S+)\s.*$")
_BREAKS = {"fence", "code_block", "html_block", "table_open", "blockquote_open", "hr"}


def _admonition(kind: str, title: str) -> list[str]:
    """The opening lines of an admonition of ``kind`` (the generic block takes any type Material styles)."""
    return [f"/// admonition | {title}", f"    type: {kind}"]


@lru_cache(maxsize=4096)
def _tokens(text: str) -> list[Token]:
    """The block tokens of a piece of content (read only): one parse serves every output."""
    return markdown_it().parse(text)


def _display_maths(lines: list[str], start: int, end: int) -> set[int]:
    """The lines before which a blank line sets the ``$$`` display maths of the paragraph
    ``lines[start:end]`` apart: a ``$$`` that starts a line, to the line that ends with ``$$``
    (and the line after the paragraph, a list item's next marker for one)."""
    breaks: set[int] = set()
    number = start
    while number < end:
        line = lines[number].strip()
        if line.startswith("$$"):
            close = next(
                (k for k in range(number, end) if lines[k].strip().endswith("$$") and (k > number or len(line) > 4)),
                None,
            )
            if close is not None:
                breaks.update(k for k in (number, close + 1) if start < k <= end and k < len(lines))
                number = close
        number += 1
    return breaks


_ATTRIBUTE = r"""(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_TAG_AT = re.compile(
    rf"""<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>
    |<[A-Za-z][A-Za-z0-9+.-]{{1,31}}:[^\s<>]*>|<[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@[A-Za-z0-9.-]+>""",
    re.VERBOSE,
)
"""What CommonMark reads as raw inline HTML or an autolink where a ``<`` stands (its spec's grammar)."""
_LOOKS_LIKE_TAG = re.compile(r"<(?:/?[A-Za-z]|[!?])")
_CLOSERS = {"<!--": "-->", "<?": "?>", "<!": ">"}
_BACKTICKS = re.compile(r"`+")
_MATHS_SPAN = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?=\S)(?:\\.|[^$\\])+?(?<=\S)\$", re.DOTALL)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where the code spans of some inline text are (a run of backticks closed by a run as long)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    later: dict[int, list[int]] = {}
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1] - runs[index][0], []).append(index)
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        same = later[end - start]
        while same and same[-1] <= index:
            same.pop()
        if same:
            close = same.pop()
            spans.append((start, runs[close][1]))
            index = close + 1
        else:
            index += 1
    return spans


def escape_text_tags(text: str) -> str:
    """Inline text with each ``<`` that starts no HTML as ``&lt;``: how it reads anyway.

    GitHub shows ``Dictionary<TKey,TValue>`` as written, since ``<TKey,TValue>`` is no tag
    in CommonMark's grammar; Python-Markdown's looser pattern takes it for one, and the
    content policy then drops it. Python-Markdown also tries each such ``<`` as the start of
    a tag up to the end of the text, so that a run of them takes minutes. Code spans, maths
    and link destinations (``](<a b>)``) keep their ``<``.
    """
    if "<" not in text:
        return text
    masked = sorted(_code_spans(text) + [m.span() for m in _MATHS_SPAN.finditer(text)])
    out, last, skip_to, k = [], 0, 0, 0
    for match in _LOOKS_LIKE_TAG.finditer(text):
        p = match.start()
        if p < skip_to:
            continue
        while k < len(masked) and masked[k][1] <= p:
            k += 1
        if k < len(masked) and masked[k][0] <= p:
            continue
        opener = next((o for o in _CLOSERS if text.startswith(o, p)), None)
        if opener is not None:
            end = text.find(_CLOSERS[opener], p + len(opener))
            if end >= 0:
                skip_to = end + len(_CLOSERS[opener])
                continue
        elif (tag := _TAG_AT.match(text, p)) is not None:
            skip_to = tag.end()
            continue
        elif re.search(r"\]\(\s*$|\]:\s*$", text[max(0, p - 8) : p]):
            continue  # a link's destination in pointy brackets
        out.append(text[last:p] + "&lt;")
        last = p + 1
    return "".join(out) + text[last:] if out else text


@dataclass
class _Plan:
    """What one reading of a piece of content's block tokens finds, by line: how each rewrite
    below changes the layout (never the words)."""

    lines: list[str]
    indent: dict[int, tuple[str, int, int]] = field(default_factory=dict)  # line -> (how, old column, new)
    blank_before: set[int] = field(default_factory=set)
    maths: dict[int, str] = field(default_factory=dict)  # a ```math fence's lines -> "fence" or "inside"
    headings: dict[int, tuple[int, int]] = field(default_factory=dict)  # line -> (level, lines it spans)
    html_blocks: dict[int, tuple[int, str]] = field(default_factory=dict)  # first line -> (end, raw HTML)
    alerts: dict[int, tuple[int, str]] = field(default_factory=dict)  # "> [!NOTE]" line -> (end, its type)
    inline: list[tuple[int, int]] = field(default_factory=list)  # lines of each block of inline text
    code: set[int] = field(default_factory=set)  # lines of code blocks and fences
    fence_info: list[int] = field(default_factory=list)  # fences whose info string has several words


class _Reader:
    """Walks the block tokens once, filling a :class:`_Plan`; one small method per kind of fact."""

    def __init__(self, lines: list[str], stash: bool) -> None:
        self.plan = _Plan(lines)
        self.stash = stash
        self.items: list[tuple[int, int]] = []  # open items: (old content column, new content column)
        self.previous: dict[int, Token] = {}  # nesting level -> the last block closed there
        self.ended_item: dict[int, Token | None] = {}  # an item's level -> the last block inside the item before
        self.quotes = 0  # blockquotes open (their lines start with '>': left as they are)

    def read(self, tokens: list[Token]) -> _Plan:
        for token in tokens:
            if token.type == "list_item_open" and token.map:
                self._item_opens(token)
            elif token.type == "list_item_close":
                self.items.pop()
                self.ended_item[token.level] = self.previous.get(token.level + 1)
            self._blank_after_block(token)
            self._maths_and_quotes(token)
            self._code_and_text(token)
            self._remember(token)
        return self.plan

    def _item_opens(self, token: Token) -> None:
        """List items are indented as Python-Markdown expects: four spaces a level."""
        plan, (start, end) = self.plan, token.map
        match = _MARKER.match(plan.lines[start].expandtabs(4))
        old_marker = len(match.group(1)) if match else 0
        gap = len(match.group(3)) if match else 1
        old = (match.end() if 1 <= gap <= 4 else match.end() - gap + 1) if match else old_marker + 2
        new_marker = self.items[-1][1] if self.items else 0
        plan.indent[start] = ("marker", old_marker, new_marker)
        for k in range(start + 1, end):
            plan.indent[k] = ("inside", old, new_marker + 4)
        self.items.append((old, new_marker + 4))
        # A block that ends the previous item (a fence ...) with the next marker right below it.
        last = self.ended_item.get(token.level)
        if last is not None and last.type in _BREAKS and start > 0 and plan.lines[start - 1].strip():
            plan.blank_before.add(start)

    def _blank_after_block(self, token: Token) -> None:
        """CommonMark lets a block interrupt a paragraph (or follow a fence) directly; Python-Markdown
        wants a blank line between them."""
        if not (token.map and token.nesting >= 0 and token.level in self.previous):
            return
        last = self.previous[token.level]
        if last.type in ("paragraph_close", "fence", "code_block", "html_block") and token.type != "list_item_open":
            start = token.map[0]
            nested_list = token.type.endswith("_list_open") and self.items
            if start > 0 and self.plan.lines[start - 1].strip() and not nested_list:
                self.plan.blank_before.add(start)

    def _maths_and_quotes(self, token: Token) -> None:
        plan = self.plan
        if token.type == "paragraph_open" and token.map and not self.quotes:
            plan.blank_before |= _display_maths(plan.lines, *token.map)
        if token.type == "blockquote_open":
            self.quotes += 1
            alert = _ALERT.match(plan.lines[token.map[0]]) if token.map and token.level == 0 else None
            if alert:
                plan.alerts[token.map[0]] = (token.map[1], alert.group(1).upper())
        elif token.type == "blockquote_close":
            self.quotes -= 1
        elif token.type == "html_block" and token.map and self.stash and not self.quotes:
            plan.html_blocks[token.map[0]] = (token.map[1], token.content)
        elif token.type == "fence" and token.info.strip() == "math" and token.map and not self.quotes:
            start, end = token.map
            if _fence_closed(token, plan.lines) and plan.indent.get(start, ("",))[0] != "marker":
                plan.maths.update({start: "fence", end - 1: "fence"})
                plan.maths.update(dict.fromkeys(range(start + 1, end - 1), "inside"))
                plan.blank_before.update(k for k in (start, end) if 0 < k < len(plan.lines))

    def _code_and_text(self, token: Token) -> None:
        plan = self.plan
        if not token.map:
            return
        if token.type in ("fence", "code_block"):
            plan.code.update(range(*token.map))
        if token.type == "fence" and len(token.info.split()) > 1 and token.info.strip()[0] != "{":
            plan.fence_info.append(token.map[0])
        if token.type == "inline" and (not plan.inline or plan.inline[-1] != tuple(token.map)):
            plan.inline.append(tuple(token.map))
        if token.type == "heading_open":
            plan.headings[token.map[0]] = (int(token.tag[1]), token.map[1] - token.map[0])

    def _remember(self, token: Token) -> None:
        """The last block closed at each level (what the next block may follow directly)."""
        previous = self.previous
        if token.nesting == -1 or token.type in ("fence", "code_block", "html_block", "hr"):
            previous[token.level] = token
            for deeper in [lvl for lvl in previous if lvl > token.level]:
                del previous[deeper]
        elif token.nesting == 1:
            for deeper in [lvl for lvl in previous if lvl > token.level]:
                del previous[deeper]
            if token.type.endswith("_list_open"):
                self.ended_item.pop(token.level + 1, None)


def _first_word_of_fence_info(plan: _Plan) -> None:
    """GitHub takes the first word of an info string as the language ("jsx harmony" is jsx);
    pymdownx.superfences would not read the fence as code at all."""
    for start in plan.fence_info:
        plan.lines[start] = _FENCE_INFO.sub(r"\1\2", plan.lines[start], count=1)


def _text_that_is_no_tag(plan: _Plan) -> None:
    """Inline text keeps each ``<`` that starts no tag as text (see :func:`escape_text_tags`),
    and each ``[text](…)`` that is no link as text (see :func:`escape_non_links`)."""
    for start, end in plan.inline:
        chunk = "\n".join(plan.lines[start:end])
        escaped = escape_non_links(escape_text_tags(chunk))
        if escaped != chunk:
            plan.lines[start:end] = escaped.split("\n")


_SPACED_DESTINATION = re.compile(r"\]\((?=[^)<\s])[^()\s]*\s+(?![\"'(])[^)\n]*\)")


def escape_non_links(text: str) -> str:
    """``[text](a sentence, not an address)`` as GitHub shows it: text, not a link.

    CommonMark's link destination holds no space unless it is in ``<…>``; after a space
    only a title in quotes or parentheses may follow. Python-Markdown makes a link of it
    anyway, and hides the sentence in its address.
    """
    if "](" not in text:
        return text
    spans = _code_spans(text)

    def literal(match: re.Match) -> str:
        if any(a <= match.start() < b for a, b in spans):
            return match.group(0)
        return "]\\(" + match.group(0)[2:]

    return _SPACED_DESTINATION.sub(literal, text)


def for_python_markdown(text: str, question_level: int | None = None, stash: Callable[[str], str] | None = None) -> str:
    """Markdown written for GitHub, rewritten so that Python-Markdown reads it the same way.

    The words never change; only the layout that the two parsers read differently:

    - list items are indented as Python-Markdown expects (four spaces a level), so lists
      nested by two spaces (GitHub's way) nest, and code inside an item stays in it;
      ``1)`` markers become ``1.``;
    - a blank line goes before a block that follows a paragraph (or a fence) directly:
      CommonMark lets a list or a fence interrupt a paragraph, Python-Markdown does not;
    - ``$$`` maths on lines of its own inside a paragraph (text, then ``$$…$$`` on the next
      line, as GitHub's own example writes it) becomes a block of its own, which is how
      Python-Markdown's maths extension (arithmatex) reads display maths; so does a
      ```` ```math ```` fence, GitHub's other way of writing display maths (its fence lines
      become ``$$``);
    - with ``question_level``, headings move so that the shallowest one sits just below
      the output's question heading (levels 2–6);
    - GitHub's alerts (a blockquote that starts with ``[!NOTE]``, ``[!TIP]``, ``[!WARNING]`` ...)
      become admonitions (``/// note``), shown as GitHub shows them;
    - with ``stash`` (Python-Markdown's ``htmlStash.store``), each HTML block is handed over
      as it is and Markdown between HTML tags stays Markdown: CommonMark ends an HTML block
      at a blank line (``<div>``, a blank line, ``**bold**``: bold text inside a div),
      where Python-Markdown would read everything up to ``</div>`` as raw HTML.
    """
    plan = _Reader(text.split("\n"), stash is not None).read(_tokens(text))
    _first_word_of_fence_info(plan)
    _text_that_is_no_tag(plan)
    return "\n".join(_Layout(plan, question_level, stash).lines())


class _Layout:
    """The rewritten lines: each line of the plan, through the one rewrite that concerns it."""

    def __init__(self, plan: _Plan, question_level: int | None, stash: Callable[[str], str] | None) -> None:
        self.plan, self.stash = plan, stash
        self.shift = 0
        if question_level is not None and plan.headings:
            self.shift = question_level + 1 - min(level for level, _ in plan.headings.values())
        self.out: list[str] = []

    def lines(self) -> list[str]:
        plan, out = self.plan, self.out
        number = 0
        while number < len(plan.lines):
            if number in plan.blank_before:
                out.append("")
            number = self._line(number) + 1
        return out

    def _line(self, number: int) -> int:
        """Lay out the line ``number`` (and the lines a block of it holds); the last line used."""
        plan, raw = self.plan, self.plan.lines[number]
        directive = _DIRECTIVE.match(raw) if number not in plan.code else None
        if directive:
            self._directive(directive)
            return number
        if number in plan.alerts:
            return self._alert(number)
        if number in plan.html_blocks:
            return self._html_block(number)
        line = self._indented(number, raw)
        if plan.maths.get(number) == "fence":
            line = line[: len(line) - len(line.lstrip(" "))] + "$$"
        elif plan.maths.get(number) == "inside" and not raw.strip():
            return number  # a blank line would end the $$ block (and is no TeX in maths)
        if number in plan.headings:
            return self._heading(number, line)
        self.out.append(line)
        return number

    def _paragraph_break(self) -> None:
        if self.out and self.out[-1].strip():
            self.out.append("")

    def _directive(self, directive: re.Match) -> None:
        """Docusaurus's ":::tip Title" … ":::" blocks, as the admonitions they are on its sites."""
        self._paragraph_break()
        kind = directive.group(1)
        if kind:
            title = directive.group(2) or kind.capitalize()
            self.out.extend(_admonition(_DIRECTIVES.get(kind.lower(), "note"), title.strip()))
        else:
            self.out.extend(["///", ""])

    def _alert(self, number: int) -> int:
        """GitHub's alerts ("> [!NOTE]") as admonitions."""
        end, kind = self.plan.alerts[number]
        self._paragraph_break()
        self.out.extend(_admonition(_ALERTS[kind], kind.capitalize()))
        self.out.extend(re.sub(r"^ {0,3}> ?", "", ln) for ln in self.plan.lines[number + 1 : end])
        self.out.extend(["///", ""])
        return end - 1

    def _html_block(self, number: int) -> int:
        """An HTML block handed over as it is (CommonMark ends it at a blank line)."""
        end, html = self.plan.html_blocks[number]
        indent = self.plan.indent.get(number)
        column = indent[2] if indent and indent[0] == "inside" else 0
        self._paragraph_break()
        self.out.extend([" " * column + self.stash(emoji.in_html(html.rstrip("\n"))), ""])
        return end - 1

    def _indented(self, number: int, raw: str) -> str:
        """A line of a list item, at the column Python-Markdown expects; ``1)`` markers become ``1.``."""
        if number not in self.plan.indent or not raw.strip():
            return raw
        how, old, new = self.plan.indent[number]
        expanded = raw.expandtabs(4)
        have = len(expanded) - len(expanded.lstrip(" "))
        if how == "marker":
            return " " * new + re.sub(r"^(\d{1,9})\)", r"\1.", expanded[have:])
        if have >= old:
            return " " * new + expanded[old:]
        return " " * new + expanded.lstrip(" ")

    def _heading(self, number: int, line: str) -> int:
        """A heading moved below the output's question heading, at the start of its line."""
        level, span = self.plan.headings[number]
        lead = line[: len(line) - len(line.lstrip(" "))]
        inside_item = number in self.plan.indent
        if not (self.shift or (lead and not inside_item)):
            self.out.append(line)
            return number
        level = min(6, max(2, level + self.shift)) if self.shift else level
        if not inside_item:
            # Outside a list, a heading may be indented up to three spaces (CommonMark);
            # Python-Markdown reads one only at the start of its line.
            lead = ""
        content = line.strip()
        if span != 2:
            content = re.sub(r"\s+#+\s*$", "", re.sub(r"^#{1,6}\s*", "", content))
        self.out.append(lead + "#" * level + " " + content)
        return number + 1 if span == 2 else number  # a setext heading: its text, then its underline


# --------------------------------------------------------------------------- code spans' spaces


def code_span_spaces(md) -> None:
    """Give ``md``'s code spans CommonMark's spaces, as GitHub shows them: one space is taken
    from each side only when both sides have one (`` ` a ` `` is "a", `` ` class` `` keeps its
    space), where Python-Markdown and inlinehilite strip every space."""
    if "backtick" not in md.inlinePatterns:
        return
    processor = md.inlinePatterns["backtick"]
    handle_match, handle_code = processor.handleMatch, getattr(processor, "handle_code", None)
    kept: list[str | None] = [None]

    def spaced(m, data):
        kept[0] = None
        if not m.group(1):
            start, end = processor.find_code_spans(m.start(0), data)
            source = data[start:end].replace("\n", " ") if end is not None else ""
            if source.strip(" ") and source.startswith(" ") and source.endswith(" "):
                source = source[1:-1]
            if source.strip() != source:
                kept[0] = source
        try:
            found = handle_match(m, data)
        finally:
            text, kept[0] = kept[0], None
        element = found[0]
        if text is not None and handle_code is None and getattr(element, "tag", None) == "code":
            element.text = util.AtomicString(util.code_escape(text))
        return found

    def code(lang, src):
        # inlinehilite hands over the stripped text; plain code gets the spaces back.
        return handle_code(lang, kept[0] if kept[0] is not None and not lang else src)

    processor.handleMatch = spaced
    if handle_code is not None:
        processor.handle_code = code
