"""The self-test page and the Anki deck, built from the model (no MkDocs import).

The page has two layers:

* HTML that works with no script at all: every question with a collapsible answer
  and a checklist of its key points. Printed, it is a worksheet with ruled space
  under each question, followed by an answer key.
* The data for ``docs/javascripts/selftest.js`` (flashcards, key-point recall, term
  quiz) as JSON in a hidden element. The JSON holds no ``<``, ``>`` or ``&`` (they are
  written ``\\u003c`` ...), so no content can close the element or open a comment.
  It sits in a ``<div hidden>`` rather than a ``<script type="application/json">``:
  Material's instant navigation re-creates each ``<script>`` of the content without
  its attributes, which would run the JSON as JavaScript and lose its id.

Q&A content renders literally, as on the question pages: raw HTML, entities and
template syntax in a question or answer show as written. Our own markup around it
is built here, so the page is HTML we wrote plus Markdown rendered with no raw HTML.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .glossary import Glossary, Term
from .model import Question, relative_url, slugify
from .render import DECK, STUDY, Target
from .site import Site
from .source import read_units

__all__ = [
    "ANKI_PATH",
    "anki_tsv",
    "json_for_html",
    "key_points",
    "quiz_terms",
    "selftest_data",
    "selftest_markdown",
]

ANKI_PATH = "self-test/anki-deck.txt"
"""Where the Anki import file is published, relative to the site root."""

PLAIN = replace(STUDY, name="study-plain", question_level=3)
"""The plain self-test and its answer key: a question is an h3 under its section's h2."""


def key_points(answer: str) -> list[str]:
    """The answer's top-level list items, as inline Markdown (the first paragraph of each, its
    lines joined; nested lists and code are not points)."""
    lines = answer.split("\n")
    points = []
    for unit in read_units(lines):
        if unit.kind != "list":
            continue
        for item in unit.items:
            if item.first == "paragraph" and item.first_text.strip():
                points.append(" ".join(item.first_text.split()))
    return points


def json_for_html(data: object) -> str:
    """JSON that is safe as the text of any HTML element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _masked_definition(term: Term, glossary: Glossary) -> str:
    """The short definition with the term's own names blanked, so it does not give itself away."""
    text = term.short
    for start, end, term_id in reversed(glossary.matcher.find(text)):
        if term_id == term.id:
            text = text[:start] + "…" + text[end:]
    return text


def quiz_terms(glossary: Glossary | None) -> list[dict]:
    """One quiz item per term with a definition, with its candidate distractors:
    ``related`` terms first, then ``topic`` (same topic); the script adds any others."""
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
        items.append(
            {
                "id": term.id,
                "term": term.term,
                "def": _masked_definition(term, glossary),
                "related": related,
                "topic": topic,
            }
        )
    return items


def _inline(site: Site, source: str) -> str:
    return site.renderer.inline(source, STUDY).html


def _block(site: Site, question: Question, source: str, target: Target, here: str) -> str:
    """A question's body or answer for the self-test page (or the deck): links from that page."""
    if target.links == "text":
        return site.renderer.markdown(source, target).html
    return site.block(
        source, site.target_at(target, here, question.collection), question.collection, question.line
    ).html


def selftest_data(site: Site, here: str) -> dict:
    """What the self-test script needs, as plain data (HTML fields are rendered content).

    Args:
        site: the site.
        here: the self-test page's URL from the site root (links are relative to it).
    """
    cards = []
    for question in site.questions:
        cards.append(
            {
                "id": question.id,
                "anchor": question.card_anchor,
                "n": question.number,
                "title": question.title,
                "q": _inline(site, question.text),
                # The script shows the question as an <h2>: answer headings start at <h3>.
                "body": _block(site, question, question.body, STUDY, here) if question.body else "",
                "a": _block(site, question, question.answer, STUDY, here),
                "points": [_inline(site, p) for p in key_points(question.answer)],
                "href": relative_url(question.url, here),
            }
        )
    glossary = site.glossary if site.glossary_url is not None else None
    return {
        "version": 1,
        "cards": cards,
        "terms": quiz_terms(glossary),
        "glossary": relative_url(site.glossary_url, here) if glossary is not None else "",
    }


# --------------------------------------------------------------------------- page


def _lines(site: Site, question: Question) -> int:
    """How many ruled lines the printed worksheet leaves for an answer."""
    words = len(site.answer(question).text.split())
    return max(3, min(10, words // 10 + 1))


def _number(question: Question) -> str:
    return f"{question.numeral}. " if question.number is not None else ""


def _question_html(site: Site, question: Question, here: str) -> str:
    """One question of the plain self-test: heading, body, ruled lines (print), answer and checklist."""
    parts = [
        '<div class="qa-st-item">',
        f'<h3 id="{question.card_anchor}">{_number(question)}{_inline(site, question.text)}</h3>',
    ]
    if question.body:
        parts.append(_block(site, question, question.body, PLAIN, here))
    parts.append(f'<div class="qa-st-lines" aria-hidden="true">{"<i></i>" * _lines(site, question)}</div>')
    answer = _block(site, question, question.answer, PLAIN, here)
    points = key_points(question.answer)
    # An answer that is one flat list is shown once, as the checklist of its points.
    only_list = re.fullmatch(r"<(ul|ol)>.*</\1>", answer, re.DOTALL) and len(re.findall(r"<[uo]l>", answer)) == 1
    parts.append('<details class="qa-answer"><summary>Answer</summary>')
    if not (points and only_list):
        parts.append(answer)
    if points:
        items = "\n".join(f'<li><label><input type="checkbox"> {_inline(site, p)}</label></li>' for p in points)
        lead = "Tick the points you recalled:" if only_list else "Which points did you recall?"
        parts.append(f'<div class="qa-st-check"><p><strong>{lead}</strong></p>\n<ul>\n{items}\n</ul></div>')
    parts.append("</details>\n</div>")
    return "\n".join(parts)


def _groups(site: Site) -> list[tuple[str, list[Question]]]:
    """(heading HTML, questions) of each collection and titled section."""
    groups = []
    several = len(site.collections) > 1
    for collection in site.collections:
        for section in collection.sections:
            title = _inline(site, section.title) if section.title else ""
            if several:
                name = _inline(site, collection.title)
                title = f"{name} – {title}" if title else name
            groups.append((title or "Questions", section.questions))
    return groups


def selftest_markdown(
    site: Site,
    put: Callable[[str, Sequence[str]], str],
    *,
    here: str,
    anki_url: str | None,
) -> str:
    """The body of the self-test page.

    Args:
        site: the site.
        put: keeps finished HTML out of the Markdown (see :mod:`macros.blocks`).
        here: the self-test page's URL from the site root.
        anki_url: URL of the Anki file from the site root (None: no deck).
    """
    data = selftest_data(site, here)
    count = len(data["cards"])
    terms = len(data["terms"])
    modes = (
        "flashcards that come back on the days a spaced-repetition scheduler picks, recall of each answer's key points"
    )
    if terms:
        modes += f", and a quiz on the {terms} glossary terms"
    parts = [
        f"Find out what you really know about the {count} questions: {modes}. Your progress stays in this browser.",
        '<p class="qa-st-nojs"><em>JavaScript is off, so this is the plain self-test: answer each question in your '
        "head or on paper, then open its answer and tick the points you recalled.</em></p>",
    ]
    if anki_url:
        href = relative_url(anki_url, here)
        parts.append(
            put(
                f'<p class="qa-st-anki"><strong>Anki:</strong> <a href="{href}" download>download the deck</a> '
                f"({count} cards), then choose <em>File › Import</em> in Anki (2.1.55 or later) and pick the file. "
                "Each note keeps its id, so importing a newer deck updates your cards.</p>",
                (),
            )
        )
    # The app's place is kept from the first paint (selftest.css, html.js), and nothing the
    # reader sees sits below it, so filling it in shifts no content (no layout shift).
    app = [
        '<div id="qa-selftest" class="qa-st"></div>',
        f'<div id="qa-selftest-data" hidden>{json_for_html(data)}</div>',
    ]
    parts.append(put("\n".join(app), ["qa-selftest", "qa-selftest-data"]))
    plain = ['<div class="qa-st-plain">']
    ids = []
    for title, questions in _groups(site):
        plain.append(f"<h2>{title}</h2>")
        plain.extend(_question_html(site, q, here) for q in questions)
        ids.extend(q.card_anchor for q in questions)
    plain.append("</div>")
    key = ['<div class="qa-st-key">', "<h2>Answer key</h2>"]
    for question in site.questions:
        anchor = f"key-{question.collection.slug}-{question.key}"
        ids.append(anchor)
        key.append(f'<h3 id="{anchor}">{_number(question)}{_inline(site, question.text)}</h3>')
        key.append(_block(site, question, question.answer, PLAIN, here))
    key.append("</div>")
    parts.append(put("\n".join(plain + key), ids))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- Anki


def _field(text: str) -> str:
    """HTML on one line: line breaks inside <pre> become <br>, others spaces; tabs become &#9;."""
    text = re.sub(r"<pre\b.*?</pre>", lambda m: m.group(0).replace("\n", "<br>"), text, flags=re.DOTALL)
    return text.replace("\t", "&#9;").replace("\r", "").replace("\n", " ").strip()


def _tag(text: str) -> str:
    return slugify(text, max_words=12, max_len=80) or "untitled"


def anki_tsv(site: Site, *, deck: str) -> str:
    """An Anki text import file: one Basic note per question, fields as HTML.

    Columns: GUID (stable, so importing a newer file updates the notes), Front, Back,
    Tags. Tags: the collection, ``<collection>::<section>`` for titled sections, and
    ``topic::<topic>`` for the glossary topics of the question.
    """
    out = io.StringIO()
    deck_name = " ".join(deck.split()) or "Study questions"
    out.write(
        "#separator:tab\n#html:true\n#notetype:Basic\n"
        f"#deck:{deck_name}\n#guid column:1\n#tags column:4\n#columns:GUID\tFront\tBack\tTags\n"
    )
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    glossary = site.glossary
    for question in site.questions:
        collection, section = question.collection, question.section
        tags = [_tag(collection.slug)]
        if section.title:
            tags.append(f"{tags[0]}::{section.slug}")
        if glossary is not None:
            topics = {glossary.terms[t].topic for t in question.terms if t in glossary.terms}
            tags.extend(f"topic::{_tag(t)}" for t in sorted(topics) if t)
        front = f"<b>{_number(question).strip()}</b> {site.renderer.inline(question.text, DECK).html}".strip()
        if question.body:
            front += " " + _block(site, question, question.body, DECK, "")
        back = _block(site, question, question.answer, DECK, "")
        writer.writerow([f"qa-study:{question.id}", _field(front), _field(back), " ".join(tags)])
    return out.getvalue()
