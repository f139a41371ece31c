"""Time the link checker (``scripts/check_links.py``) alone on a built site of N generated questions.

Builds the full site once (the benchmarks' one generator, ``tools/benchlib.py``), then runs
the checker over it ``--repeat`` times and keeps the best. With ``--against REV`` it also
times the checker as it was at that git revision, on the same build, in the same run,
alternating the two, and checks that both print the same report.

Writes ``links.json`` and ``links.md`` under ``--out`` and prints the Markdown table.

Usage::

    python tools/bench_links.py [--questions 1000] [--repeat 3] [--against REV] [--out bench-results]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import ROOT, full_project, generate, timed_build

CHECKER = "scripts/check_links.py"


def load_checker(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def run(checker, site: Path) -> tuple[float, float, str]:
    """One run of the checker's command-line entry point: wall and CPU seconds, and what it printed.

    CPU seconds are the steadier figure on a shared machine."""
    out = io.StringIO()
    started, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(out):
        checker.main([str(site), "--external"])
    return time.perf_counter() - started, time.process_time() - cpu, out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="REV", help="also time the checker of this git revision")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="folder for links.json and links.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "gen").mkdir()
        source, glossary = generate(args.questions, tmp_path / "gen")
        config = full_project(tmp_path / "project", source, glossary)
        site = tmp_path / "site"
        build = timed_build(config, site)
        pages = sum(1 for _ in site.rglob("*.html"))
        print(f"built {args.questions} questions ({pages} HTML pages) in {build['seconds']:.1f} s")
        checkers = {"current": load_checker(ROOT / CHECKER, "check_links_current")}
        if args.against:
            old = tmp_path / "check_links_old.py"
            old.write_text(
                subprocess.run(
                    ["git", "show", f"{args.against}:{CHECKER}"], cwd=ROOT, capture_output=True, text=True, check=True
                ).stdout,
                encoding="utf-8",
            )
            checkers = {args.against: load_checker(old, "check_links_old"), **checkers}
        best = dict.fromkeys(checkers, (float("inf"), float("inf")))
        reports: dict[str, str] = {}
        for _ in range(args.repeat):
            for label, checker in checkers.items():
                wall, cpu, report = run(checker, site)
                best[label] = (min(best[label][0], wall), min(best[label][1], cpu))
                reports[label] = report
        for label, (wall, cpu) in best.items():
            print(f"checker {label}: best of {args.repeat}: {wall:.2f} s wall, {cpu:.2f} s CPU")
        summary = reports["current"].splitlines()[-1]
        print(summary)
        if len(set(reports.values())) > 1:
            print("the reports differ", file=sys.stderr)
            return 1
        if args.against:
            print("same report from both checkers")
    write_results(args, pages, build["seconds"], best, summary)
    return 0


def write_results(args: argparse.Namespace, pages: int, build_seconds: float, best: dict, summary: str) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    checkers = {label: {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)} for label, (wall, cpu) in best.items()}
    payload = {
        "machine": machine,
        "questions": args.questions,
        "pages": pages,
        "build_s": round(build_seconds, 2),
        "repeat": args.repeat,
        "checkers": checkers,
        "report": summary,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "links.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"Link checker (`scripts/check_links.py`) on a built site of {args.questions:,} generated questions "
        f"({pages:,} HTML pages); best of {args.repeat} runs; {machine}.",
        "",
        "| checker | wall s | CPU s |",
        "|---|---:|---:|",
        *(f"| {label} | {c['wall_s']:.2f} | {c['cpu_s']:.2f} |" for label, c in checkers.items()),
        "",
        f"Its report: {summary}",
    ]
    (args.out / "links.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
