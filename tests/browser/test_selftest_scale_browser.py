"""The self-test of a larger document (120 generated questions, answers of about 1.3 KB) in
Chromium: the card data fetched as needed and kept to study offline, new cards a day,
reviews first, and key points that leave a deep dive out."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT, Tab, mkdocs_build, serve
from ..helpers import copy_project

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "tools"))
from benchlib import generate  # noqa: E402

QUESTIONS = 120
ST = "/self-test/"
KEY = "qa-study:/"
DAY_MS = 86_400_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory):
    """(URL, site folder) of a site of 120 generated questions, built for the address it is served at."""
    work = tmp_path_factory.mktemp("big")
    source, glossary = generate(QUESTIONS, work, long_answers=True)
    config = copy_project(work / "project")
    shutil.copy(source, work / "project" / "docs" / "advanced-generative-ai-qa.md")
    shutil.copy(glossary, work / "project" / "docs" / "glossary.yml")
    site = work / "site"
    site.mkdir()
    server, url = serve(site)
    result = mkdocs_build(site, config, site_url=url + "/")
    assert result.returncode == 0, result.stderr
    yield url, site
    server.shutdown()


def index_path(site: Path) -> Path:
    [path] = (site / "self-test" / "cards").glob("index.*.json")
    return path


def index_of(site: Path) -> dict:
    return json.loads(index_path(site).read_text(encoding="utf-8"))


def card_files(urls: list[str]) -> list[str]:
    """The card data files among the addresses a tab fetched, in order, each once."""
    found = [u.rsplit("/", 1)[1] for u in urls if "/self-test/cards/" in u]
    return list(dict.fromkeys(found))


def open_self_test(page, url: str, path: str = ST):
    page.goto(url + path)
    page.locator(".qa-st-panel").wait_for()
    return page


def rate(page, rating: str) -> None:
    page.get_by_role("button", name="Show answer").click()
    page.locator(".qa-st-rate").get_by_role("button", name=re.compile(rating)).click()


def meta(page) -> str:
    """The card's counter, not the "Loading…" beside it while the card's file comes."""
    return page.locator(".qa-st-card .qa-st-meta:not([role=status])").inner_text()


def test_a_first_visit_fetches_the_index_and_the_first_cards_only(tab: Tab, big):
    url, site = big
    index = index_of(site)
    assert len(index["files"]) > 5, "the cards are split into files"
    page = open_self_test(tab.page, url)
    assert page.locator(".qa-st-card h2").inner_text().startswith("1. How does the")
    # The page preloads the index (the app reads that response), then the first cards' file.
    assert [u for u in tab.requests if "/self-test/cards/index." in u] == [
        url + "/self-test/cards/" + index_path(site).name
    ]
    assert card_files(tab.requests) == [index_path(site).name, index["files"][0]]
    html = (site / "self-test" / "index.html").read_text(encoding="utf-8")
    assert "The sparse encoder conditions" not in html, "no answer on the page"
    assert tab.errors == []


def test_cards_once_opened_are_studied_offline(browser, big):
    url, site = big
    index = index_of(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        open_self_test(page, url)
        rate(page, "Good")
        # Kept in the Cache API, under a name of this site's, never in its progress.
        kept = page.wait_for_function(
            """k => caches.open(k).then(c => c.keys()).then(r => r.length === 2 && r.map(q => q.url.split('/').pop()))""",
            arg=KEY + ":cards",
        ).json_value()
        assert sorted(kept) == sorted([index_path(site).name, index["files"][0]])
        assert "self-test/cards" not in page.evaluate("k => localStorage.getItem(k)", KEY)
        # The network gone for the card data: what was opened comes from the browser's copy.
        context.route("**/self-test/cards/**", lambda route: route.abort("internetdisconnected"))
        page = context.new_page()
        open_self_test(page, url)
        assert meta(page) == "Card 1 of 19 · new", "question 1 waits for its learning step"
        assert page.locator(".qa-st-card h2").inner_text().startswith("2. ")
        page.get_by_role("button", name="Show answer").click()
        assert "when the batch of step 2 is small." in page.locator(".qa-st-answer").inner_text()
        # A card whose file was never fetched says so, and comes once the network is back.
        last = index["cards"][-1]
        page.goto(url + ST + "#" + last["anchor"])
        page.locator(".qa-st-panel").wait_for()
        alert = page.locator(".qa-st-card [role=alert]")
        assert "could not be loaded" in alert.inner_text()
        assert "stay here to study offline" in alert.inner_text()
        context.unroute("**/self-test/cards/**")
        alert.get_by_role("button", name="Try again").click()
        page.get_by_role("button", name="Show answer").wait_for()
        assert page.locator(".qa-st-card h2").inner_text().startswith(f"{QUESTIONS}. ")
    finally:
        context.close()


def test_new_cards_a_day_and_reviews_first(tab: Tab, big):
    url, _ = big
    page = open_self_test(tab.page, url)
    summary = page.locator(".qa-st-summary")
    assert (
        summary.inner_text()
        == f"20 cards due now (20 new) · {QUESTIONS - 20} new cards on later days · study streak: 0 days"
    )
    assert meta(page) == "Card 1 of 20 · new"
    for _ in range(20):
        rate(page, "Easy")
    assert page.locator(".qa-st-done").inner_text() == "Session complete"
    assert summary.inner_text().startswith(f"0 cards due now · {QUESTIONS - 20} new cards on later days · next due ")
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    text = page.locator(".qa-st-panel").inner_text()
    assert f"Today's 20 new cards are done: {QUESTIONS - 20} more wait for later days" in text
    # The reader asks for more: the Progress panel keeps it in the settings.
    page.get_by_role("button", name="Progress").click()
    field = page.get_by_label("New cards a day")
    assert field.input_value() == "20"
    field.fill("25")
    field.press("Enter")
    assert page.locator(".qa-st-msg").inner_text() == "New cards a day: 25."
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert stored["settings"] == {"retention": 0.9, "glossary": False, "new_per_day": 25}
    assert summary.inner_text().startswith(f"5 cards due now (5 new) · {QUESTIONS - 25} new cards on later days")
    field = page.get_by_label("New cards a day")
    field.fill("2.5")
    field.press("Enter")
    assert (
        page.locator(".qa-st-msg").inner_text() == "New cards a day is a whole number from 0 to 9999: it stays at 25."
    )
    page.get_by_role("button", name="Flashcards").click()
    assert meta(page) == "Card 1 of 5 · new"
    assert page.locator(".qa-st-card h2").inner_text().startswith("21. ")
    # "Study all anyway" is the reader's choice: every card, no limit.
    page.get_by_role("button", name="Study all anyway").click()
    assert meta(page).startswith(f"Card 1 of {QUESTIONS} · ")


def test_reviews_due_come_before_new_cards(browser, big):
    url, _ = big
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/")
    now = page.evaluate("Date.now()")
    card = {
        "due": now - DAY_MS, "stability": 3.0, "difficulty": 5.0, "scheduled_days": 3, "learning_steps": 0,
        "reps": 2, "lapses": 0, "state": 2, "last_review": now - 4 * DAY_MS, "rating": 3,
    }  # fmt: skip
    cards = {f"advanced-generative-ai-qa/{n}": card for n in (50, 90)}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps({"version": 2, "cards": cards})])
    open_self_test(page, url)
    assert page.locator(".qa-st-summary").inner_text().startswith("22 cards due now (20 new)")
    assert meta(page) == "Card 1 of 22 · last rated Good"
    assert page.locator(".qa-st-card h2").inner_text().startswith("50. ")
    rate(page, "Easy")
    assert page.locator(".qa-st-card h2").inner_text().startswith("90. ")
    rate(page, "Easy")
    assert meta(page) == "Card 3 of 22 · new"
    assert page.locator(".qa-st-card h2").inner_text().startswith("1. ")
    context.close()


def test_key_points_leave_the_deep_dive_out(tab: Tab, big):
    url, _ = big
    page = open_self_test(tab.page, url + ST + "?card=card-advanced-generative-ai-qa-10", "")
    assert page.locator(".qa-st-card h2").inner_text().startswith("10. "), "a link to a card by query"
    page.get_by_role("button", name="Key points").click()
    for _ in range(9):
        page.get_by_role("button", name="Next question").click()
    panel = page.locator(".qa-st-panel")
    assert panel.locator("h2").inner_text().startswith("10. ")
    panel.get_by_role("button", name="Show the key points").click()
    points = [" ".join(t.split()) for t in panel.locator(".qa-st-check label").all_inner_texts()]
    assert len(points) == 8
    assert points[0].startswith("The ")
    assert points[0].endswith("when the batch of step 10 is small.")
    assert not [p for p in points if "measured again" in p], "nothing from the deep dive"
    assert tab.errors == []
