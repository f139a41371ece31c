"""Markdown for the generated pages, built from the model (no MkDocs import)."""

from __future__ import annotations

import re

import yaml

from .model import Collection, Question, separate_lists, shift_headings

__all__ = ["description", "home_markdown", "question_markdown", "question_src_uri"]

DESCRIPTION_LENGTH = 155


def question_src_uri(collection: Collection, question: Question) -> str:
    """Where the generated page of a question lives in the docs namespace."""
    return f"{collection.slug}/{question.slug}.md"


def description(question: Question) -> str:
    """A meta description drawn from the answer: its first words, cut at a word."""
    from .model import markdown_to_text

    text = markdown_to_text(separate_lists(question.answer))
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"


def _fence_for(text: str) -> str:
    """A blocks fence longer than any ``///`` run at the start of a line of ``text``."""
    longest = max((len(m.group(0)) for m in re.finditer(r"(?m)^/{3,}", text)), default=2)
    return "/" * max(3, longest + 1)


def question_markdown(collection: Collection, question: Question, position: int, total: int) -> str:
    """The page of one question: title, number, optional body, collapsed answer.

    Args:
        collection: the document the question is from.
        question: the question.
        position: its 1-based place in the collection.
        total: how many questions the collection has.
    """
    section = question.section
    meta = {
        "title": question.plain_text,
        "description": description(question),
        "qa_number": question.number,
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
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
        f"---\n{front}---",
        f"# {question.text}",
        f'<p class="qa-eyebrow">{_escape(where)}</p>',
    ]
    if body:
        parts.append(body)
    parts.append(f"{fence} details | Answer\n    type: qa-answer\n    attrs: {{id: answer}}\n\n{answer}\n\n{fence}")
    return "\n\n".join(parts) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
