"""Printing a page from the browser (Ctrl+P), through Chromium's page.pdf().

page.pdf() prints with the print stylesheet and runs no beforeprint handler of
Material's, so what these tests see is what the CSS alone does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.reading.parser import parse_file

from ..conftest import SEED
from ..helpers import answer_text, normal, outside, pdftotext, word_boxes

pytestmark = pytest.mark.browser

Q1 = "/advanced-generative-ai-qa/1-explain-the-difference-between-autoregressive-autoencoding/"
Q4 = "/advanced-generative-ai-qa/4-compare-the-training-objectives-of-gans-vaes-and/"
PAPER = {"A4": (595.3, 841.9), "Letter": (612, 792)}


def first_answer() -> str:
    return normal(answer_text(parse_file(SEED).questions[0].answer))


def print_page(page, path: Path, paper: str = "A4") -> str:
    """Print the loaded page to ``path``; return its text, normalized."""
    page.pdf(path=str(path), format=paper)
    return normal(" ".join(pdftotext(path, "-raw")))


def chrome_texts(page) -> list[str]:
    """Texts of the site's chrome (header, navigation, sidebars, footer) that the content does not repeat."""
    content = normal(page.eval_on_selector(".md-content", "e => e.textContent"))  # the closed answer too
    texts = page.eval_on_selector_all(
        ".md-header, .md-nav__link, .md-footer__link, .md-footer-meta, .md-search",
        "els => els.map(e => e.textContent)",
    )
    chrome = {normal(t) for t in texts} - {""}
    return sorted(t for t in chrome if len(t) > 3 and t not in content)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_print_has_the_collapsed_answer_and_no_navigation(browser, site_url: str, tmp_path: Path, javascript: bool):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + Q1)
    assert not page.get_by_text("Generate data sequentially").is_visible()  # collapsed on screen
    chrome = chrome_texts(page)
    assert chrome  # the page does have navigation to hide
    printed = print_page(page, tmp_path / "q1.pdf")
    context.close()
    assert first_answer() in printed
    assert [text for text in chrome if text in printed] == []
    assert "Switch to dark mode" not in printed


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_fits_a4_and_letter(browser, site_url: str, tmp_path: Path, paper: str):
    page = browser.new_page()
    page.goto(site_url + Q1)
    pdf = tmp_path / f"q1-{paper}.pdf"
    printed = print_page(page, pdf, paper)
    page.close()
    pages = word_boxes(pdf)
    assert (pages[0].width, pages[0].height) == pytest.approx(PAPER[paper], abs=1.5)
    assert outside(pages, margin=10) == []  # nothing cut at the edges of the paper
    assert first_answer() in printed


def test_print_keeps_key_terms_with_definitions_as_plain_text(browser, site_url: str, tmp_path: Path):
    page = browser.new_page()
    page.goto(site_url + Q1)
    definitions = [  # closed on the screen (a row of names), every one open on paper
        normal(d)
        for d in page.eval_on_selector_all(
            "#key-terms + ul details.qa-key-term > p", "els => els.map(e => e.textContent)"
        )
    ]
    assert definitions
    printed = print_page(page, tmp_path / "q1.pdf")
    assert [d for d in definitions if d not in printed] == []
    page.add_style_tag(content="* { transition: none !important; }")  # read final colours, not mid-fade
    page.emulate_media(media="print")
    styles = page.eval_on_selector_all(
        "a.qa-term, #key-terms + ul a",
        """els => els.map(e => {
             const s = getComputedStyle(e), p = getComputedStyle(e.closest('p, li'));
             return [s.textDecorationLine, s.color === p.color];
           })""",
    )
    page.close()
    assert styles
    assert {tuple(s) for s in styles} == {("none", True)}  # no underline, the colour of the text


def test_print_spells_out_external_addresses_only(browser, site_url: str, tmp_path: Path):
    page = browser.new_page()
    page.goto(site_url + "/glossary/")
    printed = print_page(page, tmp_path / "glossary.pdf")
    page.close()
    assert "Attention Is All You Need arXiv:1706.03762 (https://arxiv.org/abs/1706.03762)" in printed
    assert "(http://127.0.0.1" not in printed  # links within the site print as plain text


def test_print_breaks_avoid_short_blocks_and_lonely_headings(browser, site_url: str):
    page = browser.new_page()
    page.goto(site_url + Q1)
    page.emulate_media(media="print")
    page.evaluate(
        """() => {  // a code block, as answers may have, to read its print style
             const pre = document.createElement('pre');
             pre.textContent = 'x = 1';
             document.querySelector('.md-typeset').append(pre);
           }"""
    )
    style = page.evaluate(
        """() => Object.fromEntries([
             ['h1', 'breakAfter'], ['h2', 'breakAfter'], ['pre', 'breakInside'],
             ['details.qa-answer li', 'breakInside'], ['details.qa-answer', 'breakInside'],
           ].map(([sel, prop]) => [sel + ' ' + prop,
             getComputedStyle(document.querySelector('.md-typeset ' + sel))[prop]]))"""
    )
    related = page.evaluate(
        """() => [getComputedStyle(document.querySelector('#related-questions')).breakBefore,
                  getComputedStyle(document.querySelector('#related-questions + ul')).breakInside]"""
    )
    page.close()
    assert style == {
        "h1 breakAfter": "avoid-page",
        "h2 breakAfter": "avoid-page",
        "pre breakInside": "avoid-page",
        "details.qa-answer li breakInside": "avoid-page",
        # an answer followed by related questions may break inside, so that they keep with it
        "details.qa-answer breakInside": "auto",
    }
    assert related == ["avoid-page", "avoid-page"]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_never_leaves_related_questions_alone_on_a_page(browser, site_url: str, tmp_path: Path, paper: str):
    """Question 4 fills its first page to the foot: its related questions come over with the
    end of the answer (its topics), never on a page of their own, and never split."""
    page = browser.new_page()
    page.goto(site_url + Q4)
    related = page.eval_on_selector_all("#related-questions + ul li", "els => els.map(e => e.textContent)")
    pdf = tmp_path / f"q4-{paper}.pdf"
    page.pdf(path=str(pdf), format=paper)
    page.close()
    pages = [normal(text) for text in pdftotext(pdf, "-raw")]
    holding = [k for k, text in enumerate(pages) if "Related questions" in text]
    assert len(holding) == 1
    text = pages[holding[0]]
    assert not text.startswith("Related questions")  # something of the answer comes before them
    assert all(normal(item) in text for item in related)  # the list is whole, on that page


def test_print_from_dark_mode_is_dark_on_white(browser, site_url: str):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + Q1)
    page.emulate_media(media="print", color_scheme="dark")
    color = page.eval_on_selector(".md-typeset", "e => getComputedStyle(e).color")
    context.close()
    red, green, blue = (int(part) for part in color[color.index("(") + 1 :].split(",")[:3])
    assert max(red, green, blue) < 100, color
