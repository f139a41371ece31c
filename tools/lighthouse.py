#!/usr/bin/env python3
"""Front-end report: page weight against bare Material, and Lighthouse scores.

1. Builds the site and a bare-Material build of the same seed pages (tools/bench.py's
   baseline), serves both with gzip, and loads a question page of each in Chromium to sum
   the bytes transferred on first load.
2. Runs Lighthouse (pinned in tools/lighthouse, installed with npm on first use) with
   Debian's Chromium (or the browser QA_BROWSER names) on the home page, a question page,
   the glossary and the self-test, with the desktop and mobile presets, and prints the four
   category scores.

Results go to bench-results/frontend.json and bench-results/frontend.md.

Usage: python tools/lighthouse.py [--out bench-results] [--skip-lighthouse]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import ROOT, bare_project, timed_build
from gzip_server import start

# Debian's Chromium unless QA_BROWSER names another Chromium or Chrome executable.
CHROMIUM = os.environ.get("QA_BROWSER") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LIGHTHOUSE = ROOT / "tools" / "lighthouse"
QUESTION = "advanced-generative-ai-qa/4-compare-the-training-objectives-of-gans-vaes-and/"
PAGES = {"home": "", "question": QUESTION, "glossary": "glossary/", "self-test": "self-test/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
KATEX = "/javascripts/vendor/katex/"
# A page of the maths fixture with inline and display maths, and one without maths.
MATHS_DOCUMENT = ROOT / "tests" / "import" / "browser" / "maths.md"
MATHS_PAGES = {
    "with maths": "maths/2-what-is-the-expected-value-of-a-fair/",
    "without": "maths/1-what-is-a-random-variable/",
}


def transfer_bytes(url: str, open_answer: bool = False) -> dict:
    """Bytes transferred (headers + encoded bodies) by a first load of ``url`` in Chromium (and
    by opening its answer, with ``open_answer``: what the answer shows only then, fonts for one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if open_answer:
            page.locator("details#answer > summary").click()
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        total, by_type, katex = 0, {}, {}
        for request in responses:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            total += size
            by_type[request.resource_type] = by_type.get(request.resource_type, 0) + size
            if KATEX in request.url:
                katex[request.url.split(KATEX, 1)[1]] = size
        browser.close()
    return {"bytes": total, "requests": len(responses), "by_type": by_type, "katex": katex}


def page_weight(site: Path, bare_site: Path) -> dict:
    ours, ours_url = start(site)
    bare, bare_url = start(bare_site)
    try:
        full = transfer_bytes(f"{ours_url}/{QUESTION}")
        base = transfer_bytes(f"{bare_url}/{QUESTION}")
    finally:
        ours.shutdown()
        bare.shutdown()
    return {"full": full, "bare": base, "extra_bytes": full["bytes"] - base["bytes"]}


def maths_weight(work: Path) -> dict:
    """First loads of a page with maths and one without, on a site of the maths fixture: what KaTeX adds."""
    site = work / "maths-site"
    os.environ["QA_SOURCE"] = str(MATHS_DOCUMENT)
    try:
        timed_build(ROOT / "mkdocs.yml", site)
    finally:
        del os.environ["QA_SOURCE"]
    server, url = start(site)
    try:
        return {name: transfer_bytes(f"{url}/{path}", open_answer=True) for name, path in MATHS_PAGES.items()}
    finally:
        server.shutdown()


def ensure_lighthouse() -> Path:
    cli = LIGHTHOUSE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE, check=True)
    return cli


def lighthouse(site: Path, out: Path) -> dict:
    cli = ensure_lighthouse()
    server, url = start(site)
    scores: dict = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        for preset in ("desktop", "mobile"):
            for name, path in PAGES.items():
                report = out / f"lighthouse-{name}-{preset}.json"
                command = [
                    "node",
                    str(cli),
                    f"{url}/{path}",
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--chrome-flags=--headless=new {' '.join(FLAGS)}",
                    f"--only-categories={','.join(CATEGORIES)}",
                ]
                if preset == "desktop":
                    command.append("--preset=desktop")
                subprocess.run(command, env=env, check=True, timeout=300)
                data = json.loads(report.read_text(encoding="utf-8"))
                scores[f"{name} ({preset})"] = {c: data["categories"][c]["score"] for c in CATEGORIES}
                failed = [
                    audit["id"]
                    for audit in data["audits"].values()
                    if audit.get("score") is not None
                    and audit["score"] < 1
                    and audit.get("scoreDisplayMode") == "binary"
                ]
                scores[f"{name} ({preset})"]["failed_audits"] = failed
    finally:
        server.shutdown()
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--skip-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="frontend-") as tmp:
        work = Path(tmp)
        site, bare_site = work / "site", work / "bare-site"
        timed_build(ROOT / "mkdocs.yml", site)
        timed_build(bare_project(work / "bare", ROOT / "docs" / "advanced-generative-ai-qa.md"), bare_site)
        report = {"page_weight": page_weight(site, bare_site), "maths": maths_weight(work)}
        if not args.skip_lighthouse:
            report["lighthouse"] = lighthouse(site, args.out)
    (args.out / "frontend.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    weight = report["page_weight"]
    lines = [
        "First load of a question page (gzip, bytes on the wire):",
        "",
        "| build | bytes | requests |",
        "|---|---:|---:|",
        f"| full site | {weight['full']['bytes']:,} | {weight['full']['requests']} |",
        f"| bare Material | {weight['bare']['bytes']:,} | {weight['bare']['requests']} |",
        f"| difference | {weight['extra_bytes']:,} | |",
        "",
        "First load of a question page of the maths fixture (tests/import/browser/maths.md), answer opened:",
        "",
        "| page | bytes | requests | KaTeX bytes | KaTeX requests |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, load in report["maths"].items():
        katex = load["katex"]
        lines.append(f"| {name} | {load['bytes']:,} | {load['requests']} | {sum(katex.values()):,} | {len(katex)} |")
    for name, size in sorted(report["maths"]["with maths"]["katex"].items()):
        lines.append(f"| · {name} | | | {size:,} | |")
    if "lighthouse" in report:
        lines += ["", "| page | performance | accessibility | best practices | SEO |", "|---|---:|---:|---:|---:|"]
        for page, s in report["lighthouse"].items():
            lines.append(
                f"| {page} | {s['performance']:.2f} | {s['accessibility']:.2f} | {s['best-practices']:.2f} | {s['seo']:.2f} |"
            )
    table = "\n".join(lines) + "\n"
    (args.out / "frontend.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
