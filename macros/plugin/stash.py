"""Finished HTML in a page's Markdown, kept out of Python-Markdown's parser.

The generated pages are Markdown we write: headings (so that they are in the table of
contents) around HTML that is finished already (a rendered answer, a list of links). A
page's Markdown holds a marker where each piece goes; :class:`Blocks` hands the piece
to Python-Markdown's own ``htmlStash`` before parsing starts, so it is never parsed
again and comes back, unchanged, when the page's HTML is serialized: before MkDocs and
the search plugin read the page.

The markers carry the build's nonce, so a hand-written page cannot forge one.
"""

from __future__ import annotations

import re
import secrets
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

__all__ = ["Blocks"]


@dataclass
class _Block:
    html: str
    ids: tuple[str, ...]


@dataclass
class Blocks:
    """The finished HTML of every page, by page (``src_uri``), put in place by a preprocessor.

    Set :attr:`current` to the page about to be rendered (blocks are only put in the
    page they were made for); :meth:`ids` gives the anchors they hold, for MkDocs' link checks.
    """

    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    pages: dict[str, list[_Block]] = field(default_factory=dict)
    current: str | None = None
    quiet: set[str] = field(default_factory=set)  # pages whose permalinks are named without a title

    def put(self, page: str, html: str, ids: Sequence[str] = ()) -> str:
        """A marker for ``html`` in the Markdown of ``page``: alone on a line for a block
        (HTML that starts with a block-level element), inside a line (a heading) for inline HTML."""
        blocks = self.pages.setdefault(page, [])
        blocks.append(_Block(html, tuple(ids)))
        return f"qa-block-{self.nonce}-{len(blocks) - 1}-end"

    def clear(self, page: str) -> None:
        self.pages.pop(page, None)

    def ids(self, page: str) -> set[str]:
        return {i for block in self.pages.get(page, ()) for i in block.ids}

    def extension(self) -> Extension:
        """The Python-Markdown extension that puts the blocks of :attr:`current` in place."""
        return _BlocksExtension(self)


class _BlocksExtension(Extension):
    qa_page_only = True  # the renderer of Q&A content leaves it out (see Renderer.from_config)

    def __init__(self, blocks: Blocks) -> None:
        super().__init__()
        self.blocks = blocks

    def extendMarkdown(self, md: Markdown) -> None:
        # After normalize_whitespace (30), which strips the stash's placeholder characters;
        # before fences (25), raw HTML (20) and everything that parses.
        md.preprocessors.register(_Stash(md, self.blocks), "qa-blocks", 29.5)
        md.treeprocessors.register(_QuietPermalinks(md, self.blocks), "qa-quiet-permalinks", 0.8)


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, blocks: Blocks) -> None:
        super().__init__(md)
        self.blocks = blocks
        self.pattern = re.compile(f"qa-block-{blocks.nonce}-(\\d+)-end")

    def run(self, lines: list[str]) -> list[str]:
        page = self.blocks.current
        blocks = self.blocks.pages.get(page or "", [])
        if not blocks:
            return lines

        def stash(match: re.Match) -> str:
            return self.md.htmlStash.store(blocks[int(match.group(1))].html)

        return [self.pattern.sub(stash, line) if "qa-block-" in line else line for line in lines]


class _QuietPermalinks(Treeprocessor):
    """Permalinks named by ``aria-label``, not ``title``, on the pages in :attr:`Blocks.quiet`.

    With ``content.tooltips``, Material mounts a tooltip for every element with a title when
    the page loads. The glossary has a heading per term, and mounting a tooltip for each
    blocks a phone's main thread noticeably (Lighthouse's mobile preset, ``make lighthouse``). Screen
    readers still hear "Permanent link".
    """

    def __init__(self, md: Markdown, blocks: Blocks) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, root: etree.Element) -> None:
        if self.blocks.current not in self.blocks.quiet:
            return
        for link in root.iter("a"):
            if "headerlink" in (link.get("class") or "").split() and "title" in link.attrib:
                link.set("aria-label", link.attrib.pop("title"))
