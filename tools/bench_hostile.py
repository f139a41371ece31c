"""Benchmark: build time of hostile answers against a plain answer of the same size.

Python-Markdown's inline patterns scan forward from each ``[``, ``![``, ``[^``, ``](`` and
``<`` that never closes, so a few kilobytes of them would take minutes; the renderer makes
those scans linear (``macros/render/linear.py``, ``macros/render/github.py``). Each document here has one
question whose answer is SIZE bytes of one pattern; each is built the user's way
(``mkdocs build`` with ``QA_SOURCE``) in a fresh process, and compared with a document of
the same shape whose answer is SIZE bytes of plain words, built in the same run.

Usage::

    python tools/bench_hostile.py [--sizes 5000,20000] [--out bench-results]

Writes ``hostile.json`` and ``hostile.md`` under ``--out`` and prints the Markdown table.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import engine  # noqa: E402

PATTERNS = {
    "plain words": "word ",
    "[ never closed": "[",
    "![ never closed": "![",
    "[^ never closed": "[^",
    "[a]( never closed": "[a](",
    "<a never closed": "<a ",
    "<!-- never closed": "<!-- ",
    "** never closed": "**a ",
    "` runs": "`a",
    "abbreviations": None,  # definitions of abbreviations, each used once
}


def answer(pattern: str | None, size: int) -> str:
    if pattern is None:
        count = max(1, size // 40)
        used = " ".join(f"ABR{n}" for n in range(count))
        return used + "\n\n" + "\n".join(f"*[ABR{n}]: abbreviation number {n}" for n in range(count))
    return (pattern * (size // len(pattern) + 1))[:size]


def build(document: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "QA_SOURCE": str(document)}
    started = time.perf_counter()
    result = subprocess.run(
        engine.command("build", "--no-strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{document.name}: the build failed:\n{result.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,20000", help="answer sizes in bytes, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in sizes:
            times = {}
            for name, pattern in PATTERNS.items():
                document = folder / f"{len(times)}-{size}.md"
                text = f"# Hostile\n\n## 1. What does it do?\n**Answer:**\n{answer(pattern, size)}\n\n"
                document.write_text(text + "## 2. And the next?\n**Answer:**\nIt is plain.\n", encoding="utf-8")
                times[name] = build(document, folder / "site")
                print(f"{size:>7,} B  {name:<20} {times[name]:6.2f} s", file=sys.stderr)
            plain = times["plain words"]
            rows += [
                {"size": size, "pattern": n, "seconds": round(t, 2), "ratio": round(t / plain, 2)}
                for n, t in times.items()
            ]
    args.out.mkdir(parents=True, exist_ok=True)
    meta = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    (args.out / "hostile.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    lines = [
        "Build time of a document whose answer is SIZE bytes of one pattern, against plain words of the same size",
        f"(one build each, the same run; {meta['machine']}).",
        "",
        "| size | pattern | seconds | × plain |",
        "|---:|---|---:|---:|",
        *(f"| {r['size']:,} | {r['pattern']} | {r['seconds']:.2f} | {r['ratio']:.2f} |" for r in rows),
    ]
    (args.out / "hostile.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
