"""KaTeX in Chromium: loaded from the site itself, only by pages with maths, once per visit, and
every formula typeset, on the first page and on each page reached by instant navigation.

The site is a real build of ``tests/import/browser/maths.md`` (``QA_SOURCE``), served at the
address it was built for, so Material's instant navigation takes over its links.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..conftest import ROOT, Tab, free_port, mkdocs_build, serve

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "import" / "browser" / "maths.md"
KATEX = "/javascripts/vendor/katex/"
PAGES: dict[int, str] = {}  # question -> its page, from the build
WITH_MATHS = {2: 4, 3: 2, 4: 4, 6: 3}  # question -> formulas in its answer
TITLES = {
    1: "What is a random variable?",
    2: "What is the expected value of a fair six-sided die?",
    3: "How is the variance of a random variable defined?",
    4: "State Bayes' theorem",
    5: "A ticket costs $5 and a programme $10: how much do two friends spend on both?",
    6: "What does the law of large numbers say?",
}

TYPESET = """() => {
  const maths = [...document.querySelectorAll('.arithmatex')];
  return maths.length > 0 && maths.every((el) => el.querySelector('.katex'));
}"""
# The text a reader sees of the answer: KaTeX's MathML copy (read by screen readers, not shown) left out.
SHOWN_TEXT = """() => {
  const answer = document.querySelector('details#answer').cloneNode(true);
  answer.querySelectorAll('.katex-mathml').forEach((el) => el.remove());
  return answer.textContent;
}"""


@pytest.fixture(scope="module")
def maths_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("maths-browser")
    port = free_port()
    result = mkdocs_build(site, site_url=f"http://127.0.0.1:{port}/", env={"QA_SOURCE": str(FIXTURE)})
    assert result.returncode == 0, result.stderr
    folders = sorted(p.parent.name for p in Path(site, "maths").glob("*/index.html"))
    assert [int(name.split("-", 1)[0]) for name in folders] == sorted(TITLES)
    PAGES.update({int(name.split("-", 1)[0]): f"/maths/{name}/" for name in folders})
    server, url = serve(site, port)
    yield url
    server.shutdown()


def katex_requests(tab: Tab) -> list[str]:
    return [urlparse(u).path.split(KATEX, 1)[1] for u in tab.requests if KATEX in u]


def off_origin(tab: Tab, url: str) -> list[str]:
    return [u for u in tab.requests if urlparse(u).netloc != urlparse(url).netloc]


@pytest.mark.parametrize("number", [0, 1, 5], ids=["home", "no-maths", "money"])
def test_a_page_without_maths_loads_nothing_for_it(tab: Tab, maths_url: str, number: int):
    page = tab.page
    page.goto(maths_url + (PAGES[number] if number else "/"))
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    assert any(u.endswith("/javascripts/maths.js") for u in tab.requests), "the maths loader ran on this page"
    assert katex_requests(tab) == []
    assert page.evaluate("typeof window.katex") == "undefined"
    assert page.locator('link[href*="katex"], script[src*="katex"]').count() == 0
    assert off_origin(tab, maths_url) == []
    assert tab.errors == []
    if number == 5:
        page.locator("details#answer > summary").click()
        assert (
            "Each pays $5 and $10, so $15 a head and $30 for the pair." in page.locator("details#answer").inner_text()
        )


@pytest.mark.parametrize("number", sorted(WITH_MATHS))
def test_every_formula_of_a_maths_page_is_typeset_with_the_sites_own_katex(tab: Tab, maths_url: str, number: int):
    page = tab.page
    statuses: dict[str, int] = {}
    page.on("response", lambda response: statuses.__setitem__(response.url, response.status))
    page.goto(maths_url + PAGES[number])
    page.wait_for_function(TYPESET)
    page.locator("details#answer > summary").click()
    answer = page.locator("details#answer")
    assert answer.locator(".arithmatex").count() == WITH_MATHS[number]
    assert answer.locator(".arithmatex .katex").count() == WITH_MATHS[number]
    assert answer.locator(".katex-error").count() == 0
    for formula in answer.locator(".arithmatex .katex-html").all():
        box = formula.bounding_box()
        assert box is not None
        assert box["width"] > 5
        assert box["height"] > 5
    display = answer.locator("div.arithmatex .katex-display")
    assert display.count() >= 1  # $$…$$ and math fences are typeset as display maths
    shown = page.evaluate(SHOWN_TEXT)
    for source in ("$$", "\\(", "\\[", "\\frac", "\\sum"):
        assert source not in shown, f"{source} is shown as written"
    # The fonts come from the site's copy, through the stylesheet's relative URLs.
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math')")
    loaded = katex_requests(tab)
    assert loaded.count("katex.min.js") == 1
    assert loaded.count("katex.min.css") == 1
    assert any(name.startswith("fonts/") and name.endswith(".woff2") for name in loaded)
    assert {u: s for u, s in statuses.items() if KATEX in u and s != 200} == {}
    assert off_origin(tab, maths_url) == []
    assert tab.errors == []


def test_katex_loads_once_and_typesets_each_page_instant_navigation_brings(tab: Tab, maths_url: str):
    page = tab.page
    page.goto(maths_url + PAGES[1])
    page.wait_for_load_state("networkidle")
    assert katex_requests(tab) == []
    page.evaluate("window.__sameDocument = true")  # gone if a link loads a new document
    for number in range(2, 7):
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url(f"**{PAGES[number]}")
        page.wait_for_function(
            "(title) => document.querySelector('h1').textContent.startsWith(title)", arg=TITLES[number]
        )
        if number in WITH_MATHS:
            page.wait_for_function(TYPESET)
            assert page.locator("details#answer .arithmatex .katex").count() == WITH_MATHS[number]
        else:
            assert page.locator(".arithmatex").count() == 0
    assert page.evaluate("window.__sameDocument") is True, "the pages came by instant navigation"
    loaded = katex_requests(tab)
    assert loaded.count("katex.min.js") == 1
    assert loaded.count("katex.min.css") == 1
    # The stylesheet is still in the page (instant navigation replaces <head> with the next page's).
    assert page.locator('link[href$="katex.min.css"]').count() == 1
    assert page.evaluate("[...document.styleSheets].some((s) => (s.href || '').endsWith('katex.min.css'))")
    font = page.locator("details#answer .katex").first.evaluate("(el) => getComputedStyle(el).fontFamily")
    assert font.startswith("KaTeX_Main")
    assert off_origin(tab, maths_url) == []
    assert tab.errors == []
