"""Benchmark of the PDF book: the seed collection, a generated one of 1,000 questions, and a
README shaped like the React interview ones (416 questions of long answers with code).

Both books are made in the same run, each by the real command (``scripts/build_pdf.py``
in a fresh process, so imports count as a reader would wait for them). The generated
collection comes from the benchmarks' one generator (``tools/benchlib.py``): sections of
25 questions, answers of a sentence and a list that mention glossary terms, code every
fifth and a table every seventh, with its generated glossary; so the contents, the
running headers and the glossary page references all have real work to do. The README
(``generate_react_readme``) repeats the same subheadings and footnotes in every answer.

Usage::

    python tools/bench_pdf.py [--questions 1000] [--react 416] [--out bench-results]

Writes ``pdf.json`` and ``pdf.md`` under ``--out`` and prints the Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from benchlib import ROOT, generate, generate_react_readme

from macros.reading.parser import parse_file

SEED = ROOT / "docs" / "advanced-generative-ai-qa.md"
GLOSSARY = ROOT / "docs" / "glossary.yml"
BUILD = ROOT / "scripts" / "build_pdf.py"


def measure(label: str, source: Path, glossary: Path | None, out: Path, questions: int) -> dict:
    """Build one book with the real command: its time, its peak memory, its size and pages, and
    how many anchors WeasyPrint found defined twice (a link to one of them lands on the first)."""
    command = [sys.executable, str(BUILD), "--source", str(source), "--out", str(out)]
    if glossary is not None:
        command += ["--glossary", str(glossary)]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
        )
        # the child's own peak resident memory, as the kernel counted it
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{label}: build_pdf failed:\n{stderr}")
    pages = _pages(out)
    return {
        "collection": label,
        "questions": questions,
        "pages": pages,
        "seconds": round(seconds, 2),
        "peak_mib": round(usage.ru_maxrss / 1024),
        "bytes": out.stat().st_size,
        "ms_per_page": round(1000 * seconds / pages, 1) if pages else None,
        "duplicate_anchors": stderr.count("Anchor defined twice"),
    }


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def table(rows: list[dict]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| Collection | Questions | Pages | Time (s) | Peak memory (MiB) | Size (KiB) | ms / page | Duplicate anchors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['collection']} | {row['questions']} | {row['pages']} | {row['seconds']:.1f} "
            f"| {row['peak_mib']} | {row['bytes'] / 1024:.0f} | {row['ms_per_page']} | {row['duplicate_anchors']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the PDF book at seed size and at 1,000 questions.")
    parser.add_argument("--questions", type=int, default=1000, help="size of the generated collection")
    parser.add_argument("--react", type=int, default=416, help="questions of the React-shaped README")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="folder for pdf.json and pdf.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        generated, glossary = generate(args.questions, folder)
        seed_count = len(parse_file(SEED).questions)
        react = generate_react_readme(args.react, folder)
        rows = [
            measure("seed", SEED, GLOSSARY, folder / "seed.pdf", seed_count),
            measure(f"generated {args.questions}", generated, glossary, folder / "generated.pdf", args.questions),
            # its own derived glossary, as `make pdf SOURCE=...` makes it
            measure(f"React-shaped README {args.react}", react, None, folder / "react.pdf", args.react),
        ]
    machine = {
        "python": platform.python_version(),
        "weasyprint": version("weasyprint"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pdf.json").write_text(json.dumps({"machine": machine, "results": rows}, indent=2) + "\n")
    text = table(rows)
    (args.out / "pdf.md").write_text(
        f"# PDF book benchmark\n\nOne run, tagged PDF/UA-1, WeasyPrint {machine['weasyprint']}, "
        f"Python {machine['python']}, {machine['cpus']} CPUs.\n\n{text}\n"
    )
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
