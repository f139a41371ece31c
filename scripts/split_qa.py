#!/usr/bin/env python3
"""Split a Q&A document into one Markdown page per question, or validate it.

The site does the same split at build time (nothing generated is committed);
this command previews, validates or exports it.

Usage:
    python scripts/split_qa.py SOURCE [SOURCE ...] [--out DIR] [--check] [--json]

Exit codes: 0 valid; 1 invalid input (every error printed as FILE:LINE: message);
2 bad command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.model import Collection, QAFormatError
from macros.pages import export_markdown
from macros.parser import parse_file


def _model_json(collections: list[Collection]) -> list[dict]:
    return [
        {
            "title": c.title,
            "source": c.path,
            "intro": c.intro,
            "sections": [
                {
                    "title": s.title,
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
        }
        for c in collections
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="Q&A Markdown document(s)")
    parser.add_argument("--out", type=Path, help="write one Markdown page per question under DIR")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--json", action="store_true", help="print the parsed model as JSON")
    args = parser.parse_args(argv)

    collections: list[Collection] = []
    failed = False
    for source in args.sources:
        try:
            collection = parse_file(source)
        except QAFormatError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=sys.stderr)
            failed = True
            continue
        for warning in collection.warnings:
            print(f"{warning} (warning)", file=sys.stderr)
        collections.append(collection)
    if failed:
        return 1

    if args.json:
        json.dump(_model_json(collections), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        sections = sum(len(c.sections) for c in collections)
        questions = sum(len(c.questions) for c in collections)
        print(
            f"{len(collections)} collection{'s' * (len(collections) != 1)}, "
            f"{sections} section{'s' * (sections != 1)}, {questions} question{'s' * (questions != 1)}"
        )
        for c in collections:
            print(f"  {c.title}: {len(c.questions)} questions ({c.path})")

    if args.out and not args.check:
        written = 0
        for c in collections:
            for q in c.questions:
                target = args.out / q.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(export_markdown(q), encoding="utf-8")
                written += 1
        print(f"wrote {written} pages under {args.out}", file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
