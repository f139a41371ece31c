"""MkDocs glue: the ``qa`` plugin turns Q&A source documents into pages.

Thin on purpose: parsing and page Markdown live in :mod:`macros.model` and
:mod:`macros.pages`; this module only moves their results into MkDocs.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .configlines import config_line
from .model import Collection, Diagnostic, QAFormatError, parse_file
from .pages import question_markdown, question_src_uri

log = logging.getLogger("mkdocs.plugins.qa")


class QAConfig(base.Config):
    """Options of the ``qa`` plugin in ``mkdocs.yml``."""

    sources = c.ListOfItems(c.Type(str), default=["advanced-generative-ai-qa.md"])
    """Q&A source documents, relative to ``docs_dir``; each becomes a collection."""


class QAPlugin(BasePlugin[QAConfig]):
    """Split Q&A documents into one page per question at build time."""

    def __init__(self) -> None:
        self.collections: list[Collection] = []
        self.pages: dict[str, tuple[Collection, Any]] = {}  # src_uri -> (collection, question)
        self.source_uris: dict[str, str] = {}  # collection slug -> source path in docs_dir
        self.doc_uris: set[str] = set()

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Parse every source, drop the sources from the page list, add one page per question."""
        self.collections = self._parse_all(config)
        self.pages = {}
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
                page = File.generated(config, uri, content=question_markdown(collection, question, position, total))
                page.edit_uri = source_uri
                files.append(page)
                self.pages[uri] = (collection, question)
        self.doc_uris = {f.src_uri for f in files.documentation_pages()}
        if not config.nav:
            config.nav = self._nav(files)
        return files

    def study_links(self) -> dict[str, str]:
        """Links to the study pages that exist in this build (label -> page), for the home page."""
        wanted = {"Glossary": "glossary.md", "Self-test": "self-test.md"}
        return {label: uri for label, uri in wanted.items() if uri in self.doc_uris}

    # ------------------------------------------------------------------ helpers

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
                entries = [{f"{q.number}. {q.plain_text}": question_src_uri(collection, q)} for q in section.questions]
                if section.title:
                    children.append({section.title: entries})
                else:
                    children.extend(entries)
            nav.append({collection.title: children})
        others = sorted(
            f.src_uri
            for f in files.documentation_pages()
            if f.src_uri not in generated and f.src_uri != "index.md" and posixpath.basename(f.src_uri) != "404.md"
        )
        nav.extend(others)
        return nav
