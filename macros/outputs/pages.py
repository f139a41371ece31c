"""The Markdown of the generated pages: question pages, the home page, the glossary page.

No MkDocs import. A page's Markdown is ours: headings (they belong in the table of
contents) and markers for finished HTML (``put``, see :mod:`macros.plugin.stash`), so no Q&A
content ever reaches Python-Markdown a second time, and nothing the content holds is read
as our own syntax.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

from macros.model import Question, relative_url
from macros.outputs.keys import hint_html
from macros.outputs.site import Site, outline_anchor, part_anchor, section_anchor
from macros.reading.glossary import Glossary, Term
from macros.render import markup as m
from macros.render.renderer import PAGE

__all__ = [
    "Put",
    "glossary_lead",
    "glossary_markdown",
    "home_markdown",
    "md_text",
    "question_page",
    "reference_html",
    "title_markup",
]

Put = Callable[[str, Sequence[str]], str]
"""Given finished HTML and the ids in it, returns the marker that stands for it in the Markdown."""


def title_markup(text: str) -> Markup:
    """A plain-text title as the theme needs it: Material prints ``page.title`` unescaped in
    most places and escapes it (``| e``) in others; ``Markup`` is escaped once, for both."""
    return Markup(html.escape(text))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&])")


def md_text(text: str) -> str:
    """Plain text made safe inside our own Markdown: nothing in it is taken for syntax or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _e(text: str) -> str:
    """Text as an attribute value."""
    return html.escape(text, quote=True)


def _t(text: str) -> str:
    """Text as element content."""
    return html.escape(text, quote=False)


# --------------------------------------------------------------------------- question pages


def question_page(
    site: Site,
    question: Question,
    put: Put,
    *,
    selftest_url: str | None = None,
    card_anchors: bool = True,
    topic_href: Callable[[str], str | None] | None = None,
) -> tuple[dict, str]:
    """The page of one question: its metadata, and its Markdown (title, place, optional body,
    collapsed answer with its key terms and topics, related questions), without front matter.

    Nothing outside the answer gives it away: the key terms (which the answer uses) and the
    topics (which come from those terms) are inside ``<details id="answer">``, and "Key terms"
    is no heading of the table of contents. Material's tag chips above the title are hidden.

    The plugin hands the metadata to MkDocs directly: no YAML is written for every page only
    to be parsed back.

    Args:
        site: the site.
        question: the question.
        put: keeps finished HTML out of the Markdown (see :data:`Put`).
        selftest_url: URL of the self-test page from the site root, if the site has one.
        card_anchors: whether that page has an element for each card (its list of questions):
            the link to the card names it as the fragment, else as ``?card=``.
        topic_href: a topic's link on the Topics page, from the site root (None: no link).
    """
    here = question.url
    meta: dict = {
        "title": title_markup(question.title),
        "description": title_markup(site.description(question)),
        "qa_number": question.number,
        "qa_question": True,
        "search": {"boost": 2},  # a question ranks above glossary entries that share its words
    }
    terms = [site.glossary.terms[t] for t in question.terms] if site.glossary else []
    tags = site.topics(question)
    if tags:
        meta["tags"] = tags
        meta["hide"] = ["tags"]  # shown inside the answer instead (they come from its terms)
    # A topic that is the question's section is in its eyebrow already ("... · Networking").
    tags = site.topics(question, sections=False)
    # Everything between the title and "Related questions" is one piece of finished HTML: the
    # page's Markdown is then three short blocks, and Python-Markdown's work on every page of
    # every build stays small.
    blocks = [f'<p class="{m.EYEBROW}" data-search-exclude>{_t(question.where)}</p>']
    ids: list[str] = []
    if selftest_url and question.answered:
        blocks.append(_selftest_line(question, relative_url(selftest_url, here), card_anchors))
    body = site.body(question)
    if body is not None:
        blocks.append(f'<div class="{m.BODY}">\n{body.html}\n</div>')
        ids.extend(body.ids)
    if question.answered:
        answer = site.answer(question)
        extra, extra_ids = _with_the_answer(site, question, terms, tags, topic_href)
        blocks.append(
            f'<details class="{m.ANSWER}" id="{m.ANSWER_ID}">\n<summary>Answer</summary>\n{answer.html}\n{extra}</details>'
        )
        ids.extend((m.ANSWER_ID, *answer.ids, *extra_ids))
    else:
        blocks.append(_unanswered(site, question))
    # The keys (docs/javascripts/keys.js): there from the first paint, so nothing moves when the
    # script arrives; left out without JavaScript (qa.css) and on paper.
    blocks.append(hint_html())
    parts = [f"# {put(site.heading(question).html, ())}", put("\n".join(blocks), ids)]
    related = site.related(question)
    if related:
        items = "\n".join(
            f'<li><a href="{_e(relative_url(q.url, here))}">{question_label_html(site, q)}</a></li>' for q in related
        )
        parts.append(f"## Related questions {{: #{m.RELATED_ID} data-search-exclude }}")
        parts.append(put(f"<ul data-search-exclude>\n{items}\n</ul>", ()))
    return meta, "\n\n".join(parts) + "\n"


def _selftest_line(question: Question, selftest: str, card_anchors: bool) -> str:
    """A real link without JavaScript; with progress stored, the self-test script rewrites the
    line in place ("Self-test: rated Good · due in 3 days")."""
    href = selftest + ("#" if card_anchors else "?card=") + question.card_anchor
    return (
        f'<p class="{m.SELFTEST_STATUS}" {m.DATA_CARD}="{_e(question.id)}" data-search-exclude>'
        f'Self-test: not studied yet · <a href="{_e(href)}">practise this card</a></p>'
    )


def _unanswered(site: Site, question: Question) -> str:
    """What a question's page says where the document has no answer for it."""
    questions = question.collection.questions
    if question.with_next and question.position < len(questions):
        following = questions[question.position]
        return (
            f'<p class="{m.UNANSWERED}">No answer of its own in the document: the next question, '
            f'<a href="{_e(relative_url(following.url, question.url))}">{question_label_html(site, following)}</a>, '
            "follows it directly, and its answer may be meant for both.</p>"
        )
    return f'<p class="{m.UNANSWERED}">No answer in the document.</p>'


def _with_the_answer(
    site: Site,
    question: Question,
    terms: list[Term],
    tags: list[str],
    topic_href: Callable[[str], str | None] | None,
) -> tuple[str, tuple[str, ...]]:
    """The key terms with their definitions, and the topics, as HTML that goes inside the answer.

    "Key terms" is a heading of HTML, not of Markdown: it stays out of the table of contents,
    where it would sit outside the answer. The definitions are left out of the search index
    (they would make every page match every term; the glossary page is indexed instead).

    The terms are a row of names, each opening its definition (a ``<details>`` of its own),
    so that eight definitions do not bury an answer of three lines; on paper every one
    prints open, as "Term: definition".
    """
    if not (terms and site.glossary_url is not None) and not tags:
        return "", ()
    here = question.url
    html = f'<div class="{m.KEY_TERMS}" data-search-exclude>\n'
    ids: tuple[str, ...] = ()
    if terms and site.glossary_url is not None:
        glossary = relative_url(site.glossary_url, here)
        items = "\n".join(
            f'<li><details class="{m.KEY_TERM}"><summary>{_t(t.term)}</summary>'
            f'<p><a href="{_e(glossary)}#{t.id}">{_t(t.term)}</a>: {_t(t.short)}</p></details></li>'
            for t in terms
        )
        html += f'<h2 id="{m.KEY_TERMS_ID}">Key terms</h2>\n<ul class="{m.KEY_TERMS_LIST}">\n{items}\n</ul>\n'
        ids = (m.KEY_TERMS_ID,)
    if tags:
        links = []
        for tag in tags:
            href = topic_href(tag) if topic_href else None
            links.append(f'<a href="{_e(relative_url(href, here))}">{_t(tag)}</a>' if href else _t(tag))
        label = "Topic" if len(tags) == 1 else "Topics"
        html += f'<p class="{m.TOPICS}"><strong>{label}:</strong> {", ".join(links)}</p>\n'
    return html + "</div>\n", ids


def question_label_html(site: Site, question: Question) -> str:
    """ "12. Why …?" as HTML: the number (when the document has them) and the rendered question."""
    heading = site.heading(question).html
    return f"{question.numeral}. {heading}" if question.number is not None else heading


# --------------------------------------------------------------------------- home


def _home_label(site: Site, question: Question) -> str:
    """A question on the home page: its number as written, apart (the list shows no other), then the question."""
    heading = site.heading(question).html
    if question.number is None:
        return heading
    return f'<span class="{m.NUMBER}">{_t(question.numeral)}.</span> {heading}'


FOLD_FROM = 100
"""A document of more questions than this shows each section's list folded on the home page."""


def _folded(questions: list[Question], listing: str) -> str:
    """A section's list inside a closed ``<details>``: a native control, so it opens without
    JavaScript, and the browser's find-in-page still reaches the questions inside."""
    count = len(questions)
    span = ""
    if questions[0].number is not None and questions[-1].number is not None and count > 1:
        span = f" ({_t(questions[0].numeral)}–{_t(questions[-1].numeral)})"
    label = f"{count} question{'s' if count != 1 else ''}{span}"
    return f'<details class="{m.SECTION}" data-search-exclude>\n<summary>{label}</summary>\n{listing}\n</details>'


def home_markdown(site: Site, put: Put, links: dict[str, str]) -> str:
    """The home page body: each collection's title, introduction and questions by section, then
    the parts of the document that hold no questions (About, Contributing, License ...).

    Args:
        site: the site.
        put: keeps finished HTML out of the Markdown.
        links: study pages that exist (label -> URL from the site root), shown as a bar.
    """
    render = site.renderer
    several = len(site.collections) > 1
    top, sub = ("##", "###") if several else ("#", "##")
    parts: list[str] = []

    def block(source: str, collection, line: int) -> str:
        rendered = site.block(source, site.target_at(PAGE, "", collection), collection, line)
        return put(f'<div class="{m.INTRO}">\n{rendered.html}\n</div>', rendered.ids)

    for collection in site.collections:
        title_class = f" {{: .{m.TITLE} }}" if not several else ""
        parts.append(f"{top} {put(render.inline(collection.title, PAGE).html, ())}{title_class}")
        if collection.intro:
            parts.append(block(collection.intro, collection, 1))
        count = len(collection.questions)
        parts.append(
            put(
                f'<p class="{m.LEAD}">{count} question{"s" if count != 1 else ""}. '
                "Open one to read it, then reveal the answer.</p>",
                (),
            )
        )
        shown: list = []  # the outline headings above the last section
        # A long list is a long page to lay out and to scroll past: each section of a big
        # document is folded under its heading (the headings stay, so the table of contents and
        # the section links still land). A small document's page stays as it always was.
        folded = count > FOLD_FROM and len(collection.sections) > 1
        for section in collection.sections:
            depth = len(top) + 1
            for k, parent in enumerate(section.parents):
                if k < len(shown) and shown[k] is parent:
                    continue
                title = put(render.inline(parent.title, PAGE).html, ())
                parts.append(f"{'#' * min(6, depth + k)} {title} {{: #{outline_anchor(collection, parent)} }}")
                if parent.intro:
                    parts.append(block(parent.intro, collection, parent.line))
            shown = section.parents
            sub = "#" * min(6, depth + len(section.parents))
            if section.title:
                title = put(render.inline(section.title, PAGE).html, ())
                parts.append(f"{sub} {title} {{: #{section_anchor(collection, section)} }}")
            if section.intro:
                parts.append(block(section.intro, collection, section.line))
            # The document's own numbers, no bullets beside them; each item names its card, so
            # that a reader's progress can show there. Out of the search index: each question
            # is found on its own page.
            items = "\n".join(
                f'<li {m.DATA_CARD}="{_e(q.id)}"><a href="{_e(q.url)}">{_home_label(site, q)}</a></li>'
                for q in section.questions
            )
            listing = f'<ol class="{m.QUESTIONS}" data-search-exclude>\n{items}\n</ol>'
            if folded and section.questions:
                listing = _folded(section.questions, listing)
            parts.append(put(listing, ()))
        sub = "#" * (len(top) + 1)
        for part in collection.parts:
            title = put(render.inline(part.title, PAGE).html, ())
            parts.append(f"{sub} {title} {{: #{part_anchor(collection, part)} }}")
            if part.body:
                parts.append(block(part.body, collection, part.line))
    if links:
        bar = " · ".join(f'<a href="{_e(url or "./")}">{_t(label)}</a>' for label, url in links.items())
        parts.append(put(f'<p class="{m.STUDY_LINKS}" data-search-exclude>{bar}</p>', ()))
    return "\n\n".join(parts)


# --------------------------------------------------------------------------- glossary


def _anchor(letter: str) -> str:
    return m.LETTER_PREFIX + (letter.lower() if letter.isalpha() else "other")


def reference_html(term: Term, *, paper: bool = False) -> str:
    """An entry's reference: author (year) *title* and its link, labelled "arXiv:…" (on paper,
    where a link cannot be followed, the address itself)."""
    author, year, title, label, url = term.citation()
    parts = [_t(author), f"({_t(year)})" if year else "", f"<em>{_t(title)}</em>"]
    if url:
        external = f' class="{m.EXTERNAL}"' if url.startswith(("http://", "https://")) and not paper else ""
        parts.append(f'<a{external} href="{_e(url)}">{_t(url if paper else label)}</a>')
    return " ".join(p for p in parts if p)


def _facts_html(site: Site, term: Term, here: str, unsearched: Callable[[str], None] | None = None) -> str:
    """An entry's aliases, related terms, reference and the questions that use it, as HTML.

    The related terms and the questions are left out of the search index: they repeat names
    and titles that are found on their own entries and pages. The questions are a list, one
    per line: their titles hold commas and end in "." or "?", which no separator reads well after.
    """
    glossary = site.glossary
    facts = []
    if term.aliases:
        facts.append(
            f'<span class="{m.ALSO}"><strong>Also:</strong> ' + ", ".join(_t(a) for a in term.aliases) + "</span>"
        )
    if term.related:
        links = (f'<a href="#{r}">{_t(glossary.terms[r].term)}</a>' for r in term.related)
        facts.append("<span data-search-exclude><strong>Related:</strong> " + ", ".join(links) + "</span>")
    if term.reference:
        facts.append("<strong>Reference:</strong> " + reference_html(term))
    defining = site.question(term.defined_in) if term.defined_in else None
    if defining is not None:
        href = relative_url(defining.url, here)
        facts.append(
            f'<span data-search-exclude><strong>Defined in:</strong> <a href="{_e(href)}">'
            f"{question_label_html(site, defining)}</a></span>"
        )
    html = ""
    if facts:
        html += "<p>" + "<br />\n".join(facts) + "</p>\n"
    uses = site.appears.get(term.id, [])
    if uses:
        items = "\n".join(
            f'<li><a href="{_e(relative_url(q.url, here))}">{question_label_html(site, q)}</a></li>' for q in uses
        )
        appears = f'<div class="{m.APPEARS}" data-search-exclude>\n<p><strong>Appears in:</strong></p>\n<ul>\n{items}\n</ul>\n</div>\n'
        if unsearched is not None:
            unsearched(appears)
        html += appears
    return f'<div class="{m.FACTS}">\n{html}</div>' if html else ""


def glossary_lead(glossary: Glossary) -> str:
    """Where the entries come from, and how many there are: the glossary page's first words."""
    count = len(glossary.terms)
    terms = f"{count} term{'s' if count != 1 else ''}"
    if glossary.derived:
        return f"Terms defined in this document's answers: {terms}, each from the question that defines it."
    return f"{terms} used in the questions."


def glossary_markdown(
    site: Site, glossary: Glossary, put: Put, here: str, unsearched: Callable[[str], None] | None = None
) -> str:
    """The glossary page body: an A-Z jump bar, then every entry with an anchor of its own.

    Each entry is a section of the search index (its heading, definition, aliases and
    reference); the letters and the jump bar are not. With JavaScript, a filter box above the
    bar narrows the list as one types (``docs/javascripts/glossary-filter.js``).

    Args:
        site: the site.
        glossary: its glossary.
        put: keeps finished HTML out of the Markdown.
        here: the glossary page's URL from the site root.
        unsearched: is handed the HTML of each entry's "Appears in" list, which the search
            index leaves out (most of the page in a big document): the plugin hands the
            search plugin the page without it (see ``QAPlugin._search_reads_less``).
    """
    by_letter: dict[str, list[Term]] = {}
    for term in glossary.terms.values():
        by_letter.setdefault(term.letter, []).append(term)
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + (["#"] if "#" in by_letter else [])
    bar = " ".join(
        f'<a href="#{_anchor(letter)}">{letter}</a>'
        if letter in by_letter
        else f'<span aria-hidden="true">{letter}</span>'
        for letter in letters
    )
    parts = [
        put(
            f'<p class="{m.GLOSSARY_LEAD}" data-search-exclude>{_t(glossary_lead(glossary))} '
            "Hover over, focus or tap a linked term on any question page to see its definition; every entry "
            "lists the questions that use it.</p>",
            (),
        ),
        # The filter box works with JavaScript (docs/javascripts/glossary-filter.js) and is hidden
        # without it (qa.css); it is in the page from the start, so nothing moves when the script arrives.
        put(
            f'<div class="{m.FILTER}" data-search-exclude><label for="{m.FILTER_ID}">Filter the terms</label>'
            f'<input type="search" id="{m.FILTER_ID}" autocomplete="off" spellcheck="false" '
            f'aria-describedby="{m.FILTER_COUNT_ID}" />'
            f'<p id="{m.FILTER_COUNT_ID}" class="{m.FILTER_COUNT}" role="status"></p></div>',
            (),
        ),
        put(f'<nav class="{m.AZ}" aria-label="Glossary letters" data-search-exclude>{bar}</nav>', ()),
    ]
    for letter in letters:
        if letter not in by_letter:
            continue
        parts.append(f"## {md_text(letter)} {{ #{_anchor(letter)} data-search-exclude }}")
        for term in by_letter[letter]:
            lines = [f"### {md_text(term.term)} {{ #{term.id} }}", "", md_text(term.short)]
            if term.long:
                long = site.renderer.inline(term.long, PAGE).html
                lines += ["", put(f"<p>{long}</p>", ())]
            facts = _facts_html(site, term, here, unsearched)
            if facts:
                lines += ["", put(facts, ())]
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


# --------------------------------------------------------------------------- export


def export_markdown(question: Question) -> str:
    """One question as a Markdown file of its own (``split_qa.py --out``): front matter, the
    question as the title, its body, and its answer under "Answer", headings moved below it."""
    import yaml

    from macros.render.github import for_python_markdown

    front = {
        "title": question.plain_title,
        "number": question.numeral or None,
        "source": f"{question.collection.path}:{question.line}",
    }
    parts = [
        f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)}---",
        f"# {question.text}",
    ]
    if question.body:
        parts.append(for_python_markdown(question.body, 1))
    parts += ["## Answer", for_python_markdown(question.answer, 2)]
    return "\n\n".join(parts) + "\n"
