"""The hostile content (``tests/content/hostile.md``) in Chromium: no dialog, no error, and the
glossary's tooltips show its definitions as text. ``tests/built/test_content_safety.py`` reads
the same build's HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import serve
from ..helpers import question_pages

pytestmark = pytest.mark.browser


def test_nothing_runs_in_the_browser(browser, hostile_site: Path):
    server, url = serve(hostile_site)
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors, shown = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for path in ["/", "/glossary/"] + [
            "/" + str(p.parent.relative_to(hostile_site)) + "/" for p in question_pages(hostile_site)
        ]:
            page.goto(url + path)
            if page.locator("details#answer > summary").count():
                page.locator("details#answer > summary").click()
                page.locator("a.qa-term").first.hover()
                tooltip = page.locator("[role=tooltip][class*=--active]")
                tooltip.wait_for()
                shown.append(tooltip.inner_text())
            page.wait_for_timeout(200)
        page.goto(url + "/")
        assert "Intro with  and jinja" not in page.locator("article").inner_text()
        assert "Intro with and {% if true %}jinja{% endif %}." in " ".join(page.locator("article").inner_text().split())
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []
    assert errors == []
    assert shown == [
        "A widget \"><img src=x onerror=alert('tooltip')> </details> <script>alert('short')</script>",
        "A gadget & friends.",
    ]
