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
        case_sensitive: true     # optional: its names match only as written (Counter, not counter)
        defined_in: readme/12    # optional: the id of the question whose answer defines it

The :class:`Matcher` finds mentions in plain text: case-insensitive, on word
boundaries, plurals and aliases included, longest match first, one pass over
the text whatever the number of terms. A hyphen joined to a word is not a
boundary, so "GPT" is not found in "GPT-4o" nor "autoregressive model" in
"non-autoregressive model". :mod:`macros.render.renderer` applies it to a Python-Markdown
element tree, never inside code, headings or links.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from macros.model import Diagnostic, InputError, Question, read_document, slugify
from macros.reading.matcher import Matcher, _normal

__all__ = [
    "MAX_SHORT_WORDS",
    "Glossary",
    "GlossaryError",
    "Matcher",
    "Term",
    "dump_glossary",
    "load_glossary",
    "parse_glossary",
    "term_id_of",
    "unused_terms",
]

MAX_SHORT_WORDS = 30
FIELDS = {"term", "id", "short", "long", "aliases", "related", "reference", "topic", "case_sensitive", "defined_in"}
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
    case_sensitive: bool = False  # its names match only as written
    defined_in: str = ""  # id of the question whose answer defines it ("" for none)

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
    ``related`` link that is not returned), as diagnostics. ``derived`` marks a glossary
    that the build read out of the document's own answers (:mod:`macros.reading.derive`)
    rather than one written by hand.
    """

    path: str
    terms: dict[str, Term] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    derived: bool = False

    def __post_init__(self) -> None:
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.terms.values())
        return self._matcher

    def restricted(self, keep: set[str] | dict[str, Any]) -> Glossary:
        """The same glossary with only the entries ``keep`` names (their ``related`` links to
        entries left out dropped): what a site shows of it, the terms its questions use."""
        terms = {}
        for term_id, term in self.terms.items():
            if term_id in keep:
                related = [r for r in term.related if r in keep]
                terms[term_id] = term if related == term.related else replace(term, related=related)
        return Glossary(self.path, terms, self.warnings, self.derived)


# --------------------------------------------------------------------------- loading


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when there: much faster
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
    glossary.warnings = sorted(_one_way_related(glossary) + _labelled(glossary), key=lambda d: d.line)
    glossary.terms = dict(sorted(glossary.terms.items(), key=lambda kv: kv[1].term.casefold()))
    return glossary


def _labelled(glossary: Glossary) -> list[Diagnostic]:
    """A warning for every definition that starts with a name of its own term and a colon
    ("WGAN: a GAN ..."): wherever it shows, its term is already named before it, so it
    would read "Wasserstein GAN: WGAN: a GAN ..."."""
    warnings = []
    for term in glossary.terms.values():
        label, colon, _ = term.short.partition(":")
        if colon and _normal(label) in {_normal(name) for name in term.names}:
            warnings.append(
                Diagnostic(
                    glossary.path,
                    term.line,
                    f"the 'short' definition of '{term.term}' starts with its own name '{label}:', which every "
                    "page already shows before it: start with what it is",
                )
            )
    return warnings


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
    case_sensitive = entry.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        errors.append(Diagnostic(path, line, f"'case_sensitive' of '{name}' must be true or false"))
        case_sensitive = False
    defined_in = entry.get("defined_in") or ""
    if not isinstance(defined_in, (str, int)):
        errors.append(Diagnostic(path, line, f"'defined_in' of '{name}' must be a question's id, such as readme/12"))
        defined_in = ""
    term_id = str(entry.get("id") or term_id_of(name))
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
        case_sensitive=case_sensitive,
        defined_in=str(defined_in),
    )


def term_id_of(name: str) -> str:
    """The anchor of a term's entry: its ASCII words ("low-rank-adaptation"); a name without
    any ("以太网", "декоратор") gets ``term-`` and a hash of itself, the same in every build."""
    slug = slugify(name, max_words=12, max_len=80)
    if slug and len(slug) * 2 >= len(re.sub(r"\W", "", name)):  # mostly ASCII: readable
        return slug
    return "term-" + hashlib.sha1(name.strip().encode()).hexdigest()[:10]


def dump_glossary(glossary: Glossary, header: str = "") -> str:
    """The glossary as a YAML file of the format :func:`parse_glossary` reads (``header``, a
    comment, first): what ``split_qa.py --glossary`` writes, for the author to edit."""
    entries = []
    for term in glossary.terms.values():
        entry: dict[str, Any] = {"term": term.term}
        if term.id != term_id_of(term.term):
            entry["id"] = term.id
        entry["short"] = term.short
        for name, value in (("long", term.long), ("aliases", term.aliases), ("topic", term.topic)):
            if value:
                entry[name] = value
        if term.related:
            entry["related"] = [glossary.terms[r].term for r in term.related if r in glossary.terms]
        if term.case_sensitive:
            entry["case_sensitive"] = True
        if term.defined_in:
            entry["defined_in"] = term.defined_in
        if term.reference:
            entry["reference"] = dict(term.reference)
        entries.append(entry)
    body = yaml.safe_dump({"terms": entries}, allow_unicode=True, sort_keys=False, width=1000)
    return header + body


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
