"""The self-test's card data: files the build writes beside the self-test page, which its
script fetches when a session needs them (``docs/javascripts/selftest/data.js``).

* ``self-test/cards/index.<hash>.json``: every card as the app lists and schedules it (id,
  anchor, number, title, link to its page, topics) and which content file holds it; the
  names of the other files; what the glossary gives (terms, glossary cards, quiz).
* ``self-test/cards/<k>.<hash>.json``: the content of consecutive cards (question, body,
  answer, key points), about :data:`CHUNK_BYTES` each. New cards come in the document's
  order, so a day's new cards are in one or two of them.
* ``self-test/cards/terms.<hash>.json``: the glossary terms, for the quiz and the glossary
  cards, fetched only when the reader turns to either.

The page carries none of this: every answer in it three times made it the heaviest page of
the site. A file's name holds a hash of its bytes, so a browser may keep it as long as it
likes (the script keeps what it fetched with the Cache API, to study it offline): a new
build that changes a file gives it a new name.

The files are JSON fetched by the script, never parsed as HTML; content in them is HTML the
renderer cleaned (:mod:`macros.render.sanitize`), as on the question pages.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass

from macros.model import Question, relative_url
from macros.outputs.selftest.cards import _block, _inline
from macros.outputs.selftest.keypoints import key_points
from macros.outputs.selftest.quiz import question_topics, quiz_terms
from macros.outputs.site import Site
from macros.render.renderer import STUDY

__all__ = ["CARDS_DIR", "CHUNK_BYTES", "CardFiles", "card_files"]

CARDS_DIR = "self-test/cards"
"""Where the card data is published, from the site root: beside the self-test page."""
CHUNK_BYTES = 40_000
"""About how many bytes of card content one file holds (a card larger than that has a file of its own)."""
VERSION = 2
"""Of the index's shape; the script reads only the version it knows."""


@dataclass(frozen=True)
class CardFiles:
    """The card data of one build."""

    index: str
    """The index's path from the site root (the page names it)."""
    files: dict[str, bytes]
    """Every file's path from the site root, and its bytes."""


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _named(stem: str, data: bytes) -> str:
    """``stem.<hash>.json``: the name changes whenever the bytes do."""
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}.json"


def _content(site: Site, question: Question, here: str) -> dict:
    """What a card shows: question, body and answer (HTML with links from the page), key points."""
    answer = _block(site, question, question.answer, STUDY, here)
    return {
        "q": _inline(site, question.text),
        # The script shows the question as an <h2>: answer headings start at <h3>.
        "body": _block(site, question, question.body, STUDY, here) if question.body else "",
        "a": answer,
        "points": key_points(answer),
    }


def _chunks(site: Site, here: str) -> list[dict[str, dict]]:
    """Card content by id, in files of consecutive cards of about CHUNK_BYTES."""
    chunks: list[dict[str, dict]] = [{}]
    size = 0
    for question in site.studied:
        content = _content(site, question, here)
        cost = len(_json(content))
        if chunks[-1] and size + cost > CHUNK_BYTES:
            chunks.append({})
            size = 0
        chunks[-1][question.id] = content
        size += cost
    return chunks if chunks[0] else []


def card_files(site: Site, here: str) -> CardFiles:
    """The card data of ``site`` for the self-test page at ``here`` (its URL from the site root)."""
    files: dict[str, bytes] = {}

    def publish(stem: str, data: object) -> str:
        body = _json(data)
        name = _named(stem, body)
        files[posixpath.join(CARDS_DIR, name)] = body
        return name

    names = []
    where: dict[str, int] = {}
    for k, chunk in enumerate(_chunks(site, here)):
        names.append(publish(str(k), {"cards": chunk}))
        where.update(dict.fromkeys(chunk, k))
    topics = sorted({t for q in site.studied for t in question_topics(site, q)})
    number = {t: i for i, t in enumerate(topics)}
    glossary = site.glossary if site.glossary_url is not None else None
    terms = quiz_terms(glossary)
    index = {
        "version": VERSION,
        "files": names,
        "topics": topics,
        "cards": [
            {
                "id": q.id,
                "anchor": q.card_anchor,
                "n": q.number,
                "title": q.plain_title,
                "href": relative_url(q.url, here),
                "t": [number[t] for t in question_topics(site, q)],
                "f": where[q.id],
            }
            for q in site.studied
        ],
        "terms": publish("terms", terms) if terms else "",
        # What the Progress panel and the modes say of the glossary before its file is fetched.
        "termCards": sum(1 if t.get("own") else 2 for t in terms),
        "quiz": sum(not t.get("own") for t in terms),
        "glossary": relative_url(site.glossary_url, here) if glossary is not None else "",
    }
    return CardFiles(posixpath.join(CARDS_DIR, publish("index", index)), files)
