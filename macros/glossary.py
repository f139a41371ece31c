"""Glossary: data file, validation, and the term matcher (no MkDocs import).

The glossary is one YAML file (``docs/glossary.yml``)::

    terms:
      - term: Evidence lower bound
        short: A lower bound on the log-likelihood ...     # tooltip, at most 30 words
        long: Optional longer explanation.
        aliases: [ELBO, evidence lower bounds]
        related: [Variational autoencoder]                  # other entries' `term`
        topic: Probabilistic modeling                       # optional: the tag it gives questions
        reference: {title: ..., author: ..., year: 2013, arxiv: "1312.6114"}

The :class:`Matcher` finds mentions in plain text: case-insensitive, on word
boundaries, plurals and aliases included, longest match first, one pass over
the text whatever the number of terms. A hyphen joined to a word is not a
boundary, so "GPT" is not found in "GPT-4o" nor "autoregressive model" in
"non-autoregressive model". :mod:`macros.render` applies it to a Python-Markdown
element tree, never inside code, headings or links.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import Diagnostic, InputError, Question, read_document, slugify

__all__ = [
    "MAX_SHORT_WORDS",
    "Glossary",
    "GlossaryError",
    "Matcher",
    "Relatedness",
    "Term",
    "load_glossary",
    "parse_glossary",
    "unused_terms",
]

MAX_SHORT_WORDS = 30
FIELDS = {"term", "id", "short", "long", "aliases", "related", "reference", "topic"}
REFERENCE_FIELDS = {"title", "author", "year", "arxiv", "doi", "url"}


class GlossaryError(InputError):
    """Raised when the glossary file cannot be used."""


@dataclass
class Term:
    """One glossary entry."""

    id: str
    term: str
    short: str
    line: int
    long: str = ""
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # ids of related entries
    topic: str = ""
    reference: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]

    @property
    def letter(self) -> str:
        """Its letter in the glossary's A–Z ("#" for a digit or a symbol)."""
        first = unicodedata.normalize("NFKD", self.term.strip())[:1].upper()  # "É" files under E
        return first if first.isascii() and first.isalpha() else "#"

    def citation(self) -> tuple[str, str, str, str, str] | None:
        """The reference as (first author, year, title, link label, address), "" where unknown."""
        ref = self.reference
        if not ref:
            return None
        label, url = "", ""
        if ref.get("arxiv"):
            label, url = f"arXiv:{ref['arxiv']}", f"https://arxiv.org/abs/{ref['arxiv']}"
        elif ref.get("doi"):
            label, url = f"doi:{ref['doi']}", f"https://doi.org/{ref['doi']}"
        elif ref.get("url"):
            label = url = str(ref["url"])
        return str(ref.get("author", "")), str(ref.get("year", "")), str(ref["title"]), label, url


@dataclass
class Glossary:
    """Every entry, by id, in alphabetical order.

    ``warnings`` holds what validation found that does not stop the build (such as a
    ``related`` link that is not returned), as diagnostics.
    """

    path: str
    terms: dict[str, Term] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.terms.values())
        return self._matcher


# --------------------------------------------------------------------------- loading


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when there, 10x faster
    """Safe loader that records the line of every mapping under the key ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_glossary(path: str | Path, display_path: str | None = None) -> Glossary:
    """Read and validate a glossary file.

    Raises:
        GlossaryError: with every problem, as ``FILE:LINE: message``.
    """
    shown = display_path or str(path)
    text = read_document(path, shown, GlossaryError, "glossary file", "check plugins: qa: glossary in mkdocs.yml")
    return parse_glossary(text, shown)


def parse_glossary(text: str, path: str = "<glossary>") -> Glossary:
    """Parse and validate the YAML text of a glossary."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise GlossaryError([Diagnostic(path, line, f"invalid YAML: {problem}: fix the syntax")]) from None
    errors: list[Diagnostic] = []
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError([Diagnostic(path, 1, "the glossary must be a mapping with a list under 'terms:'")])

    glossary = Glossary(path)
    names: dict[str, tuple[str, int]] = {}  # lower-cased name -> (entry term, line)
    raw_related: list[tuple[Term, list[Any], int]] = []
    for entry in data["terms"]:
        if not isinstance(entry, dict):
            errors.append(Diagnostic(path, 1, f"entry {entry!r} is not a mapping: write '- term: ...' with its fields"))
            continue
        term = _entry(entry, path, errors)
        if term is None:
            continue
        name_taken = _normal(term.term) in names
        for name in term.names:
            key = _normal(name)
            if key in names and names[key] == (term.term, term.line):
                errors.append(
                    Diagnostic(
                        path,
                        term.line,
                        f"alias '{name}' of '{term.term}' is the same name again (case, hyphens and spaces "
                        "do not matter, plurals are automatic): remove it",
                    )
                )
            elif key in names:
                other, other_line = names[key]
                what = "term" if name == term.term else "alias"
                errors.append(
                    Diagnostic(
                        path,
                        term.line,
                        f"{what} '{name}' of '{term.term}' is already defined by '{other}' (line {other_line}): "
                        "keep it in one entry only",
                    )
                )
            else:
                names[key] = (term.term, term.line)
        if term.id in glossary.terms and not name_taken:
            errors.append(
                Diagnostic(path, term.line, f"id '{term.id}' of '{term.term}' is used twice: set a distinct 'id'")
            )
        glossary.terms[term.id] = term
        raw_related.append((term, entry.get("related") or [], term.line))

    by_name = {_normal(t.term): t.id for t in glossary.terms.values()}
    for term, related, line in raw_related:
        for name in related:
            target = by_name.get(_normal(str(name)))
            if target is None:
                errors.append(
                    Diagnostic(
                        path,
                        line,
                        f"related term '{name}' of '{term.term}' is not in the glossary: add it or fix the name",
                    )
                )
            elif target != term.id:
                term.related.append(target)
    if errors:
        raise GlossaryError(sorted(errors, key=lambda d: d.line))
    glossary.warnings = _one_way_related(glossary)
    glossary.terms = dict(sorted(glossary.terms.items(), key=lambda kv: kv[1].term.casefold()))
    return glossary


def _one_way_related(glossary: Glossary) -> list[Diagnostic]:
    """A warning for every ``related`` link that the other entry does not return."""
    warnings = []
    for term in glossary.terms.values():
        for target_id in term.related:
            other = glossary.terms[target_id]
            if term.id not in other.related:
                warnings.append(
                    Diagnostic(
                        glossary.path,
                        term.line,
                        f"'{term.term}' lists '{other.term}' as related, but '{other.term}' (line {other.line}) "
                        f"does not list '{term.term}': add it to the 'related' of '{other.term}', or remove it here",
                    )
                )
    return sorted(warnings, key=lambda d: d.line)


def _entry(entry: dict, path: str, errors: list[Diagnostic]) -> Term | None:
    line = entry.pop("__line__", 1)
    name = entry.get("term")
    if not isinstance(name, str) or not name.strip():
        errors.append(Diagnostic(path, line, "entry has no 'term': add 'term: <name>'"))
        return None
    unknown = sorted(set(entry) - FIELDS)
    if unknown:
        errors.append(
            Diagnostic(
                path, line, f"'{name}' has unknown field(s) {', '.join(unknown)}: use {', '.join(sorted(FIELDS))}"
            )
        )
    short = entry.get("short")
    if not isinstance(short, str) or not short.strip():
        errors.append(
            Diagnostic(
                path, line, f"'{name}' has an empty definition: write a 'short:' of at most {MAX_SHORT_WORDS} words"
            )
        )
        short = ""
    elif len(short.split()) > MAX_SHORT_WORDS:
        errors.append(
            Diagnostic(
                path,
                line,
                f"the 'short' definition of '{name}' has {len(short.split())} words, too long for a tooltip: "
                f"cut it to {MAX_SHORT_WORDS} and move the rest to 'long'",
            )
        )
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        errors.append(Diagnostic(path, line, f"'aliases' of '{name}' must be a list of names: aliases: [a, b]"))
        aliases = []
    if not isinstance(entry.get("related") or [], list):
        errors.append(Diagnostic(path, line, f"'related' of '{name}' must be a list of terms: related: [a, b]"))
        entry["related"] = []
    reference = entry.get("reference") or {}
    if not isinstance(reference, dict):
        errors.append(
            Diagnostic(path, line, f"'reference' of '{name}' must be a mapping with title, author, year, arxiv or doi")
        )
        reference = {}
    reference.pop("__line__", None)
    if reference and (set(reference) - REFERENCE_FIELDS or "title" not in reference):
        errors.append(
            Diagnostic(
                path, line, f"'reference' of '{name}' needs a title and only {', '.join(sorted(REFERENCE_FIELDS))}"
            )
        )
    term_id = str(entry.get("id") or slugify(name, max_words=12, max_len=80))
    if not term_id:
        errors.append(Diagnostic(path, line, f"'{name}' gives an empty anchor: set 'id: <ascii-name>'"))
    return Term(
        id=term_id,
        term=name.strip(),
        short=" ".join(short.split()),
        long=" ".join(str(entry.get("long") or "").split()),
        aliases=[a.strip() for a in aliases],
        topic=str(entry.get("topic") or "").strip(),
        reference=reference,
        line=line,
    )


# --------------------------------------------------------------------------- matching

_TOKEN_RE = re.compile(r"\w+(?:[·'’]\w+)*")
_GAP_RE = re.compile(r"[ \t\n\u00a0\-‐‑]+")  # what may stand between the words of one name
_HYPHENS = "-‐‑"  # hyphen-minus, hyphen, non-breaking hyphen


def _normal(name: str) -> str:
    return " ".join(t.lower() for t in _TOKEN_RE.findall(name))


def _plural_forms(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    *head, last = words
    yield words
    yield (*head, last + "s")
    yield (*head, last + "es")
    if last.endswith("y") and len(last) > 2:
        yield (*head, last[:-1] + "ies")
    if last.endswith("x"):  # matrix -> matrices
        yield (*head, last[:-1] + "ces")


class Matcher:
    """Finds mentions of glossary terms in text, longest first, in one pass."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.names: dict[tuple[str, ...], str] = {}
        exact: set[tuple[str, ...]] = set()
        for term in terms:
            for name in term.names:
                words = tuple(t.lower() for t in _TOKEN_RE.findall(name))
                if words:
                    self.names[words] = term.id
                    exact.add(words)
        for words, term_id in list(self.names.items()):
            for form in _plural_forms(words):
                if form not in exact:  # a written name always wins over a generated plural
                    self.names.setdefault(form, term_id)
        self.longest = max((len(w) for w in self.names), default=0)
        self.first_words = {words[0] for words in self.names}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, term_id)`` mentions, leftmost-longest.

        "LoRA (Low-Rank Adaptation)" is one mention: a parenthesis that repeats the
        same term joins the match before it. A modifier whose noun is written once for
        two ("top-k/top-p sampling", "a conditional and an unconditional model") is a
        mention of the name it makes with that noun (see :meth:`_elided_at`).
        """
        tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN_RE.finditer(text)]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tokens):
            hit = self._longest_at(text, tokens, i)
            if hit is None:
                elided = self._elided_at(text, tokens, i) if tokens[i][2] in self.first_words else None
                if elided is not None:
                    length, term_id = elided
                    found.append((tokens[i][0], tokens[i + length - 1][1], term_id))
                    i += length
                else:
                    i += 1
                continue
            length, term_id = hit
            start, end = tokens[i][0], tokens[i + length - 1][1]
            i += length
            # "LoRA (Low-Rank Adaptation)": the expansion in parentheses is the same mention.
            if i < len(tokens) and text[end : tokens[i][0]].strip() == "(":
                inner = self._longest_at(text, tokens, i)
                if inner and inner[1] == term_id:
                    close = tokens[i + inner[0] - 1][1]
                    if text[close : close + 1] == ")":
                        end, i = close + 1, i + inner[0]
            found.append((start, end, term_id))
        return found

    def _longest_at(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
        """The longest name starting at token ``i``: (number of tokens, term id).

        A name starts and ends only at a real word boundary: not inside a hyphenated
        word, so "GPT-4o", "GPT-3.5" and "Llama-2" hold no mention of "GPT" or "Llama",
        unless the longer name (such as "GPT-4o") is itself in the glossary.
        """
        if tokens[i][2] not in self.first_words:  # most words start no name: one set lookup
            return None
        if _joined_before(text, tokens[i][0]):
            return None
        limit = 1
        last = min(self.longest, len(tokens) - i)
        while limit < last:  # how far the gaps let one name run: spaces and hyphens only
            gap = text[tokens[i + limit - 1][1] : tokens[i + limit][0]]
            if gap != " " and not _GAP_RE.fullmatch(gap):
                break
            limit += 1
        for length in range(limit, 0, -1):
            term_id = self.names.get(tuple(t[2] for t in tokens[i : i + length]))
            if term_id is not None and not _joined_after(text, tokens[i + length - 1][1]):
                return length, term_id
        return None

    def _elided_at(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
        """A modifier at token ``i`` that shares the noun of the phrase after "/", "and" or "or".

        In "top-k/top-p sampling" the noun "sampling" serves both "top-k" and "top-p":
        "top-k" is then a mention of "top-k sampling" (the modifier alone is linked). The
        same holds for "text-to-image/video generation" and "a conditional and an
        unconditional model". The shared noun is at most three words into the second
        phrase, and the modifier with that noun must be a name of the glossary, so a bare
        "top-k" or "conditional" elsewhere is never a mention.

        Returns:
            (number of tokens of the modifier, term id), or None.
        """
        if _joined_before(text, tokens[i][0]):
            return None
        end = i  # last token of the modifier
        while True:
            if end + 1 >= len(tokens) or end - i + 1 >= self.longest:
                return None
            second = self._second_conjunct(text, tokens, end)
            if second is not None:
                break
            if not _GAP_RE.fullmatch(text[tokens[end][1] : tokens[end + 1][0]]):
                return None
            end += 1
        modifier = tuple(t[2] for t in tokens[i : end + 1])
        for noun_start in range(second + 1, min(second + 4, len(tokens))):  # the second phrase's own modifier words
            if not _GAP_RE.fullmatch(text[tokens[noun_start - 1][1] : tokens[noun_start][0]]):
                return None
            noun_end = noun_start
            while True:
                term_id = self.names.get(modifier + tuple(t[2] for t in tokens[noun_start : noun_end + 1]))
                if term_id is not None and not _joined_after(text, tokens[noun_end][1]):
                    return end - i + 1, term_id
                if noun_end + 1 >= len(tokens) or len(modifier) + noun_end - noun_start + 1 >= self.longest:
                    break
                if not _GAP_RE.fullmatch(text[tokens[noun_end][1] : tokens[noun_end + 1][0]]):
                    break
                noun_end += 1
        return None

    @staticmethod
    def _second_conjunct(text: str, tokens: list[tuple[int, int, str]], end: int) -> int | None:
        """The first token of the phrase coordinated with the one ending at token ``end``, if any."""
        gap = text[tokens[end][1] : tokens[end + 1][0]]
        if gap.strip() == "/":
            return end + 1
        nxt = end + 1
        if gap.strip() not in ("", ",") or tokens[nxt][2] not in ("and", "or") or nxt + 1 >= len(tokens):
            return None
        if not text[tokens[nxt][1] : tokens[nxt + 1][0]].isspace():
            return None
        nxt += 1
        article = tokens[nxt][2] in ("a", "an", "the") and nxt + 1 < len(tokens)
        if article and text[tokens[nxt][1] : tokens[nxt + 1][0]].isspace():
            nxt += 1
        return nxt


def _joined_after(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` goes on through a hyphen ("GPT" in "GPT-4o")."""
    return end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalnum()


def _joined_before(text: str, start: int) -> bool:
    """Whether the word starting at ``start`` continues one before it ("autoregressive" in "non-autoregressive")."""
    return start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()


# --------------------------------------------------------------------------- questions


class Relatedness:
    """Finds, for each question, the others it has most to do with, through the glossary.

    Two questions are related when they use the same terms, each shared term weighted by
    how rare it is (an inverse document frequency, ``log(1 + N / questions using it)``):
    sharing "variational autoencoder" says more than sharing "regularization" or
    "inference", which many questions use, so one common term does not decide. A question
    that shares no term with any other falls back on the glossary's ``related`` links: the
    questions that use a term related to one of its own, ranked the same way by the weight
    of those related terms.

    An index from term to questions keeps the cost to the number of shared mentions, not
    questions squared; a term used by more than ``common`` questions (whose weight is small
    anyway) is left out of that index.

    Args:
        questions: every question of the site, in document order (ties keep that order).
        related: term id -> ids of its related terms (the glossary's ``related`` links).
        common: terms used by more questions than this are not counted.
    """

    def __init__(
        self, questions: list[Question], related: dict[str, list[str]] | None = None, common: int = 50
    ) -> None:
        self.position = {q: index for index, q in enumerate(questions)}
        self.related_terms = related or {}
        users: dict[str, list[Question]] = {}
        for question in questions:
            for term_id in dict.fromkeys(question.terms):
                users.setdefault(term_id, []).append(question)
        total = max(len(questions), 1)
        self.weight = {term_id: math.log(1 + total / len(qs)) for term_id, qs in users.items()}
        self.users = {term_id: qs for term_id, qs in users.items() if len(qs) <= common}

    def scores(self, question: Question) -> tuple[dict[Question, float], dict[Question, float]]:
        """(questions sharing a term with ``question``, questions using a term related to one of
        its terms and sharing none), each with its score."""
        own = dict.fromkeys(question.terms)
        shared: dict[Question, float] = {}
        for term_id in own:
            for other in self.users.get(term_id, ()):
                if other is not question:
                    shared[other] = shared.get(other, 0.0) + self.weight[term_id]
        linked: dict[Question, float] = {}
        for term_id in own:
            for near in self.related_terms.get(term_id, ()):
                if near in own:
                    continue
                for other in self.users.get(near, ()):
                    if other is not question and other not in shared:
                        linked[other] = linked.get(other, 0.0) + self.weight[near]
        return shared, linked

    def related(self, question: Question, limit: int = 3) -> list[Question]:
        """Up to ``limit`` other questions sharing the rarest terms, or, when none shares a term,
        reached through related terms (ties: document order)."""
        shared, linked = self.scores(question)

        def ranked(scores: dict[Question, float]) -> list[Question]:
            return sorted(scores, key=lambda other: (-round(scores[other], 9), self.position[other]))

        return ranked(shared or linked)[:limit]


def unused_terms(glossary: Glossary, appears: dict[str, list[Question]]) -> list[Diagnostic]:
    """A warning for every term no question uses."""
    return [
        Diagnostic(
            glossary.path,
            term.line,
            f"term '{term.term}' appears in no question: add an alias that the text uses, or remove the entry",
        )
        for term_id, term in glossary.terms.items()
        if not appears.get(term_id)
    ]
