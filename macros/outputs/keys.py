"""The keyboard shortcuts: one list, the home of what each key does.

It is shown twice: as the hint line of each question page (its keys with a ``hint``), and
as the sheet of all keys that ``?`` opens on any page (``docs/javascripts/keys.js``), which
reads it from the JSON :func:`keys_data_html` writes into every page. What the keys do is
the scripts' (keys.js, the self-test) and Material's (N, P, search).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from macros.render import markup as m

__all__ = ["KEYS", "SHEET", "Key", "KeyGroup", "hint_html", "keys_data_html"]


@dataclass(frozen=True)
class Key:
    """A key, what it does (on the sheet), and its word on the hint line ("": not there)."""

    key: str
    does: str
    hint: str = ""


@dataclass(frozen=True)
class KeyGroup:
    """Keys that work in one place."""

    where: str
    keys: tuple[Key, ...]


SHEET = "?"
"""The key that opens the sheet of all keys."""

KEYS = (
    KeyGroup(
        "On a question page",
        (
            Key("A", "show or hide the answer", "answer"),
            Key("N", "next question", "next"),
            Key("P", "previous question", "previous"),
        ),
    ),
    KeyGroup(
        "In the self-test's flashcards",
        (Key("Space", "show the answer"), Key("1–4", "Again, Hard, Good, Easy"), Key("U", "undo the last rating")),
    ),
    KeyGroup(
        "Anywhere",
        (
            Key("/", "search (also S or F)"),
            Key(SHEET, "this list of keys", "all keys"),
            Key("Esc", "close it, or the search"),
        ),
    ),
)


def hint_html() -> str:
    """A question page's line of keys: each key with a hint, the sheet's as a button that opens it."""
    parts = []
    for group in KEYS:
        for key in group.keys:
            if not key.hint:
                continue
            if key.key == SHEET:
                parts.append(
                    f'<button type="button" class="{m.KEYS_HINT_ALL}" {m.DATA_KEYS}>'
                    f"{escape(key.hint)} <kbd>{escape(key.key)}</kbd></button>"
                )
            else:
                parts.append(f"<kbd>{escape(key.key)}</kbd> {escape(key.hint)}")
    return f'<p class="{m.KEYS_HINT}" data-search-exclude>Keys: {" · ".join(parts)}</p>'


def keys_data_html() -> str:
    """Every key, as the JSON the sheet of keys is made from (an inert ``<script>``)."""
    data = [{"where": g.where, "keys": [{"key": k.key, "does": k.does} for k in g.keys]} for g in KEYS]
    return f'<script type="application/json" id="{m.KEYS_DATA_ID}">{m.json_for_html(data)}</script>'
