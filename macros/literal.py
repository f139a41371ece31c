"""Q&A content shown exactly as written: one Python-Markdown extension for every renderer.

The question pages, the home page, the self-test and the PDF book all render Q&A text
with it, so ``<script>``, ``</details>`` or ``&amp;`` in a question prints as those
characters everywhere, never as markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

__all__ = ["LiteralContent"]


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
