"""The model of a Q&A document: Collection → Section → Question, and each question's identity.

No MkDocs, no Jinja, no Markdown rendering: :mod:`macros.reading.parser` builds these objects from
a source document and everything else (pages, self-test, Anki deck, PDF book, the
JavaScript through the data the build writes) reads them.

A question's identity is computed here and nowhere else:

===============  ==========================================  ===================================
property         example                                     used by
===============  ==========================================  ===================================
``id``           ``advanced-generative-ai-qa/9``             progress data, Anki note GUID
``src_uri``      ``advanced-generative-ai-qa/9-explain….md``  the generated page's file
``url``          ``advanced-generative-ai-qa/9-explain…/``    links, from the site root
``card_anchor``  ``card-advanced-generative-ai-qa-9``         its flashcard on the self-test page
``book_id``      ``q-advanced-generative-ai-qa-9-explain…``   its chapter in the PDF book
===============  ==========================================  ===================================
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

__all__ = [
    "Collection",
    "Diagnostic",
    "Heading",
    "InputError",
    "Part",
    "QAFormatError",
    "Question",
    "Section",
    "Shape",
    "page_url",
    "read_document",
    "relative_url",
    "slugify",
]


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input file: ``FILE:LINE: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:  # about the file as a whole
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class InputError(Exception):
    """Bad input (a source document, a glossary): carries every problem found, as diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class QAFormatError(InputError):
    """Raised when a source document cannot be read."""


def read_document(path, shown: str, error: type[InputError], what: str, missing: str) -> str:
    """The text of an input file (UTF-8, with or without a BOM), or ``error`` at its line.

    Args:
        path: the file.
        shown: how messages name it.
        error: the exception to raise (the source's or the glossary's).
        what: what the file is, for messages ("source document", "glossary").
        missing: what to do when it does not exist.
    """
    from pathlib import Path

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise error([Diagnostic(shown, 1, f"{what} not found: {missing}")]) from None
    except OSError as exc:
        raise error([Diagnostic(shown, 1, f"cannot read the {what}: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            [Diagnostic(shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8")]
        ) from None


def slugify(text: str, max_words: int = 8, max_len: int = 60) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary (a single long word, such as a
    line of Chinese, at ``max_len`` characters).

    Latin letters lose their accents ("café" is "cafe"); other scripts keep their letters, as
    GitHub's anchors do, so a Russian or Chinese question keeps its words in its URL.
    """
    kept, base = [], ""
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and base.isascii():
            continue  # an accent of a Latin letter
        if not char.isascii() and not char.isalnum() and not unicodedata.combining(char):
            continue  # "DALL·E" is "dalle", "don’t" is "dont", as ASCII slugs always made them
        kept.append(char)
        if not unicodedata.combining(char):
            base = char
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", "".join(kept)).lower())[:max_words]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            if not slug:
                slug = word[:max_len]
            break
        slug = candidate
    return slug


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL (from the site root) MkDocs gives the page ``src_uri``, as ``File.url`` computes it."""
    stem = src_uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(eq=False)
class Question:
    """One question and its answer, as written in the source."""

    number: int | None  # as written (None: the document does not number its questions)
    text: str  # inline Markdown of the question, wrapper bold removed
    answer: str  # Markdown of the answer, as in the source
    line: int  # line of the question
    answer_line: int  # line where the answer starts
    level: int = 0  # heading level of the question in the source (0: not a heading)
    suffix: str = ""  # a letter after the number ("17a"), as written
    body: str = ""  # optional Markdown between the question and the answer
    slug: str = ""  # its page's URL segment, unique in the collection ("9-explain-the-role-…")
    key: str = ""  # its part of the id, unique in the collection ("9"), set with the slug
    terms: list[str] = field(default_factory=list)  # glossary term ids it uses, in order of first mention
    title: str = ""  # the question as plain text, from its rendering (set by the site, else words of ``text``)
    with_next: bool = False  # unanswered, and the next question follows it directly (their answer may be one)
    section: Section = field(default=None, repr=False)  # type: ignore[assignment]
    collection: Collection = field(default=None, repr=False)  # type: ignore[assignment]

    # ---------------------------------------------------------------- identity

    @property
    def id(self) -> str:
        """Stable id of the question in progress data and the Anki deck: ``<collection>/<key>``."""
        return f"{self.collection.slug}/{self.key}"

    @property
    def src_uri(self) -> str:
        """Where its generated page lives among the site's files."""
        return f"{self.collection.slug}/{self.slug}.md"

    @property
    def url(self) -> str:
        """Its page's URL from the site root."""
        return page_url(self.src_uri, self.collection.directory_urls)

    @property
    def card_anchor(self) -> str:
        """The anchor of its flashcard on the self-test page."""
        return f"card-{self.collection.slug}-{self.key}"

    @property
    def book_id(self) -> str:
        """The id of its chapter in the PDF book."""
        return f"q-{self.collection.slug}-{self.slug}"

    # ---------------------------------------------------------------- place

    @property
    def position(self) -> int:
        """1-based place in its collection."""
        return self.collection.position(self)

    @property
    def numeral(self) -> str:
        """Its number as written ("9", "17a"); "" where the document does not number its questions."""
        return f"{self.number}{self.suffix}" if self.number is not None else ""

    @property
    def mark(self) -> str:
        """ "9." where the document numbers its questions, else "": what every output puts before
        the question's text."""
        return f"{self.numeral}." if self.number is not None else ""

    @property
    def label(self) -> str:
        """ "9. Explain …" where the document numbers its questions, else the plain question."""
        return f"{self.mark} {self.plain_title}".lstrip()

    @property
    def answered(self) -> bool:
        """Whether the document answers it: an open question is shown as one, and kept out of the
        flashcards, the quiz and the deck."""
        return bool(self.answer.strip())

    @property
    def plain_title(self) -> str:
        return self.title or " ".join(self.text.split())

    @property
    def where(self) -> str:
        """ "Question 3 of 10 · Section": the eyebrow of its page and its chapter in the book."""
        total = len(self.collection.questions)
        position = self.position
        if self.number is None or (self.number == position and not self.suffix):
            where = f"Question {position} of {total}"
        else:
            where = f"Question {self.numeral} · {position} of {total} in the document"
        if self.section.title:
            where += f" · {self.section.title_text}"
        return where


@dataclass(eq=False)
class Heading:
    """A heading that holds sections of questions, not questions of its own ("General Knowledge"
    above "Junior Sysadmin" above "System Questions"): the outline above a section."""

    title: str  # inline Markdown
    line: int
    intro: str = ""  # what it holds before its first subheading
    title_plain: str = ""  # set by the site from its rendering

    @property
    def title_text(self) -> str:
        return self.title_plain or " ".join(self.title.split())


@dataclass(eq=False)
class Section:
    """A group of questions under a section heading (``title`` None: no heading)."""

    title: str | None  # inline Markdown
    line: int
    intro: str = ""
    slug: str = ""
    questions: list[Question] = field(default_factory=list)
    title_plain: str = ""  # set by the site from its rendering
    parents: list[Heading] = field(default_factory=list)  # the headings above it, outermost first

    @property
    def title_text(self) -> str:
        return self.title_plain or " ".join((self.title or "").split())


@dataclass
class Shape:
    """How a document writes its questions (see :mod:`macros.reading.parser`)."""

    kind: str = "heading"  # heading, details, list, bold, qa-pairs
    numbered: bool = True
    marked: bool = True  # its answers follow a marker (**Answer:**, A:, an "Answer" heading ...)
    rule: str = ""  # how its questions were told from its other headings, for --check

    def describe(self, collection: Collection | None = None) -> str:
        """ "numbered `##` headings, answers after a marker"."""
        if self.kind == "heading":
            levels = sorted({q.level for q in collection.questions}) if collection else []
            marks = "/".join("`" + "#" * level + "`" for level in levels if level)
            what = f"{'numbered' if self.numbered else 'unnumbered'} {marks + ' ' if marks else ''}headings"
        else:
            what = {
                "details": "<details> blocks (the summary is the question)",
                "list": f"items of {'numbered ' if self.numbered else ''}lists",
                "bold": "bold lines ending in '?'",
                "qa-pairs": "Q: / A: pairs",
            }[self.kind]
        marker = "answers after a marker" if self.marked else "answers without a marker"
        if self.kind in ("details", "qa-pairs"):
            marker = "answers inside them" if self.kind == "details" else "answers after 'A:'"
        return f"{what}, {marker}"


@dataclass
class Part:
    """A part of the document without questions (About, Contributing, License ...): kept for the home page."""

    title: str  # inline Markdown
    body: str  # Markdown
    line: int


@dataclass(eq=False)
class Collection:
    """One source document: its title, introduction, sections and questions."""

    title: str
    path: str  # as named in messages
    intro: str = ""
    slug: str = ""
    sections: list[Section] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    directory_urls: bool = True  # the site's use_directory_urls (see Question.url)
    source_uri: str = ""  # the source's path among the site's files (the edit link of its pages)
    title_plain: str = ""  # set by the site from its rendering
    shape: Shape = field(default_factory=Shape)
    parts: list[Part] = field(default_factory=list)  # kept for the home page, in document order
    dropped: list[str] = field(default_factory=list)  # what was left out ("table of contents (line 12)")
    anchors: dict[str, object] = field(
        default_factory=dict
    )  # the document's own anchors -> Question | Section | Part | None (home)
    file: str = ""  # the document's file, when it was read from one (its links to files start there)
    lines: list[str] = field(default_factory=list, repr=False)  # its text, for messages about its lines
    references: dict[str, str] = field(default_factory=dict, repr=False)  # link label -> its definition line

    @property
    def title_text(self) -> str:
        return self.title_plain or " ".join(self.title.split())

    @cached_property
    def questions(self) -> list[Question]:
        """Every question, in document order."""
        return [q for s in self.sections for q in s.questions]

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {id(q): index for index, q in enumerate(self.questions, start=1)}

    def position(self, question: Question) -> int:
        return self._positions[id(question)]


@lru_cache(maxsize=1 << 15)  # a rebuild under `mkdocs serve` asks for the same links again
def relative_url(url: str, from_url: str) -> str:
    """``url`` relative to the page at ``from_url`` (both from the site root, as MkDocs' ``File.url``)."""
    url = url or "./"
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = posixpath.relpath("/" + url, "/" + base)
    if relative == ".":
        relative = "./"
    return relative + "/" if url.endswith("/") and not relative.endswith("/") else relative
