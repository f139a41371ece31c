"""The markup contract: the class names, ids and data attributes the Python side writes into
the site's pages, which the site's scripts (``docs/javascripts/``) and styles
(``docs/stylesheets/``) read.

Every module that writes one of these names uses the constant, never the string: a name
changes here, and ``tests/unit/test_markup.py`` finds each script or style that still reads the
old one. The content policy (:mod:`macros.render.sanitize`) reads the same names, to keep
content from taking them. It sits in the render layer, the lowest that writes HTML, so the
renderer and every output can import it.

Names the scripts make and style themselves (the definition box, the self-test's controls)
are theirs, not listed here. The PDF book is a document of its own, with its own names
(:class:`Book`) and stylesheet; so are the Anki cards, whose note type keeps its template
and style side by side (:mod:`macros.outputs.selftest.anki`).
"""

from __future__ import annotations

import json

# --------------------------------------------------------------------------- content

TERM = "qa-term"
"""A link from a glossary term's mention to its entry (its definition shows on hover)."""
EXTERNAL = "qa-external"
"""A link to another site (still a link on paper)."""
REMOTE_IMAGE = "qa-remote-image"
"""An image of another site written as a link to it (``remote_images: link``)."""
NO_LINK = "qa-nolink"
"""Set on content (``{: .qa-nolink }``): no glossary link is made inside it."""

# --------------------------------------------------------------------------- question pages

EYEBROW = "qa-eyebrow"
"""Where the question sits (collection, section), above its title."""
BODY = "qa-body"
"""The question's body, between its title and its answer."""
ANSWER = "qa-answer"
"""The class of a collapsible answer, on question pages and in the plain self-test."""
ANSWER_ID = "answer"
"""A question page's answer (``details#answer``): key A opens it, a search match opens it."""
UNANSWERED = "qa-unanswered"
"""Where the answer would be, on the page of a question the document leaves open."""
KEY_TERMS = "qa-key-terms"
KEY_TERMS_ID = "key-terms"
"""The key terms inside the answer, and their heading."""
KEY_TERMS_LIST = "qa-key-terms__list"
KEY_TERM = "qa-key-term"
"""One key term: its name, which opens its definition."""
TOPICS = "qa-topics"
RELATED_ID = "related-questions"
KEYS_HINT = "qa-keys-hint"
KEYS_HINT_ALL = "qa-keys-hint__all"
DATA_KEYS = "data-qa-keys"
"""A button that opens the list of keys."""
SELFTEST_STATUS = "qa-selftest-status"
DATA_CARD = "data-qa-card"
"""The self-test card of an element: a question page's status line, a home page item."""

# --------------------------------------------------------------------------- home page

TITLE = "qa-title"
INTRO = "qa-intro"
LEAD = "qa-lead"
QUESTIONS = "qa-questions"
NUMBER = "qa-num"
SECTION = "qa-section"
"""A section's list of questions folded in a ``<details>``, on the home page of a big document."""
STUDY_LINKS = "qa-study-links"

# --------------------------------------------------------------------------- glossary page

GLOSSARY_LEAD = "qa-glossary-lead"
FILTER = "qa-filter"
FILTER_ID = "qa-filter"
FILTER_COUNT = "qa-filter__count"
FILTER_COUNT_ID = "qa-filter-count"
AZ = "qa-az"
LETTER_PREFIX = "letter-"
"""The id of a letter's heading is this and the letter (``letter-a``, ``letter-other``)."""
FACTS = "qa-facts"
ALSO = "qa-also"
APPEARS = "qa-appears"

# --------------------------------------------------------------------------- self-test page

SELFTEST = "qa-st"
SELFTEST_ID = "qa-selftest"
"""Where the self-test app goes; its scripts are fetched where it is."""
DATA_CARDS = "data-qa-cards"
"""On the app's place: the address of the card data's index (:mod:`macros.outputs.selftest.data`)."""
ST_NO_SCRIPT = "qa-st-nojs"
ST_ANKI = "qa-st-anki"
ST_PLAIN = "qa-st-plain"
"""The self-test without a script: the questions (or sections), each a link."""
ST_LIST = "qa-st-list"
"""The list of questions: a worksheet on paper."""
ST_PRINTED = "qa-st-printed"
"""Said on paper only: where the answers are."""

# --------------------------------------------------------------------------- every page

KEYS_DATA_ID = "qa-keys-data"
"""The list of keys (:mod:`macros.outputs.keys`), as JSON in a ``<script type="application/json">``."""

# --------------------------------------------------------------------------- the PDF book


class Book:
    """The PDF book's names (:mod:`macros.outputs.book`), which ``book.css`` styles. The book
    is a document of its own: these never meet the site's scripts or styles."""

    COVER = "cover"
    SUBTITLE = "subtitle"
    RULE = "rule"
    COUNTS = "counts"
    AUTHOR = "author"
    BUILT = "built"
    CONTENTS = "toc"
    CONTENTS_ID = "contents"
    CONTENTS_PART = "toc-part"
    CONTENTS_QUESTION = "toc-q"
    CONTENTS_NUMBER = "n"
    CONTENTS_TITLE = "t"
    INTRODUCTION_ID = "introduction"
    PART = "part"
    PART_TITLE = "part-title"
    BOOKMARK = "bm-"
    """A heading in the PDF's outline: this and its level, 1 to 3 (``bm-1``)."""
    QUESTION = "question"
    EYEBROW = "eyebrow"
    QUESTION_TITLE = "q-title"
    QUESTION_NUMBER = "q-num"
    QUESTION_BODY = "q-body"
    ANSWER = "answer"
    ANSWER_LABEL = "answer-label"
    KEY_TERMS = "key-terms"
    KEY_TERMS_TITLE = "kt-title"
    TERM_NAME_LINK = "name"
    GLOSSARY = "glossary"
    GLOSSARY_ID = "glossary"
    LEAD = "lead"
    ENTRIES = "entries"
    LETTER = "letter"
    ENTRY = "entry"
    TERM_NAME = "term-name"
    FACTS = "facts"
    LABEL = "label"
    USES = "uses"


IDS = frozenset({ANSWER_ID, KEY_TERMS_ID, RELATED_ID, FILTER_ID, FILTER_COUNT_ID, SELFTEST_ID, KEYS_DATA_ID})
"""Every id of the site's own page parts: content may not take one (:mod:`macros.render.sanitize`)."""


def json_for_html(data: object) -> str:
    """JSON that is safe as the text of any HTML element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
