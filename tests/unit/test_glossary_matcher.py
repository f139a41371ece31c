"""The term matcher and the tree linker, on small inputs."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest

from macros.reading.glossary import Term
from macros.reading.matcher import Matcher
from macros.render.renderer import STUDY, Renderer, link_terms


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


MODELS = Matcher([term("GPT"), term("Llama"), term("Autoregressive model"), term("Fine-tuning")])


def models(text: str, matcher: Matcher = MODELS) -> list[str]:
    return [text[a:b] for a, b, _ in matcher.find(text)]


@pytest.mark.parametrize(
    "text",
    ["GPT-4o answers", "GPT-3.5 and GPT-4", "Llama-2 weights", "GPT‑4o (non-breaking hyphen)", "ChatGPT, InstructGPT"],
)
def test_no_mention_inside_a_hyphenated_or_longer_model_name(text):
    assert "GPT" not in models(text)
    assert "Llama" not in models(text)


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("(e.g., GPT, PixelRNN)", ["GPT"]),
        ("(e.g., GPT)", ["GPT"]),
        ("GPT. Then Llama.", ["GPT", "Llama"]),
        ("GPT/Llama", ["GPT", "Llama"]),
        ("GPT- and Llama models", ["GPT", "Llama"]),  # a hyphen before a space is a boundary
    ],
)
def test_a_name_between_real_word_boundaries_is_a_mention(text, mentions):
    assert models(text) == mentions


def test_hyphenated_prefix_is_no_boundary_either():
    assert models("non-autoregressive models, not autoregressive models") == ["autoregressive models"]
    assert models("LoRA-based fine-tuning-free prompting, then fine-tuning") == ["fine-tuning"]


def test_a_longer_model_name_in_the_glossary_is_found_whole():
    matcher = Matcher([term("GPT"), term("GPT-4o")])
    text = "GPT-4o, GPT"
    assert [(text[a:b], t) for a, b, t in matcher.find(text)] == [("GPT-4o", "gpt-4o"), ("GPT", "gpt")]


SHARED = Matcher(
    [
        term("Top-k sampling"),
        term("Top-p sampling", "nucleus sampling"),
        term("Conditional model"),
        term("Unconditional model"),
        term("Text-to-image generation"),
        term("Large language model"),
        term("Sampling"),
    ]
)


def shared(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], t) for a, b, t in SHARED.find(text)]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("top-k/top-p sampling", [("top-k", "top-k-sampling"), ("top-p sampling", "top-p-sampling")]),
        ("top-k / top-p sampling", [("top-k", "top-k-sampling"), ("top-p sampling", "top-p-sampling")]),
        (
            "a conditional and an unconditional model during sampling",
            [
                ("conditional", "conditional-model"),
                ("unconditional model", "unconditional-model"),
                ("sampling", "sampling"),
            ],
        ),
        (
            "conditional or unconditional models",
            [("conditional", "conditional-model"), ("unconditional models", "unconditional-model")],
        ),
        ("Text-to-image/video generation", [("Text-to-image", "text-to-image-generation")]),
        ("large language and vision models", [("large language", "large-language-model")]),
    ],
)
def test_a_modifier_sharing_the_noun_of_the_next_phrase_is_a_mention(text, mentions):
    assert shared(text) == mentions


@pytest.mark.parametrize(
    "text",
    [
        "the top-k results",  # a bare modifier is no mention
        "conditional statements and loops",
        "conditional and model",  # no modifier of its own in the second phrase
        "top-k, top-p sampling",  # a comma alone does not coordinate
        "text-to-image/video generation-time",  # the shared noun must end at a word boundary
        "non-conditional and unconditional model",
    ],
)
def test_no_shared_noun_no_mention(text):
    assert [
        t for t in shared(text) if t[1] in ("top-k-sampling", "conditional-model", "text-to-image-generation")
    ] == []


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
