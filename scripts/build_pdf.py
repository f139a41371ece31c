"""Make the PDF book of the Q&A collection: ``make pdf``.

Reads ``mkdocs.yml`` as MkDocs does, builds the site's model from the sources and the
glossary it names (``plugins: - qa:``) with the site's own parser and renderer, and
renders the book with WeasyPrint (:mod:`macros.book`). No browser is needed. The last
line of output is the path of the PDF written.

Usage::

    python scripts/build_pdf.py [--config mkdocs.yml] [--out build/book.pdf]
                                [--source FILE ...] [--glossary FILE | --glossary ""]
                                [--paper a4|letter] [--author NAME] [--no-tags]
                                [--strict | --no-strict]

The document's defects (a question without an answer, a numbering gap) are warnings,
``FILE:LINE: message`` on stderr, and the book shows what it could; with ``--strict`` (the
default for the site's own mkdocs.yml when it sets ``strict: true``) they are errors and no
book is written.

Exit codes: 0 written; 1 the input is invalid or the book cannot be made (one line
per problem on stderr, ``FILE:LINE: message`` for the source and glossary, no
traceback); 2 wrong usage. A failure never leaves a partial PDF at ``--out``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from macros.model import InputError  # noqa: E402
from macros.outputs.book import PAPER_SIZES, BookError, BookInfo, build_date, build_version, write_book  # noqa: E402
from macros.plugin.loading import load_site  # noqa: E402
from macros.plugin.qa import load_project  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Make the PDF book of the Q&A collection.")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="mkdocs.yml to read (default: %(default)s)")
    parser.add_argument("--out", default="build/book.pdf", help="the PDF to write (default: %(default)s)")
    parser.add_argument("--source", action="append", help="a Q&A document (repeat for several; default: mkdocs.yml)")
    parser.add_argument(
        "--glossary",
        help="the glossary file ('' for none; default: mkdocs.yml's, or with --source the documents' own)",
    )
    parser.add_argument("--paper", choices=sorted(PAPER_SIZES), default="a4", help="page size (default: a4)")
    parser.add_argument("--title", default="", help="book title (default: the document's title)")
    parser.add_argument("--author", default="", help="author for the cover and metadata (default: site_author)")
    parser.add_argument("--no-tags", action="store_true", help="plain PDF instead of tagged PDF/UA-1")
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the document's warnings are errors (default: mkdocs.yml's strict, off with --source)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = parse_args(argv)
    # Files named on the command line are relative to the current folder, not to docs/.
    sources = [str(Path(s).resolve()) for s in args.source] if args.source else None
    glossary = str(Path(args.glossary).resolve()) if args.glossary else args.glossary
    if glossary is None and sources:
        glossary = "auto"  # documents of one's own come with their own glossary, never the site's
    chosen = None if args.glossary is None else (glossary or "none")
    try:
        config, options = load_project(args.config, sources=sources, glossary=glossary, source_glossary=chosen)
        site, problems = load_site(config, options)
        strict = args.strict if args.strict is not None else bool(config.get("strict")) and not sources
        if strict and problems:
            raise InputError(problems)
        for problem in dict.fromkeys(str(p) for p in problems):
            print(f"{problem} (warning)", file=sys.stderr)
        info = BookInfo(
            title=args.title or ("" if len(site.collections) == 1 else config.site_name),
            author=args.author or config.site_author or "",
            language=config.theme.get("language") or "en",
            date=build_date(),
            version=build_version(Path(args.config).resolve().parent),
        )
        warnings: list[str] = []
        result = write_book(
            site,
            args.out,
            info=info,
            base_dir=Path(sources[0]).parent if sources else config.docs_dir,
            paper=args.paper,
            variant=None if args.no_tags else "pdf/ua-1",
            warnings=warnings,
        )
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    except BookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for warning in dict.fromkeys(warnings):
        print(f"warning: {' '.join(warning.split())}", file=sys.stderr)
    print(f"{len(site.questions)} questions, {result.pages} pages, {result.size / 1024:.0f} KiB")
    print(result.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
