"""The one renderer, as input/expected pairs: Markdown in, HTML out, per target.

In the style of Python-Markdown's ``assertMarkdownRenders``: each case is a dedented
source and the exact HTML a reader's browser gets, written by hand from what the
extensions in ``mkdocs.yml`` and the content policy promise.
"""

from __future__ import annotations

from dataclasses import replace
from textwrap import dedent

import pytest

from macros.glossary import Matcher, Term
from macros.render import BOOK, DECK, PAGE, STUDY, Renderer, Target

from .helpers import ROOT, load_project

CONFIG, _ = load_project(ROOT / "mkdocs.yml")
TERMS = [
    Term(
        id="retrieval-augmented-generation",
        term="Retrieval-augmented generation",
        short="Fetch, then <write>.",
        line=1,
        aliases=["RAG"],
    ),
    Term(id="lora", term="LoRA", short="Low-rank adapters.", line=2),
]
MATCHER = Matcher(TERMS)
TOOLTIPS = {t.id: t.short for t in TERMS}


def renderer(glossary: bool = False) -> Renderer:
    if not glossary:
        return Renderer.from_config(CONFIG)
    return Renderer.from_config(CONFIG, find=MATCHER.find, tooltips=lambda term_id: TOOLTIPS[term_id])


def assert_renders(source: str, expected: str, target: Target = STUDY, *, level: int = 1, glossary: bool = False):
    rendered = renderer(glossary).markdown(dedent(source).strip("\n"), target, source_level=level)
    assert rendered.html == dedent(expected).strip("\n")


LINKED = replace(PAGE, term_href="../../glossary/#{id}")


# --------------------------------------------------------------------------- GitHub's reading of the source


def test_a_list_may_follow_a_paragraph_without_a_blank_line():
    assert_renders(
        """
        It can be mitigated by:
        - one
        - two
        """,
        """
        <p>It can be mitigated by:</p>
        <ul>
        <li>one</li>
        <li>two</li>
        </ul>
        """,
    )


def test_a_list_inside_a_fence_stays_code():
    assert_renders(
        """
        ```
        text
        - a
        ```
        """,
        """
        <div class="highlight"><pre><span></span><code>text
        - a
        </code></pre></div>
        """,
    )


@pytest.mark.parametrize(
    ("target", "level", "expected"),
    [
        (STUDY, 2, "<h3>Deep</h3>"),  # a card: the question is an h2, so a level-3 heading stays h3
        (STUDY, 3, "<h2>Deep</h2>"),  # a document whose questions are h3: one level up
        (replace(STUDY, question_level=3), 2, "<h4>Deep</h4>"),  # the plain self-test
    ],
)
def test_headings_move_below_the_question_of_the_output(target, level, expected):
    assert_renders("### Deep", expected, target, level=level)


def test_headings_in_code_do_not_move():
    html = renderer().markdown("```\n### code\n```", STUDY, source_level=3).html
    assert "### code" in html


def test_a_page_keeps_heading_ids_and_permalinks_a_card_does_not():
    assert_renders(
        "## Why",
        '<h2 id="why">Why<a class="headerlink" href="#why" title="Permanent link">&para;</a></h2>',
        PAGE,
        level=1,
    )
    assert_renders("## Why", "<h3>Why</h3>", STUDY, level=1)  # one level down: a card's question is its h2


# --------------------------------------------------------------------------- content policy


def test_html_and_entities_in_content_show_as_written():
    assert_renders(
        "<b>bold</b> &amp; <script>alert(1)</script>",
        "<p>&lt;b&gt;bold&lt;/b&gt; &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>",
    )


# --------------------------------------------------------------------------- links


def test_external_links_are_marked_for_print():
    assert_renders(
        "[paper](https://arxiv.org/abs/1) and [here](#x)",
        '<p><a class="qa-external" href="https://arxiv.org/abs/1">paper</a> and <a href="#x">here</a></p>',
    )


def test_the_deck_turns_links_into_their_text():
    assert_renders("[paper](https://arxiv.org/abs/1)", "<p><span>paper</span></p>", DECK)


def test_glossary_terms_link_on_first_mention_with_a_tooltip():
    assert_renders(
        "RAG helps. RAG again, and *LoRA* too.",
        '<p><a class="qa-term" href="../../glossary/#retrieval-augmented-generation" title="Fetch, then &lt;write&gt;.">RAG</a>'
        ' helps. RAG again, and <em><a class="qa-term" href="../../glossary/#lora" title="Low-rank adapters.">LoRA</a></em>'
        " too.</p>",
        LINKED,
        glossary=True,
    )


def test_terms_are_found_without_links_where_the_target_has_none():
    rendered = renderer(glossary=True).markdown("`RAG` in code, LoRA in text, RAG in text.", STUDY)
    assert rendered.html == "<p><code>RAG</code> in code, LoRA in text, RAG in text.</p>"
    assert rendered.terms == ("lora", "retrieval-augmented-generation")


def test_the_book_links_terms_to_its_appendix():
    html = renderer(glossary=True).markdown("LoRA", BOOK).html
    assert html == '<p><a class="qa-term" href="#term-lora">LoRA</a></p>'


def test_inline_renders_without_a_paragraph_and_without_links():
    rendered = renderer(glossary=True).inline("What does `git rebase` do with *LoRA*?", LINKED)
    assert rendered.html == "What does <code>git rebase</code> do with <em>LoRA</em>?"
    assert rendered.text == "What does git rebase do with LoRA?"
    assert rendered.terms == ("lora",)


def test_rendering_is_cached_per_source_and_target():
    render = renderer()
    assert render.markdown("x", STUDY) is render.markdown("x", STUDY)
    assert render.markdown("x", STUDY) is not render.markdown("x", DECK)
