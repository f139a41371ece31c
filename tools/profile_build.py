#!/usr/bin/env python3
"""Where the build time goes: the full site and bare Material under cProfile, by package.

Builds the same generated collection as ``tools/bench.py`` twice (full site, bare
Material baseline), each under ``python -m cProfile``, and adds up the time spent in the
functions of each package (self time, so nothing is counted twice; time in the standard
library and builtins goes to the package that called them). The difference per
package says who pays for the features: this project's own code (``macros``), or
Python-Markdown, MkDocs, Material and Jinja rendering what the features add.

cProfile slows pure-Python code down by a factor of two to three, so read the shares,
not the seconds.

Usage: python tools/profile_build.py [--questions 1000] [--out bench-results]
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

import engine
from benchlib import ROOT, bare_project, full_project, generate

PACKAGES = [
    # (label, what a file's path contains)
    ("this project (macros/)", "/macros/"),
    ("Python-Markdown", "/markdown/"),
    ("pymdown-extensions", "/pymdownx/"),
    ("Material (plugins)", "/material/plugins/"),
    ("Material templates (Jinja)", "/material/templates/"),
    ("Jinja", "/jinja2/"),
    ("MkDocs", "/mkdocs/"),
    ("MkDocs", "/properdocs/"),  # the engine's row, with QA_ENGINE=properdocs too
    ("mkdocs-macros", "/mkdocs_macros/"),
    ("PyYAML", "/yaml/"),
    # Two copies of this module run (Python-Markdown loads its own), and cProfile files
    # both under one name, so its callers cannot be told apart: it gets a row of its own.
    # Material's search plugin is its main user (it parses every page it indexes).
    ("html.parser (search index, raw HTML)", "/html/parser.py"),
    ("html.parser (search index, raw HTML)", "/_markupbase.py"),
]
OTHER = "Python, standard library not placed"


def package_of(filename: str) -> str:
    for label, marker in PACKAGES:
        if marker in filename:
            return label
    return OTHER


def profile(config: Path, site: Path, out: Path) -> dict[str, float]:
    """Self time (s) per package of one ``mkdocs build`` under cProfile."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [engine.python(), "-m", "cProfile", "-o", str(out), "-m", engine.name(), "build", "--strict"]
    result = subprocess.run(
        [*command, "-f", str(config), "-d", str(site)], capture_output=True, text=True, env=env, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    stats = pstats.Stats(str(out)).stats
    memo: dict[tuple, dict[str, float]] = {}
    totals: dict[str, float] = {}
    for func, (_, _, self_time, _, _) in stats.items():
        for label, share in owners(func, stats, 0, memo).items():
            totals[label] = totals.get(label, 0.0) + self_time * share
    return totals


def owners(func: tuple, stats: dict, depth: int, memo: dict) -> dict[str, float]:
    """The packages a function's time belongs to, with their shares of it (summing to 1).

    A function of a package belongs to it. The standard library and builtins (``str.join``,
    ``re``, ElementTree, ``html.parser``) belong to whoever called them: their time is
    split over their callers in proportion to the time each caller spent in them, up to a
    few levels up. What the profile does not place (a caller it did not record, a chain
    too long) stays with the standard library.
    """
    key = (func, depth)
    if key in memo:
        return memo[key]
    label = package_of(func[0])
    result: dict[str, float] = {}
    callers = stats[func][4] if label == OTHER and depth < 6 else {}
    spent = sum(timing[3] for caller, timing in callers.items() if caller in stats)
    # cProfile does not always record every caller: time it cannot place stays unattributed.
    total = max(spent, stats[func][3])
    if spent > 0:
        for caller, timing in callers.items():
            if caller in stats:
                for owner, share in owners(caller, stats, depth + 1, memo).items():
                    result[owner] = result.get(owner, 0.0) + share * timing[3] / total
    if spent < total:
        result[label] = result.get(label, 0.0) + 1.0 - spent / total
    memo[key] = result
    return result


def table(n: int, full: dict[str, float], bare: dict[str, float]) -> str:
    labels = [*dict.fromkeys(label for label, _ in PACKAGES), OTHER]
    total_full, total_bare = sum(full.values()), sum(bare.values())
    extra = total_full - total_bare
    lines = [
        f"Self time by package under cProfile, {n:,} generated questions "
        f"(full {total_full:.1f} s, bare {total_bare:.1f} s; cProfile slows Python code, read the shares).",
        "",
        "| package | full s | bare s | full − bare s | share of the difference |",
        "|---|---:|---:|---:|---:|",
    ]
    for label in labels:
        a, b = full.get(label, 0.0), bare.get(label, 0.0)
        share = f"{100 * (a - b) / extra:.0f} %" if extra > 0 else "–"
        lines.append(f"| {label} | {a:.2f} | {b:.2f} | {a - b:+.2f} | {share} |")
    lines.append(f"| **total** | {total_full:.2f} | {total_bare:.2f} | {extra:+.2f} | 100 % |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="profile-") as tmp:
        work = Path(tmp)
        source, glossary = generate(args.questions, work)
        full = profile(full_project(work / "full", source, glossary), work / "site-full", work / "full.prof")
        bare = profile(bare_project(work / "bare", source), work / "site-bare", work / "bare.prof")
    text = table(args.questions, full, bare)
    payload = {"questions": args.questions, "full_self_seconds": full, "bare_self_seconds": bare}
    (args.out / "profile.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    (args.out / "profile.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
