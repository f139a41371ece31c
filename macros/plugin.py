"""MkDocs glue: the ``qa`` plugin turns Q&A source documents into pages.

Thin on purpose: parsing and page Markdown live in :mod:`macros.model` and
:mod:`macros.pages`; this module only moves their results into MkDocs.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import secrets
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .book import BookError, BookInfo, build_date, build_version, pdf_name, write_book
from .configlines import config_line
from .glossary import Glossary, GlossaryError, Relatedness, annotate, link_tree, load_glossary, unused_terms
from .literal import LiteralContent
from .model import Collection, Diagnostic, QAFormatError, parse_file
from .pages import glossary_markdown, question_page, question_src_uri, study_footer
from .selftest import ANKI_PATH, anki_tsv, card_anchor, card_id, selftest_markdown

log = logging.getLogger("mkdocs.plugins.qa")
SELF_TEST_PAGE = "self-test.md"
SLOT_TEXT = "qa-slot"


class QAConfig(base.Config):
    """Options of the ``qa`` plugin in ``mkdocs.yml``."""

    sources = c.ListOfItems(c.Type(str), default=["advanced-generative-ai-qa.md"])
    """Q&A source documents, relative to ``docs_dir``; each becomes a collection."""
    glossary = c.Type(str, default="glossary.yml")
    """Glossary data file, relative to ``docs_dir`` ("" for none)."""
    glossary_page = c.Type(str, default="glossary.md")
    """The page that shows the glossary (it calls the ``glossary()`` macro)."""


class QAPlugin(BasePlugin[QAConfig]):
    """Split Q&A documents into one page per question at build time."""

    def __init__(self) -> None:
        self.collections: list[Collection] = []
        self.pages: dict[str, tuple[Collection, Any]] = {}  # src_uri -> (collection, question)
        self.meta: dict[str, dict] = {}  # src_uri -> metadata of a question page
        self.slots: dict[str, list[tuple[str, list[str]]]] = {}  # src_uri -> finished HTML blocks
        self.nonce = secrets.token_hex(8)  # marks where the blocks go (see _slot)
        self.source_uris: dict[str, str] = {}  # collection slug -> source path in docs_dir
        self.doc_uris: set[str] = set()
        self.glossary: Glossary | None = None
        self.appears: dict[str, list] = {}  # term id -> questions that use it
        self.current_uri: str | None = None  # the question page being rendered
        self.literal = False  # the page being rendered shows Q&A content: no raw HTML
        self.many_headings = False  # the page being rendered is the glossary (see _QuietPermalinks)
        self.tooltips: dict[str, str] = {}  # term id -> title attribute value
        self.files = Files([])  # the build's files (the self-test page links to them)

    def on_config(self, config: Any) -> Any:
        """Add the glossary linker to the Markdown extensions."""
        config.markdown_extensions.append(_GlossaryLinks(self))
        return config

    def on_pre_build(self, *, config: Any) -> None:
        """Parse every source and the glossary.

        This runs before MkDocs empties the site directory, so bad input stops the build
        with the previous site still in place.
        """
        self.collections = self._parse_all(config)
        self.glossary = self._load_glossary(config)
        if self.glossary is not None and not (Path(config.docs_dir) / self.config.glossary_page).is_file():
            raise self._glossary_page_missing(config)
        questions = [q for c in self.collections for q in c.questions]
        if self.glossary is not None:
            # Material's tooltip shows a title as HTML, and Python-Markdown keeps entities in
            # attributes as they are: escape twice, so the definition shows as written.
            self.tooltips = {
                term_id: html.escape(html.escape(term.short, quote=False), quote=False)
                for term_id, term in self.glossary.terms.items()
            }
            self.appears = annotate(questions, self.glossary)
            self.relatedness = Relatedness(questions)
            for warning in unused_terms(self.glossary, self.appears):
                log.warning(str(warning))

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Drop the sources and glossary data from the page list; add one page per question."""
        data_files = [self.config.glossary] if self.glossary is not None else [self.config.glossary_page]
        for uri in [*self.source_uris.values(), *data_files]:
            if uri and (file := files.get_file_from_path(uri)) is not None:
                files.remove(file)  # shown through the generated pages, not published raw
        if self.glossary is not None and (page := files.get_file_from_path(self.config.glossary_page)) is not None:
            page.edit_uri = self.config.glossary  # the glossary page's edit button opens the data
        self.pages = {}
        self.meta = {}
        self.slots = {}
        self.question_uris = {id(q): question_src_uri(c, q) for c in self.collections for q in c.questions}
        # First every page's file (their URLs link the pages to each other), then their content.
        page_files: dict[int, File] = {}
        for collection in self.collections:
            for question in collection.questions:
                uri = question_src_uri(collection, question)
                if files.get_file_from_path(uri) is not None:
                    raise PluginError(
                        f"{collection.path}:{question.line}: the page of question {question.number} "
                        f"would replace docs/{uri}: rename that file"
                    )
                page = File.generated(config, uri, content="")
                page.edit_uri = self.source_uris[collection.slug]
                files.append(page)
                page_files[id(question)] = page
                self.pages[uri] = (collection, question)
        glossary_file = self._glossary_file(files, config)
        for collection in self.collections:
            total = len(collection.questions)
            for position, question in enumerate(collection.questions, start=1):
                page = page_files[id(question)]
                meta, content = question_page(
                    collection,
                    question,
                    position,
                    total,
                    selftest_href=self._flashcard_link(files, page.src_uri, collection, question),
                    **self._study_parts(page, question, page_files, glossary_file),
                )
                page.content_string = content
                self.meta[page.src_uri] = meta
        self._add_anki_deck(files, config)
        self._add_pdf(files, config)
        self.files = files
        self.doc_uris = {f.src_uri for f in files.documentation_pages()}
        if not config.nav:
            config.nav = self._nav(files)
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, **kwargs: Any) -> str:
        """Remember which question page is being rendered, for the glossary linker."""
        self.current_uri = page.file.src_uri if page.file.src_uri in self.pages else None
        if self.current_uri is not None:
            page.meta.update(self.meta[self.current_uri])  # title, description, tags (no front matter)
        # Pages that show Q&A content: raw HTML in it must stay text (see _GlossaryLinks).
        self.literal = self.current_uri is not None or page.file.src_uri == "index.md"
        self.many_headings = self.glossary is not None and page.file.src_uri == self.config.glossary_page
        return markdown

    def glossary_page_markdown(self) -> str:
        """Body of the glossary page (the ``glossary()`` macro)."""
        if self.glossary is None:
            raise PluginError("the glossary() macro needs plugins: qa: glossary in mkdocs.yml")
        uri = self.config.glossary_page
        here = self.files.get_file_from_path(uri).url
        appears = {
            term_id: [
                (q, get_relative_url(self.files.get_file_from_path(self._uri_of(q)).url, here)) for q in questions
            ]
            for term_id, questions in self.appears.items()
        }
        return glossary_markdown(self.glossary, appears, slot=lambda block: self._slot(uri, block, [], searched=True))

    def study_links(self) -> dict[str, str]:
        """Links to the study pages that exist in this build (label -> page), for the home page."""
        wanted = {"Glossary": self.config.glossary_page, "Topics": "tags.md", "Self-test": SELF_TEST_PAGE}
        links = {label: uri for label, uri in wanted.items() if uri in self.doc_uris}
        if _pdf_wanted() and self.collections:
            links["Download PDF"] = pdf_name(self.collections)  # written by on_post_build
        return links

    def on_post_build(self, *, config: Any) -> None:
        """With ``QA_PDF=1`` (the deploy workflow), write the PDF book into the site."""
        if not _pdf_wanted() or not self.collections:
            return
        out = Path(config.site_dir) / pdf_name(self.collections)
        several = len(self.collections) > 1
        info = BookInfo(
            title=config.site_name if several else "",
            author=config.site_author or "",
            language=config.theme.get("language") or "en",
            date=build_date(),
            version=build_version(Path(config.config_file_path or "mkdocs.yml").parent),
        )
        try:
            result = write_book(self.collections, out, glossary=self.glossary, info=info, base_dir=config.docs_dir)
        except BookError as exc:
            raise PluginError(f"PDF book: {exc}") from None
        log.info(f"PDF book: {result.path.name}, {result.pages} pages, {result.size // 1024} KiB")

    def self_test_markdown(self, page_uri: str) -> str:
        """Body of the self-test page (the ``self_test()`` macro), for the page ``page_uri``."""
        page_url = self.files.get_file_from_path(page_uri).url
        question_links = {
            card_id(c, q): get_relative_url(self.files.get_file_from_path(question_src_uri(c, q)).url, page_url)
            for c in self.collections
            for q in c.questions
        }
        glossary_file = self.files.get_file_from_path(self.config.glossary_page) if self.glossary else None
        has_deck = self.files.get_file_from_path(ANKI_PATH) is not None
        return selftest_markdown(
            self.collections,
            self.glossary,
            question_links=question_links,
            glossary_link=get_relative_url(glossary_file.url, page_url) if glossary_file else None,
            anki_link=self._link(posixpath.dirname(page_uri), ANKI_PATH) if has_deck else None,
            slot=lambda block, ids: self._slot(page_uri, block, ids),
        )

    def _slot(self, page_uri: str, block: str, ids: list[str], *, searched: bool = False) -> str:
        """A marker for a finished HTML block of a page; the block replaces it after rendering.

        Python-Markdown would parse such HTML again (slowly, and twice for raw HTML) only to
        give it back unchanged. ``ids`` are the anchors in the block, for MkDocs' link checks.
        A ``searched`` block is in place before the search plugin reads the page
        (:meth:`on_page_content`); the others only in the written page (:meth:`on_post_page`).
        """
        blocks = self.slots.setdefault(page_uri, [])
        blocks.append((block, ids, searched))
        # Markdown, not HTML: pages of Q&A content show raw HTML as text. The build's nonce
        # keeps content from forging a marker.
        return f'{SLOT_TEXT}\n{{: data-qa-slot="{self.nonce}-{len(blocks) - 1}" data-search-exclude }}'

    def _fill(self, page: Any, text: str, searched: bool) -> str:
        """``text`` with the markers of the page's blocks (searched or not) replaced, in one pass."""
        blocks = self.slots.get(page.file.src_uri)
        if not blocks:
            return text
        wanted = {index for index, block in enumerate(blocks) if block[2] == searched}
        done: list[int] = []

        def block(match: re.Match) -> str:
            index = int(match.group(1))
            if index not in wanted:
                return match.group(0)
            done.append(index)
            return blocks[index][0]

        marker = re.compile(f'<p data-qa-slot="{self.nonce}-(\\d+)"[^>]*>{SLOT_TEXT}</p>')
        text = marker.sub(block, text)
        if sorted(done) != sorted(wanted):
            missing = sorted(wanted.difference(done)) or sorted(done)
            raise PluginError(f"{page.file.src_uri}: generated content was lost in rendering (block {missing[0]})")
        return text

    def on_page_content(self, html: str, *, page: Any, **kwargs: Any) -> str:
        """Put the searched blocks in place; tell MkDocs the anchors of all (links to them are checked)."""
        for _, ids, _ in self.slots.get(page.file.src_uri, ()):
            if page.present_anchor_ids is not None:
                page.present_anchor_ids.update(ids)
        return self._fill(page, html, searched=True)

    def on_post_page(self, output: str, *, page: Any, **kwargs: Any) -> str:
        """Put the other blocks in place, after the search plugin has read the content.

        They are left out of the index anyway (key terms, related questions), or on a page
        that is (the self-test).
        """
        output = self._fill(page, output, searched=False)
        self.slots.pop(page.file.src_uri, None)
        return output

    # ------------------------------------------------------------------ helpers

    def _add_pdf(self, files: Files, config: Any) -> None:
        """With ``QA_PDF=1``, list the PDF book among the files, so the home page may link to it.

        It is an empty placeholder here; :meth:`on_post_build` writes the book over it.
        """
        if not _pdf_wanted() or not self.collections:
            return
        name = pdf_name(self.collections)
        if files.get_file_from_path(name) is not None:
            raise PluginError(f"the PDF book would replace docs/{name}: rename that file")
        files.append(File.generated(config, name, content=b""))

    def _add_anki_deck(self, files: Files, config: Any) -> None:
        """The Anki import file of every question, published next to the self-test page."""
        if files.get_file_from_path(SELF_TEST_PAGE) is None:
            return
        if files.get_file_from_path(ANKI_PATH) is not None:
            raise PluginError(f"the Anki deck of the self-test would replace docs/{ANKI_PATH}: rename that file")
        content = anki_tsv(self.collections, deck=config.site_name, glossary=self.glossary)
        files.append(File.generated(config, ANKI_PATH, content=content))

    def _uri_of(self, question: Any) -> str:
        return self.question_uris[id(question)]

    @staticmethod
    def _link(from_dir: str, target: str) -> str:
        return posixpath.relpath(target, from_dir or ".")

    def _flashcard_link(self, files: Files, uri: str, collection: Collection, question: Any) -> str | None:
        """Link from a question page to its flashcard, when the site has a self-test page."""
        if files.get_file_from_path(SELF_TEST_PAGE) is None:
            return None
        return f"{self._link(posixpath.dirname(uri), SELF_TEST_PAGE)}#{card_anchor(collection, question)}"

    def _study_parts(self, page: File, question: Any, page_files: dict[int, File], glossary: File | None) -> dict:
        """Tags, key terms and related questions of one question page.

        The two lists are finished HTML with final URLs (see :meth:`_slot`): a list of
        links per page is the largest part of rendering it, and there is nothing in them
        for Python-Markdown to do.
        """
        if self.glossary is None or glossary is None:
            return {}
        terms = [self.glossary.terms[t] for t in question.terms]
        related = [(q, get_relative_url(page_files[id(q)].url, page.url)) for q in self.relatedness.related(question)]
        tags = sorted({t.topic for t in terms if t.topic})
        footer = study_footer(
            question,
            terms,
            related,
            get_relative_url(glossary.url, page.url),
            slot=lambda block: self._slot(page.src_uri, block, []),
        )
        return {"tags": tags, "footer": footer}

    def _glossary_file(self, files: Files, config: Any) -> File | None:
        """The glossary page, which the question pages link to (None: no glossary)."""
        if self.glossary is None:
            return None
        page = files.get_file_from_path(self.config.glossary_page)
        if page is None:
            raise self._glossary_page_missing(config)
        return page

    def _glossary_page_missing(self, config: Any) -> PluginError:
        message = (
            f"plugins.qa.glossary_page: '{self.config.glossary_page}' not found in docs/: "
            "create it with {{ glossary() }} in it, or set glossary: '' for no glossary"
        )
        return PluginError(str(_config_diagnostic(config, ["plugins", "qa", "glossary_page"], message)))

    def _load_glossary(self, config: Any) -> Glossary | None:
        if not self.config.glossary:
            return None
        path = Path(config.docs_dir) / self.config.glossary
        project = Path(config.config_file_path or "mkdocs.yml").parent
        shown = posixpath.relpath(path.as_posix(), project.as_posix())
        if not path.is_file():
            message = (
                f"plugins.qa.glossary: '{self.config.glossary}' not found in docs/: "
                "fix the path, or set it to '' for no glossary"
            )
            raise PluginError(str(_config_diagnostic(config, ["plugins", "qa", "glossary"], message)))
        try:
            return load_glossary(path, shown)
        except GlossaryError as exc:
            raise PluginError(str(exc)) from None

    def _parse_all(self, config: Any) -> list[Collection]:
        docs_dir = Path(config.docs_dir)
        project = Path(config.config_file_path or "mkdocs.yml").parent
        errors: list[Diagnostic] = []
        collections: list[Collection] = []
        if not self.config.sources:
            errors.append(self._config_error(config, "'sources' is empty: list at least one Q&A document", None))
        slugs = self.source_uris = {}
        for index, source in enumerate(self.config.sources):
            path = docs_dir / source
            if not path.is_file():
                errors.append(
                    self._config_error(
                        config,
                        f"source '{source}' not found in {docs_dir.name}/: the path is relative to docs_dir",
                        index,
                    )
                )
                continue
            shown = posixpath.relpath(path.as_posix(), project.as_posix())
            try:
                collection = parse_file(path, shown)
            except QAFormatError as exc:
                errors.extend(exc.diagnostics)
                continue
            for warning in collection.warnings:
                log.warning(str(warning))
            if collection.slug in slugs:
                errors.append(
                    self._config_error(
                        config,
                        f"sources '{slugs[collection.slug]}' and '{source}' give the same URL "
                        f"'{collection.slug}/': rename one file",
                        index,
                    )
                )
            slugs[collection.slug] = source
            collections.append(collection)
        if errors:
            raise PluginError("\n".join(str(e) for e in errors))
        return collections

    def _config_error(self, config: Any, message: str, index: int | None) -> Diagnostic:
        keys: list[Any] = ["plugins", "qa", "sources"] + ([index] if index is not None else [])
        return _config_diagnostic(config, keys, f"plugins.qa.sources: {message}")

    def _nav(self, files: Files) -> list:
        """Home, then each collection grouped by section, then the other pages."""
        nav: list = []
        generated = set(self.pages)
        if files.get_file_from_path("index.md") is not None:
            nav.append({"Home": "index.md"})
        for collection in self.collections:
            children: list = []
            for section in collection.sections:
                entries = [
                    {f"{q.number}. {html.escape(q.plain_text)}": question_src_uri(collection, q)}
                    for q in section.questions
                ]
                if section.title:
                    children.append({html.escape(section.title): _bounded(entries)})
                else:
                    children.extend(entries)
            nav.append({html.escape(collection.title): _bounded(children)})
        others = sorted(
            f.src_uri
            for f in files.documentation_pages()
            if f.src_uri not in generated and f.src_uri != "index.md" and posixpath.basename(f.src_uri) != "404.md"
        )
        nav.extend(others)
        return nav


def _config_diagnostic(config: Any, keys: list[Any], message: str) -> Diagnostic:
    """``mkdocs.yml:LINE: message``, at the line of ``keys`` in the config file."""
    path = config.config_file_path or "mkdocs.yml"
    return Diagnostic(posixpath.basename(path), config_line(path, keys), message)


NAV_SIBLINGS = 25
"""At most this many entries side by side in the navigation (see :func:`_bounded`)."""


def _bounded(entries: list[dict]) -> list[dict]:
    """Nav entries grouped so that no level has more than ``NAV_SIBLINGS`` of them.

    Every page carries its own branch of the navigation and all the siblings along it;
    with ``navigation.prune`` that is linear in the site's size only while the number of
    siblings is bounded. A long list becomes groups such as "Questions 26–50" or
    "Part 3 – Part 7".
    """
    if len(entries) <= NAV_SIBLINGS:
        return entries
    groups = []
    for start in range(0, len(entries), NAV_SIBLINGS):
        chunk = entries[start : start + NAV_SIBLINGS]
        first, last = next(iter(chunk[0])), next(iter(chunk[-1]))
        numbers = [title.split(".", 1)[0] for title in (first, last)]
        if all(n.isdigit() for n in numbers):
            label = f"Questions {numbers[0]}–{numbers[1]}"
        else:
            label = f"{first} – {last}" if first != last else first
        groups.append({label: chunk})
    return _bounded(groups)


def _pdf_wanted() -> bool:
    """The deploy workflow sets ``QA_PDF=1``: the site then carries the PDF book."""
    return os.environ.get("QA_PDF") == "1"


class _GlossaryLinks(Extension):
    """Links the first mention of each glossary term on a question page (Python-Markdown tree)."""

    def __init__(self, plugin: QAPlugin) -> None:
        super().__init__()
        self.plugin = plugin

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline parsing (20), before MkDocs turns .md links into URLs (relpath, 0).
        md.treeprocessors.register(_LinkTerms(md, self.plugin), "qa-glossary-links", 1)
        md.treeprocessors.register(_ExternalLinks(md), "qa-external-links", 0.9)
        if self.plugin.many_headings:
            md.treeprocessors.register(_QuietPermalinks(md), "qa-quiet-permalinks", 0.8)
        if self.plugin.literal:
            # A page of Q&A content (question pages, home): "<script>" in it is text. Our own
            # parts of those pages use Markdown and attr_list only.
            LiteralContent().extendMarkdown(md)


class _ExternalLinks(Treeprocessor):
    """Marks links to other sites (class ``qa-external``): print shows their address after the text.

    CSS alone cannot tell them apart, because Material's instant navigation rewrites every
    relative link into an absolute one when the page loads.
    """

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if link.get("href", "").startswith(("http://", "https://")):
                link.set("class", f"{link.get('class', '')} qa-external".strip())


class _QuietPermalinks(Treeprocessor):
    """Permalinks of the glossary's headings named by ``aria-label``, not ``title``.

    With ``content.tooltips``, Material mounts a tooltip for every element with a title when
    the page loads. The glossary has a heading per term: on a mid-range phone those
    tooltips alone blocked the main thread for about 200 ms (Lighthouse, mobile preset).
    Screen readers still hear "Permanent link".
    """

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if "headerlink" in (link.get("class") or "").split() and "title" in link.attrib:
                link.set("aria-label", link.attrib.pop("title"))


class _LinkTerms(Treeprocessor):
    def __init__(self, md: Markdown, plugin: QAPlugin) -> None:
        super().__init__(md)
        self.plugin = plugin

    def run(self, root: etree.Element) -> None:
        plugin = self.plugin
        if plugin.glossary is not None and plugin.current_uri is not None:
            tooltips = plugin.tooltips
            glossary_href = QAPlugin._link(posixpath.dirname(plugin.current_uri), plugin.config.glossary_page)

            def make_link(term_id: str, text: str) -> etree.Element:
                link = etree.Element(
                    "a", {"href": f"{glossary_href}#{term_id}", "class": "qa-term", "title": tooltips[term_id]}
                )
                link.text = text
                return link

            link_tree(root, plugin.glossary.matcher, make_link)
