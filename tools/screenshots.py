#!/usr/bin/env python3
"""The README's screenshots: a question page and the self-test, in the light and the dark palette.

Builds the seed site into a temporary folder for the address it is served at (127.0.0.1, a
free port), so instant navigation and the scripts run as on a real host; opens each page in
Chromium (QA_BROWSER, else Debian's) at 1280x800; and writes palette PNGs into ``readme/``.
Quantized to 128 colours, a screenshot of text keeps its look at a third of the bytes.

Usage: python tools/screenshots.py [--out readme]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import engine
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
BROWSER = os.environ.get("QA_BROWSER") or "/usr/bin/chromium"
# The tests' launch arguments: no sandbox (containers), and no request the site did not make.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "advanced-generative-ai-qa/7-describe-how-lora-low-rank-adaptation-enables-efficient/"
TERM = "trainable parameters"  # a glossary link in that answer: its definition box is in the picture


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shoot(base: str, work: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER, args=ARGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
            page = context.new_page()
            page.goto(base + QUESTION)
            page.wait_for_load_state("networkidle")
            page.keyboard.press("a")  # the answer, open
            page.evaluate("document.activeElement && document.activeElement.blur()")
            page.locator("#answer a.qa-term", has_text=TERM).first.hover()
            page.wait_for_timeout(600)
            shots.append(work / f"question-{scheme}.png")
            page.screenshot(path=str(shots[-1]))
            page.goto(base + "self-test/")
            page.wait_for_load_state("networkidle")
            page.keyboard.press("Space")  # the first card's answer, and the rating buttons
            page.wait_for_timeout(600)
            shots.append(work / f"selftest-{scheme}.png")
            page.screenshot(path=str(shots[-1]))
            context.close()
        browser.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "readme")
    args = parser.parse_args(argv)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        work, site = Path(tmp), Path(tmp) / "site"
        env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
        command = engine.command("build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site))
        subprocess.run(command, env=env, check=True, capture_output=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            shots = shoot(base, work)
        finally:
            server.shutdown()
        args.out.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            image = Image.open(shot).convert("RGB")
            small = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            small.save(args.out / shot.name, optimize=True)
            print(f"{args.out / shot.name}: {(args.out / shot.name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
