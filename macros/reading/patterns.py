"""The words and marks of questions and answers: numbers, "Q:", answer markers, bold lines."""

from __future__ import annotations

import re

from macros.reading.blocks import Unit, html_to_text

EMOJI = r"(?:\s*(?::[a-z0-9_+\-]+:|[\u2190-\u2bff\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]+))*"
EMOJI_RUN = r"(?:\s*(?::[a-z0-9_+\-]+:|[\u2190-\u2bff\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]+))+"


NUMBERED = re.compile(
    r"""^(?:(?:Q|Question|Ques|No\.?)\s*)?\#?(\d+)(?P<suffix>(?:\.\d+)+[a-z]?|[a-z]?)(?:\s*[.:)]|\s+-|\s*[.:)]?\s*(?=\*\*|__))\s*(?P<rest>.*)$
      |^\#(\d+)\s+(?P<rest2>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)


Q_NUMBERED = re.compile(
    r"^(?:Q|Question|Ques)\s*\#?(\d+)(?P<suffix>(?:\.\d+)+[a-z]?|[a-z]?)(?:\s+(?P<rest>\S.*))?\s*$", re.IGNORECASE
)
"""A number after "Q" needs no punctuation: "Q293 What is a view?", and "Q294" alone."""


Q_PREFIX = re.compile(r"^(?:Q|Question|Ques)\s*[.:)\-]\s*(?P<rest>\S.*)$", re.IGNORECASE)


MARKER_WORDS = r"(?:Answer|Ans|Solution)"


ANSWER_MARKER = re.compile(
    rf"""^(?:[-*+]\s+)?                                  # optionally a list item
        (?P<open>\*\*|__|\*|_)?\s*(?P<word>{MARKER_WORDS}|A)\s*(?P<colon1>[:.\-]+)?\s*
        (?(open)(?:\*\*|__|\*|_))\s*(?P<colon2>[:.\-]+)?[ \t]*(?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


ANSWER_HEADING = re.compile(rf"^(?:\*\*)?{MARKER_WORDS}(?:\*\*)?\s*(?:[:.\-]\s*(?P<rest>.*))?$", re.IGNORECASE)


ANSWER_SUMMARY = re.compile(
    rf"^(?:(?:show|view|see|reveal|check|click(?:\s+here)?(?:\s+(?:to|for))?(?:\s+(?:see|view|show|reveal))?)\s+(?:the\s+)?)?"
    rf"{MARKER_WORDS}s?(?:\s+(?:here|below))?\s*[:.!]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


QUESTION_MARKER = re.compile(
    r"^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)\s*Question\s*:?\s*(?:\*\*|__)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)


QA_Q = re.compile(r"^(?:\*\*|__)?Q(?:uestion)?\s*[:.](?:\*\*|__)?\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)


QA_A = re.compile(r"^(?:\*\*|__)?A(?:nswer)?\s*[:.](?:\*\*|__)?[ \t]*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)


BOLD_LINE = re.compile(rf"^(?:\*\*|__)(?P<inner>(?:(?!\*\*|__).)+?)(?:\*\*|__)(?P<after>{EMOJI})\s*$")


BACK_TO_TOP = re.compile(r"back\s+to\s+(?:the\s+)?top|go\s+to\s+top|^\W*top\W*$|\u2191|\u21a5|\u2b06", re.IGNORECASE)


TOC_TITLE = re.compile(
    r"^\W*(?:table\s+of\s+contents?|contents|toc|index|list\s+of\s+questions|目录|目錄|目次|оглавление|содержание|"
    r"inhalt|inhaltsverzeichnis|índice|indice|sommaire|table\s+des\s+matières|contenidos?|mục\s+lục|차례|목차)\W*$",
    re.IGNORECASE,
)


LINK = re.compile(
    r"""\]\(\s*<?([^()\s<>\[\]]+(?:\([^()\s]*\)[^()\s<>\[\]]*)*)>?(?:\s+["'][^"'\n]*["'])?\)
    |href\s*=\s*["']([^"']+)["']""",
    re.IGNORECASE | re.VERBOSE,
)
"""A link's address, in Markdown or HTML. No part of it can run past a bracket or a line, so a
run of "[a](" that never closes is read in one pass."""
LINKS_AND_TAGS = r"!?\[[^\[\]\n]*\]\([^()\n]*\)|<a\b[^>]*>[^<]*</a>"
"""Whole links (Markdown, or an HTML ``<a>`` around text): what a list of links is made of."""


MAY_TRAIL = re.compile(r"\]\(#|href=|^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
"""What an answer taken from text needs for a "back to top" link or a closing rule to be in it."""


HEADING_LINE = re.compile(r"^ {0,3}#{1,6}\s+\S")


def strip_bold(text: str) -> str:
    """Remove bold wrapping the whole text (``**Why?**`` -> ``Why?``), also as HTML."""
    text = text.strip()
    for opener, closer in (("**", "**"), ("__", "__"), ("<b>", "</b>"), ("<strong>", "</strong>")):
        if text.lower().startswith(opener) and text.lower().endswith(closer) and len(text) > len(opener) + len(closer):
            inner = text[len(opener) : -len(closer)]
            if opener not in inner.lower():
                return inner.strip()
    return text


def plain_words(text: str) -> str:
    """The words of inline Markdown or HTML, markup dropped: enough for a slug or a check."""
    text = re.sub(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_`~]+", "", text)
    return " ".join(text.split())


def reads_as_question(text: str) -> bool:
    """Ends in "?", but for a mark after it: an emoji, a tag such as "(easy)" or "⭐️I"."""
    words = re.sub(EMOJI + r"\s*$", "", plain_words(text)).rstrip(" *_")
    if words.endswith("?"):
        return True
    after = words.rpartition("?")[2] if "?" in words else ""
    return bool(after) and len(after.strip()) <= 12 and not re.search(r"[.!]|\w{4,}\s+\w{4,}", after)


def question_number(text: str) -> tuple[int, str, str] | None:
    """(number, text, suffix) of a numbered question: ``1. What?`` / ``Q1: What?`` / ``**1. What?**`` /
    ``#1 What?`` / ``Question 17a. What?`` (suffix "a")."""
    inner = strip_bold(text)
    prefix_bold = re.sub(r"^(\*\*|__)(.+?)\1\s*", r"\2 ", text.strip())  # "**Q1:** Why?" -> "Q1: Why?"
    for candidate in (inner, text.strip(), prefix_bold):
        match = NUMBERED.match(candidate)
        if match:
            digits = match.group(1) or match.group(4)
            if len(digits) > 100:  # no question number: a row of digits
                continue
            number = int(digits)
            suffix = (match.group("suffix") or "") if match.group(1) else ""
            rest = (match.group("rest") if match.group(1) else match.group("rest2")) or ""
            rest = rest.strip()
            if candidate is not inner and text.strip().startswith(("**", "__")):
                mark = text.strip()[:2]
                if rest.startswith(mark):  # "**Q1:** Why?"
                    rest = rest[2:]
                elif rest.endswith(mark):  # "**1. Why?**"
                    rest = rest[:-2]
            return number, strip_bold(rest), suffix.lower()
    match = Q_NUMBERED.match(inner)
    if match and len(match.group(1)) <= 100:
        return int(match.group(1)), strip_bold(match.group("rest") or ""), match.group("suffix").lower()
    return None


def bold_question(text: str, mark: str = "") -> str | None:
    """The question of a paragraph that is one bold line: one that asks ("?"), one that is
    numbered ("**22. Explain second-order injection.**"), or one that ends with ``mark``, the
    emoji the document's other questions end with ("**Precision-recall trade-off ⭐️**")."""
    if "\n" in text.strip():
        return None
    match = BOLD_LINE.match(text.strip())
    if not match:
        return None
    inner = match.group("inner").strip()
    numbered = question_number(inner)
    marked = bool(mark) and (match.group("after").strip() == mark or inner.endswith(mark))
    if not (reads_as_question(inner) or (numbered and numbered[1]) or marked):
        return None
    return (inner + match.group("after")).strip()


def trailing_mark(question: str) -> str:
    """The emoji a question ends with (a difficulty: "⭐️", "🚀"), or ""."""
    match = re.search(EMOJI_RUN + r"\s*$", question)
    return match.group(0).strip() if match else ""


def item_question(item) -> tuple[int | None, str] | None:
    """(number, text) of a list item that holds a question: it starts with a heading or a bold line."""
    if item.first == "heading":
        numbered = question_number(item.first_text)
        return numbered[:2] if numbered else (item.number, strip_bold(item.first_text))
    if item.first == "paragraph" and item.first_end == item.start + 1:
        question = bold_question(item.first_text)
        if question is not None:
            asked = QA_Q.match(question)  # "* **Q: What is a pod?**"
            return item.number, (asked.group("rest").strip() if asked else question)
    if item.first == "paragraph" and (asked := QA_Q.match(item.first_text.split("\n")[0])):
        return item.number, strip_bold(asked.group("rest").strip())  # "- **Q:** What is a pod?"
    return None


def is_marker_text(text: str) -> bool:
    """ "**Answer:** …", "Answer: …", "A: …", "**Answer**" alone; not "Answer here" or "A list of …"."""
    match = ANSWER_MARKER.match(text.lstrip())
    if not match:
        return False
    colon = (match.group("colon1") or "") + (match.group("colon2") or "")
    if ":" in colon or colon.endswith("-"):
        return True
    return bool(match.group("open")) and match.group("word").lower() != "a" and not match.group("rest").strip()


def marker_kind(unit: Unit) -> str | None:
    """What kind of answer marker a unit is, if it is one."""
    if unit.kind == "paragraph":
        return "paragraph" if is_marker_text(unit.text) else None
    if unit.kind == "heading" and ANSWER_HEADING.match(plain_words(unit.text)):
        return "heading"
    if unit.kind == "details" and answer_summary(unit):
        return "details"
    if unit.kind == "list" and unit.items:
        first = unit.items[0]
        if first.first == "paragraph" and is_marker_text(first.first_text) and "answer" in first.first_text.lower():
            return "list"
    return None


SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


NAMED = re.compile(r"<a\b[^>]*\b(?:name|id)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def github_anchor(text: str) -> str:
    """The anchor GitHub gives a heading: its text lower-cased, punctuation dropped, spaces as hyphens."""
    return SLUG_DROP.sub("", html_to_text(plain_words(text)).lower()).replace(" ", "-")


def short(text: str, limit: int = 60) -> str:
    words = plain_words(text)
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def answer_summary(unit: Unit) -> bool:
    """Whether a ``<details>`` is an answer's wrapper ("Answer", "Show answer"), not a question
    ("Answer?" asks)."""
    summary = html_to_text(unit.text)
    return bool(ANSWER_SUMMARY.match(summary)) and not summary.rstrip().endswith("?")


def is_question_details(unit: Unit) -> bool:
    """A details element holds a question unless it is empty, or a list of links (translations, a
    table of contents) under a short summary that asks nothing."""
    summary = html_to_text(unit.text)
    if not summary:
        return False
    if reads_as_question(summary) or len(summary.split()) > 8:
        # A question answered with links (or "To be completed") is still one, and so is a task
        # ("… Prepare a checklist for …"): lists of links go under short titles ("Translations").
        return True
    body = unit.body.strip()
    links = LINK.findall(body) + _REFERENCE_LINK.findall(body)
    text_without_links = re.sub(rf"{LINKS_AND_TAGS}|{_REFERENCE_LINK.pattern}|[-*+|:!\s]|<[^>]+>", "", body)
    return not (len(links) >= 3 and len(text_without_links) < 20 * len(links))


_REFERENCE_LINK = re.compile(r"!?\[[^\[\]\n]*\]\[[^\[\]\n]*\]")
"""A link by reference ("[Singleton][3.2]"): lists and tables of links are made of them too."""


def numbered_h1s(units: list[Unit]) -> int:
    """How many level-1 headings start with a number ("# 1. …", "# 2 what is …")."""
    return sum(1 for u in units if u.kind == "heading" and u.level == 1 and re.match(r"^\W{0,2}\d{1,4}\b", u.text))
