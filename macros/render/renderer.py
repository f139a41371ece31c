"""The one renderer: Q&A Markdown to HTML for every output (pages, self-test, Anki deck, PDF).

It is Python-Markdown configured from ``mkdocs.yml``'s ``markdown_extensions`` and their
configs (as mkdocstrings does), plus :class:`QAContent`, which does what every output
needs: the preprocessing that documents written for GitHub want, the content policy,
glossary links, external-link marking. What differs between outputs is a
:class:`Target`, an option set of the same renderer, never a copy of it.

No MkDocs import: the plugin hands the extension list over (:meth:`Renderer.from_config`
takes MkDocs' validated config, a plain mapping is enough).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from html import unescape
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from macros.render.github import code_span_spaces, for_python_markdown
from macros.render.linear import linear_links
from macros.render.markup import EXTERNAL, NO_LINK, REMOTE_IMAGE, TERM
from macros.render.sanitize import Sanitizer

REFUSED = ""
"""What a link resolver gives for an address it refuses (a file outside the document's folder): the
address is dropped, so the link shows as its text and the image as its alt text."""

__all__ = [
    "BOOK",
    "DECK",
    "PAGE",
    "STUDY",
    "QAContent",
    "Rendered",
    "Renderer",
    "Target",
    "TooDeep",
    "cut_words",
    "html_text",
    "text_slots",
]

SKIP_TAGS = frozenset(
    {"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "kbd", "samp", "button"}
)
"""Elements whose text never holds a glossary mention (code, headings, links ...)."""

OWN = "#qa-own#"
"""What a link the renderer makes starts with until the content policy runs (which takes it off):
the links of the content are resolved there, these are final already."""


@dataclass(frozen=True)
class Target:
    """What one output needs from the renderer.

    Attributes:
        name: for messages and cache keys.
        question_level: the heading level of a question in this output; a source's own
            headings (deeper than its questions) are shifted to stay below it.
        heading_ids: keep the ``toc`` extension's ids and permalinks on headings (one answer
            per page); without, several answers share a page and ids would clash.
        term_href: where a glossary link points, with ``{id}`` for the entry (None: no links).
        tooltips: glossary links carry the short definition as a title (Material shows it).
        links: ``"keep"`` links, or ``"text"``: a link becomes its text (the Anki deck).
        book: the PDF book: the document's own anchors are the book's chapters, files are read
            from the document's folder.
        base: the site's root seen from the output's page ("../../"): where links to the
            document's own anchors and files start.
        doc: the collection whose anchors and files the content links to (its slug).
    """

    name: str
    question_level: int = 1
    heading_ids: bool = True
    term_href: str | None = None
    tooltips: bool = False
    links: str = "keep"
    book: bool = False
    base: str = ""
    doc: str = ""


PAGE = Target("page", question_level=1, heading_ids=True, tooltips=True)
"""A question page: the question is the page's h1. The site sets ``term_href``."""
STUDY = Target("study", question_level=2, heading_ids=False)
"""The self-test page: a card shows its question as an h2; several answers per page."""
DECK = Target("deck", question_level=2, heading_ids=False, links="text")
"""The Anki deck: no ids, no links (a card is read inside Anki)."""
BOOK = Target("book", question_level=2, heading_ids=True, term_href="#term-{id}", book=True)
"""The PDF book; its question level depends on the chapter's depth (``replace`` it)."""


_PLAIN = re.compile(r"^(?![ \t]*(?:\d{1,9}[.)]|[#>+*=-])(?:\s|$))[^\\`*_\[\]<>&~$|:!{}\n\t]*$")
"""Inline text with nothing Markdown or HTML would read as syntax: its HTML is the text itself."""
_BLOCK_START = re.compile(r"^(\s*\d{1,9}|\s*)([.)#>+*-](?=\s|$)|=+\s*$)")
_INLINE = {
    (links, book): Target(f"inline-{links}{'-book' if book else ''}", heading_ids=False, links=links, book=book)
    for links in ("keep", "text")
    for book in (False, True)
}
"""The targets of inline content (see :meth:`Renderer.inline`)."""


# --------------------------------------------------------------------------- text helpers


_TAG = re.compile(r"<[^>]*>")


def html_text(html: str) -> str:
    """The text of the renderer's HTML, entities decoded, whitespace collapsed.

    It is what :func:`macros.source.visible_text` reads (``tests/unit/test_render.py`` compares
    the two), without a parser: the renderer's HTML went through nh3, which leaves no
    comment, script or style, and escapes ``<`` and ``>`` in text and attribute values, so
    a tag is all there is between ``<`` and ``>``.
    """
    return " ".join(unescape(_TAG.sub("", html)).split())


MAX_DEPTH = 100
"""The deepest nesting of elements that content may render to (lists, quotes, HTML in each other).
Everything that reads rendered content walks it, and far past this a walk runs out of stack."""
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def html_depth(html: str) -> int:
    """How deeply the elements of the renderer's (well-formed) HTML nest."""
    depth = deepest = 0
    for match in _TAG_NAME.finditer(html):
        closing, name, empty = match.groups()
        if closing:
            depth -= 1
        elif not empty and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


class TooDeep(Exception):
    """Content nests deeper than :data:`MAX_DEPTH`, or too deeply for Python-Markdown to read."""


def cut_words(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–—") + "…"


def _unwrap_paragraph(html: str) -> str:
    match = re.fullmatch(r"<p>(.*)</p>", html, re.DOTALL)
    return match.group(1) if match else html


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class Rendered:
    """One piece of Q&A Markdown rendered for one target."""

    html: str
    terms: tuple[str, ...] = ()  # glossary term ids mentioned in linkable text, in order of first mention
    ids: tuple[str, ...] = ()  # element ids in the HTML (for MkDocs' anchor checks)
    problems: tuple[tuple[str, str], ...] = ()  # (link, why it does not resolve) of links to the document's own parts

    @cached_property
    def text(self) -> str:
        """The rendered text, whitespace collapsed (titles, descriptions, word counts)."""
        return html_text(self.html)


# --------------------------------------------------------------------------- preprocessing


class _GitHubSource(Preprocessor):
    """Rewrites the source so that Python-Markdown reads it as GitHub does (see
    :func:`macros.source.for_python_markdown`): nested lists, lists after a paragraph, HTML
    blocks as CommonMark ends them, headings below the output's question heading."""

    def __init__(self, md: Markdown, content: QAContent) -> None:
        super().__init__(md)
        self.content = content

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        rewritten = for_python_markdown(text, self.content.target.question_level, self.md.htmlStash.store)
        return rewritten.split("\n")


# --------------------------------------------------------------------------- tree


def text_slots(root: etree.Element) -> Iterator[tuple[etree.Element | None, etree.Element, str]]:
    """Every (parent, element, 'text' | 'tail') whose string may hold a linkable mention, in order."""

    def walk(parent, element, skipped):
        classes = element.get("class") or ""
        skip = skipped or element.tag in SKIP_TAGS or NO_LINK in classes or "arithmatex" in classes  # maths: TeX
        if not skip and element.text:
            yield parent, element, "text"
        for child in list(element):
            yield from walk(element, child, skip)
            if not skip and child.tail:
                yield element, child, "tail"

    yield from walk(None, root, False)


def link_terms(
    root: etree.Element,
    find: Callable[[str], list[tuple[int, int, str]]],
    make_link: Callable[[str, str], etree.Element] | None,
) -> list[str]:
    """Ids of the terms mentioned in the linkable text of a tree, in order of first mention.

    With ``make_link``, the first mention of each term is wrapped in the link it builds
    for (term id, mention text); its tail is set here.
    """
    seen: dict[str, None] = {}
    for parent, element, slot in list(text_slots(root)):
        text = getattr(element, slot)
        first = []
        for mention in find(text):
            if mention[2] not in seen:
                seen[mention[2]] = None
                first.append(mention)
        if not first or make_link is None:
            continue
        links = []
        for k, (start, end, term_id) in enumerate(first):
            link = make_link(term_id, text[start:end])
            link.tail = text[end : first[k + 1][0] if k + 1 < len(first) else len(text)]
            links.append(link)
        setattr(element, slot, text[: first[0][0]])
        # Text goes before the element's first child; a tail sits in the parent, after the element.
        target, position = (element, 0) if slot == "text" else (parent, list(parent).index(element) + 1)
        for offset, link in enumerate(links):
            target.insert(position + offset, link)
    return list(seen)


class _ContentTree(Treeprocessor):
    """Glossary links, external links, the target's link and id policy; records terms and ids.

    Runs after inline parsing (20), ``attr_list`` (8) and ``toc`` (5).
    """

    def __init__(self, md: Markdown, content: QAContent) -> None:
        super().__init__(md)
        self.content = content

    def run(self, root: etree.Element) -> None:
        content, target = self.content, self.content.target
        content.terms = []
        if content.find is not None:
            content.terms = link_terms(root, content.find, self._term_link if target.term_href else None)
        ids = []
        for parent in root.iter():
            for element in list(parent):
                tag = element.tag
                if tag == "a":
                    classes = element.get("class") or ""
                    if "headerlink" in classes and not target.heading_ids:
                        parent.remove(element)  # the toc extension's permalink
                        continue
                    href = element.get("href", "")
                    if target.links == "text" and TERM not in classes:
                        element.tag = "span"
                        element.attrib.clear()
                    elif href.startswith(("http://", "https://")):
                        element.set("class", f"{classes} {EXTERNAL}".strip())
                if not target.heading_ids and tag in _HEADINGS:
                    element.attrib.pop("id", None)
                if element.get("id"):
                    ids.append(element.get("id"))
        content.ids = ids

    def _term_link(self, term_id: str, text: str) -> etree.Element:
        content = self.content
        link = etree.Element("a", {"href": OWN + content.target.term_href.format(id=term_id), "class": TERM})
        if content.target.tooltips and content.tooltips is not None:
            link.set("title", content.tooltips(term_id))
        link.text = text
        if content.target.links == "text":
            link.tag = "span"
            link.attrib.clear()
        return link


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


class _Clean(Postprocessor):
    """The content policy, last: the HTML as :class:`macros.render.sanitize.Sanitizer` lets it through, with
    links to the document's own anchors and files pointed at this site's pages and files."""

    def __init__(self, md: Markdown, content: QAContent) -> None:
        super().__init__(md)
        self.content = content
        self.sanitizer = Sanitizer(self._rewrite)

    def run(self, text: str) -> str:
        content = self.content
        content.problems = []
        self.local = set(_ID.findall(text))  # footnotes, code lines, headings: anchors of the content itself
        html = self.sanitizer.clean(text)
        if "<img" in html:
            html = _NO_SOURCE.sub(_alt_text, html)
        if "<a" in html:
            html = _BARE_LINK.sub(r"\1", html)
        if content.remote_images == "link":
            html = _REMOTE_IMAGE.sub(_image_link, html)
        if content.target.book:
            html = _BOOK_MATHS.sub(_book_maths, html)
        return html

    def _rewrite(self, tag: str, url: str) -> str | None:
        if url.startswith(OWN):
            return url[len(OWN) :]  # a link the renderer made (a glossary link): right as it is
        if _EXTERNAL_URL.match(url) or not url or self.content.resolve is None:
            return url
        if url.startswith("#") and url[1:] in self.local:
            return url
        new, problem = self.content.resolve(url, self.content.target)
        if problem:
            self.content.problems.append((url, problem))
            # The book reads what a link names from its own folder: one that does not resolve goes.
            return None if new == REFUSED or self.content.target.book else url
        return new


_ID = re.compile(r'\bid="([^"]+)"')
_EXTERNAL_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_REMOTE_IMAGE = re.compile(r'<img\b[^>]*?\bsrc="(https?://[^"]+)"[^>]*>')


_BOOK_MATHS = re.compile(r'(<(span|div) class="arithmatex">)\\([(\[])(.*?)\\[)\]](</\2>)', re.DOTALL)


def _book_maths(match: re.Match) -> str:
    """Maths in the book, which typesets none: its TeX between the dollars the document wrote."""
    dollars = "$" if match.group(3) == "(" else "$$"
    return f"{match.group(1)}{dollars}{match.group(4)}{dollars}{match.group(5)}"


_BARE_LINK = re.compile(r"<a(?![^>]*\b(?:href|id|name)=)[^>]*>(.*?)</a>", re.DOTALL)
"""A link without an address (none given, or refused), and no anchor either: only its text."""
_NO_SOURCE = re.compile(r'<img\b(?![^>]*\bsrc=")[^>]*>')


def _alt_text(match: re.Match) -> str:
    """An image whose address was refused (or never given): its alt text, as a browser shows it."""
    alt = re.search(r'\balt="([^"]*)"', match.group(0))
    return alt.group(1) if alt else ""


def _image_link(match: re.Match) -> str:
    """A remote image as a plain link to it (for a site that loads nothing from another origin)."""
    alt = re.search(r'\balt="([^"]*)"', match.group(0))
    label = alt.group(1) if alt and alt.group(1).strip() else "image"
    return f'<a class="{REMOTE_IMAGE} {EXTERNAL}" href="{match.group(1)}">{label}</a>'


class QAContent(Extension):
    """What every rendering of Q&A content needs, whatever the output.

    - GitHub's reading of the source (nested lists, lists that interrupt a paragraph, HTML
      blocks), headings shifted below the output's question heading;
    - the content policy: raw HTML rendered and cleaned as GitHub does (:mod:`macros.render.sanitize`);
    - glossary links on first mention (outside code, headings and links), external links
      marked, ids and links as the :class:`Target` wants.

    The renderer sets :attr:`target`, :attr:`shift` and the glossary callbacks before each
    conversion; after it, :attr:`terms` and :attr:`ids` describe what was rendered.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target: Target = PAGE
        self.resolve: Callable[[str, Target], tuple[str | None, str | None]] | None = None
        self.remote_images = "show"
        self.problems: list[tuple[str, str]] = []
        self.find: Callable[[str], list[tuple[int, int, str]]] | None = None
        self.tooltips: Callable[[str], str] | None = None
        self.terms: list[str] = []
        self.ids: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_GitHubSource(md, self), "qa-github-source", 29)  # after whitespace (30)
        md.treeprocessors.register(_ContentTree(md, self), "qa-content", 1)
        md.postprocessors.register(_Clean(md, self), "qa-clean", 0)  # after the raw HTML is back (30)
        linear_links(md)  # runs of "[" that never close would take minutes
        code_span_spaces(md)
        # "5." starts a list at 5, as on GitHub.
        md.parser.blockprocessors["olist"].LAZY_OL = False
        # Any ASCII punctuation can be escaped with a backslash, as in CommonMark ("\<", "\$").
        md.ESCAPED_CHARS = sorted(set(md.ESCAPED_CHARS) | set(_PUNCTUATION))


# --------------------------------------------------------------------------- the renderer


_TERM_LINK = re.compile(f'<a class="{TERM}" href="[^"]*"(?: title="[^"]*")?>([^<]*)</a>')
_LINE_ANCHOR = re.compile(r'<a href="#__codelineno-[\w-]+" name="__codelineno-[\w-]+"></a>')
"""The anchor of a line of code on a page of one answer (``anchor_linenums``); pages of several leave them out."""
_TARGET_DEPENDENT = re.compile(r'<h[1-6][\s>]|\sid="|\s(?:href|src)="(?!https?://)')


def _portable(html: str) -> str | None:
    """The HTML that every target without glossary links gets for this content, or None.

    A target changes headings (their level, ids and permalinks), ids (footnotes), the
    anchors of code lines, glossary links, and links or images relative to its page;
    nothing else. Content rendered without any of them, its glossary links taken back to
    their text and its line anchors left out, renders the same for all of them: the
    self-test's cards reuse the question pages' rendering of most answers instead of
    rendering each again (``tests/unit/test_render.py`` compares the two, on every document of
    the tests).
    """
    text = _LINE_ANCHOR.sub("", _TERM_LINK.sub(r"\1", html))
    return None if _TARGET_DEPENDENT.search(text) else text


_CONFIGS = {
    "tables": {"use_align_attribute": True},  # align="left", as GitHub writes it (no style attribute)
    # Footnote ids stay distinct when several answers share a page (self-test, book).
    "footnotes": {"UNIQUE_IDS": True},
}
"""What every target sets in the extensions' configs."""
_SHARED_PAGE_CONFIGS = {
    "pymdownx.highlight": {"anchor_linenums": False},
}
"""What a target whose pages hold several answers changes: no line anchors in code (their ids
would repeat on the page)."""
_BOOK_CONFIGS = {
    "pymdownx.highlight": {"use_pygments": False},
}
"""What the PDF book changes besides: code as plain text. Every coloured token of highlighted
code is a box of its own to lay out and keep until the PDF is written; plain, a line is one."""


@dataclass
class Renderer:
    """Q&A Markdown rendered once per (source, target), with ``mkdocs.yml``'s extensions.

    Args:
        extensions: ``markdown_extensions`` as MkDocs validated them (names or instances).
        configs: their configs (MkDocs' ``mdx_configs``).
        find: the glossary's matcher (``Matcher.find``), or None for a site without one.
        tooltips: the tooltip text of a term id, for targets with tooltips.
    """

    extensions: Sequence[Any] = ("tables", "fenced_code")
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    find: Callable[[str], list[tuple[int, int, str]]] | None = None
    tooltips: Callable[[str], str] | None = None
    resolve: Callable[[str, Target], tuple[str | None, str | None]] | None = None
    remote_images: str = "show"

    def __post_init__(self) -> None:
        self._engines: dict[bool, tuple[Markdown, QAContent]] = {}
        self._cache: dict[tuple[str, Target], Rendered] = {}
        self._portable: dict[tuple[str, str], Rendered] = {}  # (source, doc) -> see :func:`_portable`

    @classmethod
    def from_config(cls, config: Mapping[str, Any], **kwargs: Any) -> Renderer:
        """The renderer of a site, from its MkDocs config (``markdown_extensions``, ``mdx_configs``)."""
        extensions = [e for e in config["markdown_extensions"] if not getattr(e, "qa_page_only", False)]
        return cls(extensions=extensions, configs=dict(config.get("mdx_configs") or {}), **kwargs)

    def bind(self, context: str) -> None:
        """Forget what was rendered when ``context`` (what links resolve to) changed since the last build."""
        if getattr(self, "_context", None) != context:
            self._cache.clear()
            self._portable.clear()
            self._context = context

    @property
    def fingerprint(self) -> str:
        """What the output depends on besides the source (to reuse a renderer across rebuilds)."""
        names = [e if isinstance(e, str) else type(e).__qualname__ for e in self.extensions]
        return hashlib.sha1(repr((names, sorted(self.configs.items(), key=str))).encode()).hexdigest()

    def _engine(self, target: Target) -> tuple[Markdown, QAContent]:
        # The book keeps heading ids (its own links land on them) but holds every answer in one
        # document, so it makes no line anchors either: nothing links to them on paper.
        shared = not target.heading_ids or target.book
        key = (target.heading_ids, shared, target.book)
        if key not in self._engines:
            configs = {name: dict(values) for name, values in self.configs.items()}
            overrides = [_CONFIGS, _SHARED_PAGE_CONFIGS] if shared else [_CONFIGS]
            if target.book:
                overrides.append(_BOOK_CONFIGS)
            for override in overrides:
                for name, values in override.items():
                    if name in configs or name in self.extensions:
                        configs.setdefault(name, {}).update(values)
            content = QAContent()
            md = Markdown(extensions=[*self.extensions, content], extension_configs=configs)
            self._engines[key] = (md, content)
        return self._engines[key]

    def markdown(self, source: str, target: Target) -> Rendered:
        """``source`` (a block of Markdown: an answer, a body, an introduction) rendered for ``target``.

        Args:
            source: the Markdown, as written in the document.
            target: the output; the content's headings are moved to stay below its question.
        """
        key = (source, target)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        linkless = not target.book and target.links == "keep" and target.term_href is None
        if linkless and (shared := self._portable.get((source, target.doc))) is not None:
            self._cache[key] = shared
            return shared
        md, content = self._engine(target)
        md.reset()
        content.target = target
        content.find = self.find
        content.tooltips = self.tooltips
        content.resolve = self.resolve if target.doc else None
        content.remote_images = self.remote_images
        try:
            html = md.convert(source).strip()
        except RecursionError:
            md.reset()
            raise TooDeep from None
        if html_depth(html) > MAX_DEPTH:
            raise TooDeep
        rendered = Rendered(html, tuple(content.terms), tuple(content.ids), tuple(content.problems))
        self._cache[key] = rendered
        if not target.book and target.links == "keep" and (portable := _portable(html)) is not None:
            self._portable[(source, target.doc)] = replace(rendered, html=portable)
        return rendered

    def inline(self, source: str, target: Target) -> Rendered:
        """One line of inline Markdown (a question, a title), without its paragraph.

        Never linked to the glossary (a title is not where a reader looks up a term), so it
        is the same for every target that treats links alike: rendered once for all of them.
        """
        key = (source, _INLINE[target.links, target.book])
        cached = self._cache.get(key)
        if cached is None:
            if _PLAIN.match(source):  # words only (most questions): nothing to render
                text = " ".join(source.split())
                terms = tuple(dict.fromkeys(t for _, _, t in self.find(text))) if self.find else ()
                cached = self._cache[key] = Rendered(text, terms)
                return cached
            # A line such as "1. Views" or "# Title" is inline text here, not a list or a heading.
            rendered = self.markdown(_BLOCK_START.sub(r"\1\\\2", source, count=1), key[1])
            cached = self._cache[key] = replace(rendered, html=_unwrap_paragraph(rendered.html))
        return cached
