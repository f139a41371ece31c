"""Markdown written for GitHub, rewritten so that Python-Markdown reads it as GitHub does."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it.token import Token

from macros.reading.blocks import _fence_closed, markdown_it
from macros.render import emoji

__all__ = ["escape_text_tags", "for_python_markdown"]

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
    lines = text.split("\n")
    tokens = _tokens(text)
    indent: dict[int, tuple[str, int, int]] = {}  # line -> (how, old column, new column)
    blank_before: set[int] = set()
    maths: dict[int, str] = {}  # line of a ```math fence -> "fence" (its opening or closing line) or "inside"
    headings: list[tuple[int, int, int]] = []  # (line, level, lines it spans)
    items: list[tuple[int, int]] = []  # open items: (old content column, new content column)
    previous: dict[int, Token] = {}  # nesting level -> the last block closed there
    html_blocks: dict[int, tuple[int, str]] = {}  # first line -> (end line, raw HTML)
    alerts: dict[int, tuple[int, str]] = {}  # first line of a "> [!NOTE]" blockquote -> (end line, its type)
    quotes = 0  # blockquotes open (their lines start with '>': left as they are)
    ended_item: dict[int, Token | None] = {}  # nesting level of an item -> the last block inside the item before
    inline: list[tuple[int, int]] = []  # lines of each block of inline text (paragraphs, headings, table rows)
    code: set[int] = set()  # lines of code blocks and fences
    last_inline = None
    for token in tokens:
        if token.type == "list_item_open" and token.map:
            start, end = token.map
            line = lines[start].expandtabs(4)
            match = _MARKER.match(line)
            old_marker = len(match.group(1)) if match else 0
            gap = len(match.group(3)) if match else 1
            old = (match.end() if 1 <= gap <= 4 else match.end() - gap + 1) if match else old_marker + 2
            new_marker = items[-1][1] if items else 0
            new = new_marker + 4
            indent[start] = ("marker", old_marker, new_marker)
            for k in range(start + 1, end):
                indent[k] = ("inside", old, new)
            items.append((old, new))
            # A block that ends the previous item (a fence ...) with the next marker right below it.
            last = ended_item.get(token.level)
            if last is not None and last.type in _BREAKS and start > 0 and lines[start - 1].strip():
                blank_before.add(start)
        elif token.type == "list_item_close":
            items.pop()
            ended_item[token.level] = previous.get(token.level + 1)
        if token.map and token.nesting >= 0 and token.level in previous:
            last = previous[token.level]
            if last.type in ("paragraph_close", "fence", "code_block", "html_block") and token.type != "list_item_open":
                start = token.map[0]
                nested_list = token.type.endswith("_list_open") and items
                if start > 0 and lines[start - 1].strip() and not nested_list:
                    blank_before.add(start)
        if token.type == "paragraph_open" and token.map and not quotes:
            blank_before |= _display_maths(lines, *token.map)
        if token.type == "blockquote_open":
            quotes += 1
            alert = _ALERT.match(lines[token.map[0]]) if token.map and token.level == 0 else None
            if alert:
                alerts[token.map[0]] = (token.map[1], alert.group(1).upper())
        elif token.type == "blockquote_close":
            quotes -= 1
        elif token.type == "html_block" and token.map and stash is not None and not quotes:
            html_blocks[token.map[0]] = (token.map[1], token.content)
        elif token.type == "fence" and token.info.strip() == "math" and token.map and not quotes:
            start, end = token.map
            if _fence_closed(token, lines) and indent.get(start, ("",))[0] != "marker":
                maths.update({start: "fence", end - 1: "fence"})
                maths.update(dict.fromkeys(range(start + 1, end - 1), "inside"))
                blank_before.update(k for k in (start, end) if 0 < k < len(lines))
        if token.type in ("fence", "code_block") and token.map:
            code.update(range(*token.map))
        if token.type == "fence" and token.map and len(token.info.split()) > 1 and token.info.strip()[0] != "{":
            # GitHub takes the first word of an info string as the language ("jsx harmony" is jsx);
            # pymdownx.superfences would not read the fence as code at all.
            start = token.map[0]
            lines[start] = _FENCE_INFO.sub(r"\1\2", lines[start], count=1)
        if token.type == "inline" and token.map and tuple(token.map) != last_inline:
            inline.append(last_inline := tuple(token.map))
        if token.type == "heading_open" and token.map:
            headings.append((token.map[0], int(token.tag[1]), token.map[1] - token.map[0]))
        if token.nesting == -1 or token.type in ("fence", "code_block", "html_block", "hr"):
            previous[token.level] = token
            for deeper in [lvl for lvl in previous if lvl > token.level]:
                del previous[deeper]
        elif token.nesting == 1:
            for deeper in [lvl for lvl in previous if lvl > token.level]:
                del previous[deeper]
            if token.type.endswith("_list_open"):
                ended_item.pop(token.level + 1, None)
    for start, end in inline:
        chunk = "\n".join(lines[start:end])
        escaped = escape_text_tags(chunk)
        if escaped is not chunk:
            lines[start:end] = escaped.split("\n")
    shift = 0
    if question_level is not None and headings:
        shift = question_level + 1 - min(level for _, level, _ in headings)
    out: list[str] = []
    heading_at = {line: (level, span) for line, level, span in headings}
    skip = 0
    for number, raw in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if number in blank_before:
            out.append("")
        directive = _DIRECTIVE.match(raw) if number not in code else None
        if directive:
            # Docusaurus's ":::tip Title" … ":::" blocks, as the admonitions they are on its sites.
            if out and out[-1].strip():
                out.append("")
            kind = directive.group(1)
            if kind:
                title = directive.group(2) or kind.capitalize()
                out += _admonition(_DIRECTIVES.get(kind.lower(), "note"), title.strip())
            else:
                out += ["///", ""]
            continue
        if number in alerts:
            end, kind = alerts[number]
            if out and out[-1].strip():
                out.append("")
            out += _admonition(_ALERTS[kind], kind.capitalize())
            out += [re.sub(r"^ {0,3}> ?", "", ln) for ln in lines[number + 1 : end]]
            out += ["///", ""]
            skip = end - number - 1
            continue
        if number in html_blocks:
            end, html = html_blocks[number]
            column = indent[number][2] if number in indent and indent[number][0] == "inside" else 0
            if out and out[-1].strip():
                out.append("")
            out += [" " * column + stash(emoji.in_html(html.rstrip("\n"))), ""]
            skip = end - number - 1
            continue
        line = raw
        if number in indent and raw.strip():
            how, old, new = indent[number]
            expanded = raw.expandtabs(4)
            have = len(expanded) - len(expanded.lstrip(" "))
            if how == "marker":
                rest = expanded[have:]
                rest = re.sub(r"^(\d{1,9})\)", r"\1.", rest)
                line = " " * new + rest
            elif have >= old:
                line = " " * new + expanded[old:]
            else:
                line = " " * new + expanded.lstrip(" ")
        if maths.get(number) == "fence":
            line = line[: len(line) - len(line.lstrip(" "))] + "$$"
        elif maths.get(number) == "inside" and not raw.strip():
            continue  # a blank line would end the $$ block (and is no TeX in maths)
        lead = line[: len(line) - len(line.lstrip(" "))]
        if number in heading_at and (shift or (lead and number not in indent)):
            level, span = heading_at[number]
            level = min(6, max(2, level + shift)) if shift else level
            if number not in indent:
                # Outside a list, a heading may be indented up to three spaces (CommonMark);
                # Python-Markdown reads one only at the start of its line.
                lead = ""
            content = line.strip()
            if span == 2:  # a setext heading: its text, then its underline
                skip = 1
            else:
                content = re.sub(r"^#{1,6}\s*", "", content)
                content = re.sub(r"\s+#+\s*$", "", content)
            line = lead + "#" * level + " " + content
        out.append(line)
    return "\n".join(out)
