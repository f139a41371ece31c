"""Stored progress is never lost without a word, in Chromium: a write the browser refuses
(storage full) is reported and changes nothing stored, an import too large to store is
refused, progress that cannot be read is copied to a backup key and offered for download
before anything replaces it, and one malformed card costs only that card."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..conftest import Tab
from .test_selftest_browser import (
    EMPTY,
    KEY,
    LEGACY_KEY,
    Q1,
    ST,
    due_now,
    live,
    open_self_test,
    plant,
    rate_first_card,
    sm2_progress,
    stored,
)

pytestmark = pytest.mark.browser

BACKUP = KEY + ":backup"
C1, C2, C3 = (f"advanced-generative-ai-qa/{n}" for n in (1, 2, 3))
FULL = (
    "Could not save: this browser's storage is full. "
    "Your progress is kept on this page; export it on the Progress panel to keep it."
)
# Every localStorage write fails as a full storage's does, from the next page loaded in the
# tab on (sessionStorage.full set), or in the page at once (fill_storage()).
QUOTA = """
(() => {
  const refuse = () => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  };
  window.fillStorage = refuse;
  if (sessionStorage.full) refuse();
})();
"""


def raw(page, key: str) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", key)


def lines(locator) -> list[str]:
    return [line for line in locator.inner_text().split("\n") if line.strip()]


def alert(page) -> list[str]:
    """What the alert says: its title and its text, or nothing."""
    return lines(page.locator(".qa-st [role=alert]"))


def notice(page) -> str:
    """The text of the notice shown when stored progress could not all be read."""
    return page.locator(".qa-st-notice[role=status] > p:not(.admonition-title)").inner_text()


def fill_storage(page) -> None:
    """From now on, in this page and the next ones of the tab, the browser's storage is full."""
    page.evaluate("sessionStorage.full = 1; fillStorage()")


def three_cards_rated(tab: Tab, site_url: str) -> dict:
    """Questions 1-3 rated Easy, Good, Hard on the self-test page: the progress stored."""
    page = open_self_test(tab, site_url)
    for rating in ("Easy", "Good", "Hard"):
        rate_first_card(page, rating)
    return stored(page)


def reopen(page) -> None:
    page.reload()
    page.locator(".qa-st-panel").wait_for()


# --------------------------------------------------------------------------- storage full


def test_a_rating_storage_refuses_is_reported_and_what_was_stored_stays(tab: Tab, site_url: str, tmp_path: Path):
    page = tab.page
    page.add_init_script(QUOTA)
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Easy")
    before = stored(page)
    assert alert(page) == [], "nothing to report while saves succeed"
    fill_storage(page)
    rate_first_card(page, "Good")
    assert "Rated Good: question 2 is due again in 10 minutes." in live(page)
    assert alert(page) == ["Not saved", FULL]
    assert stored(page) == before, "what was stored before is still stored"
    # The page keeps what the reader did: question 2 is rated here, and Export has it.
    assert due_now(page).startswith("8 cards due now")
    rate_first_card(page, "Hard")
    assert due_now(page).startswith("7 cards due now")
    page.get_by_role("button", name="Progress").click()
    assert "3 of 10 questions studied" in page.locator(".qa-st-panel").inner_text()
    assert alert(page) == ["Not saved", FULL], "still said on another panel"
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "exported.json"
    download.value.save_as(exported)
    assert sorted(json.loads(exported.read_text(encoding="utf-8"))["cards"]) == [C1, C2, C3]
    assert stored(page) == before
    # Instant navigation to a question page and back keeps the page's progress.
    page.evaluate("window.stillHere = true")
    page.locator(".qa-st-panel tbody tr").nth(1).get_by_role("link").click()
    status = page.locator("p.qa-selftest-status")
    status.get_by_text("rated Good").wait_for()
    # Question 2, rated only on the page.
    assert status.inner_text().startswith("Self-test: rated Good · due in 10 minutes")
    status.get_by_role("link").click()
    page.locator(".qa-st-card").wait_for()
    assert page.evaluate("window.stillHere") is True, "no page load in between"
    assert due_now(page).startswith("7 cards due now")
    assert alert(page) == ["Not saved", FULL]
    assert stored(page) == before
    # Reloaded while storage is still full: the stored progress, as it was, and nothing lost from it.
    reopen(page)
    assert stored(page) == before
    assert due_now(page).startswith("9 cards due now")
    assert tab.errors == []


def test_once_storage_has_room_again_the_next_save_stores_everything(tab: Tab, site_url: str):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Easy")
    before = stored(page)
    page.evaluate(
        """() => {
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function () {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
        window.makeRoom = () => { Storage.prototype.setItem = setItem; };
    }"""
    )
    rate_first_card(page, "Good")
    assert alert(page) == ["Not saved", FULL]
    assert stored(page) == before
    page.evaluate("makeRoom()")
    rate_first_card(page, "Hard")
    assert alert(page) == [], "the alert goes once progress is stored"
    assert sorted(stored(page)["cards"]) == [C1, C2, C3], "the rating that was not saved is stored now"
    assert tab.errors == []


def test_an_import_too_large_to_store_says_so_and_changes_nothing(tab: Tab, site_url: str, tmp_path: Path):
    page = open_self_test(tab, site_url)
    rate_first_card(page, "Easy")
    before = stored(page)
    # A valid progress file whose review history alone is larger than the browser's storage
    # (5 million characters an origin in Chromium): the real quota refuses it.
    now = page.evaluate("Date.now()")
    big = dict(EMPTY, log=[{"card": C1, "rating": 3, "at": now - i, "state": 2} for i in range(100_000, 0, -1)])
    big["cards"] = {C1: before["cards"][C1]}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big), encoding="utf-8")
    assert path.stat().st_size > 6_000_000
    page.get_by_role("button", name="Progress").click()
    page.locator("#qa-st-import").set_input_files(path)
    message = page.locator(".qa-st-msg")
    message.wait_for()
    assert message.inner_text() == (
        "Could not import “big.json”: this browser's storage is full. Your progress has not changed."
    )
    assert "qa-st-bad" in message.get_attribute("class")
    assert stored(page) == before
    assert "1 of 10 questions studied" in page.locator(".qa-st-panel").inner_text(), "nor has the page's"
    assert alert(page) == [], "the progress on the page is stored"
    reopen(page)
    assert stored(page) == before
    assert due_now(page).startswith("9 cards due now")
    assert tab.errors == []


def test_an_import_is_refused_when_storage_is_full(tab: Tab, site_url: str, tmp_path: Path):
    page = tab.page
    page.add_init_script(QUOTA)
    before = three_cards_rated(tab, site_url)
    export = tmp_path / "small.json"
    export.write_text(json.dumps(dict(EMPTY, cards={C1: before["cards"][C1]})), encoding="utf-8")
    fill_storage(page)
    page.get_by_role("button", name="Progress").click()
    page.locator("#qa-st-import").set_input_files(export)
    page.locator(".qa-st-msg").wait_for()
    assert page.locator(".qa-st-msg").inner_text() == (
        "Could not import “small.json”: this browser's storage is full. Your progress has not changed."
    )
    assert stored(page) == before
    assert "3 of 10 questions studied" in page.locator(".qa-st-panel").inner_text()
    assert tab.errors == []


# --------------------------------------------------------------------------- unreadable progress


@pytest.mark.parametrize(
    ("key", "saved", "reason"),
    [
        (KEY, '{"version": 2, "cards": {"x/1": ', "it was not valid JSON"),
        (KEY, json.dumps({"version": 9, "cards": {"x/1": {}}}), "it is version 9, this site reads versions 1 and 2"),
        (LEGACY_KEY, '{"version": 1, "cards"', "it was not valid JSON"),
    ],
)
def test_unreadable_progress_is_backed_up_and_offered_before_it_is_reset(
    tab: Tab, site_url: str, tmp_path: Path, key: str, saved: str, reason: str
):
    page = tab.page
    plant(page, key, saved)
    page = open_self_test(tab, site_url)
    assert page.locator(".qa-st-notice .admonition-title").inner_text() == "Progress reset"
    assert notice(page) == (
        f"Your saved self-test progress could not be read ({reason}), so it was reset. "
        "A copy of it as it was is kept in this browser."
    )
    assert raw(page, BACKUP) == saved, "copied to the backup key first"
    assert stored(page) == EMPTY
    assert raw(page, LEGACY_KEY) is None
    with page.expect_download() as download:
        page.get_by_role("button", name="Download it as it was").click()
    assert re.fullmatch(r"qa-study-progress-unread-\d{4}-\d\d-\d\d\.json", download.value.suggested_filename)
    copy = tmp_path / "copy.json"
    download.value.save_as(copy)
    assert copy.read_text(encoding="utf-8") == saved
    rate_first_card(page, "Good")
    reopen(page)
    assert page.locator(".qa-st-notice").count() == 0, "said once"
    assert raw(page, BACKUP) == saved, "the backup stays"
    assert list(stored(page)["cards"]) == [C1]
    assert tab.errors == []


def test_an_empty_value_never_replaces_a_backup(tab: Tab, site_url: str):
    page = tab.page
    plant(page, BACKUP, '{"version": 2, "cards": {"an": "older backup"}}')
    page.add_init_script(
        f"if (!sessionStorage.emptied) {{ localStorage.setItem({json.dumps(KEY)}, ''); sessionStorage.emptied = 1 }}"
    )
    page = open_self_test(tab, site_url)
    assert notice(page) == "Your saved self-test progress could not be read (it was not valid JSON), so it was reset."
    assert page.get_by_role("button", name="Download it as it was").count() == 0, "nothing to download"
    assert raw(page, BACKUP) == '{"version": 2, "cards": {"an": "older backup"}}'
    assert stored(page) == EMPTY
    assert tab.errors == []


def test_with_no_room_for_a_backup_unreadable_progress_is_left_as_it_was(tab: Tab, site_url: str, tmp_path: Path):
    page = tab.page
    saved = '{"version": 2, "cards": {"x/1": '
    plant(page, KEY, saved)
    page.add_init_script("sessionStorage.full = 1")
    page.add_init_script(QUOTA)
    page = open_self_test(tab, site_url)
    assert page.locator(".qa-st-notice .admonition-title").inner_text() == "Progress not read"
    assert notice(page) == (
        "Your saved self-test progress could not be read (it was not valid JSON). There is no room in this "
        "browser's storage to keep a copy of it, so it is left as it was, and what you do on this page is not saved."
    )
    assert raw(page, KEY) == saved
    assert raw(page, BACKUP) is None
    with page.expect_download() as download:
        page.get_by_role("button", name="Download it as it was").click()
    copy = tmp_path / "copy.json"
    download.value.save_as(copy)
    assert copy.read_text(encoding="utf-8") == saved
    # Studying goes on in the page; nothing is written over the unreadable progress.
    rate_first_card(page, "Good")
    assert "Rated Good: question 1" in live(page)
    assert alert(page) == [
        "Not saved",
        "Could not save: the progress stored before could not be read, and there is no room to keep a copy of it, "
        "so it is left as it was. Your progress is kept on this page; export it on the Progress panel to keep it.",
    ]
    assert due_now(page).startswith("9 cards due now")
    assert raw(page, KEY) == saved
    assert tab.errors == []


# --------------------------------------------------------------------------- one bad field


def test_one_bad_card_is_left_out_and_every_other_one_kept(tab: Tab, site_url: str):
    before = three_cards_rated(tab, site_url)
    page = tab.page
    bad = json.loads(json.dumps(before))
    bad["cards"][C2]["stability"] = 99999
    text = json.dumps(bad)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, text])
    # A question page shows what could be read, and writes nothing.
    page.goto(site_url + Q1)
    assert page.locator("p.qa-selftest-status").inner_text().startswith("Self-test: rated Easy")
    assert raw(page, KEY) == text
    page = open_self_test(tab, site_url, ST)
    assert page.locator(".qa-st-notice .admonition-title").inner_text() == "Progress partly read"
    assert notice(page) == (
        "Part of your saved self-test progress could not be read and was left out: card "
        f"{C2} has a stability outside 0.001-36500. A copy of it as it was is kept in this browser."
    )
    assert raw(page, BACKUP) == text
    kept = stored(page)
    assert sorted(kept["cards"]) == [C1, C3]
    assert {c: kept["cards"][c] for c in (C1, C3)} == {c: before["cards"][c] for c in (C1, C3)}
    assert [e["card"] for e in kept["log"]] == [C1, C3], "the left-out card's history goes with it"
    assert (kept["days"], kept["settings"]) == (before["days"], before["settings"])
    assert due_now(page).startswith("8 cards due now (8 new)")
    assert "study streak: 1 day" in due_now(page)
    page.get_by_role("button", name="Download it as it was").wait_for()
    reopen(page)
    assert page.locator(".qa-st-notice").count() == 0
    assert stored(page) == kept
    assert tab.errors == []


def test_an_sm2_card_that_cannot_be_read_is_left_out_of_the_migration(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + "/")
    old = sm2_progress(page)
    old["cards"]["x/1"] = {"ease": "high"}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [LEGACY_KEY, json.dumps(old)])
    page = open_self_test(tab, site_url)
    assert notice(page) == (
        "Part of your saved self-test progress could not be read and was left out: card x/1 has a bad review count. "
        "A copy of it as it was is kept in this browser."
    )
    assert json.loads(raw(page, BACKUP)) == old
    assert raw(page, LEGACY_KEY) is None
    new = stored(page)
    assert sorted(new["cards"]) == [C1, C2]
    assert (new["quiz"], new["days"]) == (old["quiz"], old["days"])
    assert tab.errors == []


def test_an_import_with_a_bad_card_brings_the_others_and_names_it(tab: Tab, site_url: str, tmp_path: Path):
    before = three_cards_rated(tab, site_url)
    page = tab.page
    data = json.loads(json.dumps(before))
    data["cards"][C3]["rating"] = 7
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    page.get_by_role("button", name="Progress").click()
    page.get_by_role("button", name="Reset progress…").click()
    page.get_by_role("button", name="Delete my progress").click()
    page.locator("#qa-st-import").set_input_files(path)
    page.locator(".qa-st-msg", has_text="Imported").wait_for()
    assert page.locator(".qa-st-msg").inner_text() == (
        "Imported progress from “mine.json”: 2 cards studied. "
        f"Left out, as it could not be read: card {C3} has a bad rating."
    )
    assert sorted(stored(page)["cards"]) == [C1, C2]
    # A file none of whose cards can be read is refused: importing it would only erase.
    data["cards"] = {C3: data["cards"][C3]}
    path.write_text(json.dumps(data), encoding="utf-8")
    page.locator("#qa-st-import").set_input_files(path)
    page.locator(".qa-st-msg", has_text="Could not import").wait_for()
    assert page.locator(".qa-st-msg").inner_text() == (
        f"Could not import “mine.json”: card {C3} has a bad rating. Your progress has not changed."
    )
    assert sorted(stored(page)["cards"]) == [C1, C2]
    assert tab.errors == []
