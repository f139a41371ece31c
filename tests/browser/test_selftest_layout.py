"""The self-test as a reader sees it on a desktop and on a 390 px phone, in both palettes:
nothing scrolls sideways, the card starts on the first screen, the rating buttons stay in
view, buttons keep their contrast hovered, focused and pressed, keyboard hints go on touch
screens; and the choices of what to study (topics, one card, glossary cards)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from ..conftest import Tab

pytestmark = pytest.mark.browser

ST = "/self-test/"
KEY = "qa-study:/"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.fixture(params=["desktop", "phone"])
def device(request) -> str:
    return request.param


@pytest.fixture(params=["light", "dark"])
def scheme(request) -> str:
    return request.param


@pytest.fixture
def reader(browser, device: str, scheme: str):
    """A tab on ``device`` in the ``scheme`` palette, recording errors."""
    context = browser.new_context(**(PHONE if device == "phone" else DESKTOP), color_scheme=scheme)
    page = context.new_page()
    record = Tab(page)
    page.on("console", lambda msg: msg.type == "error" and record.errors.append(msg.text))
    page.on("pageerror", lambda exc: record.errors.append(str(exc)))
    yield record
    context.close()


def open_self_test(page, site_url: str, path: str = ST):
    page.goto(site_url + path)
    page.locator(".qa-st-panel").wait_for()
    page.add_style_tag(content=NO_TRANSITIONS)
    return page


def data_of(page) -> dict:
    """The card data as the page's script reads it: the index it names (each card with its topics) and the terms."""
    return page.evaluate(
        """async () => {
             const url = new URL(document.querySelector('#qa-selftest').dataset.qaCards, location.href);
             const index = await (await fetch(url)).json();
             const terms = index.terms ? await (await fetch(new URL(index.terms, url))).json() : [];
             return { cards: index.cards.map((c) => ({ ...c, topics: c.t.map((k) => index.topics[k]) })), terms };
           }"""
    )


# --------------------------------------------------------------------------- measuring

SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth + ' > ' + width);
  // Text for screen readers only: inside a 1-pixel box that clips what it holds.
  const unseen = (el) => { for (let e = el; e; e = e.parentElement) if (e.getBoundingClientRect().width <= 1) return true; return false; };
  for (const el of document.querySelectorAll('article *')) {
    const r = el.getBoundingClientRect();
    if (getComputedStyle(el).visibility === 'hidden' || unseen(el)) continue;
    if (r.right > width + 0.5) out.push(el.tagName + '.' + el.className + ' ends at ' + Math.round(r.right));
    if (el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(el).overflowX))
      out.push(el.tagName + '.' + el.className + ' scrolls sideways');
  }
  return out.slice(0, 5);
}"""

CONTRAST = """(el) => {
  function rgba(text) {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function background(node) {
    const chain = [];
    for (let e = node; e; e = e.parentElement) chain.unshift(e);
    let color = [255, 255, 255, 1];
    for (const e of chain) color = over(rgba(getComputedStyle(e).backgroundColor), color);
    return color;
  }
  const texts = [el, ...el.querySelectorAll('*')].filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && getComputedStyle(e).display !== 'none');
  return Math.min(...texts.map((e) => {
    const bg = background(e);
    let opacity = 1;
    for (let x = e; x; x = x.parentElement) opacity *= Number(getComputedStyle(x).opacity);
    const fg = rgba(getComputedStyle(e).color);
    const text = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
    const [hi, lo] = [luminance(text), luminance(bg)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  }));
}"""


def sideways(page) -> list[str]:
    return page.evaluate(SIDEWAYS)


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(s) => [...document.querySelectorAll(s)].every((e) => {
             const r = e.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
           })""",
        selector,
    )


def through_every_mode(page, site_url: str, check) -> None:
    """Each mode and its states, as a reader goes through them; ``check(state)`` at each."""
    open_self_test(page, site_url)
    check("flashcard")
    page.get_by_role("button", name="Show answer").click()
    check("flashcard, answer shown")
    page.locator(".qa-st-rate button").nth(3).click()
    check("flashcard, rated")
    page.get_by_role("button", name="Key points").click()
    page.get_by_role("button", name="Show the key points").click()
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Score").click()
    check("key points, scored")
    page.locator(".qa-st-rate .md-button--primary").click()
    check("key points, rated")
    page.get_by_role("button", name="Term quiz").click()
    check("term quiz")
    page.locator(".qa-st-opts button").first.click()
    check("term quiz, answered")
    page.get_by_role("button", name="Progress").click()
    check("progress")
    page.get_by_role("button", name="Reset progress…").click()
    check("progress, confirming reset")


# --------------------------------------------------------------------------- layout


def test_no_mode_scrolls_sideways_and_the_card_fits_the_screen(reader: Tab, site_url: str, device: str):
    page = reader.page
    found = {}
    through_every_mode(page, site_url, lambda state: found.update({state: sideways(page)}))
    assert {state: problems for state, problems in found.items() if problems} == {}
    # The card starts on the first screen; after "Show answer" the ratings are in view.
    open_self_test(page, site_url)
    top = page.locator(".qa-st-card h2").bounding_box()["y"]
    assert top < page.viewport_size["height"] - 60, f"the card's question starts at {top}"
    page.get_by_role("button", name="Show answer").click()
    assert in_view(page, ".qa-st-rate button"), "the rating buttons are on screen without scrolling"
    # The longest answer too, scrolled to its question.
    page.locator(".qa-st-rate button").nth(2).click()
    page.locator(".qa-st-card h2").scroll_into_view_if_needed()
    page.get_by_role("button", name="Show answer").click()
    assert in_view(page, ".qa-st-rate button")
    hint = page.locator(".qa-st-rate kbd").first
    if device == "phone":
        assert hint.evaluate("k => getComputedStyle(k).display") == "none", "no key hints on a touch screen"
        assert page.locator("[data-act=reveal] kbd, .qa-st-rate kbd").evaluate_all(
            "ks => ks.every(k => !k.offsetParent)"
        )
    else:
        assert hint.is_visible(), "a mouse and keyboard: the hints show"
    assert reader.errors == []


def test_the_progress_table_is_labelled_lines_on_a_phone(reader: Tab, site_url: str, device: str):
    page = reader.page
    open_self_test(page, site_url)
    page.get_by_role("button", name="Show answer").click()
    page.locator(".qa-st-rate button").nth(3).click()
    page.get_by_role("button", name="Progress").click()
    row = page.locator(".qa-st-table tbody tr").first
    cells = row.locator("td")
    if device == "phone":
        boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
        assert all(b["x"] < 40 for b in boxes[:5]), "one cell a line, not one column each"
        label = cells.nth(2).evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"Flashcard: "'
    else:
        assert page.locator(".qa-st-table thead").is_visible()
        assert len({round(cells.nth(i).bounding_box()["y"]) for i in range(cells.count())}) == 1, "a row is a row"
    # Screen readers still read a table with its headers.
    snapshot = page.locator(".qa-st-table").aria_snapshot()
    assert "columnheader" in snapshot
    assert re.search(r'cell "(Flashcard: )?Easy, due in 8 days', snapshot), "a phone reads each cell's label too"
    assert sideways(page) == []


def test_without_javascript_the_plain_list_fits_a_phone(browser, site_url: str):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ST)
    assert page.get_by_text("JavaScript is off, so this is the plain self-test").is_visible()
    assert page.locator("p.qa-st-anki").is_visible(), "the Anki deck is offered without the script too"
    items = page.locator(".qa-st-list li")
    assert items.count() == 10
    assert items.nth(2).get_by_role("link").is_visible()
    assert sideways(page) == []
    context.close()


# --------------------------------------------------------------------------- contrast

KINDS = {
    # kind of button: (how to get there, selector)
    "mode": (None, ".qa-st-modes button[aria-pressed=false]"),
    "mode, pressed": (None, ".qa-st-modes button[aria-pressed=true]"),
    "primary": (None, "[data-act=reveal]"),
    "tool": (None, "#qa-st-study"),
    "rating": ("reveal", ".qa-st-rate button"),
    "undo": ("rated", "[data-act=undo]"),
    "study all": ("rated", ".qa-st-tools button:not([data-act])"),
    "key points": ("points", ".qa-st-panel .md-button"),
    "suggested rating": ("scored", ".qa-st-rate button"),
    "quiz option": ("quiz", ".qa-st-opts button"),
    "chosen answer": ("answered", ".qa-st-opts button"),
    "next": ("answered", "[data-act=next]"),
    "progress": ("progress", ".qa-st-panel .md-button"),
    "confirm": ("confirm", ".qa-st-panel .admonition .md-button"),
}


def go(page, site_url: str, where: str | None) -> None:
    open_self_test(page, site_url)
    if where in ("reveal", "rated"):
        page.get_by_role("button", name="Show answer").click()
    if where == "rated":
        page.locator(".qa-st-rate button").nth(3).click()
    if where in ("points", "scored"):
        page.get_by_role("button", name="Key points").click()
        page.get_by_role("button", name="Show the key points").click()
    if where == "scored":
        page.get_by_role("checkbox").first.check()
        page.get_by_role("button", name="Score").click()
    if where in ("quiz", "answered"):
        page.get_by_role("button", name="Term quiz").click()
        page.locator(".qa-st-opts button").first.wait_for()  # the terms are fetched when the quiz opens
    if where == "answered":
        page.locator(".qa-st-opts button").nth(1).click()  # right or wrong, both are marked
    if where in ("progress", "confirm"):
        page.get_by_role("button", name="Progress").click()
    if where == "confirm":
        page.get_by_role("button", name="Reset progress…").click()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_buttons_keep_their_contrast_hovered_focused_and_pressed(browser, site_url: str, palette: str):
    """Computed from the styles the browser applies (axe sees no hover state): text against
    its background, each in turn at rest, under the mouse and with keyboard focus."""
    context = browser.new_context(**DESKTOP, color_scheme=palette)
    page = context.new_page()
    low = {}
    try:
        for kind, (where, selector) in KINDS.items():
            go(page, site_url, where)
            buttons = page.locator(selector)
            assert buttons.count() > 0, kind
            for i in range(buttons.count()):
                button = buttons.nth(i)
                label = f"{kind} {button.inner_text().split(chr(10))[0][:30]!r}"
                page.mouse.move(0, 0)
                page.evaluate("document.activeElement && document.activeElement.blur()")
                states = {"at rest": button.evaluate(CONTRAST)}
                button.hover()
                states["hovered"] = button.evaluate(CONTRAST)
                page.mouse.move(0, 0)
                button.focus()
                states["focused"] = button.evaluate(CONTRAST)
                for state, ratio in states.items():
                    if ratio < 4.5:
                        low[f"{label} {state}"] = round(ratio, 2)
        # The pressed mode button and a chosen answer were among them; hovered, the option
        # marked right stays readable too.
    finally:
        context.close()
    assert low == {}


# --------------------------------------------------------------------------- what to study


def test_buttons_show_only_when_they_mean_something(tab: Tab, site_url: str):
    page = open_self_test(tab.page, site_url)
    tools = page.locator(".qa-st-tools")
    assert tools.get_by_role("button", name="Study all anyway").count() == 0, "every card is due already"
    assert tools.get_by_role("button", name="Study due cards").count() == 0, "this is the session of due cards"
    page.get_by_role("button", name="Show answer").click()
    page.locator(".qa-st-rate button").nth(3).click()  # Easy: not due for days
    assert tools.get_by_role("button", name="Study all anyway").is_visible(), "now one card is not due"
    page.locator("#qa-st-study").select_option(label="Weakest first")
    assert tools.get_by_role("button", name="Study due cards").is_visible(), "nine cards are due"
    assert tools.get_by_role("button", name="Study all anyway").count() == 0, "weakest first is every card"
    tools.get_by_role("button", name="Study due cards").click()
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 1 of 9")
    assert tools.get_by_role("button", name="Study due cards").count() == 0
    assert tab.errors == []


def test_study_by_topic(tab: Tab, site_url: str):
    page = open_self_test(tab.page, site_url)
    data = data_of(page)
    topics = sorted({t for c in data["cards"] for t in c["topics"]})
    labels = page.locator("#qa-st-study option").all_inner_texts()
    assert labels[:3] == ["Due cards", "Weakest first", "Shuffled"]
    counts = {t: sum(t in c["topics"] for c in data["cards"]) for t in topics}
    assert labels[3:] == [f"Topic: {t} ({counts[t]})" for t in topics]
    topic = "Diffusion models"
    page.locator("#qa-st-study").select_option(label=f"Topic: {topic} ({counts[topic]})")
    assert (
        f"Studying topic: {topic.lower()}: {counts[topic]} cards." in page.locator(".qa-st [role=status]").inner_text()
    )
    seen = []
    while page.locator(".qa-st-card").count():
        seen.append(int(page.locator(".qa-st-card h2").inner_text().split(".")[0]))
        page.get_by_role("button", name="Show answer").click()
        page.locator(".qa-st-rate button").nth(3).click()
    assert seen == [c["n"] for c in data["cards"] if topic in c["topics"]]
    assert page.locator(".qa-st-done").inner_text() == "Session complete"
    assert tab.errors == []


def test_a_card_due_at_midnight_is_not_shown_again_late_in_the_evening(browser, site_url: str):
    """A day interval falls due at local midnight: rated at 23:50, that is in 10 minutes, but
    it is tomorrow's review, not a learning step to repeat in this session."""
    context = browser.new_context(**DESKTOP, timezone_id="Europe/Berlin")
    page = context.new_page()
    page.clock.install(time=datetime(2025, 3, 10, 22, 50, tzinfo=UTC))  # 23:50 in Berlin
    page.goto(site_url + "/")
    now = page.evaluate("Date.now()")
    day = 86_400_000
    card = {
        "due": now - day // 2, "stability": 0.3, "difficulty": 8.0, "scheduled_days": 1, "learning_steps": 0,
        "reps": 3, "lapses": 0, "state": 2, "last_review": now - 3 * day // 2, "rating": 3,
    }  # fmt: skip
    progress = {"version": 2, "cards": {"advanced-generative-ai-qa/1": card}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(progress)])
    open_self_test(page, site_url)
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 1 of 10 · last rated Good")
    page.get_by_role("button", name="Show answer").click()
    page.locator(".qa-st-rate button").nth(1).click()  # Hard: one day (FSRS), so due at midnight
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))["cards"]["advanced-generative-ai-qa/1"]
    assert saved["scheduled_days"] >= 1
    assert saved["due"] - page.evaluate("Date.now()") <= 20 * 60_000, "due within the session's look-ahead"
    assert page.locator(".qa-st-meta").inner_text().startswith("Card 2 of 10"), "not queued again"
    context.close()


def test_practise_this_card_is_a_session_of_that_card(tab: Tab, site_url: str):
    page = open_self_test(tab.page, site_url, ST + "#card-advanced-generative-ai-qa-5")
    assert page.locator(".qa-st-meta").inner_text() == "Card 1 of 1 · new"
    assert page.locator(".qa-st-card h2").inner_text().startswith("5. What is mode collapse")
    assert page.evaluate("document.activeElement.classList.contains('qa-st-q')"), "focus on the question"
    page.keyboard.press("Space")
    page.keyboard.press("3")  # Good: a learning step, yet no second round in a session of one card
    assert page.locator(".qa-st-done").inner_text() == "Session complete"
    assert "You saw 1 card." in page.locator(".qa-st-panel").inner_text()
    # The Progress panel's Practise buttons do the same.
    page.get_by_role("button", name="Progress").click()
    page.get_by_role("button", name="Practise question 8").click()
    assert page.locator(".qa-st-meta").inner_text() == "Card 1 of 1 · new"
    assert page.locator(".qa-st-card h2").inner_text().startswith("8. ")
    assert tab.errors == []


def test_glossary_cards_are_off_until_chosen_and_the_choice_is_kept(tab: Tab, site_url: str):
    page = open_self_test(tab.page, site_url)
    data = data_of(page)
    own = [t for t in data["terms"] if t.get("own")]
    cards = 2 * len(data["terms"]) - len(own)  # term -> definition each, definition -> term where it names none
    assert page.locator(".qa-st-summary").inner_text().startswith("10 cards due now (10 new)")
    page.get_by_role("button", name="Progress").click()
    choice = page.get_by_label(re.compile("Glossary cards in the flashcards"))
    assert not choice.is_checked(), "off by default"
    choice.check()
    assert f"Glossary cards are in the flashcards: {cards} cards more." in page.locator(".qa-st-msg").inner_text()
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert stored["settings"]["glossary"] is True
    # New cards a day (20) hold for the glossary's too: the questions, then the first glossary cards.
    assert (
        page.locator(".qa-st-summary")
        .inner_text()
        .startswith(f"20 cards due now (20 new) · {10 + cards - 20} new cards on later days")
    )
    page.reload()
    page.locator(".qa-st-panel").wait_for()
    page.get_by_role("button", name="Progress").click()
    assert page.get_by_label(re.compile("Glossary cards in the flashcards")).is_checked(), "kept with the progress"
    # A glossary card: the term, then its definition and a link to its entry.
    page.get_by_role("button", name="Flashcards").click()
    topic = next(o for o in page.locator("#qa-st-study option").all_inner_texts() if "Sampling and decoding" in o)
    assert (
        topic
        == "Topic: Sampling and decoding ("
        + str(
            sum("Sampling and decoding" in c["topics"] for c in data["cards"])
            + sum(2 - bool(t.get("own")) for t in data["terms"] if t.get("t") == "Sampling and decoding")
        )
        + ")"
    ), "the questions and the glossary cards of the topic"
    page.locator("#qa-st-study").select_option(label=topic)
    while re.match(r"\d+\. ", page.locator(".qa-st-card h2").inner_text()):
        page.get_by_role("button", name="Show answer").click()
        page.locator(".qa-st-rate button").nth(3).click()
    card = page.locator(".qa-st-card")
    term = next(t for t in data["terms"] if t["term"] == card.locator("h2").inner_text())
    assert term["t"] == "Sampling and decoding"
    assert card.get_by_text("Recall its definition.").is_visible()
    page.get_by_role("button", name="Show answer").click()
    assert card.locator(".qa-st-answer p").first.inner_text() == term["def"]
    assert card.get_by_role("link").get_attribute("href") == f"../glossary/#{term['id']}"
    page.keyboard.press("4")
    assert f"Rated Easy: “{term['term']}” is due again in" in page.locator(".qa-st-last").inner_text()
    assert f"term:{term['id']}" in json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))["cards"]
    assert tab.errors == []


def test_the_streak_strip_reads_as_dates_studied_or_not(tab: Tab, site_url: str):
    page = tab.page
    page.goto(site_url + "/")
    days = page.evaluate(
        """() => [0, 1, 3].map((n) => { const d = new Date(); d.setDate(d.getDate() - n);
             return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })"""
    )
    progress = {"version": 2, "cards": {}, "days": sorted(days)}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(progress)])
    open_self_test(page, site_url)
    page.get_by_role("button", name="Progress").click()
    strip = page.locator("ol.qa-st-days")
    assert strip.locator("li").count() == 14
    # A screen reader hears each day in full and whether it was a study day; no symbols.
    spoken = strip.aria_snapshot()
    assert re.search(r'list "Study days, the last two weeks', spoken)
    items = [i.strip('"') for i in re.findall(r"listitem: (.+)", spoken)]
    assert len(items) == 14
    assert items[-1].startswith("Today, "), items[-1]
    assert [i.rsplit(": ", 1)[1] for i in items[-4:]] == ["studied", "not studied", "studied", "studied"]
    assert not [i for i in items if "✓" in i or "·" in i]
    # A sighted reader sees the weekday and the date of each, and ✓ on study days.
    today = strip.locator("li").last
    assert today.get_attribute("aria-current") == "date"
    seen = today.locator("[aria-hidden=true]").inner_text().split()
    assert seen[1] == str(page.evaluate("new Date().getDate()"))
    assert seen[2] == "✓"
    assert strip.locator("li").nth(11).locator("[aria-hidden=true]").inner_text().split()[2] == "·"
    assert tab.errors == []
