"""The search index as a study site needs it: answers findable, never shown in a result.

Material's search plugin makes one entry per section of every page, and its search box
shows each entry's ``text`` under the result. For a question page that text is the answer.
:func:`study_index` replaces the entries of each question page with one entry (no MkDocs
import; the plugin hands it the index Material wrote):

- ``title``: the question, as Material read it from the page;
- ``text``: what the page shows before the answer (the question's body, often nothing),
  so a result previews the question only;
- ``answer``: the answer's words (headings of the answer included), an index field of its
  own (``fields`` of the index's config) that the search worker indexes and the search box
  never shows. A match there still takes the reader to the page, with ``?h=`` naming the
  words, and the page opens its answer there (``docs/javascripts/search.js``);
- ``topics``: the page's tags, not shown as chips under the result, since they come from
  the terms the answer uses. They weigh as much as a title, not a million times the text as
  Material's ``tags`` do: with every word of a query matched as a prefix, "mode" would
  otherwise find the topic "Diffusion models" before the question "What is mode collapse?".

Key terms, topics and related questions were never in the answer's words: the key terms
would make every page match the definition of every term it uses; the glossary page is
indexed instead, once per entry.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from macros.render import markup

__all__ = [
    "ANSWER_FIELD",
    "TOPICS_FIELD",
    "IndexedQuestion",
    "before_answer",
    "search_attributes_removed",
    "study_index",
]

ANSWER_FIELD = "answer"
TOPICS_FIELD = "topics"


ANSWER_START = f'<details class="{markup.ANSWER}" id="{markup.ANSWER_ID}">'  # as macros/outputs/pages.py writes it
_SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')  # what Material's search plugin removes


def before_answer(content: str) -> str:
    """A question page's HTML up to its answer: all that Material's search plugin needs to read.

    Of a question page's entries :func:`study_index` keeps only the title (and the page's
    tags and boost, which Material takes from its metadata); the answer's words come from
    :class:`IndexedQuestion`. Parsing the answer, its key terms and related questions again
    with ``html.parser`` would be work for nothing, on every page.
    """
    end = content.find(ANSWER_START)
    return content if end < 0 else content[:end]


def search_attributes_removed(content: str) -> str:
    """``content`` as Material's search plugin leaves a page it indexed: its ``data-search-*="…"`` gone."""
    return _SEARCH_ATTRIBUTE.sub("", content)


@dataclass(frozen=True)
class IndexedQuestion:
    """What the index holds of one question page: its text before the answer, and its answer."""

    body: str
    answer: str


def study_index(data: dict, questions: Mapping[str, IndexedQuestion]) -> dict:
    """``data`` (Material's ``search_index.json``, parsed) with one entry per question page.

    Args:
        data: the index: ``{"config": {..., "fields": {...}}, "docs": [...]}``.
        questions: page URL as the index writes it (``location``) -> its question.

    Returns:
        The same ``data``, changed in place.
    """
    fields = data["config"].setdefault("fields", {})
    fields.setdefault(ANSWER_FIELD, {"boost": fields.get("text", {}).get("boost", 1.0)})
    fields.setdefault(TOPICS_FIELD, {"boost": fields.get("title", {}).get("boost", 1e3)})
    parents = {e["location"]: e for e in data["docs"] if e.get("location", "") in questions}
    docs = []
    done: set[str] = set()
    for entry in data["docs"]:
        page = entry.get("location", "").split("#", 1)[0]
        question = questions.get(page)
        if question is None:
            docs.append(entry)
            continue
        if page in done:
            continue  # a heading inside the answer: its words are in the page's one entry
        done.add(page)
        parent = parents.get(page, entry)
        merged = {"location": page, "title": parent.get("title", ""), "text": html.escape(question.body, quote=False)}
        merged[ANSWER_FIELD] = html.escape(question.answer, quote=False)
        if parent.get("tags"):
            merged[TOPICS_FIELD] = list(parent["tags"])
        if "boost" in parent:
            merged["boost"] = parent["boost"]
        docs.append(merged)
    data["docs"] = docs
    return data
