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


def assert_renders(source: str, expected: str, target: Target = STUDY, *, glossary: bool = False):
    rendered = renderer(glossary).markdown(dedent(source).strip("\n"), target)
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
    ("target", "source", "expected"),
    [
        (STUDY, "### Deep", "<h3>Deep</h3>"),  # a card: the question is an h2, its answer's headings start at h3
        (STUDY, "#### Deep\n\n##### Deeper", "<h3>Deep</h3>\n<h4>Deeper</h4>"),  # the shallowest goes there
        (replace(STUDY, question_level=3), "## Deep", "<h4>Deep</h4>"),  # the plain self-test
        (PAGE, "###### Six", ""),  # below the page's h1 (shown below with its permalink)
    ],
)
def test_headings_move_below_the_question_of_the_output(target, source, expected):
    html = renderer().markdown(source, target).html
    if expected:
        assert html == expected
    else:
        assert html.startswith("<h2 ")


def test_headings_in_code_do_not_move():
    html = renderer().markdown("## Real\n\n```\n### code\n```", STUDY).html
    assert "### code" in html
    assert html.startswith("<h3>Real</h3>")


def test_a_page_keeps_heading_ids_and_permalinks_a_card_does_not():
    assert_renders(
        "## Why",
        '<h2 id="why">Why<a class="headerlink" href="#why" title="Permanent link">¶</a></h2>',
        PAGE,
    )
    assert_renders("## Why", "<h3>Why</h3>", STUDY)  # a card's question is its h2


def test_lists_nested_by_two_spaces_nest_as_on_github():
    assert_renders(
        """
        - outer
          - inner
        - next
        """,
        """
        <ul>
        <li>outer<ul>
        <li>inner</li>
        </ul>
        </li>
        <li>next</li>
        </ul>
        """,
    )


def test_code_inside_a_list_item_stays_in_it():
    html = renderer().markdown("1. one\n\n   ```python\n   x = 1\n   ```\n2. two", STUDY).html
    assert html.count("<li>") == 2
    assert html.index("highlight") < html.index("two")
    assert "<ol>\n<li>\n<p>one</p>" in html


def test_markdown_between_html_tags_stays_markdown_as_in_commonmark():
    assert_renders(
        """
        <div align="center">

        **bold** text

        </div>
        """,
        """
        <div align="center">
        <p><strong>bold</strong> text</p>
        </div>
        """,
    )


# --------------------------------------------------------------------------- content policy


def test_html_renders_as_github_renders_it_cleaned():
    assert_renders(
        '<b>bold</b> &amp; <kbd>Ctrl</kbd> <script>alert(1)</script><span onclick="x()" style="color:red">s</span>',
        "<p><b>bold</b> &amp; <kbd>Ctrl</kbd> <span>s</span></p>",
    )


def test_template_syntax_stays_literal():
    assert_renders("{{ page.title }} and {% if x %}", "<p>{{ page.title }} and {% if x %}</p>")


def test_a_class_the_content_writes_is_dropped():
    assert_renders('<span class="md-button qa-term">x</span>', '<p><span class="qa-term">x</span></p>')


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


def test_github_alerts_become_admonitions():
    assert_renders(
        """
        > [!WARNING]
        > Do **not** force-push a shared branch.
        """,
        """
        <div class="admonition warning">
        <p class="admonition-title">Warning</p>
        <p>Do <strong>not</strong> force-push a shared branch.</p>
        </div>
        """,
    )


def test_emoji_shortcodes_show_as_the_characters():
    assert_renders(
        "Click :star: at 10:30:00, not :no_such_emoji:.", "<p>Click ⭐ at 10:30:00, not :no_such_emoji:.</p>"
    )
