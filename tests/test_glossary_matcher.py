"""The term matcher and the tree linker, on small inputs."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest

from macros.glossary import Matcher, Term
from macros.render import STUDY, Renderer, link_terms


def term(name: str, *aliases: str) -> Term:
    from macros.model import slugify

    return Term(id=slugify(name), term=name, short=f"About {name}.", line=1, aliases=list(aliases))


MATCHER = Matcher(
    [
        term("Classifier-free guidance", "CFG"),
        term("Guidance"),
        term("Large language model", "LLM"),
        term("Language model"),
        term("Retrieval-augmented generation", "RAG"),
        term("Low-rank adaptation", "LoRA"),
        term("Fine-tuning", "finetuning"),
        term("Low-rank matrix"),
        term("Top-k sampling", "top-k"),
        term("Top-p sampling", "top-p", "nucleus sampling"),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], t) for a, b, t in MATCHER.find(text)]


def test_longest_match_wins():
    assert found("classifier-free guidance beats guidance") == [
        ("classifier-free guidance", "classifier-free-guidance"),
        ("guidance", "guidance"),
    ]
    assert found("large language models beat a language model") == [
        ("large language models", "large-language-model"),
        ("language model", "language-model"),
    ]


def test_word_boundaries():
    assert found("the average drag of a RAG system") == [("RAG", "retrieval-augmented-generation")]


def test_case_plurals_aliases_and_spelling_variants():
    assert found("LLMs and llm, Fine-tuning, fine tuning, finetuning, low-rank matrices") == [
        ("LLMs", "large-language-model"),
        ("llm", "large-language-model"),
        ("Fine-tuning", "fine-tuning"),
        ("fine tuning", "fine-tuning"),
        ("finetuning", "fine-tuning"),
        ("low-rank matrices", "low-rank-matrix"),
    ]


def test_abbreviation_with_its_expansion_is_one_mention():
    assert found("LoRA (Low-Rank Adaptation) freezes") == [("LoRA (Low-Rank Adaptation)", "low-rank-adaptation")]
    assert found("Top-p (nucleus sampling) selects") == [("Top-p (nucleus sampling)", "top-p-sampling")]
    assert found("RAG (Low-Rank Adaptation)") == [
        ("RAG", "retrieval-augmented-generation"),
        ("Low-Rank Adaptation", "low-rank-adaptation"),
    ]


def test_slash_separates_names():
    assert found("top-k/top-p sampling") == [("top-k", "top-k-sampling"), ("top-p sampling", "top-p-sampling")]


def render_linked(source: str) -> str:
    md = markdown.Markdown(extensions=["fenced_code", "tables"])

    class Link(markdown.treeprocessors.Treeprocessor):
        def run(self, root):
            def make(term_id, text):
                a = etree.Element("a", {"href": f"#{term_id}"})
                a.text = text
                return a

            link_terms(root, MATCHER.find, make)

    md.treeprocessors.register(Link(md), "link", 1)
    return md.convert(source)


def test_first_occurrence_only_and_text_kept():
    html = render_linked("RAG helps. RAG again, and *LoRA* too.")
    assert html == (
        '<p><a href="#retrieval-augmented-generation">RAG</a> helps. RAG again, and '
        '<em><a href="#low-rank-adaptation">LoRA</a></em> too.</p>'
    )


@pytest.mark.parametrize(
    "source",
    [
        "`RAG` in code",
        "```\nRAG in a fence\n```",
        "## RAG in a heading",
        "[RAG in a link](https://example.org)",
        '<span title="RAG">attribute</span>',
    ],
)
def test_code_headings_links_and_attributes_are_never_linked(source):
    assert "#retrieval-augmented-generation" not in render_linked(source)


def test_terms_in_a_document_skip_what_is_not_linked():
    source = "## LLM\n\n`RAG` and [LoRA](x) but fine-tuning counts, then top-k."
    assert list(Renderer(find=MATCHER.find).markdown(source, STUDY).terms) == ["fine-tuning", "top-k-sampling"]
