"""axe-core finds no violation on any page type in either palette; the keyboard reaches everything."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..conftest import Tab

pytestmark = pytest.mark.browser

Q4 = "/advanced-generative-ai-qa/4-compare-the-training-objectives-of-gans-vaes-and/"
PAGES = {
    "home": ("/", None),
    "question, answer closed": (Q4, None),
    "question, answer open": (Q4, "details#answer > summary"),
    "glossary": ("/glossary/", None),
    "tags": ("/tags/", None),
    "404": ("/404.html", None),
}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(tab: Tab, site_url: str, axe, name: str, scheme: str):
    path, click = PAGES[name]
    page = tab.page
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    if click:
        page.locator(click).click()
    violations = axe.run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


def focus_ring_visible(page) -> bool:
    """Whether the focused element looks different focused and unfocused (pixels, not CSS)."""
    box = page.evaluate(
        """() => {
          let el = document.activeElement;
          let r = el.getBoundingClientRect();
          if (r.width === 0 && el.id) {                // a hidden input drawn by its label
            el = document.querySelector(`label[for="${el.id}"]:not([hidden])`) || el;
            r = el.getBoundingClientRect();
          }
          return {x: Math.max(r.x - 6, 0), y: Math.max(r.y - 6, 0), width: r.width + 12, height: r.height + 12};
        }"""
    )
    settle = (
        "Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),"
        " new Promise(done => setTimeout(done, 400))])"
    )
    page.evaluate(settle)  # let focus transitions finish
    focused = page.screenshot(clip=box)
    page.evaluate("window.__qaFocus = document.activeElement; document.activeElement.blur()")
    page.evaluate(settle)
    unfocused = page.screenshot(clip=box)
    page.evaluate("window.__qaFocus.focus()")
    return focused != unfocused


def overlay_opens(page) -> bool:
    """Whether Material opens its search overlay (its answer to focus on the search box) within 2 s."""
    try:
        page.wait_for_function("document.getElementById('__search').checked", timeout=2000)
    except PlaywrightTimeout:
        return False
    return True


def test_keyboard_reaches_every_control_with_a_visible_focus_ring(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + Q4)
    page.wait_for_load_state("networkidle")
    seen, invisible = [], []
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.md-search__scrollwrap') !== null"):
            page.keyboard.press("Escape")  # leave the search overlay that focusing search opens
            continue
        name = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return e.tagName + ' ' + (e.getAttribute('aria-label') || e.innerText || '').trim().slice(0, 40); })()"
        )
        if name in seen or name.startswith("BODY"):
            continue
        seen.append(name)
        if name == "INPUT Search" and overlay_opens(page):
            continue  # focusing search opened Material's search overlay: that is its focus indication
        if name == "SUMMARY Answer" and page.evaluate("!document.querySelector('details#answer').open"):
            page.keyboard.press("Enter")  # open the answer, as a reader would: its links come next
        if not focus_ring_visible(page):
            invisible.append(name)
    texts = " | ".join(seen)
    for control in (
        "Skip to content",
        "Switch to dark mode",
        "INPUT Search",
        "SUMMARY Answer",
        "Evidence lower bound",
        "BUTTON all keys",
        "Next",
    ):
        assert control in texts, f"{control!r} is never focused: {texts}"
    assert invisible == []


def test_keyboard_operates_the_controls(tab: Tab, site_url: str):
    page = tab.page
    page.emulate_media(color_scheme="light")
    page.goto(site_url + Q4)
    page.wait_for_load_state("networkidle")
    body = page.locator("body")
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator("details#answer > summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("details#answer").get_attribute("open") is not None
    page.locator("details#answer a.qa-term").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/#generative-adversarial-network", wait_until="commit")
    page.locator("h3#generative-adversarial-network").wait_for()
    assert tab.errors == []


def test_keyboard_searches_and_opens_a_result(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + "/glossary/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.wait_for_function("document.getElementById('__search').checked")
    page.locator("input.md-search__input").press_sequentially("nucleus", delay=20)
    page.locator(".md-search-result__item a[href*='/9-']").first.wait_for()  # results are in
    in_results = "document.activeElement.closest('.md-search-result__item') !== null"
    for _ in range(3):  # Material re-renders results while the index settles; press again, as a reader would
        page.keyboard.press("ArrowDown")
        try:
            page.wait_for_function(in_results, timeout=1000)
            break
        except PlaywrightTimeout:
            continue
    assert page.evaluate(in_results), "ArrowDown never reached the results"
    page.keyboard.press("Enter")
    page.wait_for_url("**/9-explain-the-role-of-temperature-and-top-k/**", wait_until="commit")
    page.locator("h1#explain-the-role-of-temperature-and-top-ktop-p-sampling-in-generative-decoding").wait_for()
    assert tab.errors == []
