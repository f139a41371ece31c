"""The self-test in Chromium: flashcards on FSRS (intervals on the buttons, undo, order,
desired retention), key points, term quiz, progress, keyboard, instant navigation,
storage problems, migration of SM-2 progress, export/import, no script, print."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from macros.outputs.selftest.quiz import names_itself
from macros.reading.glossary import load_glossary

from ..conftest import ROOT, Tab, mkdocs_build, serve
from ..helpers import card_data, copy_project

pytestmark = pytest.mark.browser

ST = "/self-test/"
Q1 = "/advanced-generative-ai-qa/1-explain-the-difference-between-autoregressive-autoencoding/"
KEY = "qa-study:/"  # the site is served at the root of its origin
LEGACY_KEY = "qa-study:progress:v1"  # where the SM-2 version kept it for a site at /
DAY_MS = 86_400_000
EMPTY = {
    "version": 2,
    "settings": {"retention": 0.9, "glossary": False},
    "cards": {},
    "log": [],
    "points": {},
    "quiz": {"right": 0, "wrong": 0},
    "days": [],
}


def off_origin(tab: Tab) -> list[str]:
    return [u for u in tab.requests if urlparse(u).hostname not in ("127.0.0.1", None)]


def stored(page, key: str = KEY) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return None if raw is None else json.loads(raw)


def plant(page, key: str, value: str) -> None:
    """Store ``value`` under ``key`` before the first page of the tab loads (once per tab)."""
    page.add_init_script(
        f"if (!sessionStorage.seeded) {{ localStorage.setItem({json.dumps(key)}, {json.dumps(value)}); sessionStorage.seeded = 1 }}"
    )


def sm2_progress(page) -> dict:
    """Progress as the SM-2 version (format 1) stored and exported it, made at the browser's now."""
    now_ms, midnight = page.evaluate("[Date.now(), new Date().setHours(0, 0, 0, 0)]")
    return {
        "version": 1,
        "cards": {
            "advanced-generative-ai-qa/1": {
                "reps": 3, "lapses": 0, "ease": 2.5, "ivl": 15,
                "due": midnight + 5 * DAY_MS, "last": now_ms - 10 * DAY_MS, "r": 3,
            },
            "advanced-generative-ai-qa/2": {
                "reps": 0, "lapses": 1, "ease": 2.3, "ivl": 0,
                "due": now_ms - 60_000, "last": now_ms - 11 * 60_000, "r": 1,
            },
        },
        "points": {"advanced-generative-ai-qa/1": {"got": 2, "total": 3, "at": now_ms - DAY_MS}},
        "quiz": {"right": 7, "wrong": 2},
        "days": ["2025-03-01", "2025-03-09"],
    }  # fmt: skip


def browser_now(page) -> int:
    return page.evaluate("Date.now()")


def due_now(page) -> str:
    return page.locator(".qa-st-summary").inner_text()


def live(page) -> str:
    return page.locator(".qa-st [role=status][aria-live=polite]").inner_text()


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory: pytest.TempPathFactory):
    """The site built for the address it is served at.

    Material's instant navigation only takes over links found in sitemap.xml, and it
    compares them with the port: the shared build (for http://127.0.0.1:8000/) served on
    another port falls back to full page loads. This build matches its server.
    """
    site = tmp_path_factory.mktemp("instant")
    server, url = serve(site)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", url + "/")
        result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    yield url
    server.shutdown()


def open_self_test(tab: Tab, site_url: str, path: str = ST):
    page = tab.page
    page.goto(site_url + path)
    page.locator(".qa-st-panel").wait_for()
    return page


def rate_first_card(page, rating: str) -> None:
    page.get_by_role("button", name="Show answer").click()
    page.locator(".qa-st-rate").get_by_role("button", name=re.compile(rating)).click()


def intervals(page) -> list[str]:
    return [" ".join(b.split()) for b in page.locator(".qa-st-rate button").all_inner_texts()]


def test_reveal_then_rate(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    card = page.locator(".qa-st-card")
    assert card.locator("h2").inner_text() == (
        "1. Explain the difference between autoregressive, autoencoding, and diffusion-based generative models."
    )
    assert card.get_by_text("Generate data sequentially").count() == 0, "the answer is not shown yet"
    assert page.locator(".qa-st-rate").count() == 0, "no rating before the answer is shown"
    page.get_by_role("button", name="Show answer").click()
    assert card.get_by_text("Generate data sequentially").is_visible()
    # FSRS's own intervals for a new card: learning steps in minutes, Easy in days; all differ.
    assert intervals(page) == [
        "1 Again in 1 minute",
        "2 Hard in 6 minutes",
        "3 Good in 10 minutes",
        "4 Easy in 8 days",
    ]
    page.locator(".qa-st-rate button").nth(2).click()
    assert "Rated Good: question 1 is due again in 10 minutes." in live(page)
    assert page.locator(".qa-st-last").inner_text() == "Rated Good: question 1 is due again in 10 minutes."
    assert card.locator("h2").inner_text().startswith("2. How does classifier-free guidance")
    # The session's size is fixed at its start; the card rated Good comes back after the others.
    assert page.locator(".qa-st-meta").inner_text() == "Card 2 of 10 · new · 1 card to see again"
    progress = stored(page)
    saved = progress["cards"]["advanced-generative-ai-qa/1"]
    assert (saved["rating"], saved["state"], saved["reps"], saved["learning_steps"]) == (3, 1, 1, 1)
    assert saved["due"] - saved["last_review"] == 10 * 60_000
    assert progress["log"] == [
        {"card": "advanced-generative-ai-qa/1", "rating": 3, "at": saved["last_review"], "state": 0}
    ]
    assert tab.errors == []


def test_reload_keeps_progress_and_the_question_page_shows_it(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Easy")
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    assert due_now(page).startswith("9 cards due now")
    assert page.locator(".qa-st-card h2").inner_text().startswith("2. "), "the rated card is not due again yet"
    page.get_by_role("button", name="Progress").click()
    first_row = page.locator(".qa-st-panel tbody tr").first
    assert "Easy, due in 8 days" in first_row.inner_text()
    assert "Familiar" in first_row.inner_text(), "FSRS stability of 8 days"
    assert first_row.locator("td").nth(3).inner_text() == "100%", "recall just after the review"
    page.goto(site_url + Q1)
    status = page.locator("p.qa-selftest-status")
    assert status.is_visible()
    assert status.inner_text() == "Self-test: rated Easy · due in 8 days · practise this card"
    link = status.get_by_role("link")
    assert link.evaluate("a => a.href") == site_url + "/self-test/#card-advanced-generative-ai-qa-1"
    assert tab.errors == []


def test_due_count_changes_after_rating(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    assert due_now(page) == "10 cards due now (10 new) · study streak: 0 days"
    rate_first_card(page, "Again")
    assert due_now(page) == "9 cards due now (9 new) · next due in 1 minute · study streak: 1 day"
    rate_first_card(page, "Easy")
    assert due_now(page).startswith("8 cards due now (8 new) · next due in 1 minute")
    for _ in range(7):
        rate_first_card(page, "Good")
    assert page.locator(".qa-st-meta").inner_text() == "Card 10 of 10 · new · 8 cards to see again"
    rate_first_card(page, "Good")
    # Cards in their learning steps come back at the end of the session: the forgotten one
    # first, then the eight rated Good; Easy went straight to days. Each is the card it was.
    assert page.locator(".qa-st-meta").inner_text() == "Card 1 of 10, again · last rated Again · 8 cards to see again"
    assert page.locator(".qa-st-card h2").inner_text().startswith("1. Explain")
    rate_first_card(page, "Good")
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 3 of 10, again · last rated Good")
    page.keyboard.press("u")
    assert page.locator(".qa-st-meta").inner_text() == "Card 1 of 10, again · last rated Again · 8 cards to see again"
    page.keyboard.press("3")  # Good, its answer still shown: its second step, once more
    for _ in range(8):
        rate_first_card(page, "Good")  # graduate
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 1 of 10, again · last rated Good")
    assert page.locator(".qa-st-card h2").inner_text().startswith("1. Explain")
    rate_first_card(page, "Good")
    assert page.locator(".qa-st-done").inner_text() == "Session complete"
    summary = page.locator(".qa-st-panel").inner_text()
    assert "You saw 10 cards. Ratings: Again 1 · Hard 0 · Good 18 · Easy 1." in summary
    # Every card has graduated to days: due at a local midnight from tomorrow on (in the last
    # hour of a day, that midnight reads "in 43 minutes").
    assert re.match(r"0 cards due now · next due ", due_now(page))
    tomorrow = page.evaluate("(() => { const d = new Date(); d.setHours(24, 0, 0, 0); return d.getTime() })()")
    assert min(c["due"] for c in stored(page)["cards"].values()) >= tomorrow


def test_shuffle_and_study_all_anyway(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    for _ in range(10):
        rate_first_card(page, "Easy")
    assert page.locator(".qa-st-done").inner_text() == "Session complete"
    assert page.get_by_role("button", name="Study due cards").count() == 0, "no card is due: nothing to study"
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    assert "No cards are due now; the next one is due in 8 days" in page.locator(".qa-st-panel").inner_text()
    page.get_by_role("button", name="Study all anyway").click()
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 1 of 10 · last rated Easy")
    page.locator("#qa-st-study").select_option(label="Shuffled")
    assert "Studying shuffled: 10 cards." in live(page)
    order = set()
    for _ in range(10):
        order.add(page.locator(".qa-st-card h2").inner_text().split(".")[0])
        rate_first_card(page, "Good")
    assert order == {str(n) for n in range(1, 11)}, "shuffled, every card still comes once"
    # FSRS counts practice before the due day as a review, but a Good one brings nothing forward.
    assert re.match(r"0 cards due now · next due in \d+ days", due_now(page))


def test_weakest_first_orders_by_fsrs_retrievability(tab: Tab, site_url: str):
    """Three cards learned long or lately ago, planted as stored progress: the one least
    likely to be recalled now comes first, cards never studied last."""
    page = tab.page
    page.goto(site_url + "/")
    now = browser_now(page)

    def card(days_ago: float, stability: float) -> dict:
        last = now - int(days_ago * DAY_MS)
        return {
            "due": last + int(stability * DAY_MS), "stability": stability, "difficulty": 5.0,
            "scheduled_days": int(stability), "learning_steps": 0, "reps": 3, "lapses": 0,
            "state": 2, "last_review": last, "rating": 3,
        }  # fmt: skip

    cards = {"5": card(30, 2), "2": card(10, 20), "7": card(1, 5)}
    progress = {**EMPTY, "cards": {f"advanced-generative-ai-qa/{n}": c for n, c in cards.items()}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(progress)])
    page = open_self_test(tab, site_url)
    # The Progress table shows FSRS's estimate of recall now.
    page.get_by_role("button", name="Progress").click()
    recall = page.locator(".qa-st-panel tbody tr td:nth-child(4)").all_inner_texts()
    percent = {n: int(recall[int(n) - 1].rstrip("%")) for n in cards}
    assert percent["5"] < percent["2"] < percent["7"] < 100, percent
    assert [recall[int(n) - 1] for n in ("1", "3", "10")] == ["—"] * 3
    page.get_by_role("button", name="Flashcards").click()
    page.locator("#qa-st-study").select_option(label="Weakest first")
    assert "Studying weakest first: 10 cards." in live(page), "every card, not only those due"
    seen = []
    for _ in range(10):
        seen.append(page.locator(".qa-st-card h2").inner_text().split(".")[0])
        rate_first_card(page, "Easy")
    assert seen[:3] == ["5", "2", "7"], seen
    assert seen[3:] == ["1", "3", "4", "6", "8", "9", "10"], "new cards last, in question order"
    assert tab.errors == []


def test_undo_restores_the_exact_previous_state(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Good")
    before = stored(page)
    rate_first_card(page, "Easy")  # question 2
    assert page.locator("[data-act=undo]").is_visible()
    page.get_by_role("button", name="Show answer").click()
    page.keyboard.press("2")  # question 3, Hard
    assert sorted(stored(page)["cards"]) == [f"advanced-generative-ai-qa/{n}" for n in (1, 2, 3)]
    page.keyboard.press("u")
    assert "Rating undone: question 3 is as it was before." in live(page)
    card = page.locator(".qa-st-card")
    assert card.locator("h2").inner_text().startswith("3. "), "back on the card rated"
    assert page.locator(".qa-st-answer").is_visible(), "answer still shown, ready to rate again"
    assert page.evaluate("document.activeElement.classList.contains('qa-st-answer')")
    assert page.locator(".qa-st-meta").inner_text() == "Card 3 of 10 · new · 1 card to see again"
    page.get_by_role("button", name=re.compile("Undo rating")).click()
    assert card.locator("h2").inner_text().startswith("2. ")
    assert stored(page) == before, "card, review history and study days exactly as before"
    assert page.locator(".qa-st-last").inner_text() == "Rated Good: question 1 is due again in 10 minutes."
    page.keyboard.press("4")
    assert page.locator(".qa-st-last").inner_text().startswith("Rated Easy: question 2 is due again in 8 days")
    assert [e["card"][-1] for e in stored(page)["log"]] == ["1", "2"]
    # Undo goes back as far as the session's first rating, and no further.
    page.keyboard.press("u")
    page.keyboard.press("u")
    assert stored(page) == EMPTY
    assert page.locator("[data-act=undo]").count() == 0
    page.keyboard.press("u")
    assert card.locator("h2").inner_text().startswith("1. ")
    assert tab.errors == []


def test_key_point_recall_scores_each_question_and_rates_its_card(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    page.get_by_role("button", name="Key points").click()
    panel = page.locator(".qa-st-panel")
    assert panel.locator("h2").inner_text().startswith("1. Explain the difference")
    assert not panel.get_by_text("Generate data sequentially").is_visible(), "points stay hidden while recalling"
    panel.get_by_role("button", name="Show the key points").click()
    boxes = panel.get_by_role("checkbox")
    assert boxes.count() == 3
    boxes.nth(0).check()
    boxes.nth(2).check()
    panel.get_by_role("button", name="Score").click()
    assert panel.locator(".qa-st-result").inner_text() == "Score: 2 of 3 (67%)."
    assert "Score: 2 of 3 (67%). Suggested rating: Hard." in live(page)
    assert stored(page)["points"]["advanced-generative-ai-qa/1"]["got"] == 2
    assert stored(page)["cards"] == {}, "nothing is scheduled before the reader confirms"
    # The score suggests Hard (two of three); the reader confirms it, and the card is scheduled.
    assert "Your score suggests Hard: confirm it, or choose another rating" in panel.inner_text()
    suggested = panel.locator(".qa-st-rate .md-button--primary")
    assert " ".join(suggested.inner_text().split()) == "2 Hard (suggested) in 6 minutes"
    suggested.click()
    assert panel.locator(".qa-st-last").inner_text() == "Rated Hard: question 1 is due again in 6 minutes."
    card = stored(page)["cards"]["advanced-generative-ai-qa/1"]
    assert (card["rating"], card["state"]) == (2, 1)
    assert [e["rating"] for e in stored(page)["log"]] == [2]
    assert page.evaluate("document.activeElement.dataset.act") == "next"
    # Question 2 is one sentence: its two clauses to tick; the keys rate here too.
    page.keyboard.press("Enter")
    assert panel.locator("h2").inner_text().startswith("2. How does classifier-free")
    panel.get_by_role("button", name="Show the key points").click()
    assert panel.get_by_role("checkbox").count() == 2
    panel.get_by_role("checkbox").nth(1).check()
    panel.get_by_role("button", name="Score").click()
    assert panel.locator(".qa-st-result").inner_text() == "Score: 1 of 2 (50%)."
    assert panel.locator(".qa-st-rate .md-button--primary").inner_text().split()[1] == "Hard"
    page.keyboard.press("1")  # the reader knows better: Again
    assert stored(page)["cards"]["advanced-generative-ai-qa/2"]["rating"] == 1
    page.get_by_role("button", name="Progress").click()
    rows = page.locator(".qa-st-panel tbody tr")
    assert rows.nth(0).locator("td").nth(4).inner_text() == "2/3"
    assert rows.nth(1).locator("td").nth(4).inner_text() == "1/2"
    assert rows.nth(0).locator("td").nth(2).inner_text() == "Hard, due in 6 minutes"
    page.get_by_role("button", name="Flashcards").click()
    assert due_now(page).startswith("8 cards due now (8 new)"), "the two rated cards wait for their step"
    assert tab.errors == []


def test_term_quiz_asks_both_ways_and_never_shows_a_definition_naming_its_term(
    tab: Tab, site_url: str, built_site: Path
):
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    by_term = {t.term: t for t in glossary.terms.values()}
    by_short = {t.short: t for t in glossary.terms.values()}
    page = open_self_test(tab, site_url)
    avoid = {t["id"]: set(t.get("x", [])) for t in card_data(built_site)["terms"]}
    page.get_by_role("button", name="Term quiz").click()
    panel = page.locator(".qa-st-panel")
    positions, directions = [], []
    for round_index in range(10):
        options = panel.locator(".qa-st-opts button")
        options.nth(3).wait_for()  # the terms are fetched when the quiz first opens
        names = options.all_inner_texts()
        assert len(names) == len(set(names)) == 4
        asked = panel.locator(".qa-st-def").inner_text()
        if panel.locator("h2").inner_text() == "Which term is this?":
            directions.append("definition → term")
            term = by_short[asked]
            answer = term.term
            shown = [asked]
            assert all(n in by_term for n in names)
            related = [glossary.terms[r].term for r in term.related]
        else:
            assert panel.locator("h2").inner_text() == "Which definition fits this term?"
            directions.append("term → definition")
            term = by_term[asked]
            answer = term.short
            shown = names
            assert all(n in by_short for n in names)
            related = [glossary.terms[r].short for r in term.related]
        # No definition on screen says the name (or an alias) of the term it defines, and none is cut.
        for definition in shown:
            assert not names_itself(by_short[definition], glossary), definition
            assert "…" not in definition
        positions.append(names.index(answer))
        distractors = [n for n in names if n != answer]
        # No option says the asked term: "... reducing mode collapse" is never an option beside it.
        said = [re.escape(n.lower().replace("-", " ")) for n in term.names]
        options_text = [
            (f"{n}: {by_term[n].short}" if n in by_term else n).lower().replace("-", " ") for n in distractors
        ]
        assert not [o for o in options_text if any(re.search(rf"(?<!\w){n}(?:e?s)?(?!\w)", o) for n in said)]
        away = {glossary.terms[i].term for i in avoid[term.id]} | {glossary.terms[i].short for i in avoid[term.id]}
        usable = [r for r in related if (r in by_term or not names_itself(by_short[r], glossary)) and r not in away]
        assert sum(n in usable for n in distractors) == min(3, len(usable)), "related terms come first"
        if round_index == 0:  # a right answer
            options.nth(names.index(answer)).click()
            result = panel.locator(".qa-st-result")
            assert result.inner_text() == f"✓ Right: {term.term}."
            assert result.get_by_role("link").get_attribute("href") == f"../glossary/#{term.id}"
            assert live(page).startswith(f"Right: {term.term}.")
        elif round_index == 1:  # a wrong one
            wrong = distractors[0]
            options.nth(names.index(wrong)).click()
            result = panel.locator(".qa-st-result")
            assert result.inner_text().startswith("✗ Not quite. ")
            assert result.get_by_role("link", name=term.term).get_attribute("href") == f"../glossary/#{term.id}"
            assert panel.get_by_role("button", name=f"✓ {answer}").is_visible(), "the right option is marked"
            assert panel.get_by_role("button", name=f"✗ {wrong}").is_visible(), "with text, not colour alone"
        else:
            options.nth(names.index(answer)).click()
        panel.locator("[data-act=next]").click()
    assert panel.locator(".qa-st-done").inner_text() == "Round complete: 9 of 10 right"
    assert directions.count("definition → term") == directions.count("term → definition") == 5
    assert len(set(positions)) > 1, "options are shuffled"
    assert stored(page)["quiz"] == {"right": 9, "wrong": 1}
    # The glossary link of a result opens the entry.
    panel.get_by_role("button", name="New round").click()
    panel.locator(".qa-st-opts button").first.click()
    link = panel.locator(".qa-st-result a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(rf"/glossary/{re.escape(href.split('/')[-1])}$"), wait_until="commit")
    assert tab.errors == []


def test_keyboard_only_session(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    focused = "document.activeElement"
    page.keyboard.press("Space")
    assert page.locator(".qa-st-answer").is_visible()
    assert page.evaluate(f"{focused}.classList.contains('qa-st-answer')"), "focus moves to the answer"
    page.keyboard.press("3")
    assert "Rated Good" in live(page)
    assert page.evaluate(f"{focused}.dataset.act") == "reveal", "focus is on the next card's Show answer"
    outline = page.evaluate(f"getComputedStyle({focused}).outlineStyle")
    assert outline != "none", "the focused button shows where focus is"
    page.keyboard.press("Enter")
    assert page.locator(".qa-st-answer").is_visible()
    page.keyboard.press("1")
    assert "Rated Again" in live(page)
    assert stored(page)["cards"]["advanced-generative-ai-qa/2"]["rating"] == 1
    # Into the term quiz by Tab alone, answer, and hear the result.
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(f"{focused}.textContent") == "Term quiz":
            break
    page.keyboard.press("Enter")
    assert page.evaluate(f"{focused}.getAttribute('aria-pressed')") == "true"
    # The quiz's terms are fetched when it first opens: its options come once they are here.
    page.locator(".qa-st-opts button").first.wait_for()
    tabs = 0
    while not page.evaluate(f"{focused}.closest('.qa-st-opts') !== null") and tabs < 5:
        page.keyboard.press("Tab")
        tabs += 1
    assert tabs == 2, "past the last mode button, the first option"
    page.keyboard.press("Enter")
    assert re.match(r"(Right|Not quite)", live(page))
    assert page.evaluate(f"{focused}.dataset.act") == "next"
    page.keyboard.press("Enter")
    assert page.locator(".qa-st-meta").inner_text().startswith("Question 2 of 10")
    assert tab.errors == []


def test_instant_navigation_round_trip_keeps_state_without_duplicate_listeners(tab: Tab, instant_url: str):
    page = open_self_test(tab, instant_url)
    page.evaluate("window.__sameDocument = true")  # gone if a link loads a new document
    rate_first_card(page, "Easy")
    for _ in range(3):  # leave and come back by links: Material swaps the content, no reload
        page.locator(".md-nav a", has_text="1. Explain the difference").first.click()
        page.wait_for_url(re.compile("/1-explain"), wait_until="commit")
        status = page.locator("p.qa-selftest-status")
        status.wait_for()
        assert status.inner_text().startswith("Self-test: rated Easy · due in 8 days")
        page.locator(".md-nav a", has_text="Self-test").first.click()
        page.wait_for_url(re.compile("/self-test/$"), wait_until="commit")
        page.locator(".qa-st-card").wait_for()
        assert page.locator(".qa-st-meta").inner_text().startswith("Card 2 of 10"), "the session goes on"
    # Question 3's status line links straight to its flashcard.
    page.locator(".md-nav a", has_text="3. What are the major limitations").first.click()
    page.wait_for_url(re.compile("/3-what-are"), wait_until="commit")
    page.locator("p.qa-selftest-status a").click()
    page.wait_for_url(re.compile("/self-test/#card-advanced-generative-ai-qa-3$"), wait_until="commit")
    page.locator(".qa-st-card").wait_for()
    assert page.locator(".qa-st-card h2").inner_text().startswith("3. What are the major limitations")
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 1 of 1")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation, not page loads"
    # The keys act on the page on screen, once: listeners of the pages left behind are gone.
    page.keyboard.press("Space")
    assert page.locator(".qa-st-card").get_by_text("Context window limitations").is_visible()
    page.keyboard.press("2")
    assert "Rated Hard: question 3 is due again in 6 minutes." in live(page)
    assert sorted(stored(page)["cards"]) == ["advanced-generative-ai-qa/1", "advanced-generative-ai-qa/3"]
    # "Practise this card" is a session of that one card; then the cards due are a click away.
    assert page.locator(".qa-st-done").inner_text() == "Session complete"
    assert "You saw 1 card. Ratings: Again 0 · Hard 1 · Good 0 · Easy 0." in page.locator(".qa-st-panel").inner_text()
    page.get_by_role("button", name="Study due cards").click()
    assert page.locator(".qa-st-card h2").inner_text().startswith("2. ")
    assert due_now(page).startswith("8 cards due now")
    assert tab.errors == []


@pytest.mark.parametrize(
    ("key", "saved", "reason"),
    [
        (KEY, "{not json", "it was not valid JSON"),
        (KEY, json.dumps({"version": 0, "cards": {}}), "it is version 0, this site reads versions 1 and 2"),
        (KEY, json.dumps({"version": 2, "cards": []}), "it has no cards"),
        (LEGACY_KEY, "{not json", "it was not valid JSON"),
    ],
)
def test_corrupt_or_old_storage_is_reset_with_a_notice(tab: Tab, site_url: str, key: str, saved: str, reason: str):
    page = tab.page
    plant(page, key, saved)
    page.goto(site_url + Q1)
    assert page.locator("p.qa-selftest-status").inner_text().startswith("Self-test: not studied yet")
    assert page.evaluate("key => localStorage.getItem(key)", key) == saved, "a question page does not touch it"
    page = open_self_test(tab, site_url)
    notice = page.locator(".qa-st-notice[role=status]")
    assert notice.is_visible()
    assert f"could not be read ({reason}), so it was reset" in notice.inner_text()
    assert due_now(page).startswith("10 cards due now")
    assert stored(page) == EMPTY
    assert page.evaluate("key => localStorage.getItem(key)", KEY + ":backup") == saved, "a copy is kept first"
    assert page.evaluate("key => localStorage.getItem(key)", LEGACY_KEY) is None
    rate_first_card(page, "Good")
    assert due_now(page).startswith("9 cards due now")
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    assert page.locator(".qa-st-notice").count() == 0, "the notice is shown once"
    assert tab.errors == []


def test_export_then_import_restores_progress(tab: Tab, site_url: str, tmp_path: Path):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Easy")
    rate_first_card(page, "Hard")
    before = stored(page)
    page.get_by_role("button", name="Progress").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert re.fullmatch(r"qa-study-progress-\d{4}-\d\d-\d\d\.json", exported.name)
    assert json.loads(exported.read_text(encoding="utf-8")) == before
    # Reset asks first; "Keep it" keeps everything.
    page.get_by_role("button", name="Reset progress…").click()
    assert page.evaluate("document.activeElement.textContent") == "Keep it"
    page.get_by_role("button", name="Keep it").click()
    assert stored(page) == before
    page.get_by_role("button", name="Reset progress…").click()
    page.get_by_role("button", name="Delete my progress").click()
    assert "0 of 10 questions studied" in page.locator(".qa-st-panel").inner_text()
    assert due_now(page).startswith("10 cards due now")
    # A bad file is refused with a message and changes nothing.
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "cards": {"a/1": {"reps": -3}}}', encoding="utf-8")
    page.locator("#qa-st-import").set_input_files(bad)
    message = page.locator(".qa-st-msg")
    message.wait_for()
    assert (
        message.inner_text()
        == "Could not import “bad.json”: card a/1 has a bad review count. Your progress has not changed."
    )
    assert due_now(page).startswith("10 cards due now")
    text = tmp_path / "notes.json"
    text.write_text("these are my notes", encoding="utf-8")
    page.locator("#qa-st-import").set_input_files(text)
    page.locator(".qa-st-msg", has_text="Could not import “notes.json”: it is not a JSON file.").wait_for()
    # The exported file brings everything back.
    page.locator("#qa-st-import").set_input_files(exported)
    page.locator(".qa-st-msg", has_text=f"Imported progress from “{exported.name}”: 2 cards studied.").wait_for()
    assert stored(page) == before
    assert due_now(page).startswith("8 cards due now")
    rows = page.locator(".qa-st-panel tbody tr")
    assert "Easy, due in 8 days" in rows.nth(0).inner_text()
    assert "Hard, due in " in rows.nth(1).inner_text()
    # A file exported by the SM-2 version imports too, converted to FSRS.
    old = tmp_path / "old.json"
    old.write_text(json.dumps(sm2_progress(page), indent=2), encoding="utf-8")
    page.locator("#qa-st-import").set_input_files(old)
    page.locator(
        ".qa-st-msg",
        has_text="Imported progress from “old.json” (converted from the earlier SM-2 format): 2 cards studied.",
    ).wait_for()
    imported = stored(page)
    assert imported["version"] == 2
    assert [(e["card"], e["rating"]) for e in imported["log"]] == [
        ("advanced-generative-ai-qa/1", 0),
        ("advanced-generative-ai-qa/2", 0),
    ]
    assert imported["quiz"] == {"right": 7, "wrong": 2}
    assert "Good, due in 5 days" in rows.nth(0).inner_text()
    assert rows.nth(0).locator("td").nth(4).inner_text() == "2/3"
    assert tab.errors == []


def test_desired_retention_changes_the_intervals(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Easy")  # question 1: 8 days at 90 %
    page.get_by_role("button", name="Show answer").click()
    assert intervals(page)[3] == "4 Easy in 8 days"
    page.get_by_role("button", name="Progress").click()
    field = page.get_by_label("Desired retention")
    assert field.input_value() == "90"
    field.fill("95")
    field.press("Enter")
    message = page.locator(".qa-st-msg")
    assert message.inner_text() == "Desired retention is now 95 %: 1 card rescheduled."
    assert page.evaluate("document.activeElement.id") == "qa-st-retention"
    assert stored(page)["settings"] == {"retention": 0.95, "glossary": False}
    assert "Easy, due in 3 days" in page.locator(".qa-st-panel tbody tr").first.inner_text(), "its history re-run"
    field = page.get_by_label("Desired retention")
    field.fill("50")
    field.press("Enter")
    assert message.inner_text() == "Desired retention is a whole number from 70 to 99: it stays at 95 %."
    assert "qa-st-bad" in message.get_attribute("class")
    assert stored(page)["settings"] == {"retention": 0.95, "glossary": False}
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    page.get_by_role("button", name="Show answer").click()
    assert intervals(page) == [
        "1 Again in 1 minute",
        "2 Hard in 6 minutes",
        "3 Good in 10 minutes",
        "4 Easy in 3 days",
    ], "a higher retention: a shorter first interval"
    assert tab.errors == []


# --------------------------------------------------------------------------- migration from SM-2


@pytest.mark.parametrize("first", ["question page", "self-test page"])
def test_sm2_progress_under_the_old_key_is_migrated_on_first_load(tab: Tab, site_url: str, first: str):
    page = tab.page
    page.goto(site_url + "/")
    old = sm2_progress(page)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [LEGACY_KEY, json.dumps(old)])
    page.goto(site_url + (Q1 if first == "question page" else ST))
    if first == "question page":
        status = page.locator("p.qa-selftest-status")
        status.get_by_text("rated Good").wait_for()
        assert status.inner_text() == "Self-test: rated Good · due in 5 days · practise this card"
    else:
        page.locator(".qa-st-panel").wait_for()
        assert page.locator(".qa-st-notice").count() == 0, "a migration is no reset"
    assert stored(page, LEGACY_KEY) is None, "the old key is gone"
    new = stored(page)
    assert new["version"] == 2
    card = new["cards"]["advanced-generative-ai-qa/1"]
    assert (card["state"], card["stability"], card["scheduled_days"], card["due"]) == (
        2, 15, 15, old["cards"]["advanced-generative-ai-qa/1"]["due"]
    )  # fmt: skip
    assert new["cards"]["advanced-generative-ai-qa/2"]["state"] == 3, "relearning"
    assert [e["sm2"] for e in new["log"]] == [old["cards"][c] for c in sorted(old["cards"])]
    assert (new["points"], new["quiz"], new["days"]) == (old["points"], old["quiz"], old["days"])
    page = open_self_test(tab, site_url)
    assert due_now(page).startswith("9 cards due now (8 new) · next due in 5 days")
    assert page.locator(".qa-st-card h2").inner_text().startswith("2. "), "the relearning card is due"
    page.get_by_role("button", name="Progress").click()
    panel = page.locator(".qa-st-panel")
    assert "term quiz: 7 right, 2 wrong" in panel.inner_text()
    assert "2 study days in all" in panel.inner_text()
    assert panel.locator("tbody tr").first.locator("td").nth(4).inner_text() == "2/3"
    page.goto(site_url + Q1)
    assert page.locator("p.qa-selftest-status").inner_text().startswith("Self-test: rated Good · due in 5 days")
    assert tab.errors == []


def test_with_javascript_off_each_question_leads_to_its_answer(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ST)
    assert not page.locator("#qa-selftest").is_visible()
    assert page.get_by_text("JavaScript is off, so this is the plain self-test").is_visible()
    item = page.locator("#card-advanced-generative-ai-qa-5")
    assert item.is_visible()
    assert page.get_by_text("Wasserstein loss (WGAN)").count() == 0, "no answer on the page"
    item.get_by_role("link").click()
    page.wait_for_url(re.compile("/5-what-is-mode-collapse"))
    answer = page.locator("details#answer")
    assert not answer.get_by_text("Wasserstein loss (WGAN)").first.is_visible()
    page.locator("details#answer > summary").click()  # not a key term's, which the answer holds too
    assert answer.get_by_text("Wasserstein loss (WGAN)").first.is_visible()
    context.close()


def test_print_is_a_worksheet_of_the_questions(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    page.emulate_media(media="print")
    assert not page.locator("#qa-selftest").is_visible(), "no controls on paper"
    items = page.locator(".qa-st-list li")
    assert items.count() == 10
    assert items.first.is_visible()
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.qa-st-list li')).lineHeight)")
    assert second["y"] - first["y"] > 4 * line, "room to write under each question"
    note = page.locator(".qa-st-printed")
    assert note.is_visible()
    assert note.inner_text() == "The answers are on the questions' pages: each prints with its answer open."
    page.emulate_media(media="screen")
    assert not note.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_any_mode(tab: Tab, site_url: str, scheme: str):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = tab.page
    page.emulate_media(color_scheme=scheme)
    open_self_test(tab, site_url)
    found = {}

    def check(state: str) -> None:
        page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
        violations = axe.run(page).response["violations"]
        found[state] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]

    page.get_by_role("button", name="Show answer").click()
    check("flashcard, answer shown")
    page.locator(".qa-st-rate button").nth(2).click()
    check("flashcard, rated")
    page.get_by_role("button", name="Key points").click()
    page.get_by_role("button", name="Show the key points").click()
    page.get_by_role("button", name="Score").click()
    check("key points, scored")
    page.get_by_role("button", name="Term quiz").click()
    page.locator(".qa-st-opts button").first.click()
    check("term quiz, answered")
    page.get_by_role("button", name="Progress").click()
    page.get_by_role("button", name="Reset progress…").click()
    check("progress, confirming reset")
    page.goto(site_url + Q1)
    check("question page with its status line")
    assert {state: v for state, v in found.items() if v} == {}


def test_hostile_content_stays_text_in_every_mode(browser, tmp_path: Path):
    """Q&A text with HTML in it shows as GitHub shows it in the script's views too: nothing runs."""
    content = ROOT / "tests" / "content"
    config = copy_project(tmp_path / "project")
    shutil.copy(content / "hostile.md", tmp_path / "project" / "docs" / "advanced-generative-ai-qa.md")
    shutil.copy(content / "hostile-glossary.yml", tmp_path / "project" / "docs" / "glossary.yml")
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    smuggled = "article script, article [onerror], article [onclick], article iframe, article form"
    try:
        page.goto(url + ST)
        data = card_data(tmp_path / "site")
        card = page.locator(".qa-st-card")
        card.locator("[data-act=reveal]").wait_for()
        assert card.locator("h2").inner_text() == f"1. {data['cards'][0]['title']}"
        assert card.locator("h2").inner_text() == '1. Why does "> stay harmless?'
        page.keyboard.press("Space")
        assert "It stays harmless: and and {{ page.title }}" in " ".join(card.inner_text().split())
        assert "{{ page.title }}" in card.inner_text(), "template syntax stays text"
        page.keyboard.press("3")
        page.keyboard.press("Space")
        assert "The gadget term is defined with hostile text." in card.inner_text()
        page.get_by_role("button", name="Key points").click()
        page.get_by_role("button", name="Next question").click()
        page.get_by_role("button", name="Show the key points").click()
        labels = page.locator(".qa-st-check label").all_inner_texts()
        assert labels[0].strip() == "The gadget term is defined with hostile text."
        assert all(label.strip() for label in labels), "no empty point where a script was"
        # Both definitions say their own term ("A widget ...", "A gadget ..."): no quiz to make.
        assert page.get_by_role("button", name="Term quiz").count() == 0
        page.get_by_role("button", name="Progress").click()
        page.locator("#qa-st-glossary").check()
        page.get_by_role("button", name="Flashcards").click()
        page.locator("#qa-st-study").select_option(label="Due cards")
        for _ in range(3):  # past the questions to the glossary cards: their text stays text
            if page.locator(".qa-st-card h2").inner_text() in ("Widget", "Gadget"):
                break
            page.get_by_role("button", name="Show answer").click()
            page.locator(".qa-st-rate button").nth(3).click()
        assert page.locator(".qa-st-card h2").inner_text() in ("Widget", "Gadget")
        page.get_by_role("button", name="Show answer").click()
        assert "onerror=alert('tooltip')" in card.inner_text() or "A gadget & friends." in card.inner_text()
        page.wait_for_timeout(200)
        assert page.locator(smuggled).count() == 0
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []
    assert errors == []


def test_no_console_errors_and_no_off_origin_requests(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Good")
    for mode in ("Key points", "Term quiz", "Progress", "Flashcards"):
        page.get_by_role("button", name=mode).click()
    page.goto(site_url + Q1)
    page.locator("p.qa-selftest-status a").click()
    page.wait_for_url(re.compile("#card-"), wait_until="commit")
    page.wait_for_load_state("networkidle")
    assert tab.errors == []
    assert off_origin(tab) == []


@pytest.fixture(scope="module")
def path_site_url(tmp_path_factory: pytest.TempPathFactory):
    """The site as GitHub Pages serves a project site: at /study/ of an origin it shares."""
    top = tmp_path_factory.mktemp("origin")
    server, url = serve(top)
    result = mkdocs_build(top / "study", site_url=url + "/study/")
    assert result.returncode == 0, result.stderr
    yield url
    server.shutdown()


def test_a_site_at_a_path_keeps_its_own_progress_and_migrates_its_old_key(tab: Tab, path_site_url: str):
    page = tab.page
    page.goto(path_site_url + "/study/")
    old = sm2_progress(page)
    other = {**EMPTY, "quiz": {"right": 1, "wrong": 0}}  # another site at the root of the same origin
    page.evaluate(
        "([a, b, c, d]) => { localStorage.setItem(a, b); localStorage.setItem(c, d) }",
        ["qa-study:progress:v1@/study/", json.dumps(old), KEY, json.dumps(other)],
    )
    # The SM-2 version stored under this key at a path, and its question pages never read it.
    page.goto(path_site_url + "/study" + Q1)
    status = page.locator("p.qa-selftest-status")
    status.get_by_text("rated Good").wait_for()
    assert status.inner_text() == "Self-test: rated Good · due in 5 days · practise this card"
    assert status.get_by_role("link").evaluate("a => a.href") == (
        path_site_url + "/study/self-test/#card-advanced-generative-ai-qa-1"
    )
    assert stored(page, "qa-study:progress:v1@/study/") is None
    mine = stored(page, "qa-study:/study/")
    assert mine["version"] == 2
    assert mine["quiz"] == old["quiz"]
    assert stored(page, KEY) == other, "the other site's progress is not touched"
    # The self-test page of this site reads and writes the same key.
    page.goto(path_site_url + "/study/self-test/")
    page.locator(".qa-st-panel").wait_for()
    assert due_now(page).startswith("9 cards due now (8 new)")
    rate_first_card(page, "Good")
    assert len(stored(page, "qa-study:/study/")["log"]) == 3
    assert stored(page, KEY) == other
    assert tab.errors == []
