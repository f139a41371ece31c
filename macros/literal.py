"""Q&A content shown exactly as written: one Python-Markdown extension for every renderer.

The question pages, the home page, the self-test and the PDF book all render Q&A text
with it, so ``<script>``, ``</details>`` or ``&amp;`` in a question prints as those
characters everywhere, never as markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from functools import cached_property, lru_cache
from html.parser import HTMLParser

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

__all__ = ["SKIP_TAGS", "LiteralContent", "Rendered", "html_text", "render", "text_slots", "unwrap_paragraph"]

SKIP_TAGS = {"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "kbd", "samp", "button"}
"""Elements whose text never holds a glossary mention (code, headings, links ...)."""


class _Ampersands(Treeprocessor):
    """Make every ``&`` in text show as written.

    Python-Markdown's serializer keeps anything shaped like an entity (``&amp;``) as
    markup; escaping ``&`` first makes ``&amp;`` in the content display as ``&amp;``.
    Code is skipped: Python-Markdown has escaped it already.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag not in ("code", "pre") and element.text and "&" in element.text:
                element.text = element.text.replace("&", "&amp;")
            if element.tail and "&" in element.tail:
                element.tail = element.tail.replace("&", "&amp;")


class LiteralContent(Extension):
    """No raw HTML and no entities: HTML written in the content is text."""

    def extendMarkdown(self, md: Markdown) -> None:
        for registry, name in (
            (md.preprocessors, "html_block"),
            (md.inlinePatterns, "html"),
            (md.inlinePatterns, "entity"),
        ):
            if name in registry:
                registry.deregister(name)
        # After inline parsing (20) and the glossary links (1); before MkDocs' own (0).
        md.treeprocessors.register(_Ampersands(md), "qa-literal-ampersands", 0.5)


# --------------------------------------------------------------------------- linkable text


def text_slots(root: etree.Element) -> Iterator[tuple[etree.Element | None, etree.Element, str]]:
    """Every (parent, element, 'text' | 'tail') whose string may hold a linkable mention, in order.

    Elements of class ``qa-nolink`` are skipped; an element of class ``qa-end`` ends the walk
    (what follows it, such as a page's "Key terms", is never linked).
    """
    ended = False

    def walk(parent, element, skipped):
        nonlocal ended
        classes = (element.get("class") or "").split()
        if "qa-end" in classes:
            ended = True
        if ended:
            return
        skip = skipped or element.tag in SKIP_TAGS or "qa-nolink" in classes
        if not skip and element.text:
            yield parent, element, "text"
        for child in list(element):
            yield from walk(element, child, skip)
            if ended:
                return
            if not skip and child.tail:
                yield element, child, "tail"

    yield from walk(None, root, False)


# --------------------------------------------------------------------------- rendered once


class _LinkableText(Treeprocessor):
    """Keeps the linkable text of the last conversion (after inline parsing, before ``&`` escaping)."""

    runs: tuple[str, ...] = ()

    def run(self, root: etree.Element) -> None:
        self.runs = tuple(getattr(element, slot) for _, element, slot in text_slots(root))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def unwrap_paragraph(html: str) -> str:
    """Rendered inline Markdown without the one paragraph around it (for headings, links, labels)."""
    match = re.fullmatch(r"<p>(.*)</p>", html, re.DOTALL)
    return match.group(1) if match else html


def html_text(html: str) -> str:
    """The text of an HTML fragment, entities decoded, whitespace collapsed."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join("".join(extractor.parts).split())


class Rendered:
    """One piece of Q&A Markdown rendered literally: its HTML, plain text and linkable text."""

    def __init__(self, html: str, runs: tuple[str, ...]) -> None:
        self.html = html
        self.runs = runs  # text outside code, headings and links, where glossary terms are found

    @cached_property
    def text(self) -> str:
        """The rendered text, whitespace collapsed (for descriptions and word counts)."""
        return html_text(self.html)


_md = Markdown(extensions=["tables", "fenced_code", LiteralContent()])
_linkable = _LinkableText(_md)
_md.treeprocessors.register(_linkable, "qa-linkable-text", 0.6)


@lru_cache(maxsize=50_000)
def render(source: str) -> Rendered:
    """Q&A Markdown rendered once for every use of it: HTML with any raw HTML shown as text.

    Cached by source: the glossary's term index, the meta description, the self-test page,
    its answer key and the Anki deck all need the same answers, and a rebuild under
    ``mkdocs serve`` renders only the answers that changed.
    """
    _md.reset()
    _linkable.runs = ()
    html = _md.convert(source).strip()
    return Rendered(html, _linkable.runs)
