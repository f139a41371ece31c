"""Studying in Chromium, on a desktop and a 390 px phone, in both palettes: a closed answer
gives nothing away, keys, the list of keys, definitions on hover and tap, search that
finds answers and glossary entries without showing answers, the glossary's filter, the
home page's progress and the 404 page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from macros.outputs.keys import KEYS
from macros.reading.glossary import load_glossary

from ..conftest import ROOT

pytestmark = pytest.mark.browser

Q = "/advanced-generative-ai-qa/"
Q4 = Q + "4-compare-the-training-objectives-of-gans-vaes-and/"
Q5 = Q + "5-what-is-mode-collapse-in-gans-and-how/"
Q9 = Q + "9-explain-the-role-of-temperature-and-top-k/"
GLOSSARY = load_glossary(ROOT / "docs" / "glossary.yml")
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


@pytest.fixture
def open_page(browser) -> Iterator:
    """``open_page(device, scheme)``: a fresh page of a context for that device and palette."""
    contexts = []

    def make(device: str = "desktop", scheme: str = "light", **options):
        context = browser.new_context(color_scheme=scheme, **DEVICES[device], **options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
        page.on("request", lambda request: page.requests.append(request.url))
        return page

    yield make
    for context in contexts:
        context.close()


def question_4_answer_open(page, site_url: str, *, tap: bool = False) -> None:
    """Question 4 loaded in ``page``, its answer opened as a reader opens it (a click, or a tap on a phone)."""
    page.goto(site_url + Q4)
    page.wait_for_load_state("networkidle")
    summary = page.locator("details#answer > summary")
    if tap:
        summary.tap()
    else:
        summary.click()


def visible_text(page) -> str:
    """What the reader can see of the page's article (closed details and hidden parts are not rendered)."""
    return " ".join(page.locator("article").inner_text().split())


def definitions_on(page) -> list[str]:
    hrefs = page.eval_on_selector_all("details#answer .qa-key-terms li a", "els => els.map(e => e.hash.slice(1))")
    return [GLOSSARY.terms[h].short for h in hrefs]


def highlighted(page) -> list[str]:
    """The words highlighted in the answer as the reader sees them: Material's marks, and the
    page's CSS highlights over text no mark has replaced since."""
    return page.evaluate(
        """() => {
          const marks = [...document.querySelectorAll('details#answer mark')].map(m => m.textContent.toLowerCase());
          const set = CSS.highlights.get('qa-match');
          const ranges = set ? [...set].filter(r => !r.collapsed && r.startContainer.isConnected
                                               && !r.startContainer.parentElement.closest('mark')) : [];
          return marks.concat(ranges.map(r => r.toString().toLowerCase()));
        }"""
    )


def search(page, query: str) -> list[str]:
    """Type ``query`` in Material's search box; the links of its results, without the site's address."""
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(300)  # Material renders again once the last key is in
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    return [urlparse(href).path + ("#" + urlparse(href).fragment if urlparse(href).fragment else "") for href in links]


# --------------------------------------------------------------------------- a closed answer gives nothing away


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_with_the_answer_closed_no_definition_or_topic_of_its_terms_is_visible(
    open_page, site_url: str, device: str, scheme: str
):
    page = open_page(device, scheme)
    for path in (Q4, Q9, Q5):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        definitions = definitions_on(page)
        assert definitions
        shown = visible_text(page)
        assert [d for d in definitions if d in shown] == [], path
        assert not page.locator("article .md-tags").is_visible()
        assert not page.locator("details#answer .qa-topics").is_visible()
        assert "Key terms" not in " ".join(page.locator("nav.md-nav--secondary").all_inner_texts())
        page.locator("details#answer > summary").click()
        shown = visible_text(page)
        terms = page.locator("details#answer details.qa-key-term > summary")
        assert [n for n in terms.all_inner_texts() if n not in shown] == [], path  # their names come with the answer
        assert [d for d in definitions if d in shown] == [], path  # each definition one step further
        assert page.locator("details#answer .qa-topics").is_visible()
        for term in terms.all():
            term.click()
        shown = visible_text(page)
        assert [d for d in definitions if d not in shown] == [], path
    assert page.errors == []


def test_without_javascript_the_answer_opens_with_its_key_terms(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + Q4)
    assert not page.locator("details#answer h2#key-terms").is_visible()
    page.locator("details#answer > summary").click()
    assert page.locator("details#answer h2#key-terms").is_visible()
    assert page.locator("details#answer .qa-key-terms li").first.is_visible()
    # The definition stays the link's title: the browser's own tooltip.
    assert page.locator("details#answer a.qa-term").first.get_attribute("title")
    assert not page.locator(".qa-keys-hint").is_visible()  # no keys without the script
    context.close()


# --------------------------------------------------------------------------- keys


def test_a_opens_and_closes_the_answer_but_not_while_typing_in_search(open_page, site_url: str):
    page = open_page()
    page.goto(site_url + Q4)
    page.wait_for_load_state("networkidle")
    answer = page.locator("details#answer")
    term = page.locator("details#answer details.qa-key-term > summary").first.text_content()
    assert term not in visible_text(page)
    page.keyboard.press("a")
    assert answer.evaluate("d => d.open")
    assert term in visible_text(page)  # the answer and its key terms
    page.keyboard.press("a")
    assert not answer.evaluate("d => d.open")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.press_sequentially("a", delay=20)
    assert box.input_value() == "a"
    assert not answer.evaluate("d => d.open")
    page.keyboard.press("Escape")
    page.keyboard.press("n")  # Material's own key: the next question
    page.wait_for_url(re.compile(r"/5-what-is-mode-collapse"), wait_until="commit")
    page.locator("h1#what-is-mode-collapse-in-gans-and-how-can-it-be-mitigated").wait_for()
    page.keyboard.press("a")  # and the key works on the page instant navigation brought in
    assert page.locator("details#answer").evaluate("d => d.open")
    assert page.errors == []


def test_question_mark_opens_the_list_of_keys_as_a_dialog_that_esc_closes(open_page, site_url: str):
    page = open_page()
    page.goto(site_url + Q4)
    page.wait_for_load_state("networkidle")
    summary = page.locator("details#answer > summary")
    summary.focus()
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    dialog.wait_for()
    assert page.evaluate("document.activeElement.closest('dialog') !== null")  # focus moved in
    text = " ".join(dialog.inner_text().split())
    for key, what in (("A", "show or hide the answer"), ("N", "next question"), ("P", "previous question")):
        assert f"{key} {what}" in text
    # every key of the list the build writes (macros/outputs/keys.py), under its heading
    for group in KEYS:
        assert group.where in text
        assert all(f"{k.key} {k.does}" in text for k in group.keys), group.where
    for _ in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")  # focus stays in
    page.keyboard.press("n")  # a key typed in the list does not leave the page behind it
    page.wait_for_timeout(300)
    assert urlparse(page.url).path == Q4
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"  # focus came back
    page.get_by_role("button", name=re.compile("^all keys")).click()  # the hint under the answer
    dialog.wait_for()
    page.get_by_role("button", name="Close").click()
    assert not dialog.is_visible()
    assert page.errors == []


# --------------------------------------------------------------------------- definitions


def term_boxes(page, href_end: str) -> dict:
    return page.evaluate(
        """end => {
          const link = document.querySelector(`details#answer a.qa-term[href$="${end}"]`);
          const tip = document.querySelector('.qa-tip--active');
          const text = link.closest('p, li');
          const l = link.getBoundingClientRect(), t = tip.getBoundingClientRect();
          return {tip: tip.innerText, role: tip.getAttribute('role'), tipSize: getComputedStyle(tip).fontSize,
                  textSize: getComputedStyle(text).fontSize, tipTop: t.top, tipBottom: t.bottom,
                  linkTop: l.top, linkBottom: l.bottom, lineHeight: parseFloat(getComputedStyle(text).lineHeight)};
        }""",
        href_end,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_definition_on_hover_is_body_text_size_and_leaves_the_line_below_free(open_page, site_url: str, scheme: str):
    page = open_page("desktop", scheme)
    question_4_answer_open(page, site_url)
    link = page.locator("details#answer a.qa-term[href$='#evidence-lower-bound']")
    link.evaluate("el => el.scrollIntoView({block: 'center'})")
    link.hover()
    page.locator("[role=tooltip].qa-tip--active").wait_for()
    boxes = term_boxes(page, "#evidence-lower-bound")
    assert boxes["tip"].startswith("A tractable lower bound on the log-likelihood")
    assert boxes["tipSize"] == boxes["textSize"] == "16px"
    assert boxes["tipBottom"] <= boxes["linkTop"]  # above the term: the next line stays readable
    assert page.locator("a.qa-term[title]").count() == 0  # no second, smaller tooltip of Material's
    page.mouse.move(5, 5)
    page.locator(".qa-tip--active").wait_for(state="hidden")
    page.locator("a.md-footer__link--next").click()  # a page that instant navigation swaps in
    page.wait_for_url(re.compile(r"/5-what-is-mode-collapse"), wait_until="commit")
    page.locator("h1#what-is-mode-collapse-in-gans-and-how-can-it-be-mitigated").wait_for()
    assert page.locator("a.qa-term[title]").count() == 0
    page.locator("details#answer > summary").click()
    page.locator("details#answer a.qa-term[href$='#mode-collapse']").hover()
    tip = page.locator("[role=tooltip].qa-tip--active")
    tip.wait_for()
    assert tip.inner_text() == GLOSSARY.terms["mode-collapse"].short
    assert page.locator(".md-tooltip2--active").count() == 0
    assert page.errors == []


def test_near_the_top_of_the_window_the_definition_goes_below_the_term(open_page, site_url: str):
    page = open_page()
    question_4_answer_open(page, site_url)
    link = page.locator("details#answer a.qa-term").first
    page.evaluate(
        "y => window.scrollBy(0, y)",
        link.evaluate("el => el.getBoundingClientRect().top") - 60,
    )  # the term just under the header
    link.hover()
    page.locator(".qa-tip--active").wait_for()
    boxes = term_boxes(page, "#" + link.evaluate("el => el.hash.slice(1)"))
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert boxes["tipTop"] >= boxes["linkBottom"] > header  # not under the header


def tap_a_term_on_a_phone(open_page, site_url: str):
    """Question 4 on a phone, its answer open and its term "evidence lower bound" tapped once: (page, link)."""
    page = open_page("phone")
    question_4_answer_open(page, site_url, tap=True)
    link = page.locator("details#answer a.qa-term[href$='#evidence-lower-bound']")
    link.evaluate("el => el.scrollIntoView({block: 'center'})")
    link.tap()
    return page, link


def test_on_a_phone_a_tap_shows_the_definition_in_place_and_a_second_tap_goes_to_the_entry(open_page, site_url: str):
    page, link = tap_a_term_on_a_phone(open_page, site_url)
    tip = page.locator(".qa-tip--active")
    tip.wait_for()
    assert urlparse(page.url).path == Q4  # the page stays
    boxes = term_boxes(page, "#evidence-lower-bound")
    assert boxes["tip"].startswith("A tractable lower bound")
    assert boxes["tipSize"] == boxes["textSize"]
    assert boxes["tipBottom"] <= boxes["linkTop"] or boxes["tipTop"] >= boxes["linkBottom"]  # never over the term
    assert tip.get_by_role("link", name="Open the glossary entry").is_visible()
    page.locator("h1").tap()  # a tap elsewhere closes it
    tip.wait_for(state="hidden")
    link.tap()
    tip.wait_for()
    link.tap()  # the second tap follows the link, to the entry
    page.locator("h3#evidence-lower-bound").wait_for()
    page.go_back()
    page.locator("details#answer").wait_for()
    page.locator("details#answer > summary").tap()
    page.locator("details#answer a.qa-term[href$='#kl-divergence']").tap()
    page.locator(".qa-tip--active").get_by_role("link", name="Open the glossary entry").tap()  # or the link in it
    page.locator("h3#kl-divergence").wait_for()
    assert page.errors == []


def entry_in_view_with_its_address(page, entry: str) -> None:
    """The glossary page has come in scrolled to ``entry``, and the address keeps its fragment."""
    heading = page.locator(f"h3#{entry}")
    heading.wait_for()
    page.wait_for_timeout(600)  # past Material's 250 ms anchor tracking, which once dropped both
    expect(heading).to_be_in_viewport()
    assert urlparse(page.url).fragment == entry


def test_on_a_phone_a_followed_term_lands_with_its_entry_in_view(open_page, site_url: str):
    # Instant navigation pushes the address, then scrolls to the fragment when the page has
    # come in; Material's anchor tracking, due 250 ms after the scroll that brought the term
    # into view, could land in between, drop the fragment and leave the phone at the top.
    page, link = tap_a_term_on_a_phone(open_page, site_url)
    page.locator(".qa-tip--active").wait_for()
    link.tap()
    entry_in_view_with_its_address(page, "evidence-lower-bound")
    assert page.errors == []


def test_a_term_clicked_just_after_a_scroll_lands_on_its_entry(open_page, site_url: str):
    # The same race on a desktop: the wheel's last nudge, then the click.
    page = open_page()
    question_4_answer_open(page, site_url)
    link = page.locator("details#answer a.qa-term[href$='#evidence-lower-bound']")
    link.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(400)
    page.mouse.wheel(0, 60)
    page.wait_for_timeout(30)
    link.click()
    entry_in_view_with_its_address(page, "evidence-lower-bound")
    page.go_back()  # the back button is left to Material
    page.locator("details#answer").wait_for()
    assert urlparse(page.url).path == Q4
    assert page.errors == []


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("query", "entries"),
    [
        ("Kullback", ["kl-divergence"]),
        ("reparameterization", ["variational-autoencoder"]),
        ("Lipschitz", ["wasserstein-distance", "wasserstein-gan"]),
    ],
)
def test_search_finds_glossary_entries_once_each(open_page, site_url: str, query: str, entries: list[str]):
    page = open_page()
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    links = search(page, query)
    found = [link.rsplit("#", 1)[1] for link in links if "/glossary/" in link and "#" in link]
    assert sorted(found) == sorted(entries)  # each entry, once
    assert len(links) == len(set(links))  # no result twice
    page.locator(f".md-search-result__item a[href$='#{entries[0]}']").click()
    expect(page).to_have_url(re.compile(rf"/glossary/.*#{entries[0]}$"))
    page.locator(f"h3#{entries[0]}").wait_for()
    assert page.errors == []


def test_a_result_previews_the_question_not_the_answer_and_opens_the_answer_at_the_match(open_page, site_url: str):
    page = open_page()
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    links = search(page, "nucleus")
    assert any(Q9 in link for link in links)
    result = page.locator(f".md-search-result__item a[href*='{Q9}']").first
    preview = " ".join(result.inner_text().split())
    assert preview.startswith("Explain the role of temperature")
    assert "smallest set of tokens" not in preview
    assert "nucleus" not in preview.lower()
    result.click()  # instant navigation: Material marks the page before the answer opens
    page.wait_for_url(re.compile(r"/9-explain-the-role"), wait_until="commit")
    page.locator("details#answer[open]").wait_for()
    page.wait_for_timeout(300)
    assert highlighted(page) == ["nucleus"]  # its key term is "Top-p sampling", its definition closed
    first = page.evaluate(
        "() => { const m = document.querySelector('details#answer mark');"
        " const r = (m || [...CSS.highlights.get('qa-match')][0]).getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; }"
    )
    assert 0 < first[0] < first[1] < first[2]  # brought into view
    assert page.errors == []


def test_a_link_with_the_match_opens_the_answer_on_a_first_load_and_a_title_match_keeps_it_closed(
    open_page, site_url: str
):
    page = open_page()
    page.goto(site_url + Q9 + "?h=nucleus")
    page.locator("details#answer[open]").wait_for()
    page.wait_for_load_state("networkidle")  # the index is in: Material has marked what it sees
    page.wait_for_timeout(300)
    assert highlighted(page) == ["nucleus"]  # in the answer once
    page.wait_for_function(
        "() => { const r = document.querySelector('details#answer mark').getBoundingClientRect();"
        " return r.top > 0 && r.bottom < window.innerHeight; }"
    )
    page.goto(site_url + Q5 + "?h=mode+collapse")  # the question's own words
    page.wait_for_load_state("networkidle")
    assert not page.locator("details#answer").evaluate("d => d.open")
    assert page.errors == []


# --------------------------------------------------------------------------- the glossary's filter


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_glossary_filter_narrows_the_list_and_the_letters(open_page, site_url: str, device: str):
    page = open_page(device)
    page.goto(site_url + "/glossary/")
    page.wait_for_load_state("networkidle")
    box = page.get_by_label("Filter the terms")
    box.press_sequentially("diff", delay=30)
    shown = [h.rstrip("¶") for h in page.locator("article h3:visible").all_inner_texts()]
    expected = sorted(
        t.term for t in GLOSSARY.terms.values() if any(re.search(r"(?:^|[\s-])diff", n, re.I) for n in t.names)
    )
    assert shown
    assert sorted(shown) == expected
    assert page.locator("#qa-filter-count").inner_text() == f"{len(expected)} of {len(GLOSSARY.terms)} terms"
    assert not page.get_by_text(GLOSSARY.terms["attention"].short).is_visible()
    bar = page.locator("nav.qa-az")
    assert bar.locator("a[href$='#letter-a']").get_attribute("aria-disabled") == "true"
    assert bar.locator("a[href$='#letter-d']").get_attribute("aria-disabled") is None
    bar.locator("a[href$='#letter-d']").click()
    page.wait_for_function(
        "() => { const r = document.getElementById('letter-d').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )
    box.fill("kullback")  # an alias
    assert [h.rstrip("¶") for h in page.locator("article h3:visible").all_inner_texts()] == ["KL divergence"]
    box.fill("lipschitz")  # no term of that name: the entries whose definitions say it
    assert {h.rstrip("¶") for h in page.locator("article h3:visible").all_inner_texts()} == {
        "Wasserstein distance",
        "Wasserstein GAN",
    }
    assert page.locator("#qa-filter-count").inner_text() == "No term is named “lipschitz”: 2 entries mention it."
    box.fill("")
    assert page.locator("article h3:visible").count() == len(GLOSSARY.terms)
    assert bar.locator("[aria-disabled]").count() == 0
    page.keyboard.press("n")  # typing in the box is typing, not Material's "next page"
    assert urlparse(page.url).path == "/glossary/"
    assert page.errors == []


def test_without_javascript_the_glossary_has_no_filter_box(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/glossary/")
    assert not page.locator("article input").first.is_visible()
    assert page.locator("article h3:visible").count() == len(GLOSSARY.terms)
    context.close()


# --------------------------------------------------------------------------- home and 404


def test_home_shows_studied_and_due_once_progress_is_stored_without_the_self_test_scripts(open_page, site_url: str):
    page = open_page()
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".qa-progress").count() == 0  # no progress, nothing shown
    styles = page.eval_on_selector_all("ol.qa-questions > li", "els => els.map(e => getComputedStyle(e).listStyleType)")
    assert set(styles) == {"none"}  # the document's numbers, no marker beside them
    assert page.locator("ol.qa-questions > li").first.inner_text().startswith("1.")
    now = page.evaluate("Date.now()")
    progress = {
        "version": 2,
        "settings": {"retention": 0.9},
        "cards": {
            "advanced-generative-ai-qa/2": {"due": now + 3 * 86_400_000, "rating": 3, "state": 2},
            "advanced-generative-ai-qa/5": {"due": now - 60_000, "rating": 1, "state": 1},
        },
        "log": [],
        "points": {},
        "quiz": {"right": 0, "wrong": 0},
        "days": [],
    }
    page.evaluate("p => localStorage.setItem('qa-study:/', p)", json.dumps(progress))
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    items = page.locator("ol.qa-questions > li")
    assert items.nth(1).locator(".qa-progress").inner_text() == "studied"
    assert items.nth(4).locator(".qa-progress").inner_text() == "due"
    assert items.nth(0).locator(".qa-progress").count() == 0
    assert page.locator(".qa-progress-summary").inner_text().startswith("Your progress: 2 studied, 1 due now.")
    assert not [u for u in page.requests if "/javascripts/selftest/" in u or u.endswith(("srs.js", "ts-fsrs.min.js"))]
    assert page.errors == []


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_404_page_links_home_search_and_every_question(open_page, site_url: str, device: str):
    page = open_page(device)
    page.goto(site_url + "/404.html")
    page.wait_for_load_state("networkidle")
    assert page.locator("article ul.qa-question-links a").count() == 10
    assert page.locator("article ul.qa-question-links a").first.is_visible()
    page.get_by_role("button", name="Search the site").click()
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    page.locator("article").get_by_role("link", name="Home page").click()
    page.wait_for_url(re.compile(r"^[^?#]*:\d+/(index\.html)?$"), wait_until="commit")
    page.locator("ol.qa-questions").wait_for()
    assert page.errors == []


# --------------------------------------------------------------------------- accessibility of what the scripts add


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _tip_open(page, site_url):
    question_4_answer_open(page, site_url)
    page.locator("details#answer a.qa-term").first.hover()
    page.locator(".qa-tip--active").wait_for()
    page.wait_for_timeout(400)  # faded in: colours are read at full opacity


def _keys_open(page, site_url):
    page.goto(site_url + Q4)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("?")
    page.locator("dialog.qa-keys[open]").wait_for()


def _filtered(page, site_url):
    page.goto(site_url + "/glossary/")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Filter the terms").press_sequentially("wass", delay=20)


def _progress(page, site_url):
    page.goto(site_url + "/")
    page.evaluate(
        "() => localStorage.setItem('qa-study:/', JSON.stringify({version: 2, cards: {"
        "'advanced-generative-ai-qa/1': {due: Date.now() - 1, rating: 1}, 'advanced-generative-ai-qa/2': {due: Date.now() + 9e7, rating: 3}}}))"
    )
    page.reload()
    page.wait_for_load_state("networkidle")
    page.locator(".qa-progress").first.wait_for()


STATES = {
    "definition shown": _tip_open,
    "list of keys": _keys_open,
    "glossary filtered": _filtered,
    "home progress": _progress,
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", STATES)
def test_axe_finds_no_violation_in_what_the_scripts_add(open_page, site_url: str, axe, state: str, scheme: str):
    page = open_page("desktop", scheme)
    STATES[state](page, site_url)
    violations = axe.run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
