"""Markdown for the generated pages, built from the model (no MkDocs import)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import yaml

from .glossary import Glossary, Term
from .literal import render, unwrap_paragraph
from .model import Collection, Question, separate_lists, shift_headings

__all__ = [
    "description",
    "glossary_markdown",
    "home_markdown",
    "md_text",
    "question_markdown",
    "question_page",
    "question_src_uri",
    "study_footer",
]

DESCRIPTION_LENGTH = 155


def question_src_uri(collection: Collection, question: Question) -> str:
    """Where the generated page of a question lives in the docs namespace."""
    return f"{collection.slug}/{question.slug}.md"


def description(question: Question) -> str:
    """A meta description drawn from the answer: its first words, cut at a word."""

    text = render(separate_lists(question.answer)).text
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"


def _fence_for(text: str) -> str:
    """A blocks fence longer than any ``///`` run at the start of a line of ``text``."""
    longest = max((len(m.group(0)) for m in re.finditer(r"(?m)^/{3,}", text)), default=2)
    return "/" * max(3, longest + 1)


def question_page(
    collection: Collection,
    question: Question,
    position: int,
    total: int,
    *,
    tags: list[str] | None = None,
    footer: str = "",
    selftest_href: str | None = None,
) -> tuple[dict, str]:
    """The page of one question: its metadata, and its Markdown (title, number, optional
    body, collapsed answer) without front matter.

    The plugin hands the metadata to MkDocs directly (see ``QAPlugin.on_page_markdown``):
    no YAML is written for a thousand pages only to be parsed back.

    Args:
        collection: the document the question is from.
        question: the question.
        position: its 1-based place in the collection.
        total: how many questions the collection has.
        tags: topics for Material's tags plugin.
        footer: Markdown after the answer (key terms, related questions).
        selftest_href: link from the page to its flashcard on the self-test page, if any.
    """
    section = question.section
    # Material's templates print these unescaped: they must be HTML already.
    meta = {
        "title": html.escape(question.plain_text),
        "description": html.escape(description(question)),
        "qa_number": question.number,
        "search": {"boost": 2},  # a question ranks above glossary entries that share its words
    }
    if tags:
        meta["tags"] = tags
    delta = 1 - collection.question_level
    answer = separate_lists(shift_headings(question.answer, delta))
    body = separate_lists(shift_headings(question.body, delta)) if question.body else ""
    where = (
        f"Question {question.number} of {total}"
        if question.number == position
        else (f"Question {question.number} ({position} of {total})")
    )
    if section is not None and section.title:
        where += f" · {section.title}"
    fence = _fence_for(answer)
    parts = [
        f"# {question.text}",
        f"{md_text(where, literal_page=True)}\n{{: .qa-eyebrow data-search-exclude }}",
    ]
    if selftest_href:
        # A real link without JavaScript; with progress stored, selftest.js rewrites it in place
        # ("Self-test: rated Good · due in 3 days"). The data attribute is the card's id.
        parts.append(
            f"Self-test: not studied yet · [practise this card]({selftest_href})\n"
            f'{{: .qa-selftest-status data-qa-card="{collection.slug}/{question.number}" data-search-exclude }}'
        )
    if body:
        parts.append(body)
    parts.append(f"{fence} details | Answer\n    type: qa-answer\n    attrs: {{id: answer}}\n\n{answer}\n\n{fence}")
    if footer:
        parts.append(footer)
    return meta, "\n\n".join(parts) + "\n"


def question_markdown(collection: Collection, question: Question, position: int, total: int, **parts: Any) -> str:
    """The page of one question as a Markdown file: front matter, then :func:`question_page`."""
    meta, text = question_page(collection, question, position, total, **parts)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{text}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(text: str, *, literal_page: bool = False) -> str:
    """Plain text made safe to put in Markdown: nothing in it is taken for syntax or HTML.

    On a literal page (question pages, home: see macros/literal.py) HTML is text already,
    so only the Markdown syntax is escaped; escaping ``<`` or ``&`` too would show them twice.
    """
    return _MD_SPECIAL.sub(r"\\\1", text if literal_page else _escape(text))


def study_footer(
    question: Question,
    terms: list[Term],
    related: list[tuple[Question, str]],
    glossary_link: str,
    *,
    slot: Callable[[str], str],
) -> str:
    """ "Key terms" (with their short definitions, so print keeps them) and "Related questions".

    The headings are Markdown (they belong in the page's table of contents); each list is
    HTML, written here.

    Args:
        question: the question of the page.
        terms: the terms it uses, in order of first mention.
        related: (question, URL relative to the page) of related questions.
        glossary_link: URL of the glossary page, relative to the page.
        slot: given a list's HTML, returns what stands for it in the Markdown (the plugin
            puts a marker there and the list after rendering: question pages show raw HTML
            in their Markdown as text).
    """
    parts: list[str] = []
    if terms:
        items = "\n".join(
            f'<li><a href="{html.escape(glossary_link)}#{t.id}">{html.escape(t.term, quote=False)}</a>: '
            f"{html.escape(t.short, quote=False)}</li>"
            for t in terms
        )
        # Left out of the search index: the definitions would make every page match every term.
        block = slot("<ul>\n" + items + "\n</ul>")
        parts.append(f"## Key terms {{: #key-terms .qa-end data-search-exclude }}\n\n{block}")
    if related:
        items = "\n".join(
            f'<li><a href="{html.escape(link)}">{question_number_html(q)}</a></li>' for q, link in related
        )
        heading = "## Related questions {: #related-questions data-search-exclude" + (
            " .qa-end }" if not terms else " }"
        )
        block = slot("<ul>\n" + items + "\n</ul>")
        parts.append(f"{heading}\n\n{block}")
    return "\n\n".join(parts)


def question_number_html(question: Question) -> str:
    """ "12. Why …?" as HTML: the question's inline Markdown rendered literally."""
    return f"{question.number}. {unwrap_paragraph(render(question.text).html)}"


def home_markdown(collections: list[Collection], links: dict[str, str]) -> str:
    """The home page body: each collection's introduction and its questions by section.

    Args:
        collections: every source document of the site.
        links: extra pages that exist (label -> relative link), shown as a study bar.
    """
    parts: list[str] = []
    if len(collections) == 1:
        parts.append(f"# {collections[0].title}")
    for collection in collections:
        if len(collections) > 1:
            parts.append(f"## {collection.title}")
        if collection.intro:
            parts.append(collection.intro)
        count = len(collection.questions)
        parts.append(f"{count} question{'s' if count != 1 else ''}. Open one to read it, then reveal the answer.")
        for section in collection.sections:
            if section.title:
                level = "###" if len(collections) > 1 else "##"
                parts.append(f"{level} {section.title}")
            parts.append(
                "\n".join(f"- [{q.number}. {q.text}]({question_src_uri(collection, q)})" for q in section.questions)
            )
    if links:
        parts.append(" · ".join(f"[{label}]({href})" for label, href in links.items()))
    return "\n\n".join(parts)


def _letter(term: Term) -> str:
    first = term.id[:1].upper()
    return first if first.isalpha() else "#"


def _anchor(letter: str) -> str:
    return f"letter-{letter.lower()}" if letter.isalpha() else "letter-other"


def _reference_html(term: Term) -> str:
    author, year, title, label, url = term.citation()
    parts = [html.escape(author, quote=False), f"({html.escape(year, quote=False)})" if year else ""]
    parts.append(f"<em>{html.escape(title, quote=False)}</em>")
    if url:
        external = ' class="qa-external"' if url.startswith(("http://", "https://")) else ""
        parts.append(f'<a{external} href="{html.escape(url)}">{html.escape(label, quote=False)}</a>')
    return " ".join(p for p in parts if p)


def _facts_html(glossary: Glossary, term: Term, uses: list[tuple[Question, str]]) -> str:
    """An entry's aliases, related terms, reference and the questions that use it, as HTML."""
    facts = []
    if term.aliases:
        facts.append("<strong>Also:</strong> " + ", ".join(html.escape(a, quote=False) for a in term.aliases))
    if term.related:
        links = (f'<a href="#{r}">{html.escape(glossary.terms[r].term, quote=False)}</a>' for r in term.related)
        facts.append("<strong>Related:</strong> " + ", ".join(links))
    if term.reference:
        facts.append("<strong>Reference:</strong> " + _reference_html(term))
    if uses:
        links = (f'<a href="{html.escape(link)}">{question_number_html(q)}</a>' for q, link in uses)
        facts.append("<strong>Appears in:</strong> " + ", ".join(links))
    if not facts:
        return ""
    return '<div class="qa-facts">\n<p>' + "<br />\n".join(facts) + "</p>\n</div>"


def glossary_markdown(
    glossary: Glossary,
    appears: dict[str, list[tuple[Question, str]]],
    *,
    slot: Callable[[str], str] = lambda block: block,
) -> str:
    """The glossary page body: an A-Z jump bar, then every entry with an anchor of its own.

    Args:
        glossary: the glossary.
        appears: term id -> (question, URL relative to the glossary page) of every question
            that uses it.
        slot: given an entry's facts as HTML, returns what stands for them in the Markdown
            (the plugin puts a marker there and the HTML after rendering, so that a thousand
            entries' links are not parsed again). Default: the HTML itself.
    """
    by_letter: dict[str, list[Term]] = {}
    for term in glossary.terms.values():
        by_letter.setdefault(_letter(term), []).append(term)
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + (["#"] if "#" in by_letter else [])
    bar = " ".join(
        f'<a href="#{_anchor(letter)}">{letter}</a>'
        if letter in by_letter
        else f'<span aria-hidden="true">{letter}</span>'
        for letter in letters
    )
    parts = [
        f"{len(glossary.terms)} terms used in the questions. Hover over or focus a linked term on any "
        "question page to see its definition; every entry lists the questions that use it.",
        f'<nav class="qa-az" aria-label="Glossary letters">{bar}</nav>',
    ]
    for letter in letters:
        if letter not in by_letter:
            continue
        parts.append(f"## {md_text(letter)} {{ #{_anchor(letter)} }}")
        for term in by_letter[letter]:
            lines = [f"### {md_text(term.term)} {{ #{term.id} }}", "", md_text(term.short)]
            if term.long:
                lines += ["", _escape(term.long)]
            facts = _facts_html(glossary, term, appears.get(term.id, []))
            if facts:
                lines += ["", slot(facts)]
            parts.append("\n".join(lines))
    return "\n\n".join(parts)
