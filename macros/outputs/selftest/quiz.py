"""The term quiz's data, and the topics of a question."""

from __future__ import annotations

import re

from macros.model import Question
from macros.outputs.site import Site
from macros.reading.glossary import Glossary, Term

__all__ = ["names_itself", "question_topics", "quiz_terms"]


def names_itself(term: Term, glossary: Glossary) -> bool:
    """Whether the term's short definition says the term's name or an alias ("LoRA: a fine-tuning
    method ..."), as a glossary mention or inside a longer name ("a variational autoencoder"
    names "autoencoder"): such a definition gives its term away in the quiz."""
    if any(term_id == term.id for _, _, term_id in glossary.matcher.find(term.short)):
        return True
    text = _words_of(term.short)
    return any(re.search(rf"(?<!\w){re.escape(_words_of(name))}(?:e?s)?(?!\w)", text) for name in term.names)


def _words_of(text: str) -> str:
    """Lower case, hyphens as spaces, spaces collapsed: "Auto-Encoder" and "auto encoder" alike."""
    return " ".join(re.split(r"[\s-]+", text.lower()))


def quiz_terms(glossary: Glossary | None) -> list[dict]:
    """One item per term with a definition, with its candidate distractors: ``related`` terms
    first, then ``topic`` (same topic); the script adds any others. ``own`` marks a definition
    that names its term: the quiz never shows it (either way round), and a glossary flashcard
    only asks for it from the term."""
    if glossary is None:
        return []
    terms = [t for t in glossary.terms.values() if t.short]
    usable = {t.id for t in terms}
    by_topic: dict[str, list[str]] = {}
    for term in terms:
        if term.topic:
            by_topic.setdefault(term.topic, []).append(term.id)
    items = []
    for term in terms:
        related = [r for r in term.related if r in usable]
        # A few same-topic candidates are enough for 3 distractors; listing all would make
        # the page data grow with terms squared.
        topic = [t for t in by_topic.get(term.topic, []) if t != term.id and t not in related][:8]
        item = {"id": term.id, "term": term.term, "def": term.short, "related": related, "topic": topic}
        if term.topic:
            item["t"] = term.topic
        if names_itself(term, glossary):
            item["own"] = 1
        items.append(item)
    return items


def question_topics(site: Site, question: Question) -> list[str]:
    """The glossary topics of the terms a question uses, A–Z (its tags on the site)."""
    glossary = site.glossary
    if glossary is None:
        return []
    return sorted({glossary.terms[t].topic for t in question.terms if t in glossary.terms and glossary.terms[t].topic})
