"""The Anki deck's notes: fields, GUIDs, tags, and the text import file."""

from __future__ import annotations

import csv
import io
import re

from macros.model import Question, slugify
from macros.outputs.selftest.cards import _block, _number
from macros.outputs.site import Site
from macros.render.renderer import DECK

__all__ = ["ANKI_PATH", "APKG_PATH", "anki_tsv", "deck_name", "note_back", "note_front", "note_guid", "note_tags"]

ANKI_PATH = "self-test/anki-deck.txt"
"""Where the Anki text import file is published, relative to the site root."""
APKG_PATH = "self-test/anki-deck.apkg"
"""Where the Anki package (:mod:`macros.outputs.selftest.anki`) is published: beside the text file."""


def _field(text: str) -> str:
    """HTML on one line: line breaks inside <pre> become <br>, others spaces; tabs become &#9;."""
    text = re.sub(r"<pre\b.*?</pre>", lambda m: m.group(0).replace("\n", "<br>"), text, flags=re.DOTALL)
    return text.replace("\t", "&#9;").replace("\r", "").replace("\n", " ").strip()


def _tag(text: str) -> str:
    return slugify(text, max_words=12, max_len=80) or "untitled"


def deck_name(name: str) -> str:
    """The Anki deck's name: the site's, on one line."""
    return " ".join(name.split()) or "Study questions"


def note_guid(question: Question) -> str:
    """The Anki note's GUID: the question's id, so a newer deck updates the note it made before."""
    return f"qa-study:{question.id}"


def note_tags(site: Site, question: Question) -> list[str]:
    """Tags of a question's note: the collection, ``<collection>::<section>`` for a titled
    section, and ``topic::<topic>`` for each glossary topic of the question."""
    collection, section = question.collection, question.section
    tags = [_tag(collection.slug)]
    if section.title:
        tags.append(f"{tags[0]}::{section.slug}")
    # Topics that are the question's section are its section tag already.
    tags.extend(f"topic::{_tag(t)}" for t in site.topics(question, sections=False))
    return tags


def note_front(site: Site, question: Question) -> str:
    """The question as a card shows it: its number, its text and its body (HTML, no links)."""
    front = f"<b>{_number(question).strip()}</b> {site.renderer.inline(question.text, DECK).html}".strip()
    if question.body:
        front += " " + _block(site, question, question.body, DECK, "")
    return front


def note_back(site: Site, question: Question) -> str:
    """The answer as a card shows it (HTML, no links)."""
    return _block(site, question, question.answer, DECK, "")


def anki_tsv(site: Site, *, deck: str) -> str:
    """An Anki text import file: one Basic note per question, fields as HTML.

    Columns: GUID (stable, so importing a newer file updates the notes), Front, Back,
    Tags (see :func:`note_tags`).
    """
    out = io.StringIO()
    out.write(
        "#separator:tab\n#html:true\n#notetype:Basic\n"
        f"#deck:{deck_name(deck)}\n#guid column:1\n#tags column:4\n#columns:GUID\tFront\tBack\tTags\n"
    )
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for question in site.studied:
        front, back = note_front(site, question), note_back(site, question)
        writer.writerow([note_guid(question), _field(front), _field(back), " ".join(note_tags(site, question))])
    return out.getvalue()
