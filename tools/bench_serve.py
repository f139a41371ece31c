#!/usr/bin/env python3
"""Benchmark of authoring under ``mkdocs serve``: a full build against the rebuild after one saved edit.

A generated collection (``tools/benchlib.py``, 1,000 questions by default, with its glossary)
is built the way ``mkdocs serve`` builds it (``tools/servebuild.py``: the config loaded again
for every build, the plugins kept, the serve address), in a fresh process per run:

1. the first build: a full build, nothing kept from before;
2. ``--edits`` times, one answer edited (another question each time) and the site rebuilt;
3. one question's title edited (its page's address, its neighbours' links and the navigation
   change) and the site rebuilt.

Each figure is the ratio of a rebuild to the full build of the same process, in CPU seconds
(this process's, which other work on a shared machine disturbs least) and in wall seconds;
the best of ``--runs`` runs is reported. Writes ``serve.json`` and ``serve.md``.

Usage: python tools/bench_serve.py [--questions 1000] [--edits 3] [--runs 2] [--out bench-results]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def edit_answer(source: Path, number: int, mark: str) -> None:
    """Append ``mark`` to the first list item of question ``number``'s answer."""
    lines = source.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"### {number}. "))
    item = next(i for i in range(start, len(lines)) if lines[i].startswith("- **"))
    lines[item] += f" {mark}"
    source.write_text("\n".join(lines), encoding="utf-8")


def edit_title(source: Path, number: int) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(f"### {number}. How does", f"### {number}. How exactly does", 1), encoding="utf-8")


def child(config: Path, site: Path, questions: int, edits: int) -> dict:
    """One run, in this process: the full build, then each edit and its rebuild."""
    sys.path.insert(0, str(HERE))
    from servebuild import ServeBuilds

    source = config.parent / "docs" / "advanced-generative-ai-qa.md"
    original = source.read_text(encoding="utf-8")
    builds = ServeBuilds(config, site)
    try:
        wall, cpu = builds.build()
        result: dict = {"full": {"wall_s": wall, "cpu_s": cpu}, "answer_edits": [], "title_edit": None}
        for k in range(edits):
            number = 1 + (k * 7919 + questions // 3) % questions  # spread over the document
            edit_answer(source, number, f"(edit {k})")
            wall, cpu = builds.build()
            result["answer_edits"].append({"question": number, "wall_s": wall, "cpu_s": cpu, "log": _pages(builds.log)})
        number = questions // 2
        edit_title(source, number)
        wall, cpu = builds.build()
        result["title_edit"] = {"question": number, "wall_s": wall, "cpu_s": cpu, "log": _pages(builds.log)}
    finally:
        builds.close()
        source.write_text(original, encoding="utf-8")
    return result


def _pages(log: list[str]) -> str:
    lines = [line for line in log if line.startswith("Pages:")]
    return lines[-1] if lines else ""


def run(questions: int, edits: int, runs: int) -> dict:
    sys.path.insert(0, str(HERE))
    from benchlib import full_project, generate

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        work = Path(tmp)
        source, glossary = generate(questions, work)
        config = full_project(work / "project", source, glossary)
        for k in range(runs):
            process = subprocess.run(
                [sys.executable, __file__, "--child", str(config), str(work / f"site-{k}"), str(questions), str(edits)],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            if process.returncode != 0:
                raise SystemExit(f"run {k} failed:\n{process.stderr[-3000:]}")
            results.append(json.loads(process.stdout.strip().splitlines()[-1]))
            print(f"run {k + 1}: {summary(results[-1])}", flush=True)
    return {"questions": questions, "edits": edits, "runs": results, "best": best(results)}


def ratios(result: dict) -> dict:
    full = result["full"]
    answer = {unit: statistics.median(e[unit] for e in result["answer_edits"]) for unit in ("cpu_s", "wall_s")}
    title = result["title_edit"]
    return {
        "full_cpu_s": round(full["cpu_s"], 2),
        "full_wall_s": round(full["wall_s"], 2),
        "answer_cpu_s": round(answer["cpu_s"], 2),
        "answer_wall_s": round(answer["wall_s"], 2),
        "answer_ratio_cpu": round(answer["cpu_s"] / full["cpu_s"], 3),
        "answer_ratio_wall": round(answer["wall_s"] / full["wall_s"], 3),
        "title_cpu_s": round(title["cpu_s"], 2),
        "title_ratio_cpu": round(title["cpu_s"] / full["cpu_s"], 3),
        "title_ratio_wall": round(title["wall_s"] / full["wall_s"], 3),
        "answer_pages": result["answer_edits"][-1]["log"],
        "title_pages": title["log"],
    }


def best(results: list[dict]) -> dict:
    return min((ratios(r) for r in results), key=lambda r: r["answer_ratio_cpu"])


def summary(result: dict) -> str:
    r = ratios(result)
    return (
        f"full {r['full_cpu_s']} s CPU ({r['full_wall_s']} s wall); one answer edited: {r['answer_cpu_s']} s CPU, "
        f"ratio {r['answer_ratio_cpu']} (wall {r['answer_ratio_wall']}); one title edited: ratio {r['title_ratio_cpu']}"
    )


def markdown(payload: dict) -> str:
    b = payload["best"]
    return "\n".join(
        [
            "# Rebuilds under `mkdocs serve`",
            "",
            f"Machine: {payload['machine']}. {payload['questions']:,} generated questions; best of "
            f"{len(payload['runs'])} runs, each a fresh process; an answer edit is the median of {payload['edits']}.",
            "",
            "| Build | CPU s | ratio to full (CPU) | ratio to full (wall) | question pages |",
            "|---|---:|---:|---:|---|",
            f"| full (the first build of `mkdocs serve`) | {b['full_cpu_s']:.2f} | 1.00 | 1.00 | all rendered |",
            f"| one answer edited | {b['answer_cpu_s']:.2f} | {b['answer_ratio_cpu']:.3f} | {b['answer_ratio_wall']:.3f} "
            f"| {b['answer_pages'].removeprefix('Pages: ')} |",
            f"| one title edited | {b['title_cpu_s']:.2f} | {b['title_ratio_cpu']:.3f} | {b['title_ratio_wall']:.3f} "
            f"| {b['title_pages'].removeprefix('Pages: ')} |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        config, site, questions, edits = argv[1:5]
        print(json.dumps(child(Path(config), Path(site), int(questions), int(edits))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args(argv)
    payload = run(args.questions, args.edits, args.runs)
    payload["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "serve.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    text = markdown(payload)
    (args.out / "serve.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
