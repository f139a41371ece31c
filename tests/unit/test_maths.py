"""Maths as GitHub reads it (``$…$``, ``$$…$$``, ```` ```math ````), through the one renderer and
its content policy, for the site and for the PDF book, which runs no JavaScript and prints the
TeX as the document wrote it. ``tests/built/test_maths_build.py`` builds both, and
``tests/browser/test_maths_browser.py`` has KaTeX typeset the site.

The expected HTML is what ``pymdownx.arithmatex`` in generic mode promises: ``\\(…\\)`` in
``<span class="arithmatex">`` and ``\\[…\\]`` in ``<div class="arithmatex">``, written here by hand.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from macros.reading.glossary import Term
from macros.reading.matcher import Matcher
from macros.render.renderer import BOOK, DECK, PAGE, STUDY, Renderer, Target

from ..helpers import ROOT, load_project

CONFIG, _ = load_project(ROOT / "mkdocs.yml")


def render(source: str, target: Target = PAGE, **kwargs) -> str:
    return Renderer.from_config(CONFIG, **kwargs).markdown(dedent(source).strip("\n"), target).html


# --------------------------------------------------------------------------- the renderer


@pytest.mark.parametrize("target", [PAGE, STUDY, DECK], ids=lambda t: t.name)
def test_inline_and_display_maths_are_marked_for_katex_on_every_target(target: Target):
    html = render(
        r"""
        Window $W$ over round trip $RTT$:

        $$
        \text{throughput} \le \frac{W}{RTT}
        $$
        """,
        target,
    )
    assert html == dedent(
        r"""
        <p>Window <span class="arithmatex">\(W\)</span> over round trip <span class="arithmatex">\(RTT\)</span>:</p>
        <div class="arithmatex">\[
        \text{throughput} \le \frac{W}{RTT}
        \]</div>
        """
    ).strip("\n")


def test_a_math_fence_is_display_maths():
    assert render("```math\nx^2 < 1\n```") == '<div class="arithmatex">\\[\nx^2 &lt; 1\n\\]</div>'
    # Right after text, with a blank line in it, and in a list item: still one formula.
    assert render("So:\n```math\na\n\nb\n```\n- then\n\n  ```math\n  c\n  ```") == dedent(
        r"""
        <p>So:</p>
        <div class="arithmatex">\[
        a
        b
        \]</div>
        <ul>
        <li>
        <p>then</p>
        <div class="arithmatex">\[
        c
        \]</div>
        </li>
        </ul>
        """
    ).strip("\n")


def test_display_maths_right_after_a_line_of_text_is_a_block_as_on_github():
    # GitHub's own example of display maths: a bold line, then $$…$$ on the next line.
    html = render(
        r"""
        **The Cauchy-Schwarz inequality**
        $$\left( \sum_k a_k b_k \right)^2 \le \sum_k a_k^2 \sum_k b_k^2$$
        and the text goes on.
        """
    )
    assert html == dedent(
        r"""
        <p><strong>The Cauchy-Schwarz inequality</strong></p>
        <div class="arithmatex">\[\left( \sum_k a_k b_k \right)^2 \le \sum_k a_k^2 \sum_k b_k^2\]</div>
        <p>and the text goes on.</p>
        """
    ).strip("\n")


def test_display_maths_in_a_list_item_stays_in_it():
    html = render(
        """
        - the mean $\\mu$
          $$\\mu = E[X]$$
        - next
        """
    )
    assert html == dedent(
        r"""
        <ul>
        <li>
        <p>the mean <span class="arithmatex">\(\mu\)</span></p>
        <div class="arithmatex">\[\mu = E[X]\]</div>
        </li>
        <li>
        <p>next</p>
        </li>
        </ul>
        """
    ).strip("\n")


@pytest.mark.parametrize(
    "text",
    [
        "it costs $5 and $10",
        "Tickets are $5, $10 and $20.",
        "between $5 and $10 a month",
        "a $ sign alone, and $ 5 with a space",
        r"an escaped \$x\$ is two dollar signs",
    ],
)
def test_dollar_signs_used_as_money_stay_text(text: str):
    html = render(text)
    assert "arithmatex" not in html
    assert html == f"<p>{text.replace(chr(92) + '$', '$')}</p>"


def test_tex_brackets_are_not_maths_as_on_github():
    assert render(r"f\(x\) and \[1, 2\]") == "<p>f(x) and [1, 2]</p>"


def test_maths_is_tex_not_markdown_nor_html():
    html = render("$a_1 < b_1$ and $x_i * y_i * z$ and $</span><script>alert(1)</script>$")
    assert html == (
        r'<p><span class="arithmatex">\(a_1 &lt; b_1\)</span> and '
        r'<span class="arithmatex">\(x_i * y_i * z\)</span> and '
        r'<span class="arithmatex">\(&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;\)</span></p>'
    )


def test_glossary_terms_inside_maths_are_not_linked():
    matcher = Matcher([Term(id="rtt", term="RTT", short="Round-trip time.", line=1)])
    target = Target("page", term_href="../glossary/#{id}")
    html = render("$\\frac{W}{RTT}$ where RTT is the round trip", target, find=matcher.find)
    assert html == (
        r'<p><span class="arithmatex">\(\frac{W}{RTT}\)</span> where '
        '<a class="qa-term" href="../glossary/#rtt">RTT</a> is the round trip</p>'
    )


def test_the_book_prints_maths_between_the_dollars_the_document_wrote():
    html = render("Time $RTT$.\n\n$$\n\\frac{W}{RTT}\n$$\n\n```math\nx\n```", BOOK)
    assert html == dedent(
        r"""
        <p>Time <span class="arithmatex">$RTT$</span>.</p>
        <div class="arithmatex">$$
        \frac{W}{RTT}
        $$</div>
        <div class="arithmatex">$$
        x
        $$</div>
        """
    ).strip("\n")
