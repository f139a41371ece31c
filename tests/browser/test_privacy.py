"""Every page type makes zero requests outside the site's own origin (recorded in Chromium)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from ..conftest import Tab

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "question": "/advanced-generative-ai-qa/8-what-are-attention-bottlenecks-in-transformers-and-how/",
    "glossary": "/glossary/",
    "tags": "/tags/",
    "404": "/no-such-page/",
}


def served_404(site_url: str, path: str) -> str:
    # The static test server has no 404 rewrite; a host serves 404.html for unknown paths.
    return site_url + "/404.html" if path == "/no-such-page/" else site_url + path


@pytest.mark.parametrize("name", PAGES)
def test_page_type_requests_only_its_own_origin(tab: Tab, site_url: str, name: str):
    page = tab.page
    page.goto(served_404(site_url, PAGES[name]))
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 4000)  # anything loaded lazily is loaded now
    page.wait_for_timeout(300)
    origin = urlparse(site_url).netloc
    assert tab.requests, "no request was recorded"
    assert [u for u in tab.requests if urlparse(u).netloc != origin] == []
    assert tab.errors == []


def test_search_in_use_requests_only_its_own_origin(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("attention", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    origin = urlparse(site_url).netloc
    assert any("search_index.json" in u for u in tab.requests)
    assert [u for u in tab.requests if urlparse(u).netloc != origin] == []
