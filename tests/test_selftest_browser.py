"""The self-test in Chromium: flashcards, key points, term quiz, progress, keyboard,
instant navigation, storage problems, export/import, no script, print."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from macros.glossary import load_glossary

from .conftest import ROOT, Tab, mkdocs_build, serve
from .helpers import copy_project

pytestmark = pytest.mark.browser

ST = "/self-test/"
Q1 = "/advanced-generative-ai-qa/1-explain-the-difference-between-autoregressive-autoencoding/"
KEY = "qa-study:progress:v1"


def off_origin(tab: Tab) -> list[str]:
    return [u for u in tab.requests if urlparse(u).hostname not in ("127.0.0.1", None)]


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return None if raw is None else json.loads(raw)


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
    buttons = page.locator(".qa-st-rate button")
    assert [" ".join(b.split()) for b in buttons.all_inner_texts()] == [
        "1 Again in 10 minutes",
        "2 Hard tomorrow",
        "3 Good tomorrow",
        "4 Easy in 4 days",
    ]
    buttons.nth(2).click()
    assert "Rated Good: question 1 is due again tomorrow." in live(page)
    assert page.locator(".qa-st-last").inner_text() == "Rated Good: question 1 is due again tomorrow."
    assert card.locator("h2").inner_text().startswith("2. How does classifier-free guidance")
    saved = stored(page)["cards"]["advanced-generative-ai-qa/1"]
    assert (saved["r"], saved["ivl"], saved["reps"]) == (3, 1, 1)
    assert tab.errors == []


def test_reload_keeps_progress_and_the_question_page_shows_it(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Good")
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    assert due_now(page).startswith("9 cards due now")
    assert page.locator(".qa-st-card h2").inner_text().startswith("2. "), "the rated card is not due again yet"
    page.get_by_role("button", name="Progress").click()
    first_row = page.locator(".qa-st-panel tbody tr").first
    assert "Good, due tomorrow" in first_row.inner_text()
    assert "Young" in first_row.inner_text()
    page.goto(site_url + Q1)
    status = page.locator("p.qa-selftest-status")
    assert status.is_visible()
    assert status.inner_text() == "Self-test: rated Good · due tomorrow · practise this card"
    href = status.get_by_role("link").get_attribute("href")
    assert href == site_url + "/self-test/#card-advanced-generative-ai-qa-1"
    assert tab.errors == []


def test_due_count_changes_after_rating(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    assert due_now(page) == "10 cards due now (10 new) · study streak: 0 days"
    rate_first_card(page, "Again")
    assert due_now(page) == "9 cards due now (9 new) · next due in 10 minutes · study streak: 1 day"
    rate_first_card(page, "Easy")
    assert due_now(page).startswith("8 cards due now (8 new) · next due in 10 minutes")
    # The forgotten card comes back at the end of the session.
    for _ in range(8):
        rate_first_card(page, "Good")
    assert page.locator(".qa-st-card h2").inner_text().startswith("1. Explain")
    rate_first_card(page, "Good")
    assert page.locator(".qa-st-done").inner_text() == "Session complete"
    summary = page.locator(".qa-st-panel").inner_text()
    assert "You saw 10 cards. Ratings: Again 1 · Hard 0 · Good 9 · Easy 1." in summary
    assert due_now(page).startswith("0 cards due now · next due tomorrow")


def test_shuffle_and_study_all_anyway(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    for _ in range(10):
        rate_first_card(page, "Good")
    page.get_by_role("button", name="Study due cards").click()
    assert "No cards are due now; the next one is due tomorrow." in page.locator(".qa-st-panel").inner_text()
    page.get_by_role("button", name="Study all anyway").click()
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 1 of 10 · last rated Good")
    page.get_by_label("Shuffle").check()
    order = set()
    for _ in range(10):
        order.add(page.locator(".qa-st-card h2").inner_text().split(".")[0])
        rate_first_card(page, "Good")
    assert order == {str(n) for n in range(1, 11)}, "shuffled, every card still comes once"
    # Practice before the due day does not push the cards further out.
    assert due_now(page).startswith("0 cards due now · next due tomorrow")


def test_key_point_recall_scores_each_question(tab: Tab, site_url: str):
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
    assert "Score: 2 of 3 (67%)." in live(page)
    assert stored(page)["points"]["advanced-generative-ai-qa/1"]["got"] == 2
    # Question 2 is prose: one self-rating instead of a checklist.
    panel.get_by_role("button", name="Next question").click()
    assert panel.locator("h2").inner_text().startswith("2. How does classifier-free")
    panel.get_by_role("button", name="Show answer").click()
    assert panel.get_by_role("checkbox").count() == 0
    assert panel.get_by_text("Classifier-free guidance combines").is_visible()
    panel.get_by_role("button", name="Partly").click()
    assert panel.locator(".qa-st-result").inner_text() == "Score: 1 of 2 (50%)."
    page.get_by_role("button", name="Progress").click()
    rows = page.locator(".qa-st-panel tbody tr")
    assert rows.nth(0).locator("td").nth(3).inner_text() == "2/3"
    assert rows.nth(1).locator("td").nth(3).inner_text() == "1/2"
    assert tab.errors == []


def _expected_term(definition: str, names: list[str]) -> str:
    """The option whose glossary definition is the one shown (own names blanked as …)."""
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    by_name = {t.term: t for t in glossary.terms.values()}
    pattern = ".+?".join(re.escape(part) for part in definition.split("…"))
    matches = [n for n in names if re.fullmatch(pattern, by_name[n].short)]
    assert len(matches) == 1, (definition, names)
    return matches[0]


def test_term_quiz_grades_right_and_wrong_answers(tab: Tab, site_url: str):
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    ids = {t.term: t.id for t in glossary.terms.values()}
    page = open_self_test(tab, site_url)
    page.get_by_role("button", name="Term quiz").click()
    panel = page.locator(".qa-st-panel")
    positions = []
    for round_index in range(10):
        options = panel.locator(".qa-st-opts button")
        names = options.all_inner_texts()
        assert len(names) == len(set(names)) == 4
        answer = _expected_term(panel.locator(".qa-st-def").inner_text(), names)
        positions.append(names.index(answer))
        term = glossary.terms[ids[answer]]
        related = [glossary.terms[r].term for r in term.related]
        distractors = [n for n in names if n != answer]
        assert sum(n in related for n in distractors) == min(3, len(related)), "related terms come first"
        if round_index == 0:  # a right answer
            options.nth(names.index(answer)).click()
            result = panel.locator(".qa-st-result")
            assert result.inner_text() == f"✓ Right: {answer}."
            assert result.get_by_role("link").get_attribute("href") == f"../glossary/#{ids[answer]}"
            assert live(page).startswith(f"Right: {answer}.")
        elif round_index == 1:  # a wrong one
            wrong = distractors[0]
            options.nth(names.index(wrong)).click()
            result = panel.locator(".qa-st-result")
            assert result.inner_text() == f"✗ Not quite. You chose {wrong}; the answer is {answer}."
            assert result.get_by_role("link", name=answer).get_attribute("href") == f"../glossary/#{ids[answer]}"
            assert panel.get_by_role("button", name=f"✓ {answer}").is_visible(), "the right option is marked"
            assert panel.get_by_role("button", name=f"✗ {wrong}").is_visible(), "with text, not colour alone"
        else:
            options.nth(names.index(answer)).click()
        panel.locator("[data-act=next]").click()
    assert panel.locator(".qa-st-done").inner_text() == "Round complete: 9 of 10 right"
    assert len(set(positions)) > 1, "options are shuffled"
    assert stored(page)["quiz"] == {"right": 9, "wrong": 1}
    # The glossary link of a result opens the entry.
    panel.get_by_role("button", name="New round").click()
    names = panel.locator(".qa-st-opts button").all_inner_texts()
    answer = _expected_term(panel.locator(".qa-st-def").inner_text(), names)
    panel.get_by_role("button", name=answer, exact=True).click()
    link = panel.locator(".qa-st-result a")
    link.click()
    page.wait_for_url(re.compile(rf"/glossary/#{ids[answer]}$"), wait_until="commit")
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
    assert stored(page)["cards"]["advanced-generative-ai-qa/2"]["r"] == 1
    # Into the term quiz by Tab alone, answer, and hear the result.
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(f"{focused}.textContent") == "Term quiz":
            break
    page.keyboard.press("Enter")
    assert page.evaluate(f"{focused}.getAttribute('aria-pressed')") == "true"
    tabs = 0
    while not page.evaluate(f"{focused}.closest('.qa-st-opts') !== null") and tabs < 5:
        page.keyboard.press("Tab")
        tabs += 1
    assert tabs == 2, "past the last mode button, the first option"
    page.keyboard.press("Enter")
    assert re.match(r"(Right|Not quite)", live(page))
    assert page.evaluate(f"{focused}.dataset.act") == "next"
    page.keyboard.press("Enter")
    assert page.locator(".qa-st-meta").inner_text().startswith("Term 2 of 10")
    assert tab.errors == []


def test_instant_navigation_round_trip_keeps_state_without_duplicate_listeners(tab: Tab, instant_url: str):
    page = open_self_test(tab, instant_url)
    page.evaluate("window.__sameDocument = true")  # gone if a link loads a new document
    rate_first_card(page, "Good")
    for _ in range(3):  # leave and come back by links: Material swaps the content, no reload
        page.locator(".md-nav a", has_text="1. Explain the difference").first.click()
        page.wait_for_url(re.compile("/1-explain"), wait_until="commit")
        status = page.locator("p.qa-selftest-status")
        status.wait_for()
        assert status.inner_text().startswith("Self-test: rated Good · due tomorrow")
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
    assert page.evaluate("window.__sameDocument") is True, "instant navigation, not page loads"
    # The keys act on the page on screen, once: listeners of the pages left behind are gone.
    page.keyboard.press("Space")
    assert page.locator(".qa-st-card").get_by_text("Context window limitations").is_visible()
    page.keyboard.press("2")
    assert page.locator(".qa-st-last").inner_text() == "Rated Hard: question 3 is due again tomorrow."
    assert sorted(stored(page)["cards"]) == ["advanced-generative-ai-qa/1", "advanced-generative-ai-qa/3"]
    assert page.locator(".qa-st-card h2").inner_text().startswith("2. "), "then the cards due"
    assert due_now(page).startswith("8 cards due now")
    assert tab.errors == []


@pytest.mark.parametrize(
    ("saved", "reason"),
    [
        ("{not json", "it was not valid JSON"),
        (json.dumps({"version": 0, "cards": {}}), "it is version 0, this site reads version 1"),
        (json.dumps({"version": 1, "cards": {"x/1": {"ease": "high"}}}), "card x/1 has a bad review count"),
    ],
)
def test_corrupt_or_old_storage_is_reset_with_a_notice(tab: Tab, site_url: str, saved: str, reason: str):
    page = tab.page
    page.add_init_script(
        f"if (!sessionStorage.seeded) {{ localStorage.setItem('{KEY}', {json.dumps(saved)}); sessionStorage.seeded = 1 }}"
    )
    page.goto(site_url + Q1)
    assert page.locator("p.qa-selftest-status").inner_text().startswith("Self-test: not studied yet")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == saved, "a question page does not touch it"
    page = open_self_test(tab, site_url)
    notice = page.locator(".qa-st-notice[role=status]")
    assert notice.is_visible()
    assert f"could not be read ({reason}), so it was reset" in notice.inner_text()
    assert due_now(page).startswith("10 cards due now")
    assert stored(page) == {"version": 1, "cards": {}, "points": {}, "quiz": {"right": 0, "wrong": 0}, "days": []}
    rate_first_card(page, "Good")
    assert due_now(page).startswith("9 cards due now")
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    assert page.locator(".qa-st-notice").count() == 0, "the notice is shown once"
    assert tab.errors == []


def test_export_then_import_restores_progress(tab: Tab, site_url: str, tmp_path: Path):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Good")
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
    assert "Good, due tomorrow" in rows.nth(0).inner_text()
    assert "Hard, due tomorrow" in rows.nth(1).inner_text()
    assert tab.errors == []


def test_with_javascript_off_answers_still_open(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ST)
    assert not page.locator("#qa-selftest").is_visible()
    assert page.get_by_text("JavaScript is off, so this is the plain self-test").is_visible()
    heading = page.locator("#card-advanced-generative-ai-qa-5")
    assert heading.is_visible()
    answer = page.locator(".qa-st-item", has=heading).locator("details")
    assert not answer.get_by_text("Wasserstein loss (WGAN)").first.is_visible()
    answer.locator("summary").click()
    assert answer.get_by_text("Wasserstein loss (WGAN)").first.is_visible()
    box = answer.get_by_role("checkbox").first
    box.check()
    assert box.is_checked()
    context.close()


def test_print_is_a_worksheet_then_an_answer_key(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    page.emulate_media(media="print")
    assert not page.locator("#qa-selftest").is_visible(), "no controls on paper"
    assert page.locator("#card-advanced-generative-ai-qa-1").is_visible()
    assert page.locator(".qa-st-plain .qa-st-lines").first.is_visible(), "space to write"
    assert not page.locator(".qa-st-plain details").first.is_visible(), "no answers in the worksheet"
    key = page.locator(".qa-st-key")
    assert key.is_visible()
    assert key.get_by_text("Wasserstein loss (WGAN)").is_visible()
    worksheet_end = page.locator(".qa-st-plain").bounding_box()
    assert key.bounding_box()["y"] >= worksheet_end["y"] + worksheet_end["height"], "the key comes last"


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
    """Q&A text with HTML in it shows as written in the script's views too: nothing runs."""
    content = Path(__file__).parent / "content"
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
    try:
        page.goto(url + ST)
        card = page.locator(".qa-st-card")
        assert card.locator("h2").inner_text() == "1. Why does \"><img src=x onerror=alert('q1')> stay text?"
        page.keyboard.press("Space")
        assert "<script>alert('answer')</script> and </details>" in card.inner_text()
        page.keyboard.press("3")
        page.keyboard.press("Space")
        assert "</details><script>alert('list')</script>" in card.inner_text()
        page.get_by_role("button", name="Key points").click()
        page.get_by_role("button", name="Next question").click()
        page.get_by_role("button", name="Show the key points").click()
        assert (
            page.locator(".qa-st-check label").nth(1).inner_text().strip() == "</details><script>alert('list')</script>"
        )
        page.get_by_role("button", name="Term quiz").click()
        assert page.locator(".qa-st-opts img, .qa-st-opts b").count() == 0
        page.get_by_role("button", name="Progress").click()
        page.wait_for_timeout(200)
        assert page.locator("article img[src=x], article b:text-is('x')").count() == 0
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
