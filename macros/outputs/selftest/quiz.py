"""The term quiz's data, and the topics of a question."""

from __future__ import annotations

import re

from macros.model import Question
from macros.outputs.site import Site
from macros.reading.glossary import Glossary, Term
from macros.reading.matcher import _TOKEN_RE

__all__ = ["blank", "names_itself", "question_topics", "quiz_terms"]


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
    first, then ``topic`` (same topic); the script adds any others, except those in ``x``.

    ``x`` lists the terms whose name or definition says this term's name or an alias: as
    an option beside it, "A GAN failure ... (mode collapse)" would give "Mode collapse"
    away, or read as a second right answer. ``own`` marks a definition that names its
    term: the quiz never shows it (either way round), and a glossary flashcard only asks
    for it from the term. A definition taken from the document's own answers
    (``defined_in``: "A closure is a function ...") is shown with its term blanked instead
    ("A ___ is a function ..."), since its sentence starts with the term by design.
    """
    if glossary is None:
        return []
    terms = [t for t in glossary.terms.values() if t.short]
    usable = {t.id for t in terms}
    by_topic: dict[str, list[str]] = {}
    for term in terms:
        if term.topic:
            by_topic.setdefault(term.topic, []).append(term.id)
    avoid = _naming(terms, glossary)
    items = []
    for term in terms:
        related = [r for r in term.related if r in usable and r not in avoid[term.id]]
        # A few same-topic candidates are enough for 3 distractors; listing all would make
        # the page data grow with terms squared.
        topic = [
            t for t in by_topic.get(term.topic, []) if t != term.id and t not in related and t not in avoid[term.id]
        ][:8]
        item = {"id": term.id, "term": term.term, "def": term.short, "related": related, "topic": topic}
        if avoid[term.id]:
            item["x"] = sorted(avoid[term.id])
        if term.topic:
            item["t"] = term.topic
        if names_itself(term, glossary):
            blanked = blank(term) if term.defined_in else None
            if blanked is None:
                item["own"] = 1
            else:
                item["def"] = blanked
        items.append(item)
    return items


BLANK = "___"


def blank(term: Term) -> str | None:
    """The term's definition with each name of it blanked ("A ___ is a function ..."), or None
    when some form of the name would still show (a longer word that holds it)."""
    text = term.short
    for name in sorted(term.names, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s-]+", name.strip()) if w]
        if not words:
            continue
        pattern = r"(?<!\w)" + r"[\s-]+".join(words) + r"(?:e?s)?(?!\w)"
        text = re.sub(pattern, BLANK, text, flags=0 if term.case_sensitive else re.IGNORECASE)
    if BLANK not in text:
        return None
    probe = Term(id=term.id, term=term.term, short=text.replace(BLANK, " "), line=0, aliases=term.aliases)
    if _says_a_name(probe):
        return None
    return text


def _says_a_name(term: Term) -> bool:
    text = _words_of(term.short)
    return any(re.search(rf"(?<!\w){re.escape(_words_of(name))}(?:e?s)?(?!\w)", text) for name in term.names)


def _naming(terms: list[Term], glossary: Glossary) -> dict[str, set[str]]:
    """For each term, the other terms whose name or definition says its name or an alias.

    Every run of words of a name or definition is looked up among the names (their
    plurals too), as the matcher keeps them: the cost is the words of the glossary times
    the longest name, not terms squared.
    """
    names = glossary.matcher.names
    longest = glossary.matcher.longest
    found: dict[str, set[str]] = {t.id: set() for t in terms}
    for term in terms:
        for text in (term.short, *term.names):
            # A possessive says the name too: "a generative model's output".
            words = [w.lower().removesuffix("'s").removesuffix("’s") for w in _TOKEN_RE.findall(text)]
            for start in range(len(words)):
                for end in range(start + 1, min(len(words), start + longest) + 1):
                    named = names.get(tuple(words[start:end]))
                    if named is not None and named != term.id and named in found:
                        found[named].add(term.id)
    return found


def question_topics(site: Site, question: Question) -> list[str]:
    """A question's topics (its tags on the site): see :meth:`Site.topics`."""
    return site.topics(question)
