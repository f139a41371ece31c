"""The study site as data: the collections, the glossary, the renderer, and what each page gets.

No MkDocs import: the plugin (:mod:`macros.plugin.qa`) and the command-line scripts build a
:class:`Site` the same way and read everything from it.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from macros.model import Collection, Diagnostic, Heading, InputError, Part, Question, Section, relative_url, slugify
from macros.outputs.related import Relatedness
from macros.reading.glossary import Glossary
from macros.render.linker import tooltip
from macros.render.renderer import MAX_DEPTH, PAGE, REFUSED, Rendered, Renderer, Target, TooDeep, cut_words

__all__ = ["DESCRIPTION_LENGTH", "Site", "outline_anchor", "part_anchor", "section_anchor"]

DESCRIPTION_LENGTH = 155
"""Characters of a question page's meta description."""
TOO_DEEP = (
    f"this part nests lists, quotes or HTML elements more than {MAX_DEPTH} levels deep, which the site cannot "
    "show: flatten it"
)


def section_anchor(collection: Collection, section: Section) -> str:
    """The id of a section's heading on the home page."""
    return f"{collection.slug}-{section.slug}"


def outline_anchor(collection: Collection, heading: Heading) -> str:
    """The id of an outline heading (one that holds sections) on the home page."""
    return f"{collection.slug}-{slugify(heading.title_text) or 'part'}-{heading.line}"


def part_anchor(collection: Collection, part: Part) -> str:
    """The id of a kept part's heading on the home page."""
    return f"{collection.slug}-part-{collection.parts.index(part) + 1}"


@dataclass
class Site:
    """Everything the outputs are built from.

    Args:
        collections: the parsed source documents.
        glossary: the glossary, or None.
        renderer: the site's renderer (its glossary matcher and link resolver are set here).
        glossary_url: URL of the glossary page from the site root (None: no such page).
        docs_dir: the site's docs folder: files next to a document inside it are published
            by MkDocs already; files next to a document elsewhere are in :attr:`assets`.
    """

    collections: list[Collection]
    glossary: Glossary | None = None
    renderer: Renderer = field(default_factory=Renderer)
    glossary_url: str | None = None
    docs_dir: Path | None = None
    appears: dict[str, list[Question]] = field(default_factory=dict)  # term id -> questions using it
    relatedness: Relatedness | None = None
    assets: dict[str, Path] = field(default_factory=dict)  # URL from the site root -> file to publish there
    problems: list[Diagnostic] = field(default_factory=list)  # links that do not resolve, at their source line

    def __post_init__(self) -> None:
        self._targets: dict[tuple[str, str], Target] = {}
        self._by_slug = {c.slug: c for c in self.collections}
        self._reported: set[tuple[str, str]] = set()
        self._by_id: dict[str, Question] | None = None
        if self.glossary is not None:
            terms = self.glossary.terms
            self.renderer.find = self.glossary.matcher.find
            self.renderer.tooltips = lambda term_id: tooltip(terms[term_id].short)
        self.renderer.resolve = self.resolve
        self.renderer.bind(self._context())
        self.prepare()

    def _context(self) -> str:
        """What links in rendered content point at: the anchors, pages and files they resolve to."""
        digest = hashlib.sha1()
        for collection in self.collections:
            digest.update(f"{collection.slug}\n{collection.file}\n{self.glossary_url}\n".encode())
            for anchor, owner in collection.anchors.items():
                digest.update(f"{anchor}={self._owner_url(collection, owner)}\n".encode())
        digest.update(self.renderer.remote_images.encode())
        return digest.hexdigest()

    @property
    def questions(self) -> list[Question]:
        return [q for c in self.collections for q in c.questions]

    @property
    def studied(self) -> list[Question]:
        """The questions to study (the self-test's cards, the deck's notes): those with an answer."""
        return [q for q in self.questions if q.answered]

    # ---------------------------------------------------------------- targets

    def page_target(self, question: Question) -> Target:
        """How content is rendered on ``question``'s page: links relative to it."""
        return self.target_at(PAGE, question.url, question.collection)

    def target_at(self, target: Target, page_url: str, collection: Collection) -> Target:
        """``target`` for content of ``collection`` shown on the page at ``page_url``."""
        folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
        key = (target.name, folder, collection.slug)
        found = self._targets.get(key)
        if found is None:
            term_href = target.term_href
            if target.tooltips and self.glossary is not None and self.glossary_url is not None:
                term_href = relative_url(self.glossary_url, page_url) + "#{id}"
            base = relative_url("", page_url) if page_url else ""
            found = self._targets[key] = replace(
                target, term_href=term_href, base="" if base == "./" else base, doc=collection.slug
            )
        return found

    # ---------------------------------------------------------------- rendered once

    def heading(self, question: Question) -> Rendered:
        """The question as inline HTML (the page's h1, links, lists)."""
        return self.renderer.inline(question.text, PAGE)

    def body(self, question: Question, target: Target | None = None) -> Rendered | None:
        if not question.body:
            return None
        return self._render(question.body, target or self.page_target(question), question.collection, question.line)

    def answer(self, question: Question, target: Target | None = None) -> Rendered:
        target = target or self.page_target(question)
        return self._render(question.answer, target, question.collection, question.answer_line)

    def block(self, source: str, target: Target, collection: Collection, line: int) -> Rendered:
        """Other content of a collection (an introduction, a kept part) rendered for ``target``."""
        return self._render(source, target, collection, line)

    def _render(self, source: str, target: Target, collection: Collection, line: int) -> Rendered:
        try:
            rendered = self.renderer.markdown(source, target)
        except TooDeep:
            raise InputError([Diagnostic(collection.path, line, TOO_DEEP)]) from None
        for link, problem in rendered.problems:
            key = (collection.slug, link)
            if key not in self._reported:
                self._reported.add(key)
                where = _line_of(collection, link, line)
                self.problems.append(Diagnostic(collection.path, where, f"link '{link}' does not resolve: {problem}"))
        return rendered

    def description(self, question: Question) -> str:
        """A meta description: the answer's first words, cut at a word."""
        return cut_words(self.answer(question).text, DESCRIPTION_LENGTH)

    def prepare(self) -> None:
        """Render every question for its page once: titles, glossary terms, "Appears in", relatedness.

        A question uses a term when its body or answer mentions it in linkable text, or its
        heading does (headings are never linked, but the page's "Key terms" lists them).
        """
        appears: dict[str, list[Question]] = {t: [] for t in (self.glossary.terms if self.glossary else ())}
        errors: list[Diagnostic] = []

        def each(path: str, line: int, render, *args):  # one piece; a piece that cannot be rendered is reported
            try:
                return render(*args)
            except TooDeep:
                errors.append(Diagnostic(path, line, TOO_DEEP))
            except InputError as exc:
                errors.extend(exc.diagnostics)
            return None

        for collection in self.collections:
            path = collection.path
            title = each(path, 1, self.renderer.inline, collection.title, PAGE)
            collection.title_plain = title.text if title else ""
            home = self.target_at(PAGE, "", collection)
            if collection.intro:
                each(path, 1, self.block, collection.intro, home, collection, 1)
            for section in collection.sections:
                for parent in section.parents:
                    if not parent.title_plain:
                        title = each(path, parent.line, self.renderer.inline, parent.title, PAGE)
                        parent.title_plain = title.text if title else " ".join(parent.title.split())
                        if parent.intro:
                            each(path, parent.line, self.block, parent.intro, home, collection, parent.line)
                if section.title:
                    title = each(path, section.line, self.renderer.inline, section.title, PAGE)
                    section.title_plain = title.text if title else ""
                if section.intro:
                    each(path, section.line, self.block, section.intro, home, collection, section.line)
            for part in collection.parts:
                if part.body:
                    each(path, part.line, self.block, part.body, home, collection, part.line)
            for question in collection.questions:
                found = each(path, question.line, self._terms, question)
                question.terms = found or []
                for term_id in question.terms:
                    appears[term_id].append(question)
        if errors:
            raise InputError(sorted(set(errors), key=lambda d: (d.path, d.line)))
        self.appears = {term_id: qs for term_id, qs in appears.items() if qs}
        if self.glossary is not None:
            # What the site shows of its glossary: the terms its questions use, and no other;
            # none used, no glossary (no page, no quiz).
            self.glossary = self.glossary.restricted(self.appears)
            if not self.glossary.terms:
                self.glossary = self.glossary_url = None
        related = {term.id: term.related for term in self.glossary.terms.values()} if self.glossary else {}
        texts = [f"{q.title}\n{self.answer(q).text}" for q in self.questions]
        self.relatedness = Relatedness(self.questions, related, texts=texts)

    def _terms(self, question: Question) -> list[str]:
        """Render a question for its page; the glossary terms it uses, in order of first mention.

        Terms in its linkable text come first (they are linked); then those found only where
        nothing is linked (code, the answer's own headings, link text): ``Counter`` in a
        code block is a key term of the question too.
        """
        heading = self.heading(question)
        question.title = heading.text
        body = self.body(question)
        answer = self.answer(question)
        terms = [*(body.terms if body else ()), *answer.terms, *heading.terms]
        if self.glossary is not None:
            unlinked = self.glossary.matcher.find(f"{body.text if body else ''}\n{answer.text}")
            terms.extend(term_id for _, _, term_id in unlinked)
        return list(dict.fromkeys(terms))

    def related(self, question: Question) -> list[Question]:
        return self.relatedness.related(question) if self.relatedness is not None else []

    def question(self, question_id: str) -> Question | None:
        """The question of a given id (``readme/12``), or None."""
        if self._by_id is None:
            self._by_id = {q.id: q for q in self.questions}
        return self._by_id.get(question_id)

    def topics(self, question: Question, *, sections: bool = True) -> list[str]:
        """A question's topics, A–Z: the glossary topics of the terms it uses; for a glossary
        without topics (one derived from the document), the title of its section, where the
        document has two sections or more (not with ``sections=False``)."""
        glossary = self.glossary
        if glossary is not None and any(t.topic for t in glossary.terms.values()):
            terms = glossary.terms
            return sorted({terms[t].topic for t in question.terms if t in terms and terms[t].topic})
        titled = [s for s in question.collection.sections if s.title]
        if not sections:
            return []
        if len(titled) >= 2 and question.section.title:
            return [question.section.title_text]
        return []

    # ---------------------------------------------------------------- links

    def resolve(self, url: str, target: Target) -> tuple[str | None, str | None]:
        """Where a link of the content goes on this site (or in the book): (URL, None), or (None, why not).

        ``#anchor`` goes to the page of the question (or the home page's section or part) that
        holds that anchor in the document; a relative path goes to the file next to the
        document, published with the site.
        """
        collection = self._by_slug[target.doc]
        path, _, fragment = url.partition("#")
        if not path:
            return self._anchor(collection, fragment, target)
        if not collection.file:
            return None, "the document was not read from a file"
        folder = Path(collection.file).parent
        fence = self.fence(collection)
        wanted = unquote(path.split("?", 1)[0])
        # A path from the root ("/images/a.png") is read from the top of the fence, as GitHub
        # reads it from the top of the repository: never from the root of this machine.
        try:
            file = ((fence / wanted.lstrip("/")) if wanted.startswith("/") else (folder / wanted)).resolve()
            exists = file.is_file()
        except (OSError, ValueError):  # a name too long, or a NUL byte: no file of this system
            return None, f"there is no file '{path[:60]}' next to the document"
        if file == Path(collection.file).resolve():
            return self._anchor(collection, fragment, target) if fragment else (target.base or "./", None)
        if not file.is_relative_to(fence) or any(p.startswith(".") for p in file.relative_to(fence).parts):
            return REFUSED, (
                f"it leads outside the document's folder ({fence.name or fence}/) or to a hidden file, so it "
                "is shown as text and nothing is published: move the file next to the document"
            )
        if file.suffix.lower() in (".md", ".markdown"):
            other = next((c for c in self.collections if c.file and Path(c.file).resolve() == file), None)
            if other is None:
                return (
                    None,
                    "it is another Markdown document, which is not part of this site: link to its address instead",
                )
            return (target.base or "./"), None
        if not exists:
            return None, f"there is no file '{path}' next to the document"
        if target.book:
            return file.as_uri(), None
        published = self._publish(file, fence)
        return target.base + published + (f"#{fragment}" if fragment else ""), None

    def fence(self, collection: Collection) -> Path:
        """The folder whose files a document may link to and show, symlinks resolved: the docs
        folder for a document inside it, else the document's own folder. Nothing outside it is
        ever read or published, whatever the document's links say."""
        folder = Path(collection.file).resolve().parent
        if self.docs_dir is not None:
            docs = self.docs_dir.resolve()
            if folder.is_relative_to(docs):
                return docs
        return folder

    def _anchor(self, collection: Collection, fragment: str, target: Target) -> tuple[str | None, str | None]:
        if not fragment:
            return "#", None
        anchors = collection.anchors
        key = unquote(fragment)
        if key not in anchors:
            key = key.lower()
        if key not in anchors:
            return None, f"the document has no heading or anchor '#{fragment}'"
        owner = anchors[key]
        if target.book:
            if isinstance(owner, Question):
                return f"#{owner.book_id}", None
            if isinstance(owner, Section):
                return f"#s-{collection.slug}-{owner.slug}", None
            return "#contents", None
        return target.base + self._owner_url(collection, owner) or "./", None

    def _owner_url(self, collection: Collection, owner: object) -> str:
        if isinstance(owner, Question):
            return owner.url
        if isinstance(owner, Section):
            return f"#{section_anchor(collection, owner)}"
        if isinstance(owner, Part):
            return f"#{part_anchor(collection, owner)}"
        if isinstance(owner, Heading):
            return f"#{outline_anchor(collection, owner)}"
        return ""

    def _publish(self, file: Path, fence: Path) -> str:
        """The URL (from the site root) of a file inside a document's fence (see :meth:`fence`);
        files outside the docs folder are added to :attr:`assets` for the plugin to publish."""
        url = file.relative_to(fence).as_posix()
        if self.docs_dir is None or fence != self.docs_dir.resolve():
            self.assets[url] = file
        return url


def _line_of(collection: Collection, link: str, start: int) -> int:
    """The source line (1-based) where ``link`` is written, from ``start`` on."""
    lines = collection.lines
    for number in range(max(0, start - 1), len(lines)):
        if link in lines[number]:
            return number + 1
    return start
