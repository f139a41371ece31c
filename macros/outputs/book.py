"""The PDF book: the whole collection as one paged document (no MkDocs import).

Built from the same model as the site (:mod:`macros.model`, :mod:`macros.reading.glossary`),
never from the built HTML. :func:`book_html` writes one HTML document: a cover, a
table of contents, every question on a page of its own with its answer in full,
and a glossary appendix. :func:`write_book` renders it with WeasyPrint and the
paged-media stylesheet ``book.css`` that sits beside this module.

Content is rendered by the site's own renderer (:mod:`macros.render.renderer`) for the
:data:`~macros.render.renderer.BOOK` target: the same extensions and content policy as the
pages, code as plain monospaced text, headings shifted to the chapter's depth,
and the first mention of each glossary term linked to its entry in the appendix.
"""

from __future__ import annotations

import html
import logging
import os
import re
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from macros.model import Collection, Question
from macros.outputs.pages import glossary_lead, reference_html
from macros.outputs.site import Site
from macros.reading.glossary import Glossary, Term
from macros.reading.references import with_references
from macros.render.markup import Book as B
from macros.render.renderer import BOOK, Renderer, cut_words

__all__ = [
    "FONTS",
    "PAPER_SIZES",
    "BookError",
    "BookInfo",
    "BookResult",
    "book_html",
    "build_date",
    "build_version",
    "check_fonts",
    "pdf_name",
    "split_title",
    "write_book",
]

STYLESHEET = Path(__file__).with_name("book.css")
FONTS = {
    "DejaVu Serif": "fonts-dejavu-core",
    "DejaVu Sans": "fonts-dejavu-core",
    "DejaVu Sans Mono": "fonts-dejavu-core",
}
"""Families that ``book.css`` uses, and the Debian package that installs each."""
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for accessibility (WeasyPrint's PDF/UA-1 variant)."""
HEADER_CHAPTER = 48  # characters of the running header, left (section) ...
HEADER_TOPIC = 64  # ... and right (question)


class BookError(Exception):
    """The book cannot be made; the message is one line that says what to do."""


@dataclass
class BookInfo:
    """What the cover and the document metadata say.

    Attributes:
        title: the book's title (default: the collection's title).
        subtitle: printed under the title (default: what follows a dash or colon in the title).
        author: the author, when known; empty means none is claimed.
        language: BCP 47 language of the content, for the PDF and screen readers.
        date: when it was built, a W3C date-time (the cover shows the day); empty for none.
        version: version or revision built (for example a commit); empty for none.
        description: a sentence for the PDF metadata.
    """

    title: str = ""
    subtitle: str = ""
    author: str = ""
    language: str = "en"
    date: str = ""
    version: str = ""
    description: str = ""


@dataclass
class BookResult:
    """What :func:`write_book` wrote."""

    path: Path
    pages: int
    size: int  # bytes


# --------------------------------------------------------------------------- names


def build_date() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` for a reproducible build, as a W3C date-time in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_version(folder: str | Path) -> str:
    """What is being built: ``QA_VERSION``, else the short commit of ``folder``'s checkout, else ""."""
    if os.environ.get("QA_VERSION"):
        return os.environ["QA_VERSION"]
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def split_title(title: str) -> tuple[str, str]:
    """``"Advanced Generative AI – 10 Toughest Questions"`` -> (title, subtitle); no separator: (title, "")."""
    for separator in (" – ", " — ", " - ", ": "):
        head, found, tail = title.partition(separator)
        if found and head.strip() and tail.strip():
            return head.strip(), tail.strip()
    return title.strip(), ""


def pdf_name(collections: list[Collection]) -> str:
    """File name of the book: the collection's slug, or ``book.pdf`` for several collections."""
    return f"{collections[0].slug}.pdf" if len(collections) == 1 else "book.pdf"


def _term_id(term_id: str) -> str:
    return f"term-{term_id}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# --------------------------------------------------------------------------- the document


def book_html(site: Site, info: BookInfo | None = None) -> str:
    """The whole book as one HTML document, for WeasyPrint and ``book.css``.

    Args:
        site: the parsed source documents and glossary, with the site's renderer.
        info: cover and metadata; titles default to the collection's.

    Returns:
        The HTML text.
    """
    collections, glossary = site.collections, site.glossary
    if not collections:
        raise BookError("no collection to print: give at least one Q&A source document")
    info = info or BookInfo()
    title = info.title or (collections[0].title_text if len(collections) == 1 else "Questions and Answers")
    main_title, subtitle = split_title(title)
    subtitle = info.subtitle or subtitle
    if not info.description:
        info = replace(info, description=_counts(collections, glossary))
    parts = [
        _head(title, info),
        _cover(main_title, subtitle, collections, glossary, info),
        _contents(collections, glossary),
    ]
    several = len(collections) > 1
    renderer = site.renderer
    for collection in collections:
        if several:
            parts.append(
                _part(collection.title_text, collection, collection.intro, f"c-{collection.slug}", 1, renderer)
            )
        elif collection.intro:
            parts.append(_part("Introduction", collection, collection.intro, B.INTRODUCTION_ID, 1, renderer))
        for section in collection.sections:
            if section.title:
                level = 2 if several else 1
                anchor = f"s-{collection.slug}-{section.slug}"
                parts.append(_part(section.title_text, collection, section.intro, anchor, level, renderer))
            for question in section.questions:
                parts.append(_question(question, main_title, several, glossary, renderer))
    if glossary is not None and glossary.terms:
        parts.append(_glossary(glossary, site.appears, several, renderer))
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _head(title: str, info: BookInfo) -> str:
    meta = [
        '<meta charset="utf-8">',
        f"<title>{_e(title)}</title>",
        '<meta name="generator" content="qa-study-site book (WeasyPrint)">',
    ]
    if info.author:
        meta.append(f'<meta name="author" content="{_e(info.author)}">')
    if info.description:
        meta.append(f'<meta name="description" content="{_e(info.description)}">')
    if info.date:
        meta.append(f'<meta name="dcterms.created" content="{_e(info.date)}">')
    head = "\n".join(meta)
    return f'<!DOCTYPE html>\n<html lang="{_e(info.language or "en")}">\n<head>\n{head}\n</head>\n<body>'


def _counts(collections: list[Collection], glossary: Glossary | None) -> str:
    """ "10 questions and answers · glossary of 58 terms"."""
    count = sum(len(c.questions) for c in collections)
    counts = f"{count} question{'s' if count != 1 else ''} and answers"
    if glossary is not None and glossary.terms:
        counts += f" · glossary of {len(glossary.terms)} terms"
    return counts


def _cover(title: str, subtitle: str, collections: list[Collection], glossary: Glossary | None, info: BookInfo) -> str:
    counts = _counts(collections, glossary)
    built = " · ".join(
        part
        for part in (f"Built {info.date[:10]}" if info.date else "", f"Version {info.version}" if info.version else "")
        if part
    )
    lines = [
        f'<section class="{B.COVER}">',
        f"<h1>{_e(title)}</h1>",
        f'<p class="{B.SUBTITLE}">{_e(subtitle)}</p>' if subtitle else "",
        f'<div class="{B.RULE}"></div>',
        f'<p class="{B.COUNTS}">{_e(counts)}</p>',
        f'<p class="{B.AUTHOR}">{_e(info.author)}</p>' if info.author else "",
        f'<p class="{B.BUILT}">{_e(built)}</p>' if built else "",
        "</section>",
    ]
    return "\n".join(line for line in lines if line)


def _toc_question(question: Question) -> str:
    return (
        f'<li class="{B.CONTENTS_QUESTION}"><a href="#{question.book_id}">'
        f'<span class="{B.CONTENTS_NUMBER}">{question.mark}</span>'
        f'<span class="{B.CONTENTS_TITLE}">{_e(question.plain_title)}</span></a></li>'
    )


def _contents(collections: list[Collection], glossary: Glossary | None) -> str:
    items: list[str] = []
    several = len(collections) > 1
    for collection in collections:
        inner: list[str] = []
        if not several and collection.intro:
            inner.append(_contents_part(B.INTRODUCTION_ID, "Introduction"))
        for section in collection.sections:
            entries = "\n".join(_toc_question(q) for q in section.questions)
            if section.title:
                inner.append(_contents_part(f"s-{collection.slug}-{section.slug}", section.title_text, entries))
            else:
                inner.append(entries)
        body = "\n".join(inner)
        if several:
            items.append(_contents_part(f"c-{collection.slug}", collection.title_text, body))
        else:
            items.append(body)
    if glossary is not None and glossary.terms:
        items.append(_contents_part(B.GLOSSARY_ID, "Glossary"))
    entries = "\n".join(items)
    return (
        f'<nav class="{B.CONTENTS}" id="{B.CONTENTS_ID}" aria-label="Contents">\n'
        f"<h2>Contents</h2>\n<ol>\n{entries}\n</ol>\n</nav>"
    )


def _contents_part(anchor: str, title: str, entries: str | None = None) -> str:
    """An entry of the contents for a part of the book, with the entries under it (if any)."""
    link = f'<li class="{B.CONTENTS_PART}"><a href="#{anchor}"><span class="{B.CONTENTS_TITLE}">{_e(title)}</span></a>'
    return link + (f"\n<ol>\n{entries}\n</ol></li>" if entries is not None else "</li>")


_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(\shref="#)([^"]+)(")')


def _own_ids(html_text: str, owner: str) -> str:
    """``html_text`` with its ids (and the links to them) prefixed by its chapter's id.

    Every answer is rendered on its own, so two answers give the same ids to their
    "Example" headings or their first footnote; in one book those clash, and a link lands
    on the first. With the chapter's id in front, each stays its own.
    """
    ids = {found[1] for found in _ID.findall(html_text)}
    if not ids:
        return html_text
    html_text = _ID.sub(lambda m: f"{m[1]}{owner}:{m[2]}{m[3]}", html_text)
    return _HREF.sub(lambda m: f"{m[1]}{owner}:{m[2]}{m[3]}" if m[2] in ids else m[0], html_text)


def _part(title: str, collection: Collection, intro: str, anchor: str, level: int, renderer: Renderer) -> str:
    """A page that opens a collection, a section or the introduction."""
    target = replace(BOOK, question_level=3, term_href=None, doc=collection.slug)
    body = (
        _own_ids(renderer.markdown(with_references(intro, collection.references), target).html, anchor) if intro else ""
    )
    return (
        f'<section class="{B.PART}" id="{_e(anchor)}">\n'
        f'<h2 class="{B.PART_TITLE} {B.BOOKMARK}{level}" data-chapter="{_e(cut_words(title, HEADER_CHAPTER))}">{_e(title)}</h2>\n'
        f"{body}\n</section>"
    )


def _question(
    question: Question,
    book_title: str,
    several: bool,
    glossary: Glossary | None,
    renderer: Renderer,
) -> str:
    collection, section = question.collection, question.section
    sectioned = bool(section.title)
    level = 1 + int(several) + int(sectioned)
    heading = min(6, level + 1)  # h2 under the book, deeper under a collection or a section
    chapter = section.title_text if sectioned else (collection.title_text if several else book_title)
    target = replace(
        BOOK, question_level=heading, term_href=BOOK.term_href if glossary is not None else None, doc=collection.slug
    )
    if question.answered:
        answer = renderer.markdown(with_references(question.answer, collection.references), target).html
    elif question.with_next:
        answer = "<p>No answer of its own in the document: the next question follows it directly, and its answer may be meant for both.</p>"
    else:
        answer = "<p>No answer in the document.</p>"
    answer = _own_ids(answer, question.book_id)
    body_target = replace(target, term_href=None)
    body = (
        _own_ids(
            renderer.markdown(with_references(question.body, collection.references), body_target).html, question.book_id
        )
        if question.body
        else ""
    )
    topic = question.label
    number = question.mark
    parts = [
        f'<article class="{B.QUESTION}" id="{question.book_id}">',
        f'<p class="{B.EYEBROW}">{_e(question.where)}</p>',
        f'<h{heading} class="{B.QUESTION_TITLE} {B.BOOKMARK}{level}" data-chapter="{_e(cut_words(chapter or "", HEADER_CHAPTER))}" '
        f'data-topic="{_e(cut_words(topic, HEADER_TOPIC))}">'
        + (f'<span class="{B.QUESTION_NUMBER}">{number}</span> ' if number else "")
        + f"{renderer.inline(question.text, BOOK).html}</h{heading}>",
    ]
    if body:
        parts.append(f'<div class="{B.QUESTION_BODY}">\n{body}\n</div>')
    parts.append(f'<section class="{B.ANSWER}">\n<p class="{B.ANSWER_LABEL}">Answer</p>\n{answer}\n</section>')
    if glossary is not None and question.terms:
        parts.append(_key_terms([glossary.terms[t] for t in question.terms], heading + 1))
    parts.append("</article>")
    return "\n".join(parts)


def _key_terms(terms: list[Term], level: int) -> str:
    """The terms a question uses, with their definitions; each name links to its glossary entry.

    No page numbers here: they point forward to the glossary, so WeasyPrint would lay out
    every question page twice.
    """
    items = "\n".join(
        f'<li><a class="{B.TERM_NAME_LINK}" href="#{_term_id(t.id)}">{_e(t.term)}</a>: {_e(t.short)}</li>'
        for t in terms
    )
    level = min(6, level)
    return (
        f'<aside class="{B.KEY_TERMS}">\n<h{level} class="{B.KEY_TERMS_TITLE}">Key terms</h{level}>\n'
        f"<ul>\n{items}\n</ul>\n</aside>"
    )


def _glossary(glossary: Glossary, appears: dict[str, list[Question]], several: bool, renderer: Renderer) -> str:
    parts = [
        f'<section class="{B.GLOSSARY}" id="{B.GLOSSARY_ID}">',
        f'<h2 class="{B.BOOKMARK}1">Glossary</h2>',
        f'<p class="{B.LEAD}">{_e(glossary_lead(glossary))} Each entry lists the questions '
        "that use it, with the page where each one starts.</p>",
        f'<div class="{B.ENTRIES}">',
    ]
    letter = ""
    for term in glossary.terms.values():
        if term.letter != letter:
            letter = term.letter
            parts.append(f'<h3 class="{B.LETTER}">{_e(letter)}</h3>')
        lines = [
            f'<div class="{B.ENTRY}" id="{_term_id(term.id)}">',
            f'<h4 class="{B.TERM_NAME}">{_e(term.term)}</h4>',
            f"<p>{_e(term.short)}</p>",
        ]
        if term.long:
            lines.append(f'<p class="{B.FACTS}">{renderer.inline(term.long, BOOK).html}</p>')
        if term.aliases:
            lines.append(_facts("Also", _e(", ".join(term.aliases))))
        if term.related:
            related = ", ".join(
                f'<a href="#{_term_id(r)}">{_e(glossary.terms[r].term)}</a>'
                for r in term.related
                if r in glossary.terms
            )
            lines.append(_facts("Related", related))
        if term.reference:
            lines.append(_facts("Reference", reference_html(term, paper=True)))
        uses = appears.get(term.id, [])
        if uses:
            links = ", ".join(
                f'<a href="#{q.book_id}">'
                f"{_e(q.collection.title_text) + ' ' if several else ''}{q.numeral or q.position}</a>"
                for q in uses
            )
            label = "Question" if len(uses) == 1 else "Questions"
            lines.append(f'<p class="{B.USES}"><span class="{B.LABEL}">{label}:</span> {links}</p>')
        lines.append("</div>")
        parts.append("\n".join(lines))
    parts += ["</div>", "</section>"]
    return "\n".join(parts)


def _facts(label: str, html: str) -> str:
    """A labelled line of a glossary entry ("Also: …"): ``html`` is escaped already."""
    return f'<p class="{B.FACTS}"><span class="{B.LABEL}">{label}:</span> {html}</p>'


# --------------------------------------------------------------------------- rendering


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings and errors, to report them after the render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_messages() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _fetcher(roots: list[Path]):
    """A URL fetcher for ``data:`` URLs and files inside ``roots`` (the documents' folders, see
    :meth:`macros.outputs.site.Site.fence`), symlinks resolved: the book never reaches the network or
    any other file of this machine, whatever the content asks for."""
    from urllib.parse import unquote, urlsplit

    from weasyprint import URLFetcher

    class FencedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"the book reads no file outside the document's folder: {url}")
            return super().fetch(url, headers)

    return FencedFetcher(allowed_protocols={"file", "data"})


def _weasyprint() -> Any:
    """The weasyprint module; its import-time warnings (such as "no fonts") are left to :func:`check_fonts`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import weasyprint
    except (ImportError, OSError) as exc:
        raise BookError(f"WeasyPrint is not usable ({_one_line(exc)}): run 'make pdf' to install it") from None
    return weasyprint


def _matched_family(family: str) -> str:
    """The family fontconfig (so Pango, so WeasyPrint) gives for ``family``: itself, or a fallback."""
    _weasyprint()
    from weasyprint.text.ffi import ffi, fontconfig

    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcConfigSubstitute(ffi.NULL, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        match = fontconfig.FcFontMatch(ffi.NULL, pattern, ffi.new("FcResult *"))
        if match == ffi.NULL:
            return ""
        try:
            name = ffi.new("FcChar8 **")
            if fontconfig.FcPatternGetString(match, b"family", 0, name) != fontconfig.FcResultMatch:
                return ""
            return ffi.string(name[0]).decode("utf-8", "replace")
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)


def check_fonts() -> None:
    """Raise :class:`BookError` unless every family of :data:`FONTS` is installed.

    Asks fontconfig which font it would use for each family, as ``fc-match`` does:
    a missing family silently falls back to another one (or, with no font at all,
    crashes Pango), so this is checked before anything is rendered.
    """
    for family, package in FONTS.items():
        if _matched_family(family).casefold() != family.casefold():
            raise BookError(f"font '{family}' is not installed: install it (apt-get install {package}) and run again")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if not text.startswith(type(exc).__name__) else text


def write_book(
    site: Site,
    out: str | Path,
    *,
    info: BookInfo | None = None,
    base_dir: str | Path | None = None,
    paper: str = "a4",
    variant: str | None = PDF_VARIANT,
    warnings: list[str] | None = None,
) -> BookResult:
    """Render the book to ``out``, atomically: a failure never leaves a partial file there.

    Args:
        site: the parsed source documents and glossary, with the site's renderer.
        out: the PDF to write (its folder is created).
        info: cover and metadata.
        base_dir: where relative image paths in the content are resolved (the docs folder).
        paper: ``"a4"`` or ``"letter"``.
        variant: WeasyPrint's PDF variant (``"pdf/ua-1"``: tagged for accessibility), or None.
        warnings: when given, WeasyPrint's warnings are appended to it.

    Raises:
        BookError: a missing font, or WeasyPrint failed; the message is one line.
    """
    if paper not in PAPER_SIZES:
        raise BookError(f"unknown paper size '{paper}': use {' or '.join(PAPER_SIZES)}")
    weasyprint = _weasyprint()
    check_fonts()
    out = Path(out)
    source = book_html(site, info)
    base = Path(base_dir or ".").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        with _weasyprint_messages() as messages:
            fetcher = _fetcher([site.fence(c) for c in site.collections if c.file])
            document = weasyprint.HTML(string=source, base_url=f"{base.as_uri()}/", url_fetcher=fetcher).render(
                stylesheets=[
                    weasyprint.CSS(filename=str(STYLESHEET)),
                    weasyprint.CSS(string=f"@page {{ size: {PAPER_SIZES[paper]}; }}"),
                ]
            )
            document.write_pdf(temp, pdf_variant=variant)
        temp.chmod(0o666 & ~_umask())  # mkstemp makes it private; the book is an ordinary file
        temp.replace(out)
    except BaseException as exc:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(exc, Exception):
            raise BookError(f"WeasyPrint failed: {_one_line(exc)}") from None
        raise
    if warnings is not None:
        warnings.extend(messages)
    return BookResult(out, len(document.pages), out.stat().st_size)
