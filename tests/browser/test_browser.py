"""The site in Debian's Chromium: answers, search, palette, console, requests."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..conftest import Tab
from ..helpers import question_pages, soup

pytestmark = pytest.mark.browser

Q = "/advanced-generative-ai-qa/"
Q1 = Q + "1-explain-the-difference-between-autoregressive-autoencoding/"


def off_origin(tab: Tab) -> list[str]:
    return [u for u in tab.requests if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]


def test_answer_hidden_then_shown_by_click(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + Q1)
    answer_text = page.get_by_text("Generate data sequentially")
    assert not answer_text.is_visible()
    page.locator("details#answer > summary").click()
    assert answer_text.is_visible()
    assert tab.errors == []
    assert off_origin(tab) == []


@pytest.mark.parametrize("key", ["Enter", " "])
def test_answer_opens_from_the_keyboard(tab: Tab, site_url: str, key: str):
    page = tab.page
    page.goto(site_url + Q1)
    page.locator("details#answer > summary").focus()
    page.keyboard.press("Space" if key == " " else key)
    assert page.get_by_text("Generate data sequentially").is_visible()


def test_search_finds_questions_by_topic(tab: Tab, site_url: str, built_site: Path):
    # "adversarial" is in no question's text, only in the topic "Generative adversarial networks":
    # search finds the questions through their topics (the Topics page is left out of the index),
    # and the glossary entries that name it.
    tagged = {
        page.parent.name
        for page in question_pages(built_site)
        if "Generative adversarial networks" in [t.get_text(strip=True) for t in soup(page).select(".md-tag")]
    }
    assert tagged
    page = tab.page
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("adversarial", delay=20)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for()
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    found = {urlparse(href).path.rstrip("/").split("/")[-1] for href in hrefs if Q in href}
    assert found == tagged
    assert tab.errors == []


def test_link_to_answer_opens_it(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + Q1 + "#answer")
    page.wait_for_function("document.querySelector('details#answer').open")
    assert page.get_by_text("Generate data sequentially").is_visible()


def test_answer_opens_with_javascript_off(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + Q1)
    text = page.get_by_text("Generate data sequentially")
    assert not text.is_visible()
    page.locator("details#answer > summary").click()
    assert text.is_visible()
    context.close()


@pytest.mark.parametrize(
    ("query", "number"),
    [("nucleus", 9), ("ELBO", 4), ("low-rank", 7), ("minibatch discrimination", 5)],
)
def test_search_finds_the_question(tab: Tab, site_url: str, query: str, number: int):
    page = tab.page
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")  # the search index is loaded
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    href = first.get_attribute("href")
    assert re.search(rf"/{number}-[^/]+/", href), href
    first.click()
    page.wait_for_url(re.compile(rf"/{number}-[^/]+/"), wait_until="commit")
    page.locator("details#answer").wait_for()  # the question page's content is in
    assert page.locator(".qa-eyebrow").inner_text() == f"Question {number} of 10"
    assert tab.errors == []
    assert off_origin(tab) == []


def test_palette_toggle_switches_dark_and_light(tab: Tab, site_url: str):
    page = tab.page
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for=__palette_1]").click()  # titled "Switch to dark mode"
    assert body.get_attribute("data-md-color-scheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.locator("label[for=__palette_0]").click()
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_every_page_type_loads_cleanly(tab: Tab, site_url: str):
    page = tab.page
    for path in ("/", Q1, Q + "9-explain-the-role-of-temperature-and-top-k/", "/404.html"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(site_url + "/")
    page.get_by_role("link", name=re.compile("^2\\. How does classifier-free")).first.click()
    page.wait_for_url(re.compile("/2-how-does"), wait_until="commit")
    assert tab.errors == []
    assert off_origin(tab) == []
    assert len(tab.requests) > 5


Q4 = Q + "4-compare-the-training-objectives-of-gans-vaes-and/"


def test_glossary_tooltip_on_hover_and_focus_then_click_lands_on_entry(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + Q4)
    page.locator("details#answer > summary").click()
    link = page.locator("details#answer a.qa-term[href$='#evidence-lower-bound']")
    link.hover()
    tooltip = page.locator("[role=tooltip][class*=--active]")
    tooltip.wait_for()
    assert tooltip.inner_text().startswith("A tractable lower bound on the log-likelihood")
    page.mouse.move(0, 0)
    page.locator("details#answer a.qa-term").first.focus()
    page.keyboard.press("Tab")  # the next term link, reached from the keyboard
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.endswith("#minimax-game")
    page.locator("[role=tooltip][class*=--active]").filter(has_text="two-player zero-sum").wait_for()
    link.click()
    page.wait_for_url(re.compile(r"/glossary/#evidence-lower-bound$"), wait_until="commit")
    heading = page.locator("h3#evidence-lower-bound")
    heading.wait_for()  # instant navigation changes the URL before it swaps the content in
    page.wait_for_function(
        "() => { const e = document.getElementById('evidence-lower-bound');"
        " if (!e) return false; const r = e.getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )
    assert heading.is_visible()
    assert tab.errors == []
    assert off_origin(tab) == []


LAYOUT_SHIFTS = """
window.__qaShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__qaShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("path", ["/", Q1, "/glossary/", "/self-test/", "/tags/"])
def test_nothing_moves_when_the_scripts_arrive_late(browser, site_url: str, path: str):
    # A browser may paint before Material's bundle (end of the body) has run; on a slow
    # connection it does. Hold the bundle back, so that first paint is the no-script one:
    # the page must not move when the scripts then run (Lighthouse's layout shift).
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)

    def late(route):
        time.sleep(0.5)
        route.continue_()

    page.route("**/assets/javascripts/bundle.*.js", late)
    page.goto(site_url + path)
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.wait_for_timeout(800)  # the self-test app fills its place, the footer settles
    shift = page.evaluate("window.__qaShift")
    context.close()
    assert shift < 0.02, f"layout shift {shift:.3f} on {path}"
