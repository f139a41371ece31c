"""The one renderer, as input/expected pairs: Markdown in, HTML out, per target.

In the style of Python-Markdown's ``assertMarkdownRenders``: each case is a dedented
source and the exact HTML a reader's browser gets, written by hand from what the
extensions in ``mkdocs.yml`` and the content policy promise.
"""

from __future__ import annotations

from dataclasses import replace
from textwrap import dedent

import pytest

from macros.reading.glossary import Term
from macros.reading.matcher import Matcher
from macros.render.renderer import BOOK, DECK, PAGE, STUDY, Renderer, Target

from ..helpers import ROOT, load_project, qa_documents

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
        # Indented by up to three spaces, still a heading (CommonMark, GitHub): read as one.
        (STUDY, "Call it.\n\n  #### `call`\n\nNow.", "<p>Call it.</p>\n<h3><code>call</code></h3>\n<p>Now.</p>"),
        (replace(STUDY, question_level=None), "   ## Two", "<h2>Two</h2>"),  # moved nowhere, read all the same
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


# --------------------------------------------------------------------------- one rendering shared by targets


def test_a_card_reuses_the_page_rendering_with_its_glossary_links_as_text():
    render = renderer(glossary=True)
    page = render.markdown("RAG helps, and `RAG` in code stays code.", LINKED)
    assert 'class="qa-term"' in page.html
    card = render.markdown("RAG helps, and `RAG` in code stays code.", STUDY)
    assert card.html == "<p>RAG helps, and <code>RAG</code> in code stays code.</p>"
    assert card.terms == page.terms == ("retrieval-augmented-generation",)
    assert render.markdown("RAG helps, and `RAG` in code stays code.", STUDY) is card


def test_content_whose_rendering_depends_on_the_page_is_rendered_for_the_card():
    """A heading moves below the card's question and loses its id; a footnote's ids and a
    link into the document depend on the page. None of them is taken from the page's HTML."""
    render = renderer(glossary=True)
    source = "### Why\n\nRAG helps.[^1]\n\n[^1]: A note."
    page = render.markdown(source, LINKED)
    assert "<h2" in page.html
    assert "<h3" not in page.html
    card = render.markdown(source, STUDY)
    assert card.html.startswith("<h3>Why</h3>\n<p>RAG helps.")
    assert 'class="qa-term"' not in card.html


@pytest.mark.parametrize("document", qa_documents(), ids=lambda p: p.name)
def test_a_reused_rendering_is_the_rendering_the_card_would_get(document):
    """Every answer and body of a document, rendered for the self-test, is the same whether it
    is taken from the question page's rendering or rendered again (by a renderer that has
    rendered no page)."""
    from macros.plugin.loading import load_site
    from macros.render.renderer import STUDY as CARD

    config, options = load_project(ROOT / "mkdocs.yml", source=str(document), unanswered="show")
    site = load_site(config, options)[0]
    # The same extensions, glossary and links, nothing cached: it renders each card's content
    # itself, having rendered no question page to reuse.
    fresh = replace(site.renderer)
    reused = 0
    for question in site.questions:
        target = site.target_at(CARD, "self-test/", question.collection)
        for source in filter(None, (question.body, question.answer)):
            reused += (source, target.doc) in site.renderer._portable
            assert site.renderer.markdown(source, target) == fresh.markdown(source, target), question.label
    if document.name == "advanced-generative-ai-qa.md":
        assert reused >= 5  # most of the seed's answers are reused: the comparison is not vacuous


@pytest.mark.parametrize("document", qa_documents(), ids=lambda p: p.name)
def test_the_text_of_rendered_content_is_what_an_html_parser_reads(document):
    """``Rendered.text`` (titles, descriptions, word counts) strips tags without a parser; on
    every piece of every test document rendered for the site, the self-test and the deck, it
    reads what one reads."""
    from macros.outputs.selftest.data import card_files
    from macros.outputs.selftest.page import selftest_markdown
    from macros.plugin.loading import load_site
    from macros.reading.blocks import visible_text
    from macros.render.renderer import html_text

    config, options = load_project(ROOT / "mkdocs.yml", source=str(document), unanswered="show")
    site = load_site(config, options)[0]
    files = card_files(site, "self-test/")  # the cards' content is rendered for the self-test there
    selftest_markdown(
        site, lambda html, ids: "", here="self-test/", anki_url="self-test/anki-deck.txt", cards_url=files.index
    )
    pieces = [r.html for r in site.renderer._cache.values()]
    assert len(pieces) > len(site.questions)
    for html in pieces:
        assert html_text(html) == visible_text(html), html[:200]


def test_a_link_whose_destination_has_spaces_is_text_as_on_github():
    from ..helpers import seed_site

    html = (
        seed_site(glossary=False)
        .renderer.markdown('See [the docs](Labels can select objects) and [ok](https://example.org/a "title").', PAGE)
        .html
    )
    assert "[the docs](Labels can select objects)" in html
    assert 'href="https://example.org/a"' in html


def test_a_code_span_keeps_its_spaces_as_on_github():
    """CommonMark takes one space from each side of a code span only when both sides have one:
    "to` class`" reads "to class" on GitHub, not "toclass"."""
    from ..helpers import seed_site

    html = seed_site(glossary=False).renderer.inline("to` class` in, `  b  `, ` a `, `x`, ` `", PAGE).html
    assert "to<code> class</code> in" in html
    assert "<code> b </code>" in html
    assert "<code>a</code>" in html
    assert "<code>x</code>" in html
    assert "<code> </code>" in html


def test_links_by_reference_work_in_every_piece_of_the_document():
    """A document defines its references once, at its end; the home page, every answer and the
    book use them as GitHub does, and a "definition" inside code defines nothing."""
    from macros.reading.parser import parse_text

    from ..helpers import site_of

    source = (
        "# Notes\n\n| Samples |\n| --- |\n| [A server][1.1] |\n\n"
        "## 1. What is a proxy?\n\nSee [the guide][Guide] and [the fake one][fake].\n\n"
        "```text\n[fake]: https://example.org/not-a-definition\n```\n\n"
        "## 2. What is a cache?\n\nA store of copies.\n\n"
        '[1.1]: https://example.org/server\n[guide]: https://example.org/guide "The guide"\n'
    )
    collection = parse_text(source, "notes.md")
    site = site_of(collection)
    intro = site.block(collection.intro, PAGE, collection, 1).html
    assert 'href="https://example.org/server"' in intro
    answer = site.answer(collection.questions[0]).html
    assert 'href="https://example.org/guide"' in answer
    assert 'title="The guide"' in answer
    assert "[the fake one][fake]" in answer
    assert "not-a-definition</a>" not in answer
