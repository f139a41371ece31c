"""The study site as data: the collections, the glossary, the renderer, and what each page gets.

No MkDocs import: the plugin (:mod:`macros.plugin`) and the command-line scripts build a
:class:`Site` the same way and read everything from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .glossary import Glossary, Relatedness
from .linker import tooltip
from .model import Collection, Question, relative_url
from .render import PAGE, Rendered, Renderer, Target, cut_words

__all__ = ["DESCRIPTION_LENGTH", "Site"]

DESCRIPTION_LENGTH = 155
"""Characters of a question page's meta description."""


@dataclass
class Site:
    """Everything the outputs are built from.

    Args:
        collections: the parsed source documents.
        glossary: the glossary, or None.
        renderer: the site's renderer (its glossary matcher is set here).
        glossary_url: URL of the glossary page from the site root (None: no such page).
    """

    collections: list[Collection]
    glossary: Glossary | None = None
    renderer: Renderer = field(default_factory=Renderer)
    glossary_url: str | None = None
    appears: dict[str, list[Question]] = field(default_factory=dict)  # term id -> questions using it
    relatedness: Relatedness | None = None

    def __post_init__(self) -> None:
        self._targets: dict[str, Target] = {}  # page folder -> how content is rendered there
        if self.glossary is not None:
            terms = self.glossary.terms
            self.renderer.find = self.glossary.matcher.find
            self.renderer.tooltips = lambda term_id: tooltip(terms[term_id].short)
        self.prepare()

    @property
    def questions(self) -> list[Question]:
        return [q for c in self.collections for q in c.questions]

    def page_target(self, question: Question) -> Target:
        """How content is rendered on ``question``'s page: glossary links relative to it."""
        if self.glossary is None or self.glossary_url is None:
            return PAGE
        folder = question.url.rsplit("/", 1)[0] if not question.url.endswith("/") else question.url
        target = self._targets.get(folder)
        if target is None:
            target = replace(PAGE, term_href=relative_url(self.glossary_url, question.url) + "#{id}")
            self._targets[folder] = target
        return target

    # ---------------------------------------------------------------- rendered once

    def heading(self, question: Question) -> Rendered:
        """The question as inline HTML (the page's h1, links, lists)."""
        return self.renderer.inline(question.text, PAGE)

    def body(self, question: Question, target: Target | None = None) -> Rendered | None:
        if not question.body:
            return None
        target = target or self.page_target(question)
        return self.renderer.markdown(question.body, target)

    def answer(self, question: Question, target: Target | None = None) -> Rendered:
        target = target or self.page_target(question)
        return self.renderer.markdown(question.answer, target)

    def description(self, question: Question) -> str:
        """A meta description: the answer's first words, cut at a word."""
        return cut_words(self.answer(question).text, DESCRIPTION_LENGTH)

    def prepare(self) -> None:
        """Render every question for its page once: titles, glossary terms, "Appears in", relatedness.

        A question uses a term when its body or answer mentions it in linkable text, or its
        heading does (headings are never linked, but the page's "Key terms" lists them).
        """
        appears: dict[str, list[Question]] = {t: [] for t in (self.glossary.terms if self.glossary else ())}
        for collection in self.collections:
            collection.title_plain = self.renderer.inline(collection.title, PAGE).text
            for section in collection.sections:
                if section.title:
                    section.title_plain = self.renderer.inline(section.title, PAGE).text
            for question in collection.questions:
                heading = self.heading(question)
                question.title = heading.text
                body = self.body(question)
                found = [*(body.terms if body else ()), *self.answer(question).terms, *heading.terms]
                question.terms = list(dict.fromkeys(found))
                for term_id in question.terms:
                    appears[term_id].append(question)
        self.appears = appears
        self.relatedness = Relatedness(self.questions) if self.glossary is not None else None

    def related(self, question: Question) -> list[Question]:
        return self.relatedness.related(question) if self.relatedness is not None else []
