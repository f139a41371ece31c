"""Maths built: the question pages of a document with maths carry it (and its money) as text,
and the PDF book prints the TeX legibly, long formulas wrapped inside the page.
``tests/unit/test_maths.py`` holds the renderer's side."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import ROOT, mkdocs_build
from ..helpers import MM, outside, pdftotext, soup, word_boxes
from .test_pdf import run_build

# Slow: a site and a PDF book of their own.
pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "import" / "browser" / "maths.md"


# --------------------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def maths_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("maths-site")
    result = mkdocs_build(site, env={"QA_SOURCE": str(FIXTURE)})
    assert result.returncode == 0, result.stderr
    return site


def test_question_pages_carry_their_maths_and_money_as_text(maths_site: Path):
    pages = {p.parent.name.split("-", 1)[0]: soup(p) for p in (maths_site / "maths").glob("*/index.html")}
    answers = {n: page.select_one("details#answer") for n, page in pages.items()}
    counts = {n: len(answer.select(".arithmatex")) for n, answer in answers.items()}
    assert counts == {"1": 0, "2": 4, "3": 2, "4": 4, "5": 0, "6": 3}
    assert [d.get_text() for d in answers["4"].select("div.arithmatex")] == [
        "\\[\nP(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B)}\n\\]"
    ]
    assert "Each pays $5 and $10, so $15 a head and $30 for the pair." in answers["5"].get_text()
    assert (
        pages["5"].h1.get_text().rstrip("¶")
        == "A ticket costs $5 and a programme $10: how much do two friends spend on both?"
    )
    # Nothing is loaded for maths by the page itself: maths.js fetches KaTeX where it is needed.
    for page in pages.values():
        assert not [t for t in page.find_all(["script", "link"]) if "katex" in (t.get("src") or t.get("href") or "")]


# --------------------------------------------------------------------------- the book


def test_the_book_prints_the_tex_legibly_and_keeps_long_formulas_on_the_page(tmp_path: Path):
    long = " + ".join(f"\\frac{{x_{{{n}}}}}{{y_{{{n}}}}}" for n in range(40))  # about 600 characters
    source = tmp_path / "maths.md"
    source.write_text(FIXTURE.read_text(encoding="utf-8") + f"\n## 7. How long can a formula be?\n\n$${long}$$\n")
    out = tmp_path / "maths.pdf"
    result = run_build("--source", str(source), "--glossary", "", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = "\n".join(pdftotext(out))
    assert "Each face $k$ comes up with probability $\\frac{1}{6}$" in text
    assert "$$\nE[X] = \\sum_{k=1}^{6} k \\cdot \\frac{1}{6} = 3.5\n$$" in text
    assert "$$\nP(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B)}\n$$" in text
    assert "\\[" not in text
    assert "\\(" not in text
    pages = word_boxes(out)
    assert outside(pages, margin=20 * MM) == []  # the long formula wraps inside the side margins
    printed = "".join(w.text for page in pages for w in page.words)
    assert long.replace(" ", "") in printed  # wrapped, never cut
