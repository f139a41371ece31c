"""The self-test page and the Anki deck, built from the model (no MkDocs import).

The page has two layers:

* HTML that works with no script at all: every question with a collapsible answer
  and a checklist of its key points. Printed, it is a worksheet with ruled space
  under each question, followed by an answer key.
* The data for ``docs/javascripts/selftest.js`` (flashcards, key-point recall, term
  quiz) as JSON in a hidden element. The JSON holds no ``<``, ``>`` or ``&`` (they are
  written ``\\u003c`` ...), so no content can close the element or open a comment.
  It sits in a ``<div hidden>`` rather than a ``<script type="application/json">``:
  Material's instant navigation re-creates each ``<script>`` of the content without
  its attributes, which would run the JSON as JavaScript and lose its id.

Q&A content renders literally, as on the question pages: raw HTML, entities and
template syntax in a question or answer show as written. Our own markup around it
is built here, so the page is HTML we wrote plus Markdown rendered with no raw HTML.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from .glossary import Glossary, Term
from .model import Question, relative_url, slugify
from .render import DECK, STUDY, Target
from .sanitize import without_links
from .site import Site

__all__ = [
    "ANKI_PATH",
    "APKG_PATH",
    "anki_tsv",
    "deck_name",
    "json_for_html",
    "key_points",
    "names_itself",
    "note_back",
    "note_front",
    "note_guid",
    "note_tags",
    "only_a_list",
    "question_topics",
    "quiz_terms",
    "selftest_data",
    "selftest_markdown",
]

ANKI_PATH = "self-test/anki-deck.txt"
"""Where the Anki text import file is published, relative to the site root."""
APKG_PATH = "self-test/anki-deck.apkg"
"""Where the Anki package (:mod:`macros.anki`) is published: beside the text file."""

PLAIN = replace(STUDY, name="study-plain", question_level=3)
_DEEPER = re.compile(r"<(/?)h([1-5])(?=[\s>])")
"""A heading tag of the renderer's (cleaned, normalized) output; text never holds one (it is escaped)."""
SELF_TEST_URL = "self-test/"
"""Where the self-test page is (the deck's cards are its cards, rendered for it)."""
"""The plain self-test and its answer key: a question is an h3 under its section's h2."""


def json_for_html(data: object) -> str:
    """JSON that is safe as the text of any HTML element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def names_itself(term: Term, glossary: Glossary) -> bool:
    """Whether the term's short definition says the term's name or an alias ("LoRA: a fine-tuning
    method ..."), as a glossary mention or inside a longer name ("a variational autoencoder"
    names "autoencoder"): such a definition gives its term away in the quiz."""
    if any(term_id == term.id for _, _, term_id in glossary.matcher.find(term.short)):
        return True
    text = _words_of(term.short)
    return any(re.search(rf"(?<!\w){re.escape(_words_of(name))}(?:e?s)?(?!\w)", text) for name in term.names)


def _words_of(text: str) -> str:
    """Lower case, hyphens as spaces, spaces collapsed: "Auto-Encoder" and "auto encoder" alike."""
    return " ".join(re.split(r"[\s-]+", text.lower()))


def quiz_terms(glossary: Glossary | None) -> list[dict]:
    """One item per term with a definition, with its candidate distractors: ``related`` terms
    first, then ``topic`` (same topic); the script adds any others. ``own`` marks a definition
    that names its term: the quiz never shows it (either way round), and a glossary flashcard
    only asks for it from the term."""
    if glossary is None:
        return []
    terms = [t for t in glossary.terms.values() if t.short]
    usable = {t.id for t in terms}
    by_topic: dict[str, list[str]] = {}
    for term in terms:
        if term.topic:
            by_topic.setdefault(term.topic, []).append(term.id)
    items = []
    for term in terms:
        related = [r for r in term.related if r in usable]
        # A few same-topic candidates are enough for 3 distractors; listing all would make
        # the page data grow with terms squared.
        topic = [t for t in by_topic.get(term.topic, []) if t != term.id and t not in related][:8]
        item = {"id": term.id, "term": term.term, "def": term.short, "related": related, "topic": topic}
        if term.topic:
            item["t"] = term.topic
        if names_itself(term, glossary):
            item["own"] = 1
        items.append(item)
    return items


def question_topics(site: Site, question: Question) -> list[str]:
    """The glossary topics of the terms a question uses, A–Z (its tags on the site)."""
    glossary = site.glossary
    if glossary is None:
        return []
    return sorted({glossary.terms[t].topic for t in question.terms if t in glossary.terms and glossary.terms[t].topic})


def _inline(site: Site, source: str) -> str:
    return site.renderer.inline(source, STUDY).html


def _block(site: Site, question: Question, source: str, target: Target, here: str) -> str:
    """A question's body or answer for the self-test page (or the deck): links from that page.

    The deck's HTML is the self-test's with the links taken out: the same rendering, reused.
    """
    if target.links == "text":
        return without_links(_block(site, question, source, STUDY, here or SELF_TEST_URL))
    if target is PLAIN:  # the same rendering as the cards', its headings one level deeper
        return _DEEPER.sub(
            lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", _block(site, question, source, STUDY, here)
        )
    return site.block(
        source, site.target_at(target, here, question.collection), question.collection, question.line
    ).html


def selftest_data(site: Site, here: str) -> dict:
    """What the self-test script needs, as plain data (HTML fields are rendered content).

    Args:
        site: the site.
        here: the self-test page's URL from the site root (links are relative to it).
    """
    cards = []
    for question in site.questions:
        answer = _block(site, question, question.answer, STUDY, here)
        cards.append(
            {
                "id": question.id,
                "anchor": question.card_anchor,
                "n": question.number,
                "title": question.title,
                "q": _inline(site, question.text),
                # The script shows the question as an <h2>: answer headings start at <h3>.
                "body": _block(site, question, question.body, STUDY, here) if question.body else "",
                "a": answer,
                "points": key_points(answer),
                "href": relative_url(question.url, here),
                "topics": question_topics(site, question),
            }
        )
    glossary = site.glossary if site.glossary_url is not None else None
    return {
        "version": 1,
        "cards": cards,
        "terms": quiz_terms(glossary),
        "glossary": relative_url(site.glossary_url, here) if glossary is not None else "",
    }


# --------------------------------------------------------------------------- key points

_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
_BLOCK = frozenset(
    {"address", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4",
     "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
     "tr", "ul", "script", "style"}
)  # fmt: skip
_SKIP = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "script", "style", "summary", "figcaption"})
"""Blocks that hold no point: headings label what follows, code is not recalled as a sentence."""
_NO_BOUNDARY = re.compile(r"(?:\b(?:e\.g|i\.e|vs|cf|approx|Dr|Mr|Mrs|Ms|St|Fig|No|Jr|Sr|Inc|Ltd|al)|\b[A-Z])\.$")
"""What ends in a full stop but ends no sentence: an abbreviation, an initial."""
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(\s+)(?=[A-Za-z0-9\"'“‘(\[`-]|$)")
"""The end of a sentence: a full stop (or ! ? …) and a space before its next word, which may
start in lower case in technical text ("... processes. systemd starts ...")."""
_CLAUSES = (
    re.compile(r"([;:]\s+)"),
    re.compile(r"(,\s+(?=(?:[a-z]+ing|which|who|whose|where|while|whereas|but|or when|or if|so|thus|thereby|yet)\b))"),
)
"""Where one sentence is cut into its clauses, the separator dropped."""


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    kids: list[_Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(k if isinstance(k, str) else k.text for k in self.kids)

    def html(self) -> str:
        attrs = "".join(
            f' {k}="{html.escape(v or "", quote=True)}"' if v is not None else f" {k}" for k, v in self.attrs
        )
        if self.tag in _VOID:
            return f"<{self.tag}{attrs}>"
        return f"<{self.tag}{attrs}>{_html(self.kids)}</{self.tag}>"


def _html(nodes: Sequence[_Node | str]) -> str:
    return "".join(html.escape(n, quote=False) if isinstance(n, str) else n.html() for n in nodes)


class _TreeBuilder(HTMLParser):
    """The rendered answer as a tree (the renderer's HTML is well formed: it went through nh3)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, attrs)
        self.stack[-1].kids.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].kids.append(data)


def _tree(fragment: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return builder.root


def _is_block(node: _Node | str) -> bool:
    return isinstance(node, _Node) and node.tag in _BLOCK


def _words(nodes: Sequence[_Node | str]) -> int:
    return len(_html_text(nodes).split())


def _html_text(nodes: Sequence[_Node | str]) -> str:
    return "".join(n if isinstance(n, str) else n.text for n in nodes)


def _trim(nodes: list[_Node | str]) -> list[_Node | str]:
    """``nodes`` without the whitespace and line breaks at either end."""
    nodes = list(nodes)
    while nodes and ((isinstance(nodes[0], str) and not nodes[0].strip()) or _is_tag(nodes[0], "br")):
        nodes.pop(0)
    while nodes and ((isinstance(nodes[-1], str) and not nodes[-1].strip()) or _is_tag(nodes[-1], "br")):
        nodes.pop()
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip()
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip()
    return nodes


def _is_tag(node: _Node | str, tag: str) -> bool:
    return isinstance(node, _Node) and node.tag == tag


def _split(nodes: Sequence[_Node | str], boundary: re.Pattern) -> list[list[_Node | str]]:
    """Inline content cut where ``boundary`` matches in its own text (never inside an element) and
    at each line break. Each piece keeps its markup."""
    pieces: list[list[_Node | str]] = [[]]
    for node in nodes:
        if _is_tag(node, "br"):
            pieces.append([])
            continue
        if not isinstance(node, str):
            pieces[-1].append(node)
            continue
        start = 0
        for match in boundary.finditer(node):
            head = node[start : match.start(1)]
            before = _html_text(pieces[-1]) + head
            if boundary is _SENTENCE_END and _NO_BOUNDARY.search(before.rstrip("\"'”’)]")):
                continue
            pieces[-1].append(head)
            pieces.append([])
            start = match.end(1)
        pieces[-1].append(node[start:])
    return [p for p in (_trim(p) for p in pieces) if _html_text(p).strip()]


def _sentences(nodes: Sequence[_Node | str]) -> list[list[_Node | str]]:
    # A sentence that ends at an element ("... <b>done.</b> Next") ends there too: the text
    # after it starts with a space the boundary pattern sees as the end of a sentence.
    joined: list[_Node | str] = []
    for node in nodes:
        if (
            isinstance(node, str)
            and joined
            and isinstance(joined[-1], _Node)
            and re.search(r"[.!?…][\"'”’)\]]*$", joined[-1].text)
            and re.match(r"\s+[A-Z0-9\"'“‘(\[]", node)
        ):
            joined.append(_Node("br"))  # a boundary; _split drops it
            node = node.lstrip()
        joined.append(node)
    return _split(joined, _SENTENCE_END)


def _without_colon(nodes: list[_Node | str]) -> list[_Node | str]:
    """``nodes`` without the colon their text ends with (also inside markup: "<b>Example:</b>")."""
    if not nodes:
        return nodes
    last = nodes[-1]
    if isinstance(last, str):
        last = last.rstrip().removesuffix(":")
    else:
        last = _Node(last.tag, last.attrs, _without_colon(last.kids))
    return _trim([*nodes[:-1], last])


class _Points:
    """The key points of one rendered answer (see :func:`key_points`)."""

    def __init__(self) -> None:
        self.points: list[list[_Node | str]] = []
        self.sentences: list[tuple[int, list[_Node | str]]] = []  # (index in points, prose sentence)
        self.pictures: list[str] = []  # alt texts of the images

    def blocks(self, nodes: Sequence[_Node | str]) -> None:
        run: list[_Node | str] = []
        blocks = [n for n in nodes if _is_block(n)]
        for node in [*nodes, _Node("p")]:  # the sentinel flushes the last run of inline content
            if not _is_block(node):
                run.append(node)
                continue
            following = blocks[blocks.index(node) + 1] if node in blocks[:-1] else None
            if _html_text(run).strip():
                self.prose(run, node)
            run = []
            if node.tag == "p":
                self.prose(node.kids, following)
            elif node.tag in ("ul", "ol"):
                for item in node.kids:
                    if _is_tag(item, "li"):
                        self.item(item)
            elif node.tag == "table":
                self.table(node)
            elif node.tag not in _SKIP and "arithmatex" not in (dict(node.attrs).get("class") or ""):
                self.blocks(node.kids)

    def prose(self, nodes: Sequence[_Node | str], following: _Node | None) -> None:
        """A point per sentence. The last one, when it leads into a list ("It can be mitigated
        by:"), is none: the items are the points. Display maths ($$ … $$) is none."""
        self.pictures.extend(dict(n.attrs).get("alt") or "" for n in _descendants(nodes) if n.tag == "img")
        sentences = _sentences(nodes)
        for n, sentence in enumerate(sentences):
            text = _html_text(sentence).strip()
            if re.fullmatch(r"\$\$.*\$\$", text, re.DOTALL):
                continue
            if text.endswith(":"):
                if n == len(sentences) - 1 and following is not None and following.tag in ("ul", "ol"):
                    continue
                sentence = _without_colon(sentence)
            self.sentences.append((len(self.points), sentence))
            self.points.append(sentence)

    def item(self, li: _Node) -> None:
        """A list item is one point, its own text (its first paragraph): what its nested lists
        say is detail of it. An item that only leads into a nested list ("Pros:") is none:
        the nested items are the points."""
        own = [k for k in li.kids if not _is_block(k)]
        blocks = [k for k in li.kids if _is_block(k)]
        if not _html_text(own).strip() and blocks and blocks[0].tag == "p":
            own, blocks = blocks[0].kids, blocks[1:]
        own = _trim(own)
        self.pictures.extend(dict(n.attrs).get("alt") or "" for n in _descendants(own) if n.tag == "img")
        text = _html_text(own).strip()
        lists = [b for b in blocks if b.tag in ("ul", "ol")]
        if text and not (text.endswith(":") and lists):
            # "Use this query:" over a code block: the point is what it says, without the colon.
            self.points.append(_without_colon(own) if text.endswith(":") else own)
        elif lists:
            self.blocks(lists)

    def table(self, table: _Node) -> None:
        """One point per body row: its cells, joined by " – "."""
        rows = [r for part in table.kids if isinstance(part, _Node) for r in part.kids if _is_tag(r, "tr")]
        for row in rows:
            cells = [_trim(c.kids) for c in row.kids if _is_tag(c, "td")]
            cells = [c for c in cells if _html_text(c).strip()]
            if cells:
                joined: list[_Node | str] = []
                for cell in cells:
                    joined.extend([*((" – ",) if joined else ()), *cell])
                self.points.append(joined)


def _descendants(nodes: Sequence[_Node | str]) -> list[_Node]:
    found = []
    for node in nodes:
        if isinstance(node, _Node):
            found.append(node)
            found.extend(_descendants(node.kids))
    return found


def key_points(answer_html: str) -> list[str]:
    """The key points of a rendered answer, as inline HTML, in reading order (see :func:`_key_points`)."""
    return list(_key_points(answer_html))


@functools.lru_cache(maxsize=4096)  # the self-test page, its data and the Anki deck read each answer's points
def _key_points(answer_html: str) -> tuple[str, ...]:
    """The key points of a rendered answer, as inline HTML, in reading order.

    - A list item is a point: its own text, whatever its nested lists add; an item that
      leads into a nested list ("Pros:") is none, its nested items are.
    - Prose gives a point per sentence; a sentence that leads into a list ("It can be
      mitigated by:") is none. A table gives a point per row.
    - Headings, code and display maths give none.
    - An answer of one sentence is cut into its clauses (at "; " or ": ", else before
      ", which", ", improving" ...), so there is more to tick than the whole answer.
    - An answer with no text has the alt texts of its images as its points.
    """
    found = _Points()
    found.blocks(_tree(answer_html).kids)
    points = found.points
    if len(points) < 2 and found.sentences:
        index, sentence = found.sentences[0]
        for pattern in _CLAUSES:
            clauses = _split(sentence, pattern)
            if len(clauses) > 1 and all(_words(c) >= 3 for c in clauses):
                points = [*points[:index], *clauses, *points[index + 1 :]]
                break
    if not points:
        return tuple(html.escape(alt, quote=False) for alt in found.pictures if alt.strip())
    return tuple(_html(p) for p in points)


def only_a_list(answer_html: str) -> bool:
    """Whether the answer is one flat list whose items are one paragraph each: its points are its items."""
    if not re.match(r"\s*<[ou]l[\s>]", answer_html):
        return False  # it starts with something else: no need to read it
    top = [k for k in _tree(answer_html).kids if not (isinstance(k, str) and not k.strip())]
    if len(top) != 1 or not (_is_tag(top[0], "ul") or _is_tag(top[0], "ol")):
        return False
    for li in top[0].kids:
        blocks = [k for k in li.kids if _is_block(k)] if isinstance(li, _Node) else []
        if len(blocks) > 1 or (blocks and blocks[0].tag != "p"):
            return False
    return True


# --------------------------------------------------------------------------- page


def _lines(site: Site, question: Question) -> int:
    """How many ruled lines the printed worksheet leaves for an answer."""
    words = len(site.answer(question).text.split())
    return max(3, min(10, words // 10 + 1))


def _number(question: Question) -> str:
    return f"{question.numeral}. " if question.number is not None else ""


def _question_html(site: Site, question: Question, here: str) -> str:
    """One question of the plain self-test: heading, body, ruled lines (print), answer and checklist."""
    parts = [
        '<div class="qa-st-item">',
        f'<h3 id="{question.card_anchor}">{_number(question)}{_inline(site, question.text)}</h3>',
    ]
    if question.body:
        parts.append(_block(site, question, question.body, PLAIN, here))
    parts.append(f'<div class="qa-st-lines" aria-hidden="true">{"<i></i>" * _lines(site, question)}</div>')
    answer = _block(site, question, question.answer, PLAIN, here)
    points = key_points(answer)
    # An answer that is one flat list is shown once, as the checklist of its points.
    only_list = only_a_list(answer)
    parts.append('<details class="qa-answer"><summary>Answer</summary>')
    if not (points and only_list):
        parts.append(answer)
    if points:
        items = "\n".join(f'<li><label><input type="checkbox"> {p}</label></li>' for p in points)
        lead = "Tick the points you recalled:" if only_list else "Which points did you recall?"
        parts.append(f'<div class="qa-st-check"><p><strong>{lead}</strong></p>\n<ul>\n{items}\n</ul></div>')
    parts.append("</details>\n</div>")
    return "\n".join(parts)


def _groups(site: Site) -> list[tuple[str, list[Question]]]:
    """(heading HTML, questions) of each collection and titled section."""
    groups = []
    several = len(site.collections) > 1
    for collection in site.collections:
        for section in collection.sections:
            title = _inline(site, section.title) if section.title else ""
            if several:
                name = _inline(site, collection.title)
                title = f"{name} – {title}" if title else name
            groups.append((title or "Questions", section.questions))
    return groups


def selftest_markdown(
    site: Site,
    put: Callable[[str, Sequence[str]], str],
    *,
    here: str,
    anki_url: str | None,
) -> str:
    """The body of the self-test page.

    Args:
        site: the site.
        put: keeps finished HTML out of the Markdown (see :mod:`macros.blocks`).
        here: the self-test page's URL from the site root.
        anki_url: URL of the Anki file from the site root (None: no deck).
    """
    data = selftest_data(site, here)
    count = len(data["cards"])
    terms = len(data["terms"])
    modes = (
        "flashcards that come back on the days a spaced-repetition scheduler picks, recall of each answer's key points"
    )
    if terms:
        modes += f", and a quiz on the {terms} glossary terms"
    parts = [
        f"Find out what you really know about the {count} questions: {modes}. Your progress stays in this browser.",
        '<p class="qa-st-nojs"><em>JavaScript is off, so this is the plain self-test: answer each question in your '
        "head or on paper, then open its answer and tick the points you recalled.</em></p>",
    ]
    if anki_url:
        text = relative_url(anki_url, here)
        package = relative_url(posixpath.join(posixpath.dirname(anki_url), posixpath.basename(APKG_PATH)), here)
        parts.append(
            put(
                f'<p class="qa-st-anki"><strong>Anki:</strong> <a href="{package}" download>download the deck</a> '
                f'({count} notes), then open it with Anki, or use the <a href="{text}" download>text file</a> '
                "(<em>File › Import</em>, Anki 2.1.55 or later). Each note keeps its id, so importing a newer "
                "deck updates your cards.</p>",
                (),
            )
        )
    # The app's place is kept from the first paint (selftest.css, html.js), and nothing the
    # reader sees sits below it, so filling it in shifts no content (no layout shift).
    app = [
        '<div id="qa-selftest" class="qa-st"></div>',
        f'<div id="qa-selftest-data" hidden>{json_for_html(data)}</div>',
    ]
    parts.append(put("\n".join(app), ["qa-selftest", "qa-selftest-data"]))
    plain = ['<div class="qa-st-plain">']
    ids = []
    for title, questions in _groups(site):
        plain.append(f"<h2>{title}</h2>")
        plain.extend(_question_html(site, q, here) for q in questions)
        ids.extend(q.card_anchor for q in questions)
    plain.append("</div>")
    key = ['<div class="qa-st-key">', "<h2>Answer key</h2>"]
    for question in site.questions:
        anchor = f"key-{question.collection.slug}-{question.key}"
        ids.append(anchor)
        key.append(f'<h3 id="{anchor}">{_number(question)}{_inline(site, question.text)}</h3>')
        key.append(_block(site, question, question.answer, PLAIN, here))
    key.append("</div>")
    parts.append(put("\n".join(plain + key), ids))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- Anki


def _field(text: str) -> str:
    """HTML on one line: line breaks inside <pre> become <br>, others spaces; tabs become &#9;."""
    text = re.sub(r"<pre\b.*?</pre>", lambda m: m.group(0).replace("\n", "<br>"), text, flags=re.DOTALL)
    return text.replace("\t", "&#9;").replace("\r", "").replace("\n", " ").strip()


def _tag(text: str) -> str:
    return slugify(text, max_words=12, max_len=80) or "untitled"


def deck_name(name: str) -> str:
    """The Anki deck's name: the site's, on one line."""
    return " ".join(name.split()) or "Study questions"


def note_guid(question: Question) -> str:
    """The Anki note's GUID: the question's id, so a newer deck updates the note it made before."""
    return f"qa-study:{question.id}"


def note_tags(site: Site, question: Question) -> list[str]:
    """Tags of a question's note: the collection, ``<collection>::<section>`` for a titled
    section, and ``topic::<topic>`` for each glossary topic of the question."""
    collection, section = question.collection, question.section
    tags = [_tag(collection.slug)]
    if section.title:
        tags.append(f"{tags[0]}::{section.slug}")
    tags.extend(f"topic::{_tag(t)}" for t in question_topics(site, question))
    return tags


def note_front(site: Site, question: Question) -> str:
    """The question as a card shows it: its number, its text and its body (HTML, no links)."""
    front = f"<b>{_number(question).strip()}</b> {site.renderer.inline(question.text, DECK).html}".strip()
    if question.body:
        front += " " + _block(site, question, question.body, DECK, "")
    return front


def note_back(site: Site, question: Question) -> str:
    """The answer as a card shows it (HTML, no links)."""
    return _block(site, question, question.answer, DECK, "")


def anki_tsv(site: Site, *, deck: str) -> str:
    """An Anki text import file: one Basic note per question, fields as HTML.

    Columns: GUID (stable, so importing a newer file updates the notes), Front, Back,
    Tags (see :func:`note_tags`).
    """
    out = io.StringIO()
    out.write(
        "#separator:tab\n#html:true\n#notetype:Basic\n"
        f"#deck:{deck_name(deck)}\n#guid column:1\n#tags column:4\n#columns:GUID\tFront\tBack\tTags\n"
    )
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for question in site.questions:
        front, back = note_front(site, question), note_back(site, question)
        writer.writerow([note_guid(question), _field(front), _field(back), " ".join(note_tags(site, question))])
    return out.getvalue()
