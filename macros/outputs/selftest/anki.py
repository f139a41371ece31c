"""The Anki package (``.apkg``) of the self-test: one note per question, made with genanki.

Anki matches what it imports with what it has by id, so every id here is derived from a
name and never drawn at random:

* a note's GUID is the question's id (:func:`macros.selftest.note_guid`, the same as in
  the text deck), and its note and card ids are hashes of it: importing a newer package
  updates the notes of the older one instead of adding them again;
* the deck's id is a hash of the deck's name (the site's name);
* the note type's id is a hash of its name and version (:data:`MODEL_VERSION`): a change
  of its fields or templates gets a new version, so Anki never mixes the two.

A note's modification time is that of the newest source document, so Anki's "update
if newer" takes the notes of a package whose sources changed, and two builds of the same
sources give the same package byte for byte. No MkDocs import.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import sqlite3
import tempfile
import warnings
import zipfile
from pathlib import Path

import genanki

from macros.model import Question
from macros.outputs.selftest.deck import APKG_PATH, deck_name, note_back, note_front, note_guid, note_tags
from macros.outputs.selftest.keypoints import key_points
from macros.outputs.site import Site

__all__ = ["APKG_PATH", "MODEL_NAME", "MODEL_VERSION", "anki_package", "deck_id", "model_id", "note_id"]

MODEL_NAME = "Q&A study question"
MODEL_VERSION = 1
FIELDS = ("Question", "Answer", "Key points")

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry: no build time in the file

CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5; text-align: left;
  color: #1f2328; background: #fff; max-width: 40em; margin: 0 auto; }
.nightMode .card, .card.nightMode { color: #e6edf3; background: #1e2129; }
.qa-points { margin-top: 1em; font-size: 0.9em; }
pre { white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 0.2em 0.5em; }"""

QUESTION = '<div class="qa-q">{{Question}}</div>'
ANSWER = (
    '{{FrontSide}}<hr id="answer"><div class="qa-a">{{Answer}}</div>'
    '{{#Key points}}<div class="qa-points"><b>Key points</b>{{Key points}}</div>{{/Key points}}'
)


def _number(text: str, low: int, span: int) -> int:
    """A number in [low, low + span) that is the same for the same text, on every machine."""
    return low + int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") % span


def deck_id(deck: str) -> int:
    """The deck's id, from its name (genanki's advice: between 2^30 and 2^31)."""
    return _number(f"qa-study deck {deck_name(deck)}", 1 << 30, 1 << 30)


def model_id() -> int:
    """The note type's id, from its name and version."""
    return _number(f"qa-study note type {MODEL_NAME} {MODEL_VERSION}", 1 << 30, 1 << 30)


def note_id(question: Question) -> int:
    """The note's id (its card's is one more), from the question's id; in the range of Anki's
    own ids (milliseconds since 1970), even, so a card's id never equals another note's."""
    return 2 * _number(f"qa-study note {question.id}", 500_000_000_000, 500_000_000_000)


class _Note(genanki.Note):
    """A note whose ids are its own (genanki numbers notes and cards in the order written)."""

    def __init__(self, *args, nid: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.nid = nid

    def write_to_db(self, cursor, timestamp: float, deck_id, id_gen) -> None:
        super().write_to_db(cursor, timestamp, deck_id, itertools.count(self.nid))


def _model() -> genanki.Model:
    return genanki.Model(
        model_id(),
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Recall the answer", "qfmt": QUESTION, "afmt": ANSWER}],
        css=CSS,
    )


def _modified(site: Site) -> float:
    """The time of the newest source document (0 when none was read from a file)."""
    times = [Path(c.file).stat().st_mtime for c in site.collections if c.file and Path(c.file).is_file()]
    return max(times, default=0.0)


def anki_package(site: Site, *, deck: str) -> bytes:
    """The ``.apkg`` file: a zip holding ``collection.anki2`` (SQLite) and an empty ``media`` list."""
    model = _model()
    name = deck_name(deck)
    # Anki shows a deck's description as HTML, its name as text.
    description = f"{len(site.studied)} questions from {html.escape(name)}."
    anki_deck = genanki.Deck(deck_id(deck), name, description=description)
    for question in site.studied:
        points = key_points(note_back(site, question))
        anki_deck.add_note(
            _Note(
                model=model,
                fields=[
                    note_front(site, question),
                    note_back(site, question),
                    "<ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>" if points else "",
                ],
                guid=note_guid(question),
                tags=note_tags(site, question),
                sort_field=f"{question.numeral}. {question.title}" if question.number is not None else question.title,
                nid=note_id(question),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            with warnings.catch_warnings():
                # genanki warns about tags it does not know (<details>, <summary> ...): rendered HTML is valid.
                warnings.filterwarnings("ignore", module="genanki", message="^Field contained")
                genanki.Package(anki_deck).write_to_db(connection.cursor(), _modified(site), itertools.count(1))
            connection.commit()
        finally:
            connection.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("collection.anki2", _ZIP_TIME), path.read_bytes(), zipfile.ZIP_DEFLATED)
            archive.writestr(zipfile.ZipInfo("media", _ZIP_TIME), "{}", zipfile.ZIP_DEFLATED)
    return out.getvalue()
