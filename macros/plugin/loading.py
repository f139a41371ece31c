"""Reading a site's input as its ``mkdocs.yml`` names it: sources, glossary, renderer.

The plugin and the command-line scripts (which load ``mkdocs.yml`` with MkDocs' own
``load_config``) build their :class:`~macros.outputs.site.Site` here, the same way. Every problem
is a :class:`~macros.model.Diagnostic` at ``FILE:LINE``: the source's, the glossary's, or
``mkdocs.yml``'s line of the option at fault.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from macros.model import Collection, Diagnostic, InputError, QAFormatError, page_url
from macros.outputs.site import Site
from macros.plugin.configlines import config_line
from macros.reading.derive import derive_glossary
from macros.reading.glossary import Glossary, dump_glossary, load_glossary, unused_terms
from macros.reading.parser import parse_file
from macros.render.renderer import Renderer

__all__ = ["config_diagnostic", "load_site"]

_renderers: dict[str, Renderer] = {}
"""The renderer of the last builds, by what its output depends on: a rebuild under
``mkdocs serve`` renders only the content that changed."""


def config_diagnostic(config: Mapping[str, Any], keys: list[Any], message: str) -> Diagnostic:
    """``mkdocs.yml:LINE: message``, at the line of ``keys`` in the config file."""
    path = config.get("config_file_path") or "mkdocs.yml"
    return Diagnostic(posixpath.basename(path), config_line(path, keys), message)


def _shown(path: Path, project: Path) -> str:
    """A file as messages name it: relative to the project when inside it, else as given."""
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_site(config: Mapping[str, Any], options: Mapping[str, Any]) -> tuple[Site, list[Diagnostic]]:
    """The site that ``config`` (MkDocs' config) and ``options`` (the ``qa`` plugin's) describe.

    Returns:
        The site, and the warnings (numbering gaps, unused glossary terms).

    Raises:
        InputError: every problem with the sources, the glossary or the options.
    """
    collections, warnings = _parse_sources(config, options)
    glossary, glossary_text, own = _load_glossary(config, options, collections)
    glossary_url = None
    if glossary is not None:
        page = options["glossary_page"]
        if not (Path(config["docs_dir"]) / page).is_file():
            message = (
                f"plugins.qa.glossary_page: '{page}' not found in docs/: "
                "create it with {{ glossary() }} in it, or set glossary: '' for no glossary"
            )
            raise InputError([config_diagnostic(config, ["plugins", "qa", "glossary_page"], message)])
        glossary_url = page_url(page, config["use_directory_urls"])
    remote_images = options.get("remote_images", "show")
    renderer = Renderer.from_config(config, remote_images=remote_images)
    key = hashlib.sha1(f"{renderer.fingerprint}\n{remote_images}\n{glossary_text}".encode()).hexdigest()
    renderer = _renderers.setdefault(key, renderer)
    while len(_renderers) > 2:
        del _renderers[next(iter(_renderers))]
    docs_dir = Path(config["docs_dir"])
    site = Site(collections, glossary, renderer, glossary_url, docs_dir)
    warnings += site.problems
    if glossary is not None and own and not glossary.derived:
        warnings += glossary.warnings + unused_terms(glossary, site.appears) + _unknown_questions(glossary, site)
    return site, warnings


REMOTE_IMAGES = ("show", "link")
"""Images from other sites show as written, or become plain links to them."""


def _unknown_questions(glossary: Glossary, site: Site) -> list[Diagnostic]:
    """A warning for every ``defined_in`` that names no question of the site."""
    return [
        Diagnostic(
            glossary.path,
            term.line,
            f"'{term.term}' is defined_in '{term.defined_in}', which is no question of the document: "
            "fix the id (shown by scripts/split_qa.py --json) or remove the line",
        )
        for term in glossary.terms.values()
        if term.defined_in and site.question(term.defined_in) is None
    ]


def _parse_sources(config: Mapping[str, Any], options: Mapping[str, Any]) -> tuple[list[Collection], list[Diagnostic]]:
    docs_dir = Path(config["docs_dir"])
    project = Path(config.get("config_file_path") or "mkdocs.yml").parent
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    collections: list[Collection] = []
    sources = [options["source"]] if options.get("source") else options["sources"]
    unanswered = options.get("unanswered", "show")

    def error(message: str, index: int | None) -> Diagnostic:
        keys: list[Any] = ["plugins", "qa", "sources"] + ([index] if index is not None else [])
        return config_diagnostic(config, keys, f"plugins.qa.sources: {message}")

    if not sources:
        errors.append(error("'sources' is empty: list at least one Q&A document", None))
    slugs: dict[str, str] = {}
    for index, source in enumerate(sources):
        path = docs_dir / source
        if options.get("source") and not path.is_file():
            # SOURCE= (or QA_SOURCE) names a document anywhere: say what is wrong with that path.
            shown = Path(source)
            if path.is_dir():
                errors.append(
                    Diagnostic(
                        str(shown), 0, f"is a folder: SOURCE names one Markdown document, such as {shown / 'README.md'}"
                    )
                )
            else:
                errors.append(Diagnostic(str(shown), 0, "no such file: check the path given as SOURCE"))
            continue
        if not path.is_file():
            errors.append(
                error(f"source '{source}' not found in {docs_dir.name}/: the path is relative to docs_dir", index)
            )
            continue
        try:
            shown = options.get("source_shown") or _shown(path, project)  # as the command line named it
            collection = parse_file(path, shown, unanswered=unanswered)
        except QAFormatError as exc:
            errors.extend(exc.diagnostics)
            continue
        warnings.extend(collection.warnings)
        if collection.slug in slugs:
            message = f"sources '{slugs[collection.slug]}' and '{source}' give the same URL '{collection.slug}/': rename one file"
            errors.append(error(message, index))
        slugs[collection.slug] = source
        inside = Path(path).resolve().is_relative_to(docs_dir.resolve())
        collection.source_uri = Path(path).resolve().relative_to(docs_dir.resolve()).as_posix() if inside else ""
        collection.directory_urls = config["use_directory_urls"]
        collections.append(collection)
    if errors:
        raise InputError(errors)
    return collections, warnings


def _load_glossary(
    config: Mapping[str, Any], options: Mapping[str, Any], collections: list[Collection]
) -> tuple[Glossary | None, str, bool]:
    """The glossary (None when there is none), its text (what the renderer's cache depends
    on), and whether it is the documents' own (its unused terms are worth a warning).

    ``sources`` use the glossary that ``glossary`` names ("": none; ``auto``: their own, as
    below). A ``source`` document (``SOURCE=``) never borrows that one: it uses
    ``source_glossary`` when that names a file (``none``: no glossary), else its own.
    """
    if options.get("source"):
        chosen = str(options.get("source_glossary") or "")
        if chosen.lower() == "none":
            return None, "", True
        if not chosen:
            return _own_glossary(config, collections)
        path = Path(config["docs_dir"]) / chosen
        if not path.is_file():
            raise InputError([Diagnostic(chosen, 0, "no such glossary file: check the path given as GLOSSARY")])
        glossary, text = _read_glossary(config, path)
        return glossary, text, False  # chosen for this document, maybe written for others too
    name = options["glossary"]
    if not name:
        return None, "", True
    if name == "auto":
        return _own_glossary(config, collections)
    path = Path(config["docs_dir"]) / name
    if not path.is_file():
        message = f"plugins.qa.glossary: '{name}' not found in docs/: fix the path, or set it to '' for no glossary"
        raise InputError([config_diagnostic(config, ["plugins", "qa", "glossary"], message)])
    glossary, text = _read_glossary(config, path)
    return glossary, text, True


def _own_glossary(config: Mapping[str, Any], collections: list[Collection]) -> tuple[Glossary | None, str, bool]:
    """A document's own glossary: ``NAME.glossary.yml`` next to ``NAME.md``, or ``glossary.yml``
    in its folder, else the one derived from its questions (:mod:`macros.reading.derive`)."""
    if len(collections) == 1 and collections[0].file:
        document = Path(collections[0].file).resolve()
        folder = document.parent
        for path in (document.with_name(document.stem + ".glossary.yml"), folder / "glossary.yml"):
            # Only a file inside the document's folder is read: a link out of it is not followed.
            if path.is_file() and path.resolve().is_relative_to(folder):
                glossary, text = _read_glossary(config, path)
                return glossary, text, True
    glossary = derive_glossary(collections)
    return glossary, dump_glossary(glossary), True


def _read_glossary(config: Mapping[str, Any], path: Path) -> tuple[Glossary, str]:
    project = Path(config.get("config_file_path") or "mkdocs.yml").parent
    glossary = load_glossary(path, _shown(path, project))
    return glossary, path.read_text(encoding="utf-8", errors="replace")
