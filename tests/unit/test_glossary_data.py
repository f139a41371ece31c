"""Glossary validation: every bad entry stops the build with FILE:LINE: message."""

from __future__ import annotations

import re
from collections import Counter
from textwrap import dedent

import pytest

from macros.reading.glossary import GlossaryError, load_glossary, parse_glossary

from ..conftest import ROOT
from ..helpers import seed_site


def errors(text: str) -> list[str]:
    with pytest.raises(GlossaryError) as info:
        parse_glossary(dedent(text).lstrip(), "g.yml")
    return [str(d) for d in info.value.diagnostics]


def test_the_sites_glossary_is_valid_and_complete():
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    assert len(glossary.terms) >= 40
    names = {t.term.casefold() for t in glossary.terms.values()}
    for wanted in ("evidence lower bound", "state-space model", "top-p sampling", "low-rank adaptation", "mamba"):
        assert wanted in names
    assert list(glossary.terms.values()) == sorted(glossary.terms.values(), key=lambda t: t.term.casefold())
    assert all(len(t.short.split()) <= 30 for t in glossary.terms.values())


def normal(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.lower()))


# A bare adjective or a broader everyday word links unrelated text in other documents
# ("a conditional statement", "the top-k results", "minimax search", "3D reconstruction").
# ("Discriminator" and "Generator" stay the names of their own entries, GAN's two networks.)
GENERIC_ALIASES = [
    "conditional",
    "unconditional",
    "multimodal",
    "multi-modal",
    "autoregressive",
    "autoencoding",
    "grounded",
    "text-to-image",
    "top-k",
    "top k",
    "critic",
    "discriminator",
    "reconstruction",
    "minimax",
]


def test_no_alias_is_a_bare_adjective_or_a_generic_word():
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    aliases = {normal(a): t.term for t in glossary.terms.values() for a in t.aliases}
    assert {a: aliases[normal(a)] for a in GENERIC_ALIASES if normal(a) in aliases} == {}


@pytest.mark.parametrize(
    ("entry", "alias"),
    [
        ("Wasserstein GAN", "Wasserstein distance"),  # the metric, an entry of its own
        ("Denoising score matching", "score matching loss"),  # plain score matching is Hyvärinen's
        ("Base model", "foundation model"),  # a kind of model, not the role
        ("Sequence length", "long-sequence modeling"),  # a task, not a length
    ],
)
def test_names_of_other_things_are_no_aliases(entry, alias):
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    term = next(t for t in glossary.terms.values() if t.term == entry)
    assert normal(alias) not in {normal(a) for a in term.aliases}


def test_the_sites_glossary_links_no_generic_word():
    matcher = load_glossary(ROOT / "docs" / "glossary.yml").matcher
    text = (
        "A conditional statement, the top-k results, a multimodal distribution, the critic, "
        "3D reconstruction, minimax search, a grounded wire, Llama-2 and GPT-3.5."
    )
    assert [text[a:b] for a, b, _ in matcher.find(text)] == []


def test_question_10s_example_models_are_their_own_terms_not_gpt():
    matcher = load_glossary(ROOT / "docs" / "glossary.yml").matcher
    heading = "What are some cutting-edge applications of multi-modal generative models (e.g., GPT-4o, Gemini, Claude)?"
    assert [t for _, _, t in matcher.find(heading)] == ["multimodal-model", "gpt-4o", "gemini", "claude"]
    assert [t for _, _, t in matcher.find("Autoregressive models (e.g., GPT, PixelRNN)")] == [
        "autoregressive-model",
        "gpt",
        "pixelrnn",
    ]


def test_topics_tell_the_seeds_questions_apart():
    site = seed_site()
    glossary, questions = site.glossary, site.questions
    tags = {q.number: {glossary.terms[t].topic for t in q.terms} - {""} for q in questions}
    assert {n: sorted(t) for n, t in tags.items() if not 1 <= len(t) <= 3} == {}
    counts = Counter(topic for topics in tags.values() for topic in topics)
    assert 5 <= len(counts) <= 8, counts
    assert {topic: n for topic, n in counts.items() if n > len(questions) / 2} == {}
    assert "Retrieval and grounding" not in tags[4]  # "inference" in a training-objectives answer


def test_invalid_yaml():
    assert errors("terms:\n  - term: A\n    short: [unclosed\n") == [
        "g.yml:4: invalid YAML: did not find expected ',' or ']': fix the syntax"
    ]


def test_term_defined_twice_and_alias_colliding_with_a_term():
    assert errors("""
        terms:
          - term: Attention
            short: a
          - term: attention
            short: b
          - term: Transformer
            short: c
            aliases: [Attention]
        """) == [
        "g.yml:4: term 'attention' of 'attention' is already defined by 'Attention' (line 2): keep it in one entry only",
        "g.yml:6: alias 'Attention' of 'Transformer' is already defined by 'Attention' (line 2): keep it in one entry only",
    ]


def test_empty_and_too_long_definitions():
    long = " ".join(["word"] * 31)
    assert errors(f"""
        terms:
          - term: A
            short: ""
          - term: B
            short: {long}
        """) == [
        "g.yml:2: 'A' has an empty definition: write a 'short:' of at most 30 words",
        "g.yml:4: the 'short' definition of 'B' has 31 words, too long for a tooltip: cut it to 30 and move the rest to 'long'",
    ]


def test_unknown_related_term_and_unknown_field():
    assert errors("""
        terms:
          - term: A
            short: a
            related: [Nope]
            sees: [B]
        """) == [
        "g.yml:2: 'A' has unknown field(s) sees: use aliases, case_sensitive, defined_in, id, long, reference, related, "
        "short, term, topic",
        "g.yml:2: related term 'Nope' of 'A' is not in the glossary: add it or fix the name",
    ]


def test_a_one_way_related_link_is_a_warning_with_its_fix():
    glossary = parse_glossary(
        dedent("""
            terms:
              - term: Mamba
                short: a
                related: [State-space model, Attention]
              - term: State-space model
                short: b
                related: [Mamba]
              - term: Attention
                short: c
            """).lstrip(),
        "g.yml",
    )
    assert [str(d) for d in glossary.warnings] == [
        "g.yml:2: 'Mamba' lists 'Attention' as related, but 'Attention' (line 8) does not list 'Mamba': "
        "add it to the 'related' of 'Attention', or remove it here",
    ]


def test_related_links_of_the_sites_glossary_go_both_ways():
    assert [str(d) for d in load_glossary(ROOT / "docs" / "glossary.yml").warnings] == []


def test_not_a_term_list():
    assert errors("- just a list\n") == ["g.yml:1: the glossary must be a mapping with a list under 'terms:'"]
