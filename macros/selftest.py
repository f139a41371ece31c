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
from collections.abc import Callable, Mapping
from functools import lru_cache

from .glossary import Glossary, Term
from .literal import render, unwrap_paragraph
from .model import Collection, Question, separate_lists, shift_headings, slugify

__all__ = [
    "ANKI_PATH",
    "anki_tsv",
    "card_anchor",
    "card_id",
    "json_for_html",
    "literal_html",
    "quiz_terms",
    "selftest_data",
    "selftest_markdown",
]

ANKI_PATH = "self-test/anki-deck.txt"
"""Where the Anki import file is published, relative to the site root."""


# --------------------------------------------------------------------------- literal Markdown


@lru_cache(maxsize=50_000)
def literal_html(source: str) -> str:
    """Markdown of the Q&A content as HTML; any HTML in it shows as text.

    Rendered once per source (see :func:`macros.literal.render`): the page data, the plain
    self-test, its answer key and the Anki deck all show the same answers.
    """
    return render(separate_lists(source)).html


def _inline_html(source: str) -> str:
    return unwrap_paragraph(literal_html(source))


def _shifted(collection: Collection, source: str, level: int) -> str:
    """Markdown whose headings (deeper than the questions) start below a heading of ``level``."""
    return shift_headings(source, level - collection.question_level)


# --------------------------------------------------------------------------- ids and data


def card_id(collection: Collection, question: Question) -> str:
    """The id of a question's card in the progress data (``<collection slug>/<number>``)."""
    return f"{collection.slug}/{question.number}"


def card_anchor(collection: Collection, question: Question) -> str:
    """The anchor of a question on the self-test page: a link to it opens its flashcard."""
    return f"card-{collection.slug}-{question.number}"


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


def selftest_data(
    collections: list[Collection],
    glossary: Glossary | None,
    question_links: Mapping[str, str],
    glossary_link: str | None,
) -> dict:
    """What the self-test script needs, as plain data (HTML fields are literal renderings).

    Args:
        collections: every source document.
        glossary: the glossary (None: no term quiz).
        question_links: card id -> URL of its question page, relative to the self-test page.
        glossary_link: URL of the glossary page, relative to the self-test page (None: no quiz).
    """
    cards = []
    for collection in collections:
        for question in collection.questions:
            cid = card_id(collection, question)
            cards.append(
                {
                    "id": cid,
                    "anchor": card_anchor(collection, question),
                    "n": question.number,
                    "title": question.plain_text,
                    "q": _inline_html(question.text),
                    # The script shows the question as an <h2>: answer headings start at <h3>.
                    "body": literal_html(_shifted(collection, question.body, 2)) if question.body else "",
                    "a": literal_html(_shifted(collection, question.answer, 2)),
                    "points": [_inline_html(p) for p in question.key_points],
                    "href": question_links.get(cid, ""),
                }
            )
    return {
        "version": 1,
        "cards": cards,
        "terms": quiz_terms(glossary) if glossary_link else [],
        "glossary": glossary_link or "",
    }


# --------------------------------------------------------------------------- page


def _lines(question: Question) -> int:
    """How many ruled lines the printed worksheet leaves for an answer."""
    words = len(render(separate_lists(question.answer)).text.split())
    return max(3, min(10, words // 10 + 1))


def _question_html(collection: Collection, question: Question) -> str:
    """One question of the plain self-test: heading, body, ruled lines (print), answer and checklist."""
    parts = [
        '<div class="qa-st-item">',
        f'<h3 id="{card_anchor(collection, question)}">{question.number}. {_inline_html(question.text)}</h3>',
    ]
    if question.body:
        parts.append(literal_html(_shifted(collection, question.body, 3)))
    parts.append(f'<div class="qa-st-lines" aria-hidden="true">{"<i></i>" * _lines(question)}</div>')
    answer = literal_html(_shifted(collection, question.answer, 3))
    points = question.key_points
    # An answer that is one flat list is shown once, as the checklist of its points.
    only_list = re.fullmatch(r"<(ul|ol)>.*</\1>", answer, re.DOTALL) and len(re.findall(r"<[uo]l>", answer)) == 1
    parts.append('<details class="qa-answer"><summary>Answer</summary>')
    if not (points and only_list):
        parts.append(answer)
    if points:
        items = "\n".join(f'<li><label><input type="checkbox"> {_inline_html(p)}</label></li>' for p in points)
        lead = "Tick the points you recalled:" if only_list else "Which points did you recall?"
        parts.append(f'<div class="qa-st-check"><p><strong>{lead}</strong></p>\n<ul>\n{items}\n</ul></div>')
    parts.append("</details>\n</div>")
    return "\n".join(parts)


def _groups(collections: list[Collection]) -> list[tuple[str, Collection, list[Question]]]:
    """(heading HTML, collection, questions) of each collection and titled section."""
    groups = []
    for collection in collections:
        for section in collection.sections:
            title = _inline_html(section.title) if section.title else ""
            if len(collections) > 1:
                name = _inline_html(collection.title)
                title = f"{name} – {title}" if title else name
            groups.append((title or "Questions", collection, section.questions))
    return groups


def selftest_markdown(
    collections: list[Collection],
    glossary: Glossary | None,
    *,
    question_links: Mapping[str, str],
    glossary_link: str | None,
    anki_link: str | None,
    slot: Callable[[str, list[str]], str] | None = None,
) -> str:
    """The body of the self-test page.

    Args:
        collections: every source document.
        glossary: the glossary (None: no term quiz).
        question_links: card id -> URL of its question page, relative to the self-test page.
        glossary_link: URL of the glossary page, relative to the self-test page (None: no quiz).
        anki_link: Markdown link to the Anki file, relative to the page's source (None: no deck).
        slot: given a finished HTML block and the ids in it, returns what stands for it in
            the Markdown. The plugin puts a marker there and the HTML back after rendering,
            so Python-Markdown does not parse (twice) HTML that is finished already.
            Default: the HTML itself.
    """
    if slot is None:
        slot = lambda block, ids: block  # noqa: E731
    data = selftest_data(collections, glossary, question_links, glossary_link)
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
    if anki_link:
        parts.append(
            f"**Anki:** [download the deck]({anki_link}){{: download }} ({count} cards), then choose *File › Import* in Anki "
            "(2.1.55 or later) and pick the file. Each note keeps its id, so importing a newer deck updates your cards."
        )
        parts[-1] += "\n{: .qa-st-anki }"
    # The app's place is kept from the first paint (selftest.css, html.js), and nothing the
    # reader sees sits below it, so filling it in shifts no content (no layout shift).
    app = [
        '<div id="qa-selftest" class="qa-st"></div>',
        f'<div id="qa-selftest-data" hidden>{json_for_html(data)}</div>',
    ]
    parts.append(slot("\n".join(app), ["qa-selftest", "qa-selftest-data"]))
    plain = ['<div class="qa-st-plain">']
    ids = []
    for title, collection, questions in _groups(collections):
        plain.append(f"<h2>{title}</h2>")
        plain.extend(_question_html(collection, q) for q in questions)
        ids.extend(card_anchor(collection, q) for q in questions)
    plain.append("</div>")
    key = ['<div class="qa-st-key">', "<h2>Answer key</h2>"]
    for collection in collections:
        for question in collection.questions:
            anchor = f"key-{collection.slug}-{question.number}"
            ids.append(anchor)
            key.append(f'<h3 id="{anchor}">{question.number}. {_inline_html(question.text)}</h3>')
            key.append(literal_html(_shifted(collection, question.answer, 3)))
    key.append("</div>")
    parts.append(slot("\n".join(plain + key), ids))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- Anki


def _field(text: str) -> str:
    """HTML on one line: line breaks inside <pre> become <br>, others spaces; tabs become &#9;."""
    text = re.sub(r"<pre\b.*?</pre>", lambda m: m.group(0).replace("\n", "<br>"), text, flags=re.DOTALL)
    return text.replace("\t", "&#9;").replace("\r", "").replace("\n", " ").strip()


def _tag(text: str) -> str:
    return slugify(text, max_words=12, max_len=80) or "untitled"


def anki_tsv(collections: list[Collection], *, deck: str, glossary: Glossary | None = None) -> str:
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
    for collection in collections:
        for section in collection.sections:
            for question in section.questions:
                tags = [_tag(collection.slug)]
                if section.title:
                    tags.append(f"{tags[0]}::{section.slug}")
                if glossary is not None:
                    topics = {glossary.terms[t].topic for t in question.terms if t in glossary.terms}
                    tags.extend(f"topic::{_tag(t)}" for t in sorted(topics) if t)
                front = f"<b>{question.number}.</b> {_inline_html(question.text)}"
                if question.body:
                    front += " " + literal_html(_shifted(collection, question.body, 2))
                back = literal_html(_shifted(collection, question.answer, 2))
                writer.writerow(
                    [f"qa-study:{card_id(collection, question)}", _field(front), _field(back), " ".join(tags)]
                )
    return out.getvalue()
