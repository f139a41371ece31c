#!/usr/bin/env python3
"""Benchmark the full site against bare Material on generated collections.

For each N (questions), in the same run:
  (a) the full site: every feature of this project (glossary links, tags, self-test ...);
  (b) the baseline: the same question pages as plain Markdown files, built by bare
      MkDocs + Material with the same theme features and Markdown extensions, and no
      macros, glossary, self-test or PDF;
  (c) at N = 1,000 only: the full site without the glossary, to price term linking.

Reports wall time and peak memory of each build, the ratio a/b, site bytes, HTML bytes
per question page, search-index bytes, home-page bytes (raw and gzipped) and time per question; writes JSON, a Markdown
table and a PNG plot into the output folder.

Usage: python tools/bench.py [--sizes 10,100,1000,5000] [--out bench-results] [--repeat 1]
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

import engine
from benchlib import ROOT, bare_project, best_of, full_project, generate, generate_readme, site_figures

from macros.reading.parser import parse_file


def run(sizes: list[int], out: Path, repeat: int) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            work = Path(tmp)
            source, glossary = generate(n, work)
            full = full_project(work / "full", source, glossary)
            bare = bare_project(work / "bare", source)
            a = best_of(repeat, full, work / "site-full")
            b = best_of(repeat, bare, work / "site-bare")
            row = {
                "questions": n,
                "terms": min(1000, max(20, 2 * n)),
                "full": a | site_figures(work / "site-full", "advanced-generative-ai-qa"),
                "bare": b | site_figures(work / "site-bare", "advanced-generative-ai-qa"),
                "ratio": round(a["seconds"] / b["seconds"], 3),
                "ms_per_question_full": round(1000 * a["seconds"] / n, 2),
                "ms_per_question_bare": round(1000 * b["seconds"] / n, 2),
            }
            if n == 1000:
                no_links = full_project(work / "nolinks", source, None)
                row["full_without_glossary"] = best_of(repeat, no_links, work / "site-nolinks")
            results.append(row)
            print(f"N={n}: full {a['seconds']} s, bare {b['seconds']} s, ratio {row['ratio']}", flush=True)
    readme = readme_row(min(500, max(sizes)), repeat)
    print(f"README-shaped document: parse {readme['parse_s']} s, full/bare {readme['ratio']}", flush=True)
    rebuild = serve_rebuild()
    print(f"mkdocs serve: {rebuild['save_to_reload_s']} s from saving an answer to the reload", flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    payload = {"machine": machine, "repeat": repeat, "results": results, "readme": readme, "serve_rebuild": rebuild}
    (out / "bench.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(payload)
    (out / "bench.md").write_text(table, encoding="utf-8")
    plot(payload, out / "bench.png")
    print(table)
    return results


def readme_row(n: int, repeat: int) -> dict:
    """A real-world-shaped document (see ``generate_readme``): its parse time, and its site against bare Material."""
    with tempfile.TemporaryDirectory(prefix=f"bench-readme-{n}-") as tmp:
        work = Path(tmp)
        source = generate_readme(n, work)
        started = time.perf_counter()
        for _ in range(3):
            collection = parse_file(source)
        parse = (time.perf_counter() - started) / 3
        full = full_project(work / "full", source, None)
        bare = bare_project(work / "bare", source)
        a = best_of(repeat, full, work / "site-full")
        b = best_of(repeat, bare, work / "site-bare")
        return {
            "questions": len(collection.questions),
            "kilobytes": round(source.stat().st_size / 1024),
            "parse_s": round(parse, 3),
            "full_s": a["seconds"],
            "bare_s": b["seconds"],
            "ratio": round(a["seconds"] / b["seconds"], 3),
        }


def serve_rebuild(repeat: int = 7) -> dict:
    """Seconds from saving an edited answer to `mkdocs serve` reloading the browsers (seed size).

    Runs `mkdocs serve` on a copy of the project, edits one answer ``repeat`` times and
    reads serve's own log: the time to its "Reloading browsers" line, and the build time
    it reports for that rebuild.
    """
    import random
    import re
    import socket
    import threading

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        source = ROOT / "docs" / "advanced-generative-ai-qa.md"
        config = full_project(Path(tmp) / "p", source, ROOT / "docs" / "glossary.yml")
        target = config.parent / "docs" / "advanced-generative-ai-qa.md"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = subprocess.Popen(
            engine.command("serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        lines: list[tuple[float, str]] = []
        reader = threading.Thread(
            target=lambda: [lines.append((time.perf_counter(), line)) for line in process.stderr], daemon=True
        )
        reader.start()

        def wait_for(pattern: str, after: int, limit: float = 60) -> tuple[float, str]:
            deadline = time.perf_counter() + limit
            while time.perf_counter() < deadline:
                for stamp, line in lines[after:]:
                    if pattern in line:
                        return stamp, line
                time.sleep(0.02)
            raise SystemExit(f"mkdocs serve did not log {pattern!r}")

        try:
            wait_for("Serving on", 0)
            walls, builds = [], []
            jitter = random.Random(0)
            for k in range(repeat):
                # Let the watcher settle, and land each edit at another point of its 0.5 s
                # polling cycle (a fixed pause would measure the same point every time).
                time.sleep(1.0 + jitter.random() * 0.5)
                mark = len(lines)
                text = target.read_text(encoding="utf-8")
                saved = time.perf_counter()
                target.write_text(
                    text.replace("Non-probabilistic.", f"Non-probabilistic (edit {k}).", 1), encoding="utf-8"
                )
                stamp, _ = wait_for("Reloading browsers", mark)
                walls.append(stamp - saved)
                built = [line for _, line in lines[mark:] if "Documentation built in" in line]
                if built:
                    builds.append(float(re.search(r"built in ([0-9.]+)", built[-1]).group(1)))
        finally:
            process.terminate()
            process.wait(timeout=10)
    walls.sort()
    return {
        "save_to_reload_s": round(walls[0], 3),
        "save_to_reload_median_s": round(walls[len(walls) // 2], 3),
        "save_to_reload_max_s": round(walls[-1], 3),
        "reported_build_s": min(builds) if builds else None,
        "runs": repeat,
    }


def markdown_table(payload: dict) -> str:
    lines = [
        f"Machine: {payload['machine']}; best of {payload['repeat']} build(s) per cell.",
        "",
        "| N | terms | full s | bare s | full/bare | full MiB | bare MiB | ms/question (full) | site MB | HTML KB/question | search index KB (gzip) | home page KB (gzip) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in payload["results"]:
        f, b = r["full"], r["bare"]
        lines.append(
            f"| {r['questions']:,} | {r['terms']:,} | {f['seconds']:.2f} | {b['seconds']:.2f} | {r['ratio']:.2f} | "
            f"{f['peak_mib']:.0f} | {b['peak_mib']:.0f} | {r['ms_per_question_full']:.2f} | "
            f"{f['site_bytes'] / 1e6:.1f} | {f['html_bytes_per_question'] / 1024:.1f} | "
            f"{f['search_index_bytes'] / 1024:.0f} ({f['search_index_gzip_bytes'] / 1024:.0f}) | "
            f"{f['home_bytes'] / 1024:.0f} ({f['home_gzip_bytes'] / 1024:.0f}) |"
        )
    readme = payload.get("readme")
    if readme:
        lines += [
            "",
            f"A README-shaped document of {readme['questions']:,} questions ({readme['kilobytes']:,} KB: `## Q.` "
            f"questions without a marker, sections, TOC, code, tables, details): parsed in {readme['parse_s']:.2f} s; "
            f"site {readme['full_s']:.2f} s against bare Material's {readme['bare_s']:.2f} s ({readme['ratio']:.2f}).",
        ]
    rebuild = payload.get("serve_rebuild")
    if rebuild:
        lines += [
            "",
            f"`mkdocs serve` at seed size, from saving an edited answer to the browser reload: "
            f"{rebuild['save_to_reload_s']:.2f} s at best, {rebuild['save_to_reload_median_s']:.2f} s median, "
            f"{rebuild['save_to_reload_max_s']:.2f} s at worst ({rebuild['runs']} edits). Serve reports the "
            f"rebuild itself as {rebuild['reported_build_s']} s; the rest is its file watcher, which polls "
            "every 0.5 s.",
        ]
    for r in payload["results"]:
        if "full_without_glossary" in r:
            lines += [
                "",
                f"Glossary linking at N = {r['questions']:,} with {r['terms']:,} terms: "
                f"{r['full']['seconds']:.2f} s with linking, {r['full_without_glossary']['seconds']:.2f} s without.",
            ]
    return "\n".join(lines) + "\n"


def plot(payload: dict, path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # the plot is optional for the quick test run
        return
    rows = payload["results"]
    n = [r["questions"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(n, [r["full"]["seconds"] for r in rows], "o-", label="full site")
    left.plot(n, [r["bare"]["seconds"] for r in rows], "s--", label="bare Material")
    left.set(xscale="log", yscale="log", xlabel="questions", ylabel="build time (s)", title="Build time")
    left.legend()
    right.plot(n, [r["full"]["site_bytes"] / 1e6 for r in rows], "o-", label="full site")
    right.plot(n, [r["bare"]["site_bytes"] / 1e6 for r in rows], "s--", label="bare Material")
    right.set(xscale="log", yscale="log", xlabel="questions", ylabel="site size (MB)", title="Site size")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    run([int(s) for s in args.sizes.split(",")], args.out, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
