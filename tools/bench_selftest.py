#!/usr/bin/env python3
"""The self-test at scale: its page's weight, and how soon a phone-class CPU can study.

Builds a site of generated questions with answers of about 1.3 KB (``benchlib.generate``,
``long_answers``) and, in the same run:

* serves it over HTTP on 127.0.0.1 and drives Chromium (Playwright, the browser the tests
  use) at 4x CPU throttling (``Emulation.setCPUThrottlingRate``) with a 390 x 844 viewport:
  the time until a question page is ready (its load event, then a free main thread) and the
  time until the self-test's first card is interactive (its "Show answer" button there,
  then a free main thread), each from a fresh browser profile, several runs, median; the
  ratio of the two medians is the figure.
* the self-test page's HTML as served (bytes, and gzipped) at each size of ``--sizes``,
  with what its first card fetches besides the scripts (the card data).

Writes selftest.md and selftest.json into the output folder.

Usage: python tools/bench_selftest.py [--questions 1000] [--sizes 1000,5000] [--runs 7] [--out bench-results]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from benchlib import ROOT, full_project, generate, timed_build

sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

THROTTLE = 4
VIEWPORT = {"width": 390, "height": 844}
COLLECTION = "advanced-generative-ai-qa"

# Runs in the page before its own scripts. "Ready" is the first task after the moment that
# counts: a reader's tap waits for whatever runs before that task, as this does.
READY = """
window.__qaReady = new Promise((resolve) => {
  const settle = () => setTimeout(() => resolve(performance.now()), 0);
  if (location.pathname.endsWith('/self-test/')) {
    const seen = () => document.querySelector('.qa-st-card [data-act=reveal]');
    const watch = new MutationObserver(() => { if (seen()) { watch.disconnect(); settle(); } });
    document.addEventListener('DOMContentLoaded', () => seen() ? settle() : watch.observe(document.body, { childList: true, subtree: true }));
  } else {
    addEventListener('load', settle);
  }
});
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a profile closed while a file was on its way: the next run asks again


def serve(site: Path) -> tuple[_Server, str]:
    """The site on 127.0.0.1, as files (a host's compression is no cost of the page's)."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build(n: int, work: Path) -> tuple[Path, float]:
    """A site of ``n`` generated questions with long answers: (its folder, build seconds)."""
    source, glossary = generate(n, work, long_answers=True)
    config = full_project(work / "project", source, glossary)
    site = work / "site"
    return site, timed_build(config, site)["seconds"]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))  # a static host's usual level


def page_weight(site: Path) -> dict:
    """The self-test page's HTML, raw and gzipped; a question page's for comparison."""
    page = (site / "self-test" / "index.html").read_bytes()
    question = next(iter(sorted((site / COLLECTION).glob("1-*/index.html")))).read_bytes()
    return {
        "selftest_html_bytes": len(page),
        "selftest_html_gzip_bytes": gz(page),
        "question_html_gzip_bytes": gz(question),
    }


def first_card(browser, url: str, path: str) -> tuple[float, list[str]]:
    """Milliseconds from navigation to ready, in a fresh profile at 4x CPU; the URLs fetched."""
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.add_init_script(READY)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    try:
        page.goto(url + path, wait_until="commit")
        ms = page.evaluate("window.__qaReady")
    finally:
        context.close()
    return ms, fetched


def timings(site: Path, runs: int) -> dict:
    """Question page and self-test, alternating, ``runs`` times each from a fresh profile."""
    from playwright.sync_api import sync_playwright

    question = "/" + next(iter(sorted((site / COLLECTION).glob("1-*/")))).relative_to(site).as_posix() + "/"
    server, url = serve(site)
    question_ms, selftest_ms = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            first_card(browser, url, question)  # the browser's own first start is no page's cost
            for _ in range(runs):
                question_ms.append(first_card(browser, url, question)[0])
                ms, fetched = first_card(browser, url, "/self-test/")
                selftest_ms.append(ms)
            browser.close()
    finally:
        server.shutdown()
    data = sorted({u.split(url, 1)[1] for u in fetched if "/self-test/" in u and u.endswith(".json")})
    q, s = statistics.median(question_ms), statistics.median(selftest_ms)
    return {
        "runs": runs,
        "question_ready_ms": [round(x) for x in question_ms],
        "selftest_ready_ms": [round(x) for x in selftest_ms],
        "question_ready_median_ms": round(q),
        "selftest_ready_median_ms": round(s),
        "ratio": round(s / q, 2),
        "card_data_fetched": data,
        "card_data_gzip_bytes": sum(gz((site / u.lstrip("/")).read_bytes()) for u in data),
    }


def run(questions: int, sizes: list[int], runs: int, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    weights = []
    timed = None
    for n in sorted(set(sizes) | {questions}):
        with tempfile.TemporaryDirectory(prefix=f"bench-selftest-{n}-") as tmp:
            site, seconds = build(n, Path(tmp))
            print(f"N={n}: built in {seconds} s", flush=True)
            if n in sizes:
                weights.append({"questions": n, "build_s": seconds} | page_weight(site))
                print(f"N={n}: self-test page {weights[-1]['selftest_html_gzip_bytes']} bytes gzip", flush=True)
            if n == questions:
                timed = {"questions": n} | timings(site, runs)
                print(
                    f"N={n}: ready {timed['selftest_ready_median_ms']} ms against {timed['question_ready_median_ms']} ms, ratio {timed['ratio']}",
                    flush=True,
                )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    payload = {"machine": machine, "throttle": THROTTLE, "viewport": VIEWPORT, "timing": timed, "pages": weights}
    (out / "selftest.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    table = markdown(payload)
    (out / "selftest.md").write_text(table, encoding="utf-8")
    print(table)
    return payload


def markdown(payload: dict) -> str:
    t = payload["timing"]
    lines = [
        "# The self-test at scale",
        "",
        f"Generated questions with answers of about 1.3 KB (ten sentences and a code block). "
        f"Chromium at {payload['throttle']}x CPU throttling, {payload['viewport']['width']} x "
        f"{payload['viewport']['height']}, served over HTTP on 127.0.0.1, a fresh profile each run; "
        "ready is the first free task of the main thread after the question page's load event, or "
        "after the self-test's first card is on screen with its Show answer button. "
        f"Machine: {payload['machine']}. Command: `make bench-selftest`.",
        "",
        f"## Ready to study, {t['questions']:,} questions ({t['runs']} runs each, median)",
        "",
        "| page | median ms | runs (ms) |",
        "| --- | ---: | --- |",
        f"| a question page | {t['question_ready_median_ms']} | {', '.join(map(str, t['question_ready_ms']))} |",
        f"| the self-test, first card | {t['selftest_ready_median_ms']} | {', '.join(map(str, t['selftest_ready_ms']))} |",
        "",
        f"**Ratio: {t['ratio']}** (self-test / question page). Card data its first card fetched: "
        f"{', '.join(f'`{u}`' for u in t['card_data_fetched']) or 'none'} "
        f"({t['card_data_gzip_bytes']:,} bytes gzip).",
        "",
        "## The self-test page's HTML",
        "",
        "| questions | raw bytes | gzip bytes | a question page, gzip bytes | build s |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for w in payload["pages"]:
        lines.append(
            f"| {w['questions']:,} | {w['selftest_html_bytes']:,} | {w['selftest_html_gzip_bytes']:,} | "
            f"{w['question_html_gzip_bytes']:,} | {w['build_s']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=1000, help="the size whose times are measured")
    parser.add_argument("--sizes", default="1000,5000", help="sizes whose self-test page is weighed")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--site", type=Path, help="time this built site instead (no build, no weights)")
    args = parser.parse_args()
    if args.site:
        print(json.dumps(timings(args.site, args.runs) | page_weight(args.site), indent=2))
        return
    run(args.questions, [int(s) for s in args.sizes.split(",")], args.runs, args.out)


if __name__ == "__main__":
    main()
