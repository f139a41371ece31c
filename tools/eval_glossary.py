#!/usr/bin/env python3
"""How far each document's own glossary and related questions reach: coverage over a folder of documents.

For every Markdown document of FOLDER, the site that ``make build SOURCE=document`` would
build (its own glossary: a file next to it, else the one derived from it) is made in
memory, and these are counted:

- questions, and terms (the glossary's entries that some question uses);
- the share of questions with a term link in their answer (and with a key term at all);
- the share of questions with a related question (and how many came from shared terms);
- definitions that are not sentences of the document itself (a definition from another
  document's glossary would show here; a glossary file written by hand is exempt).

The figures go to ``--out`` (Markdown, with the same in JSON beside it). With ``--samples
N``, N random glossary entries and N random term links of each document (a fixed seed, so
the same each run) are written to ``--samples-dir``, one file per document, for a person
to judge.

Usage::

    python tools/eval_glossary.py FOLDER [--out bench-results/glossary-eval.md] [--samples 25]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.model import InputError  # noqa: E402
from macros.outputs.site import Site  # noqa: E402
from macros.plugin.loading import load_site  # noqa: E402
from macros.plugin.qa import load_project  # noqa: E402

_LINK = re.compile(r'<a class="qa-term"[^>]*href="[^"#]*#([^"]+)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def measure(document: Path, config_file: Path) -> tuple[dict, Site]:
    """The figures of one document's site."""
    config, options = load_project(config_file)
    started = time.perf_counter()
    site, _ = load_site(config, {**options, "source": str(document.resolve()), "unanswered": "skip"})
    seconds = time.perf_counter() - started
    questions = site.questions
    glossary = site.glossary
    linked = [q for q in questions if site.answer(q).terms or (site.body(q) and site.body(q).terms)]
    keyed = [q for q in questions if q.terms]
    related = {q: site.related(q) for q in questions}
    by_terms = [q for q in questions if related[q] and site.relatedness.scores(q) != ({}, {})]
    # The document's own words, as the site shows them: every definition must be among them.
    source = _flat(" ".join(f"{q.title} {site.answer(q).text}" for q in questions))
    written = document.read_text(encoding="utf-8", errors="replace")
    source += "\n" + _flat(written)  # as written, markup and all
    source += "\n" + _flat(re.sub(r"\s*\([^()]{1,120}\)", "", written))  # a long definition loses its asides
    foreign = []
    if glossary is not None and glossary.derived:
        foreign = [t.term for t in glossary.terms.values() if not _in_source(t.short, source)]
    figures = {
        "document": document.name,
        "questions": len(questions),
        "terms": len(glossary.terms) if glossary else 0,
        "glossary": "none" if glossary is None else ("derived" if glossary.derived else Path(glossary.path).name),
        "term_link": _share(linked, questions),
        "key_term": _share(keyed, questions),
        "related": _share([q for q in questions if related[q]], questions),
        "related_by_terms": _share(by_terms, questions),
        "foreign_definitions": foreign,
        "seconds": round(seconds, 2),
    }
    return figures, site


def _share(part: list, whole: list) -> float:
    return round(len(part) / len(whole), 3) if whole else 0.0


def _flat(text: str) -> str:
    """Letters and digits only: spaces and marks differ between the source and the rendering."""
    return re.sub(r"\W+", "", text).lower()


def _in_source(short: str, source: str) -> bool:
    """Whether a definition is words of the document: its subject may be the resolved "It",
    and a long sentence may have lost an aside, so a stretch after its first words is looked for."""
    flat = _flat(short)
    start = min(len(flat) // 3, 24)
    return flat[start : start + 30] in source


def samples(site: Site, count: int, seed: int) -> tuple[list[dict], list[dict]]:
    """``count`` random entries (term, definition, defining question) and ``count`` random
    links (term, the words around it, its definition), the same for the same seed."""
    rng = random.Random(seed)
    glossary = site.glossary
    if glossary is None:
        return [], []
    terms = list(glossary.terms.values())
    entries = [
        {
            "term": t.term,
            "aliases": t.aliases,
            "definition": t.short,
            "question": (
                site.question(t.defined_in).plain_title if t.defined_in and site.question(t.defined_in) else ""
            ),
        }
        for t in rng.sample(terms, min(count, len(terms)))
    ]
    links = []
    for question in site.questions:
        html = site.answer(question).html
        for match in _LINK.finditer(html):
            start, end = match.span()
            # About 70 characters either side: words for most languages, a clause for Chinese.
            before = " ".join(_words(html[max(0, start - 600) : start]))[-70:]
            after = " ".join(_words(html[end : end + 600]))[:70]
            term = glossary.terms.get(match.group(1))
            links.append(
                {
                    "question": question.plain_title,
                    "context": f"…{before} [{' '.join(_words(match.group(2)))}] {after}…",
                    "term": term.term if term else match.group(1),
                    "definition": term.short if term else "",
                }
            )
    return entries, rng.sample(links, min(count, len(links)))


def _words(html: str) -> list[str]:
    return unescape(_TAG.sub(" ", html)).split()


def report(rows: list[dict]) -> str:
    """The figures as a Markdown table, with the pooled shares."""
    lines = [
        "| document | questions | glossary | terms | term link | key term | related | related by terms | seconds |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['document']} | {row['questions']} | {row['glossary']} | {row['terms']} | "
            f"{row['term_link']:.0%} | {row['key_term']:.0%} | {row['related']:.0%} | "
            f"{row['related_by_terms']:.0%} | {row['seconds']} |"
        )
    total = sum(r["questions"] for r in rows) or 1

    def pooled(key: str) -> float:
        return sum(r[key] * r["questions"] for r in rows) / total

    lines.append(
        f"| **pooled** | {total} | | {sum(r['terms'] for r in rows)} | {pooled('term_link'):.0%} | "
        f"{pooled('key_term'):.0%} | {pooled('related'):.0%} | {pooled('related_by_terms'):.0%} | |"
    )
    foreign = [f"{r['document']}: {', '.join(r['foreign_definitions'])}" for r in rows if r["foreign_definitions"]]
    lines += ["", "Definitions not found in their own document: " + ("; ".join(foreign) if foreign else "none") + "."]
    return "\n".join(lines) + "\n"


def _sample_file(document: str, entries: list[dict], links: list[dict]) -> str:
    out = [f"# Samples of {document}", "", f"## {len(entries)} glossary entries", ""]
    out += ["| term | definition | defined in | verdict |", "|---|---|---|---|"]
    for e in entries:
        name = e["term"] + (f" — also: {', '.join(e['aliases'])}" if e["aliases"] else "")
        out.append(f"| {_cell(name)} | {_cell(e['definition'])} | {_cell(e['question'])} | |")
    out += ["", f"## {len(links)} term links", "", "| term | in the answer | verdict |", "|---|---|---|"]
    for link in links:
        out.append(f"| {_cell(link['term'])} | {_cell(link['context'])} | |")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of Q&A Markdown documents")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "glossary-eval.md")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--samples", type=int, default=0, help="entries and links to sample per document")
    parser.add_argument("--samples-dir", type=Path, default=ROOT / "bench-results" / "glossary-samples")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rows = []
    for document in sorted(args.folder.glob("*.md")):
        try:
            figures, site = measure(document, args.config)
        except InputError as exc:
            print(f"{document.name}: not read: {exc.diagnostics[0]}", file=sys.stderr)
            continue
        rows.append(figures)
        print(
            f"{document.name}: {figures['questions']} questions, {figures['terms']} terms, "
            f"term link {figures['term_link']:.0%}, related {figures['related']:.0%}",
            file=sys.stderr,
        )
        if args.samples:
            entries, links = samples(site, args.samples, args.seed)
            args.samples_dir.mkdir(parents=True, exist_ok=True)
            target = args.samples_dir / f"{document.stem}.md"
            target.write_text(_sample_file(document.name, entries, links), encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(rows), encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
