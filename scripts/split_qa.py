#!/usr/bin/env python3
"""Check a Q&A document, print its parsed model, or split it into one Markdown page per question.

The site does the same reading at build time (nothing generated is committed); this
command says what it found in a document before you build a site of it.

Usage:
    python scripts/split_qa.py SOURCE [SOURCE ...] [--check] [--json] [--out DIR] [--unanswered show|skip|error]
    python scripts/split_qa.py SOURCE --glossary > SOURCE-NAME.glossary.yml

--glossary prints the glossary the build derives from the document's own questions, as a
YAML file of the glossary format (docs/glossary.yml). Saved as NAME.glossary.yml next to
NAME.md, it is the document's glossary from then on, used as it is: edit its entries,
remove some, add others.

--check prints, for each document, what was detected: for example "121 questions in 14
sections: unnumbered `##` headings, answers without a marker; 1 table of contents dropped;
kept on the home page: Related Topics".

--check reads each document exactly as the site's build does (with the Markdown extensions of
mkdocs.yml), so it reports what the build would: errors, and warnings such as a link that
cannot resolve or a gap in the numbering.

Exit codes: 0 valid; 1 any error or warning (each printed as FILE:LINE: message);
2 bad command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.model import Collection, InputError, QAFormatError
from macros.outputs.pages import export_markdown
from macros.plugin.loading import load_site
from macros.plugin.qa import load_project
from macros.reading.derive import derive_glossary
from macros.reading.glossary import dump_glossary
from macros.reading.parser import UNANSWERED, parse_file, plain_words

ROOT = Path(__file__).resolve().parent.parent


def _model_json(collections: list[Collection]) -> list[dict]:
    return [
        {
            "title": c.title,
            "source": c.path,
            "shape": {"question": c.shape.kind, "numbered": c.shape.numbered, "answer_marker": c.shape.marked},
            "intro": c.intro,
            "sections": [
                {
                    "title": s.title,
                    "intro": s.intro,
                    "questions": [
                        {
                            "number": q.number,
                            "text": q.text,
                            "body": q.body,
                            "answer": q.answer,
                            "line": q.line,
                            "id": q.id,
                            "url": q.url,
                        }
                        for q in s.questions
                    ],
                }
                for s in c.sections
            ],
            "kept": [{"title": p.title, "line": p.line} for p in c.parts],
            "dropped": c.dropped,
        }
        for c in collections
    ]


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def report(collection: Collection) -> str:
    """What was detected in one document, in one line (and the rule, on the next)."""
    sections = [s for s in collection.sections if s.title]
    where = f" in {_plural(len(sections), 'section')}" if sections else ""
    parts = [f"{_plural(len(collection.questions), 'question')}{where}: {collection.shape.describe(collection)}"]
    tables = [d for d in collection.dropped if d.startswith("table of contents")]
    if tables:
        parts.append(f"{_plural(len(tables), 'table')} of contents dropped")
    if collection.parts:
        parts.append("kept on the home page: " + ", ".join(plain_words(p.title) for p in collection.parts))
    line = f"{collection.path}: " + "; ".join(parts)
    line += f"\n  ({collection.shape.rule})" if collection.shape.rule else ""
    return line + "".join(f"\n  dropped: {kind}" for kind in _dropped(collection.dropped))


def _dropped(dropped: list[str]) -> list[str]:
    """What was left out on purpose, one line per kind: "back link (lines 12, 20)"."""
    kinds: dict[str, list[str]] = {}
    for entry in dropped:
        what, _, where = entry.partition(" (")
        kinds.setdefault(what, []).append(where.rstrip(")").removeprefix("line ").removeprefix("lines "))
    return [
        f"{what} ({'line' if len(at) == 1 and '-' not in at[0] else 'lines'} {', '.join(at)})"
        for what, at in kinds.items()
    ]


def glossary_yaml(collection: Collection) -> str:
    """The glossary derived from a document, as the YAML file an author keeps next to it."""
    name = Path(collection.path).name
    header = (
        f"# Glossary of {name}, derived from its questions (scripts/split_qa.py --glossary).\n"
        f"# Saved as {Path(name).stem}.glossary.yml next to {name}, the build uses it as it is:\n"
        "# edit a definition, remove an entry or add one (fields: see docs/glossary.yml).\n"
    )
    return dump_glossary(derive_glossary([collection]), header)


def check(sources: list[str], unanswered: str, config_file: Path) -> int:
    """Read each document as the site's build reads it (its renderer included) and say what was
    found: 0 when nothing is wrong, 1 when anything is, errors and warnings alike, as a linter."""
    try:
        config, options = load_project(config_file)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 1
    problems = 0
    for source in sources:
        try:
            chosen = {"source": str(Path(source).resolve()), "source_shown": source, "unanswered": unanswered}
            site, warnings = load_site(config, {**options, **chosen})
        except InputError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=sys.stderr)
            problems += len(exc.diagnostics)
            continue
        for warning in warnings:
            print(f"{warning} (warning)", file=sys.stderr)
        problems += len(warnings)
        for collection in site.collections:
            print(report(collection))
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="Q&A Markdown document(s)")
    parser.add_argument("--out", type=Path, help="write one Markdown page per question under DIR")
    parser.add_argument("--check", action="store_true", help="validate only and say what was detected; write nothing")
    parser.add_argument("--json", action="store_true", help="print the parsed model as JSON")
    parser.add_argument(
        "--glossary",
        action="store_true",
        help="print the glossary derived from the document, as YAML, and nothing else",
    )
    parser.add_argument("--unanswered", choices=UNANSWERED, default="show", help="questions with no answer")
    parser.add_argument(
        "--config", type=Path, default=ROOT / "mkdocs.yml", help="the site's mkdocs.yml (its Markdown extensions)"
    )
    args = parser.parse_args(argv)

    if args.check:
        return check(args.sources, args.unanswered, args.config)

    collections: list[Collection] = []
    failed = False
    for source in args.sources:
        try:
            collection = parse_file(source, unanswered=args.unanswered)
        except QAFormatError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=sys.stderr)
            failed = True
            continue
        for warning in collection.warnings:
            print(f"{warning} (warning)", file=sys.stderr)
            failed = True
        collections.append(collection)

    if args.glossary:
        if len(collections) != 1:
            parser.error("--glossary reads one document")
        sys.stdout.write(glossary_yaml(collections[0]))
        return 0

    if args.json:
        json.dump(_model_json(collections), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for c in collections:
            print(report(c))

    if args.out and not args.check:
        written = 0
        for c in collections:
            for q in c.questions:
                target = args.out / q.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(export_markdown(q), encoding="utf-8")
                written += 1
        print(f"wrote {written} pages under {args.out}", file=sys.stderr if args.json else sys.stdout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
