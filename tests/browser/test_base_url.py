"""The site in Chromium under a base path: built for and served at http://127.0.0.1:PORT/study/.

GitHub Pages serves a project site at /<repo>/. The server (conftest.PrefixServer) answers
only under /study/, with the site's 404 page for a missing file there, so anything that
assumes the site lives at / breaks here as it would on Pages. No request may leave
/study/ or go to another origin.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..conftest import PrefixServer, Tab
from ..helpers import read_package

pytestmark = pytest.mark.browser

Q = "advanced-generative-ai-qa/"
Q1 = Q + "1-explain-the-difference-between-autoregressive-autoencoding/"
Q2 = Q + "2-how-does-classifier-free-guidance-work-in-diffusion/"


# Day intervals fall due at local midnight: in the last hour of a day "tomorrow" reads "in
# 40 minutes". The self-test checks run at a fixed local noon, so they read the same at any hour.
NOON = datetime.datetime(2026, 1, 15, 12, 0)


def at(url: str) -> re.Pattern:
    """``url`` exactly, give or take a query (search.highlight adds ``?h=``) and a fragment
    (navigation.tracking adds the current heading's)."""
    return re.compile(re.escape(url) + r"(\?[^#/]*)?(#[^/]*)?$")


# Paths outside /study/ that the browser itself asks for, not the site: Chromium's PDF
# viewer asks the origin for /favicon.ico, as it does for any document without an icon link.
BROWSER_OWN = {"/favicon.ico"}


@pytest.fixture
def study(request: pytest.FixtureRequest, tab: Tab, study_server: PrefixServer):
    """The tab and the server; afterwards, no request went anywhere but under /study/."""
    asked_before = len(study_server.paths)
    yield tab, study_server
    allowed = BROWSER_OWN if request.node.get_closest_marker("pdf_viewer") else set()
    # data: and blob: URLs and the browser's own PDF viewer (chrome-extension:, chrome:) reach no server.
    inside = (study_server.url, "data:", "blob:", "chrome-extension:", "chrome:")
    assert [u for u in tab.requests if not u.startswith(inside)] == [], "requests outside the base path or origin"
    assert [p for p in study_server.paths[asked_before:] if not p.startswith("/study/") and p not in allowed] == []


def test_instant_navigation_between_question_pages_stays_under_the_base_path(study):
    tab, server = study
    page = tab.page
    page.goto(server.url + Q1)
    page.evaluate("window.qaSameDocument = true")  # gone after a full page load
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(at(server.url + Q2), wait_until="commit")
    page.get_by_role("heading", level=1, name=re.compile("classifier-free guidance")).wait_for()
    assert page.evaluate("window.qaSameDocument === true"), "instant navigation, not a full page load"
    page.locator("a.md-footer__link--prev").click()
    page.wait_for_url(at(server.url + Q1), wait_until="commit")
    page.get_by_role("heading", level=1, name=re.compile("autoregressive, autoencoding")).wait_for()
    assert page.evaluate("window.qaSameDocument === true")
    assert tab.errors == []


def test_search_finds_a_question_and_opens_it(study):
    tab, server = study
    page = tab.page
    page.goto(server.url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("classifier-free", delay=20)
    result = page.locator(".md-search-result__item > a").first
    result.wait_for()
    assert result.get_attribute("href").startswith(server.url + Q2)
    result.click()
    page.wait_for_url(at(server.url + Q2), wait_until="commit")
    page.get_by_role("heading", level=1, name=re.compile("classifier-free guidance")).wait_for()
    assert tab.errors == []


def open_the_first_card(study):
    """The self-test at a fixed local noon, its first card's answer shown: (tab, server, page)."""
    tab, server = study
    page = tab.page
    page.clock.set_fixed_time(NOON)
    page.goto(server.url + "self-test/")
    page.locator(".qa-st-panel").wait_for()
    page.get_by_role("button", name="Show answer").click()
    return tab, server, page


def test_a_card_is_revealed_and_rated_in_the_self_test(study):
    tab, _server, page = open_the_first_card(study)
    assert page.locator(".qa-st-card").get_by_text("Generate data sequentially").is_visible()
    page.locator(".qa-st-rate").get_by_role("button", name=re.compile("Good")).click()
    # A new card rated Good comes back after FSRS's learning step, in minutes.
    assert re.fullmatch(
        r"Rated Good: question 1 is due again in \d+ minutes\.", page.locator(".qa-st-last").inner_text()
    )
    assert page.locator(".qa-st-card h2").inner_text().startswith("2. ")
    assert tab.errors == []


def test_the_question_page_shows_the_rating_given_in_the_self_test(study):
    _tab, server, page = open_the_first_card(study)
    page.locator(".qa-st-rate").get_by_role("button", name=re.compile("Good")).click()
    page.locator(".qa-st-last").wait_for()
    page.goto(server.url + Q1)
    status = page.locator("p.qa-selftest-status")
    # Waits for the self-test scripts to fill the line in; an AssertionError names what it shows instead.
    expect(status).to_have_text(
        re.compile(r"^Self-test: rated Good · due in \d+ minutes · practise this card$"), timeout=10_000
    )
    assert (
        status.get_by_role("link").get_attribute("href") == server.url + "self-test/#card-advanced-generative-ai-qa-1"
    )


def test_the_anki_deck_links_download_the_deck(study, tmp_path: Path):
    # With the script, the deck's paragraph is in the Progress panel: the package, then the text file.
    tab, server = study
    page = tab.page
    page.goto(server.url + "self-test/")
    page.get_by_role("button", name="Progress").click()
    with page.expect_download() as event:
        page.get_by_role("link", name=re.compile("download the deck")).click()
    download = event.value
    assert download.url == server.url + "self-test/anki-deck.apkg"
    package = tmp_path / download.suggested_filename
    download.save_as(package)
    assert len(read_package(package)["notes"]) == 10
    with page.expect_download() as event:
        page.get_by_role("link", name="text file").click()
    download = event.value
    assert download.url == server.url + "self-test/anki-deck.txt"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    notes = [line for line in saved.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(notes) == 10
    assert "autoregressive, autoencoding" in notes[0]


@pytest.mark.pdf_viewer
def test_the_pdf_link_gets_the_book(study):
    # The link has no download attribute (the Anki deck's has), so Chromium shows the book
    # in its PDF viewer rather than saving it: what matters is that the book arrives.
    tab, server = study
    page = tab.page
    page.goto(server.url)
    book = server.url + "advanced-generative-ai-qa.pdf"
    with page.expect_response(book) as event:
        page.get_by_role("link", name=re.compile("Download PDF")).click()
    response = event.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    data = page.request.get(book).body()
    assert data[:5] == b"%PDF-"
    assert len(data) > 20_000


@pytest.mark.parametrize("missing", ["no-such-page/", "advanced-generative-ai-qa/99-gone/deeper/"])
def test_the_404_page_is_styled_for_a_missing_page_under_the_base_path(study, missing: str):
    tab, server = study
    page = tab.page
    styles = []
    page.on("response", lambda r: r.request.resource_type == "stylesheet" and styles.append((r.url, r.status)))
    response = page.goto(server.url + missing)
    assert response.status == 404
    page.get_by_role("heading", level=1, name="Page not found").wait_for()
    assert styles, "the 404 page loads stylesheets"
    assert all(status == 200 for _, status in styles), styles
    assert all(url.startswith((server.url + "assets/", server.url + "stylesheets/")) for url, _ in styles)
    header = page.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    home = page.locator("a.md-header__button.md-logo")
    assert home.get_attribute("href") in (server.url, server.url.removesuffix("/"), "/study/", "/study")
