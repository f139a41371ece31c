"""The prose of a piece of Q&A Markdown as plain text: paragraphs, sentences, and its code apart.

What a derived glossary (:mod:`macros.reading.derive`) reads: definitions are whole
sentences of an answer's prose, and a term counts as used wherever its words are,
code included. The Markdown is read by markdown-it-py, as GitHub reads it (CommonMark
with tables); no regular expression is run over the raw Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from macros.reading.blocks import html_to_text

__all__ = ["Prose", "inline_text", "read_prose", "sentences", "word_count"]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@dataclass
class Prose:
    """A piece of Markdown as plain text.

    ``paragraphs`` are its paragraphs and list items, in order (what sentences are read
    from); ``other`` is the rest of its visible text (headings, table cells); ``code`` the
    text of its code blocks and inline code.
    """

    paragraphs: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Everything a reader sees, code included: where a term counts as used."""
        return "\n".join([*self.paragraphs, *self.other, *self.code])


def read_prose(markdown: str) -> Prose:
    """The plain text of a piece of Markdown, by kind (see :class:`Prose`)."""
    prose = Prose()
    context: list[str] = []  # the open blocks around a token
    for token in _parser().parse(markdown):
        if token.nesting == 1:
            context.append(token.type)
        elif token.nesting == -1:
            if context:
                context.pop()
        elif token.type in ("fence", "code_block"):
            prose.code.append(token.content)
        elif token.type == "html_block":
            text = html_to_text(token.content).strip()
            if text:
                prose.other.append(text)
        elif token.type == "inline":
            text, code = _inline(token.children or [])
            prose.code.extend(code)
            if not text:
                continue
            if "heading_open" in context or "th_open" in context or "td_open" in context:
                prose.other.append(text)
            else:
                prose.paragraphs.append(text)
    return prose


def inline_text(markdown: str) -> tuple[str, list[str]]:
    """One line of inline Markdown (a question) as plain text, and its code spans."""
    tokens = _parser().parseInline(markdown)
    return _inline(tokens[0].children or []) if tokens else ("", [])


def _inline(children: list[Token]) -> tuple[str, list[str]]:
    parts: list[str] = []
    code: list[str] = []
    for child in children:  # an image is one child (its alt text is its own children): no prose
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(child.content)
            code.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and re.match(r"<br\b", child.content, re.IGNORECASE)
        ):
            parts.append(" ")
    return " ".join("".join(parts).split()), code


# --------------------------------------------------------------------------- sentences

# Words after which a full stop ends no sentence.
_ABBREVIATIONS = frozenset(
    """
    e.g i.e etc vs cf mr mrs ms dr st no fig approx incl al resp ca eg ie viz т.е т.д т.п др см напр
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s|$)|[。！？]+")


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph of plain text.

    A full stop ends a sentence when a space and a word that is not in lower case follow
    it, and it does not close an abbreviation ("e.g.") or an initial ("J. Smith"); the
    Chinese full stop always does. "os.path" and "Node.js" hold no end: no space follows.
    """
    found: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        end = match.end()
        mark = match.group()
        if mark[0] == ".":
            words = paragraph[start : match.start()].split()
            word = words[-1].rstrip(".") if words else ""
            if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue  # "e.g.", an initial ("J. Smith"); "select a hyperparameter k. The ..." ends
        following = paragraph[end:].lstrip()[:1]
        if mark[0] not in "。！？" and following and following.islower():
            continue
        sentence = paragraph[start:end].strip()
        if sentence:
            found.append(sentence)
        start = end
    rest = paragraph[start:].strip()
    if rest:
        found.append(rest)
    return found


_CJK_CHAR = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words of a text, a Chinese or Japanese character counting as half a word."""
    cjk = len(_CJK_CHAR.findall(text))
    return len(_CJK_CHAR.sub(" ", text).split()) + (cjk + 1) // 2
