"""MkDocs glue: the ``qa`` plugin turns Q&A source documents into pages.

Thin on purpose: parsing and page Markdown live in :mod:`macros.model` and
:mod:`macros.pages`; this module only moves their results into MkDocs.
"""

from __future__ import annotations

import html
import logging
import posixpath
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

from .configlines import config_line
from .glossary import Glossary, GlossaryError, annotate, link_tree, load_glossary, related_questions, unused_terms
from .model import Collection, Diagnostic, QAFormatError, parse_file
from .pages import glossary_markdown, question_markdown, question_src_uri, study_footer

log = logging.getLogger("mkdocs.plugins.qa")


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
        self.source_uris: dict[str, str] = {}  # collection slug -> source path in docs_dir
        self.doc_uris: set[str] = set()
        self.glossary: Glossary | None = None
        self.appears: dict[str, list] = {}  # term id -> questions that use it
        self.current_uri: str | None = None  # the question page being rendered
        self.literal = False  # the page being rendered shows Q&A content: no raw HTML
        self.tooltips: dict[str, str] = {}  # term id -> title attribute value

    def on_config(self, config: Any) -> Any:
        """Add the glossary linker to the Markdown extensions."""
        config.markdown_extensions.append(_GlossaryLinks(self))
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Parse every source, drop the sources from the page list, add one page per question."""
        self.collections = self._parse_all(config)
        self.glossary = self._load_glossary(config, files)
        questions = [q for c in self.collections for q in c.questions]
        if self.glossary is not None:
            # Material's tooltip shows a title as HTML, and Python-Markdown keeps entities in
            # attributes as they are: escape twice, so the definition shows as written.
            self.tooltips = {
                term_id: html.escape(html.escape(term.short, quote=False), quote=False)
                for term_id, term in self.glossary.terms.items()
            }
            self.appears = annotate(questions, self.glossary)
            for warning in unused_terms(self.glossary, self.appears):
                log.warning(str(warning))
        self.pages = {}
        self.question_uris = {id(q): question_src_uri(c, q) for c in self.collections for q in c.questions}
        for collection in self.collections:
            source_uri = self.source_uris[collection.slug]
            if (source := files.get_file_from_path(source_uri)) is not None:
                files.remove(source)
            total = len(collection.questions)
            for position, question in enumerate(collection.questions, start=1):
                uri = question_src_uri(collection, question)
                if files.get_file_from_path(uri) is not None:
                    raise PluginError(
                        f"{collection.path}:{question.line}: the page of question {question.number} "
                        f"would replace docs/{uri}: rename that file"
                    )
                page = File.generated(
                    config,
                    uri,
                    content=question_markdown(
                        collection, question, position, total, **self._study_parts(uri, question, questions)
                    ),
                )
                page.edit_uri = source_uri
                files.append(page)
                self.pages[uri] = (collection, question)
        self.doc_uris = {f.src_uri for f in files.documentation_pages()}
        if not config.nav:
            config.nav = self._nav(files)
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, **kwargs: Any) -> str:
        """Remember which question page is being rendered, for the glossary linker."""
        self.current_uri = page.file.src_uri if page.file.src_uri in self.pages else None
        # Pages that show Q&A content: raw HTML in it must stay text (see _GlossaryLinks).
        self.literal = self.current_uri is not None or page.file.src_uri == "index.md"
        return markdown

    def glossary_page_markdown(self) -> str:
        """Body of the glossary page (the ``glossary()`` macro)."""
        if self.glossary is None:
            raise PluginError("the glossary() macro needs plugins: qa: glossary in mkdocs.yml")
        base = posixpath.dirname(self.config.glossary_page)
        appears = {
            term_id: [(q, self._link(base, self._uri_of(q))) for q in questions]
            for term_id, questions in self.appears.items()
        }
        return glossary_markdown(self.glossary, appears)

    def study_links(self) -> dict[str, str]:
        """Links to the study pages that exist in this build (label -> page), for the home page."""
        wanted = {"Glossary": self.config.glossary_page, "Topics": "tags.md", "Self-test": "self-test.md"}
        return {label: uri for label, uri in wanted.items() if uri in self.doc_uris}

    # ------------------------------------------------------------------ helpers

    def _uri_of(self, question: Any) -> str:
        return self.question_uris[id(question)]

    @staticmethod
    def _link(from_dir: str, target: str) -> str:
        return posixpath.relpath(target, from_dir or ".")

    def _study_parts(self, uri: str, question: Any, questions: list) -> dict[str, Any]:
        """Tags, key terms and related questions of one question page."""
        if self.glossary is None:
            return {}
        here = posixpath.dirname(uri)
        terms = [self.glossary.terms[t] for t in question.terms]
        related = [(q, self._link(here, self._uri_of(q))) for q in related_questions(question, questions)]
        tags = sorted({t.topic for t in terms if t.topic})
        footer = study_footer(question, terms, related, self._link(here, self.config.glossary_page))
        return {"tags": tags, "footer": footer}

    def _load_glossary(self, config: Any, files: Files) -> Glossary | None:
        if not self.config.glossary:
            if (page := files.get_file_from_path(self.config.glossary_page)) is not None:
                files.remove(page)  # no glossary, no glossary page
            return None
        path = Path(config.docs_dir) / self.config.glossary
        project = Path(config.config_file_path or "mkdocs.yml").parent
        shown = posixpath.relpath(path.as_posix(), project.as_posix())
        if not path.is_file():
            path_conf = config.config_file_path or "mkdocs.yml"
            raise PluginError(
                str(
                    Diagnostic(
                        posixpath.basename(path_conf),
                        config_line(path_conf, ["plugins", "qa", "glossary"]),
                        f"plugins.qa.glossary: '{self.config.glossary}' not found in docs/: fix the path, or set it to '' for no glossary",
                    )
                )
            )
        try:
            glossary = load_glossary(path, shown)
        except GlossaryError as exc:
            raise PluginError(str(exc)) from None
        if (data := files.get_file_from_path(self.config.glossary)) is not None:
            files.remove(data)  # the data is shown by the glossary page, not published raw
        return glossary

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
        path = config.config_file_path or "mkdocs.yml"
        keys: list[Any] = ["plugins", "qa", "sources"] + ([index] if index is not None else [])
        return Diagnostic(posixpath.basename(path), config_line(path, keys), f"plugins.qa.sources: {message}")

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
                    children.append({html.escape(section.title): entries})
                else:
                    children.extend(entries)
            nav.append({html.escape(collection.title): children})
        others = sorted(
            f.src_uri
            for f in files.documentation_pages()
            if f.src_uri not in generated and f.src_uri != "index.md" and posixpath.basename(f.src_uri) != "404.md"
        )
        nav.extend(others)
        return nav


class _GlossaryLinks(Extension):
    """Links the first mention of each glossary term on a question page (Python-Markdown tree)."""

    def __init__(self, plugin: QAPlugin) -> None:
        super().__init__()
        self.plugin = plugin

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline parsing (20), before MkDocs turns .md links into URLs (relpath, 0).
        md.treeprocessors.register(_LinkTerms(md, self.plugin), "qa-glossary-links", 1)
        if self.plugin.literal:
            # A page of Q&A content (question pages, home): HTML and entities in the Q&A content show as written, never
            # as markup ("<script>" is text). Our own page parts use Markdown + attr_list only.
            for registry, name in (
                (md.preprocessors, "html_block"),
                (md.inlinePatterns, "html"),
                (md.inlinePatterns, "entity"),
            ):
                if name in registry:
                    registry.deregister(name)


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
        if plugin.literal:
            _literal_ampersands(root)


def _literal_ampersands(element: etree.Element) -> None:
    """Make every ``&`` in text show as written.

    Python-Markdown's serializer keeps anything shaped like an entity (``&amp;``) as
    markup; escaping ``&`` here first makes ``&amp;`` in the content display as
    ``&amp;``. Code is skipped: Python-Markdown has escaped it already.
    """
    if element.tag not in ("code", "pre") and element.text and "&" in element.text:
        element.text = element.text.replace("&", "&amp;")
    for child in element:
        _literal_ampersands(child)
        if child.tail and "&" in child.tail:
            child.tail = child.tail.replace("&", "&amp;")
