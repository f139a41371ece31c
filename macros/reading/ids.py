"""A document's identities: slugs and keys of sections and questions, and the anchors its links point at."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from pathlib import Path

from macros.model import (
    Collection,
    slugify,
)
from macros.reading.blocks import Unit
from macros.reading.patterns import NAMED, github_anchor, plain_words


def anchors(units: list[Unit], collection: Collection, boundaries: list[int]) -> dict[str, object]:
    """Every anchor of the document (headings as GitHub names them, ``<a name>`` and ``id``), with
    what it points at: the question, section or part around its line (None: the home page)."""
    found: list[tuple[int, str]] = []
    counts: Counter[str] = Counter()

    def heading(text: str, line: int) -> None:
        base = github_anchor(text)
        anchor = base if not counts[base] else f"{base}-{counts[base]}"
        counts[base] += 1
        found.append((line, anchor))

    for unit in units:
        if unit.kind == "heading":
            heading(unit.text, unit.start)
        elif unit.kind == "list":
            for item in unit.items:
                if item.first == "heading":
                    heading(item.first_text, item.start)
        source = unit.text if unit.kind in ("heading", "html", "details") else ""
        found.extend((unit.start, name) for name in NAMED.findall(source))
    owner_at: dict[int, object] = {h.line - 1: h for s in collection.sections for h in s.parents}
    owner_at.update({s.line - 1: s for s in collection.sections if s.title})
    owner_at.update({p.line - 1: p for p in collection.parts})
    owner_at.update({q.line - 1: q for q in collection.questions})
    anchors: dict[str, object] = {}
    for line, anchor in found:
        k = bisect_right(boundaries, line) - 1
        anchors.setdefault(anchor, owner_at.get(boundaries[k]) if k >= 0 else None)
    return anchors


def assign_ids(collection: Collection) -> None:
    """Slugs (URL segments) and keys (ids), unique in the collection and stable while the number
    and the first words of a question stay the same."""
    collection.slug = slugify(Path(collection.path).stem, max_words=10) or "questions"
    used: set[str] = set()
    for index, section in enumerate(collection.sections, start=1):
        base = slugify(section.title or "") or f"section-{index}"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        section.slug = slug
    numbers = Counter(q.numeral for q in collection.questions if q.number is not None)
    keys: set[str] = set()
    slugs: set[str] = set()
    for position, question in enumerate(collection.questions, start=1):
        words = slugify(plain_words(question.text))
        if question.number is not None:
            repeated = numbers[question.numeral] > 1
            key = f"{question.section.slug}-{question.numeral}" if repeated else question.numeral
            slug = f"{key}-{words}" if words else key
        else:
            key = words or f"question-{position}"
            slug = key
        base_key, base_slug, n = key, slug, 2
        while key in keys or slug in slugs:
            key, slug, n = f"{base_key}-{n}", f"{base_slug}-{n}", n + 1
        keys.add(key)
        slugs.add(slug)
        question.key, question.slug = key, slug
