"""The self-test page, built from the model (no MkDocs import).

The page is light whatever the size of the document: its cards are data the script fetches
(:mod:`macros.outputs.selftest.data`), and the page holds

* the place of the app, naming the card data's index (the script reads it there), with a
  hint to the browser to fetch that index at once;
* what works with no script at all: every question by section, each a link to its page,
  where the answer opens with a click. Printed, it is a worksheet: each question with room
  to write; the answers are on the question pages, which print with their answer open.
  When that list would outweigh :data:`LIST_BUDGET`, the page lists the sections instead,
  each a link to its questions on the home page.

Q&A content renders literally, as on the question pages: raw HTML, entities and template
syntax in a question show as written. Our own markup around it is built here.
"""

from __future__ import annotations

import gzip
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from macros.model import relative_url
from macros.outputs.selftest.cards import _inline
from macros.outputs.selftest.deck import APKG_PATH
from macros.outputs.selftest.quiz import quiz_terms
from macros.outputs.site import Site, section_anchor
from macros.render import markup as m

__all__ = ["LIST_BUDGET", "PlainList", "plain_list", "selftest_markdown"]

LIST_BUDGET = 30_000
"""Gzip bytes the list of every question may weigh on the page; past it, the sections are listed."""


@dataclass(frozen=True)
class PlainList:
    """The self-test without a script."""

    html: str
    ids: list[str]
    """The anchors in it (a question's card anchor, when every question is listed)."""
    every: bool
    """Whether it lists every question (else its sections): a link to a card may name its anchor."""


def _groups(site: Site) -> list[tuple[str, object, object, list]]:
    """(heading HTML, collection, section, answered questions) of each section that has any."""
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
                groups.append((title or "Questions", collection, section, answered))
    return groups


def _questions(site: Site, here: str) -> tuple[str, list[str]]:
    """Every question by section, each a link to its page: (HTML, anchors)."""
    parts, ids = [f'<div class="{m.ST_PLAIN}">'], []
    for title, _, _, questions in _groups(site):
        parts.append(f"<h2>{title}</h2>")
        items = [
            f'<li id="{q.card_anchor}"><a href="{escape(relative_url(q.url, here))}">'
            f"{(q.mark + ' ').lstrip()}{_inline(site, q.text)}</a></li>"
            for q in questions
        ]
        parts.append(f'<ul class="{m.ST_LIST}">\n' + "\n".join(items) + "\n</ul>")
        ids.extend(q.card_anchor for q in questions)
    parts.append("</div>")
    return "\n".join(parts), ids


def _sections(site: Site, here: str) -> str:
    """Each section, a link to its questions on the home page, with how many it has."""
    home = relative_url("", here)
    items = []
    for title, collection, section, questions in _groups(site):
        anchor = f"#{section_anchor(collection, section)}" if section.title else ""
        count = f"{len(questions)} question{'s' if len(questions) != 1 else ''}"
        items.append(f'<li><a href="{escape(home + anchor)}">{title}</a> ({count})</li>')
    lead = (
        f'<p>There are too many questions to list here: the <a href="{escape(home)}">home page</a> lists them '
        "by section, each a link to its page.</p>"
    )
    return f'<div class="{m.ST_PLAIN}">\n{lead}\n<ul>\n' + "\n".join(items) + "\n</ul>\n</div>"


def plain_list(site: Site, here: str) -> PlainList:
    """The page's list for a reader without the script (see the module's docstring)."""
    html, ids = _questions(site, here)
    if len(gzip.compress(html.encode("utf-8"), 6)) <= LIST_BUDGET:
        return PlainList(html, ids, True)
    return PlainList(_sections(site, here), [], False)


def selftest_markdown(
    site: Site,
    put: Callable[[str, Sequence[str]], str],
    *,
    here: str,
    anki_url: str | None,
    cards_url: str,
    plain: PlainList | None = None,
) -> str:
    """The body of the self-test page.

    Args:
        site: the site.
        put: keeps finished HTML out of the Markdown (see :mod:`macros.plugin.stash`).
        here: the self-test page's URL from the site root.
        anki_url: URL of the Anki file from the site root (None: no deck).
        cards_url: URL of the card data's index from the site root (:mod:`.data`).
        plain: the list without the script, when already made (:func:`plain_list`).
    """
    count = len(site.studied)
    terms = len(quiz_terms(site.glossary if site.glossary_url is not None else None))
    modes = (
        "flashcards that come back on the days a spaced-repetition scheduler picks, recall of each answer's key points"
    )
    if terms:
        modes += f", and a quiz on the {terms} glossary terms"
    plain = plain or plain_list(site, here)
    parts = [
        f"Find out what you really know about the {count} questions: {modes}. Your progress stays in this browser.",
        f'<p class="{m.ST_NO_SCRIPT}"><em>JavaScript is off, so this is the plain self-test: answer each question in your '
        "head or on paper, then open its page to check its answer.</em></p>",
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
    # reader sees sits below it, so filling it in shifts no content (no layout shift). The
    # preload starts fetching the card index while the scripts load.
    index = escape(relative_url(cards_url, here))
    app = [
        f'<div id="{m.SELFTEST_ID}" class="{m.SELFTEST}" {m.DATA_CARDS}="{index}"></div>',
        f'<link rel="preload" href="{index}" as="fetch" crossorigin>',
    ]
    parts.append(put("\n".join(app), [m.SELFTEST_ID]))
    printed = (
        f'<p class="{m.ST_PRINTED}">The answers are on the questions\' pages: each prints with its answer open.</p>'
    )
    parts.append(put(plain.html + "\n" + printed, plain.ids))
    return "\n\n".join(parts) + "\n"
