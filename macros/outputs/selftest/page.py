"""The self-test page and the Anki deck, built from the model (no MkDocs import).

The page has two layers:

* HTML that works with no script at all: every question with a collapsible answer
  and a checklist of its key points. Printed, it is a worksheet with ruled space
  under each question, followed by an answer key.
* The data for the self-test's scripts (``docs/javascripts/selftest/``: flashcards, key-point recall, term
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

import posixpath
from collections.abc import Callable, Sequence

from macros.model import Question, relative_url
from macros.outputs.selftest.cards import PLAIN, _block, _inline
from macros.outputs.selftest.deck import APKG_PATH
from macros.outputs.selftest.keypoints import key_points, only_a_list
from macros.outputs.selftest.quiz import question_topics, quiz_terms
from macros.outputs.site import Site
from macros.render import markup as m
from macros.render.markup import json_for_html
from macros.render.renderer import STUDY

__all__ = [
    "APKG_PATH",
    "json_for_html",
    "key_points",
    "only_a_list",
    "question_topics",
    "quiz_terms",
    "selftest_data",
    "selftest_markdown",
]


def selftest_data(site: Site, here: str) -> dict:
    """What the self-test script needs, as plain data (HTML fields are rendered content).

    Args:
        site: the site.
        here: the self-test page's URL from the site root (links are relative to it).
    """
    cards = []
    for question in site.studied:
        answer = _block(site, question, question.answer, STUDY, here)
        cards.append(
            {
                "id": question.id,
                "anchor": question.card_anchor,
                "n": question.number,
                "title": question.title,
                "q": _inline(site, question.text),
                # The script shows the question as an <h2>: answer headings start at <h3>.
                "body": _block(site, question, question.body, STUDY, here) if question.body else "",
                "a": answer,
                "points": key_points(answer),
                "href": relative_url(question.url, here),
                "topics": question_topics(site, question),
            }
        )
    glossary = site.glossary if site.glossary_url is not None else None
    return {
        "version": 1,
        "cards": cards,
        "terms": quiz_terms(glossary),
        "glossary": relative_url(site.glossary_url, here) if glossary is not None else "",
    }


# --------------------------------------------------------------------------- key points


def _lines(site: Site, question: Question) -> int:
    """How many ruled lines the printed worksheet leaves for an answer."""
    words = len(site.answer(question).text.split())
    return max(3, min(10, words // 10 + 1))


def _question_html(site: Site, question: Question, here: str) -> str:
    """One question of the plain self-test: heading, body, ruled lines (print), answer and checklist."""
    parts = [
        f'<div class="{m.ST_ITEM}">',
        f'<h3 id="{question.card_anchor}">{(question.mark + " ").lstrip()}{_inline(site, question.text)}</h3>',
    ]
    if question.body:
        parts.append(_block(site, question, question.body, PLAIN, here))
    parts.append(f'<div class="{m.ST_LINES}" aria-hidden="true">{"<i></i>" * _lines(site, question)}</div>')
    answer = _block(site, question, question.answer, PLAIN, here)
    points = key_points(answer)
    # An answer that is one flat list is shown once, as the checklist of its points.
    only_list = only_a_list(answer)
    parts.append(f'<details class="{m.ANSWER}"><summary>Answer</summary>')
    if not (points and only_list):
        parts.append(answer)
    if points:
        items = "\n".join(f'<li><label><input type="checkbox"> {p}</label></li>' for p in points)
        lead = "Tick the points you recalled:" if only_list else "Which points did you recall?"
        parts.append(f'<div class="{m.ST_CHECK}"><p><strong>{lead}</strong></p>\n<ul>\n{items}\n</ul></div>')
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
            answered = [q for q in section.questions if q.answered]
            if answered:
                groups.append((title or "Questions", answered))
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
        put: keeps finished HTML out of the Markdown (see :mod:`macros.plugin.stash`).
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
        f'<p class="{m.ST_NO_SCRIPT}"><em>JavaScript is off, so this is the plain self-test: answer each question in your '
        "head or on paper, then open its answer and tick the points you recalled.</em></p>",
    ]
    if anki_url:
        text = relative_url(anki_url, here)
        package = relative_url(posixpath.join(posixpath.dirname(anki_url), posixpath.basename(APKG_PATH)), here)
        parts.append(
            put(
                f'<p class="{m.ST_ANKI}"><strong>Anki:</strong> <a href="{package}" download>download the deck</a> '
                f'({count} notes), then open it with Anki, or use the <a href="{text}" download>text file</a> '
                "(<em>File › Import</em>, Anki 2.1.55 or later). Each note keeps its id, so importing a newer "
                "deck updates your cards.</p>",
                (),
            )
        )
    # The app's place is kept from the first paint (selftest.css, html.js), and nothing the
    # reader sees sits below it, so filling it in shifts no content (no layout shift).
    app = [
        f'<div id="{m.SELFTEST_ID}" class="{m.SELFTEST}"></div>',
        f'<div id="{m.SELFTEST_DATA_ID}" hidden>{json_for_html(data)}</div>',
    ]
    parts.append(put("\n".join(app), [m.SELFTEST_ID, m.SELFTEST_DATA_ID]))
    plain = [f'<div class="{m.ST_PLAIN}">']
    ids = []
    for title, questions in _groups(site):
        plain.append(f"<h2>{title}</h2>")
        plain.extend(_question_html(site, q, here) for q in questions)
        ids.extend(q.card_anchor for q in questions)
    plain.append("</div>")
    key = [f'<div class="{m.ST_KEY}">', "<h2>Answer key</h2>"]
    for question in site.studied:
        anchor = f"key-{question.collection.slug}-{question.key}"
        ids.append(anchor)
        key.append(f'<h3 id="{anchor}">{(question.mark + " ").lstrip()}{_inline(site, question.text)}</h3>')
        key.append(_block(site, question, question.answer, PLAIN, here))
    key.append("</div>")
    parts.append(put("\n".join(plain + key), ids))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- Anki
