"""Nothing is lost: every prose line of a document is in the text a reader sees, or in the list of
what was dropped on purpose (a table of contents, back links, front matter …).

The reader's text is the site's, rendered as the build renders it: the title, the introduction,
section titles and introductions, the parts kept for the home page, and every question's
text, body and answer. A line counts as found when its words, in order, are in that text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from macros.reading.parser import parse_file
from macros.render.renderer import PAGE

from ..helpers import ROOT, qa_documents, site_of

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_NOT_PROSE = re.compile(r"^\s*(?:[-*_](?:\s*[-*_]){2,}|\|?[\s:|-]+\|[\s:|-]*|<[^>]*>|\{:.*\}|:::\s*\w*.*|\$\$)\s*$")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE)
_ANSWER_LABEL = re.compile(r"^\W*(?:(?:view|show|see|reveal)\s+)?(?:the\s+)?answers?\W*$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(?:code|b|i|em|strong|a|span|kbd|sup|sub|mark|u|s|del|ins|abbr|q|small|var)\b[^>]*>")
_WORD = re.compile(r"[^\W_]+")
_MARKERS = re.compile(
    r"""^\s*(?:[-*+>]\s+|\d{1,9}[.)]\s+|\#{1,6}\s+|\[[ xX]\]\s+
    |(?:\*\*|__|\*|_)?(?:A|Ans|Answer|Solution|Explanation)(?:\*\*|__|\*|_)?\s*[.:)-](?:\*\*|__|\*|_)?\s*
    |(?:\*\*|__|\*|_)?(?:Q|Question|Ques)\s*(?:\d+(?:\.\d+)*[a-z]?\s*[.:)-]?|[.:)-])(?:\*\*|__|\*|_)?\s*
    |\#?\d+[a-z]?(?:\.\d+)*[.:)]\s+)""",
    re.IGNORECASE | re.VERBOSE,
)
"""What starts a line without being words of it: list markers, heading marks, question numbers,
"Q:" and "Answer:" labels."""


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def prose_lines(path: Path, dropped: set[int]) -> list[tuple[int, list[str]]]:
    """(line, words) of each line a reader reads as text: outside code, not markup alone, not dropped."""
    found, fence = [], ""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0]:
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if number in dropped or _NOT_PROSE.match(line):
            continue
        text = _LINK.sub(r"\1", _IMAGE.sub(" ", _SHORTCODE.sub(" ", _SCRIPT.sub(" ", line))))
        # Tags outside code are markup; inside code they are text ("`lsof -p <PID>`").
        text = html.unescape(
            "".join(_TAG.sub(" ", part) if k % 2 == 0 else part for k, part in enumerate(text.split("`")))
        )
        previous = None
        while previous != text:  # markers a reader does not read as words: list items, headings, labels
            previous, text = text, _MARKERS.sub("", text, count=1)
        if len(words(text)) >= 2 and not _ANSWER_LABEL.match(text):
            found.append((number, words(text)))
    return found


def dropped_lines(entries: list[str]) -> set[int]:
    lines: set[int] = set()
    for entry in entries:
        match = re.search(r"\(lines? (\d+)(?:-(\d+))?\)", entry)
        if match:
            lines.update(range(int(match.group(1)), int(match.group(2) or match.group(1)) + 1))
    return lines


def _text(rendered) -> str:
    """A rendering's text, each tag a word break (a summary and the text after it are two words)."""
    text = _INLINE_TAG.sub("", rendered.html)
    return html.unescape(_SHORTCODE.sub(" ", _TAG.sub(" ", text)))


def shown_text(collection, site) -> str:
    """Everything of a collection a reader sees on the site's pages, as text."""
    home = site.target_at(PAGE, "", collection)
    parts = [
        collection.title_text,
        _text(site.block(collection.intro, home, collection, 1)) if collection.intro else "",
    ]
    for section in collection.sections:
        for parent in section.parents:
            parts += [
                parent.title_text,
                _text(site.block(parent.intro, home, collection, parent.line)) if parent.intro else "",
            ]
        parts.append(section.title_text if section.title else "")
        if section.intro:
            parts.append(_text(site.block(section.intro, home, collection, section.line)))
        for question in section.questions:
            parts.append(f"{question.numeral} {_text(site.heading(question))}")  # as the navigation labels it
            if question.body:
                parts.append(_text(site.body(question)))
            parts.append(_text(site.answer(question)))
    for part in collection.parts:
        parts += [
            site.renderer.inline(part.title, PAGE).text,
            _text(site.block(part.body, home, collection, part.line)) if part.body else "",
        ]
    return " ".join(parts)


def _contains(haystack: list[str], needle: list[str], index: dict[str, list[int]]) -> bool:
    return any(haystack[start : start + len(needle)] == needle for start in index.get(needle[0], ()))


@pytest.mark.parametrize("document", qa_documents(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_prose_line_is_shown_or_listed_as_dropped(document: Path):
    collection = parse_file(document, document.name)
    site = site_of(collection)
    # Dropped blocks are listed by their first line: a table of contents or a back link is one block.
    dropped = dropped_lines(collection.dropped)
    dropped |= {n + k for n in list(dropped) for k in range(1, 200) if _in_same_block(document, n, n + k)}
    shown = words(shown_text(collection, site))
    index: dict[str, list[int]] = {}
    for position, word in enumerate(shown):
        index.setdefault(word, []).append(position)
    lost = [number for number, line in prose_lines(document, dropped) if not _contains(shown, line, index)]
    assert lost == [], f"{document.name}: lines shown nowhere and not listed as dropped: {lost[:20]}"


def _in_same_block(document: Path, first: int, line: int) -> bool:
    """Whether ``line`` continues the block that starts at ``first`` (no blank line in between)."""
    lines = _lines(document)
    return line <= len(lines) and all(lines[k - 1].strip() for k in range(first, line + 1))


_CACHE: dict[Path, list[str]] = {}


def _lines(document: Path) -> list[str]:
    if document not in _CACHE:
        _CACHE[document] = document.read_text(encoding="utf-8").split("\n")
    return _CACHE[document]
