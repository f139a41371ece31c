"""A stranger's document opened in Chromium (``tests/hostile.py``): nothing in it runs on any page,
and its title and link titles show as the text it wrote."""

from __future__ import annotations

import pytest

from ..conftest import serve

pytestmark = pytest.mark.browser


def test_nothing_runs_on_any_page(browser, hostile):
    _, site, _ = hostile
    server, url = serve(site)
    dialogs: list[str] = []
    try:
        context = browser.new_context()
        context.add_init_script("window.alert = window.confirm = window.prompt = () => { window.__qa_pwned = 1; };")
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
        for path in pages:
            page.goto(f"{url}/{'' if path == '.' else path + '/'}")
            page.wait_for_load_state("load")
            assert page.evaluate("window.__qa_pwned") is None, path
            assert page.locator("article").inner_text().strip(), f"{path} shows nothing"
        page.goto(f"{url}/")
        header = page.locator(".md-header__topic").first.inner_text()
        assert "<img src=x onerror=window.__qa_pwned=1>" in header
        page.goto(f"{url}/readme/3-does-anything-run/")
        page.locator("details#answer > summary").click()
        page.get_by_text("titled link").hover()
        tip = page.locator(".md-tooltip2__inner").filter(has_text="a <b> &")
        tip.wait_for()
        assert tip.inner_text().strip() == "a <b> & <img src=x onerror=window.__qa_pwned=1>"
        assert page.evaluate("window.__qa_pwned") is None
        context.close()
    finally:
        server.shutdown()
    assert dialogs == []
