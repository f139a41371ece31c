"""Make the PDF book of the Q&A collection: ``make pdf``.

Reads the sources and the glossary named in ``mkdocs.yml`` (``plugins: - qa:``),
parses them with the site's own parser, and renders the book with WeasyPrint
(:mod:`macros.book`). No browser is needed. The last line of output is the path
of the PDF written.

Usage::

    python scripts/build_pdf.py [--config mkdocs.yml] [--out build/book.pdf]
                                [--source FILE ...] [--glossary FILE | --glossary ""]
                                [--paper a4|letter] [--author NAME] [--no-tags]

Exit codes: 0 written; 1 the input is invalid or the book cannot be made (one line
per problem on stderr, ``FILE:LINE: message`` for the source and glossary, no
traceback); 2 wrong usage. A failure never leaves a partial PDF at ``--out``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.book import PAPER_SIZES, BookError, BookInfo, build_date, build_version, write_book
from macros.configlines import config_line
from macros.glossary import Glossary, GlossaryError, load_glossary
from macros.model import Collection, QAFormatError, parse_file

ROOT = Path(__file__).resolve().parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: ``!ENV`` is resolved, any other tag is read as its plain value."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)
    for name in names[:-1]:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else os.environ.get(str(names[0]))


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


class InputError(Exception):
    """Problems with the input, each a :class:`Diagnostic` or a plain line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


def read_config(path: Path) -> dict[str, Any]:
    """The parts of mkdocs.yml the book needs (an absent file gives the defaults)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([f"{path.name}:{mark.line + 1 if mark else 1}: invalid YAML: fix the syntax"]) from None
    return data if isinstance(data, dict) else {}


def qa_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options of the ``qa`` plugin in a loaded mkdocs.yml."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "qa" in entry:
            return entry["qa"] or {}
    return {}


def load_inputs(args: argparse.Namespace) -> tuple[list[Collection], Glossary | None, BookInfo, Path]:
    """Collections, glossary, cover info and the folder of the sources, from mkdocs.yml and the arguments.

    Raises:
        InputError: with every problem found, as ``FILE:LINE: message``.
    """
    config_path = Path(args.config)
    config = read_config(config_path)
    options = qa_options(config)
    docs_dir = config_path.parent / str(config.get("docs_dir") or "docs")
    shown_config = config_path.name
    if args.source:
        sources = [Path(s) for s in args.source]
    else:
        names = options.get("sources") or ["advanced-generative-ai-qa.md"]
        sources = [docs_dir / str(name) for name in names]
    glossary_name = args.glossary if args.glossary is not None else options.get("glossary", "glossary.yml")
    glossary_path = None
    if glossary_name:
        glossary_path = Path(glossary_name) if args.glossary is not None else docs_dir / str(glossary_name)

    errors: list[str] = []
    collections: list[Collection] = []
    for source in sources:
        if not source.is_file() and not args.source:
            line = config_line(str(config_path), ["plugins", "qa", "sources"])
            errors.append(f"{shown_config}:{line}: plugins.qa.sources: '{source}' not found: fix the path")
            continue
        try:
            collections.append(parse_file(source, _shown(source)))
        except QAFormatError as exc:
            errors.extend(str(d) for d in exc.diagnostics)
    glossary = None
    if glossary_path is not None:
        try:
            glossary = load_glossary(glossary_path, _shown(glossary_path))
        except GlossaryError as exc:
            errors.extend(str(d) for d in exc.diagnostics)
    if errors:
        raise InputError(errors)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    info = BookInfo(
        title=args.title or ("" if len(collections) == 1 else str(config.get("site_name") or "")),
        author=args.author or str(config.get("site_author") or ""),
        language=str(theme.get("language") or "en"),
        date=build_date(),
        version=build_version(ROOT),
    )
    return collections, glossary, info, sources[0].parent


def _shown(path: Path) -> str:
    """A path as messages name it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Make the PDF book of the Q&A collection.")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="mkdocs.yml to read (default: %(default)s)")
    parser.add_argument("--out", default="build/book.pdf", help="the PDF to write (default: %(default)s)")
    parser.add_argument("--source", action="append", help="a Q&A document (repeat for several; default: mkdocs.yml)")
    parser.add_argument("--glossary", help="the glossary file ('' for none; default: mkdocs.yml)")
    parser.add_argument("--paper", choices=sorted(PAPER_SIZES), default="a4", help="page size (default: a4)")
    parser.add_argument("--title", default="", help="book title (default: the document's title)")
    parser.add_argument("--author", default="", help="author for the cover and metadata (default: site_author)")
    parser.add_argument("--no-tags", action="store_true", help="plain PDF instead of tagged PDF/UA-1")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = parse_args(argv)
    try:
        collections, glossary, info, base_dir = load_inputs(args)
        warnings: list[str] = []
        result = write_book(
            collections,
            args.out,
            glossary=glossary,
            info=info,
            base_dir=base_dir,
            paper=args.paper,
            variant=None if args.no_tags else "pdf/ua-1",
            warnings=warnings,
        )
    except InputError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return 1
    except BookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for warning in dict.fromkeys(warnings):
        print(f"warning: {' '.join(warning.split())}", file=sys.stderr)
    questions = sum(len(c.questions) for c in collections)
    print(f"{questions} questions, {result.pages} pages, {result.size / 1024:.0f} KiB")
    print(result.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
