"""Key points of an answer: read from its rendered HTML (list items, sentences, table rows).

At most :data:`MOST` of them, the most useful first: a reader ticks what they recalled,
and a checklist of thirty lines is a second reading of the answer, not a recall.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["MOST", "key_points"]

MOST = 8
"""The most key points an answer gives."""

_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
_BLOCK = frozenset(
    {"address", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4",
     "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
     "tr", "ul", "script", "style"}
)  # fmt: skip
_SKIP = frozenset(
    {"details", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "script", "style", "summary", "figcaption"}
)
"""Blocks that hold no point: headings label what follows, code is not recalled as a sentence,
and what the answer folds away (a nested ``<details>``, "Deep dive") is beyond its key points."""
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

    def __init__(self, skip: frozenset[str] = _SKIP) -> None:
        self.skip = skip
        self.points: list[list[_Node | str]] = []
        self.ranks: list[int] = []  # per point: 0 an item, a row or a paragraph's first sentence, 1 a later sentence
        self.sentences: list[tuple[int, list[_Node | str]]] = []  # (index in points, prose sentence)
        self.pictures: list[str] = []  # alt texts of the images

    def add(self, point: list[_Node | str], rank: int = 0) -> None:
        self.points.append(point)
        self.ranks.append(rank)

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
            elif node.tag not in self.skip and "arithmatex" not in (dict(node.attrs).get("class") or ""):
                self.blocks(node.kids)

    def prose(self, nodes: Sequence[_Node | str], following: _Node | None) -> None:
        """A point per sentence. The last one, when it leads into a list ("It can be mitigated
        by:"), is none: the items are the points. Display maths ($$ … $$) is none."""
        self.pictures.extend(dict(n.attrs).get("alt") or "" for n in _descendants(nodes) if n.tag == "img")
        sentences = _sentences(nodes)
        first = True
        for n, sentence in enumerate(sentences):
            text = _html_text(sentence).strip()
            if re.fullmatch(r"\$\$.*\$\$", text, re.DOTALL):
                continue
            if text.endswith(":"):
                if n == len(sentences) - 1 and following is not None and following.tag in ("ul", "ol"):
                    continue
                sentence = _without_colon(sentence)
            self.sentences.append((len(self.points), sentence))
            self.add(sentence, 0 if first else 1)
            first = False

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
            self.add(_without_colon(own) if text.endswith(":") else own)
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
                self.add(joined)


def _descendants(nodes: Sequence[_Node | str]) -> list[_Node]:
    found = []
    for node in nodes:
        if isinstance(node, _Node):
            found.append(node)
            found.extend(_descendants(node.kids))
    return found


def key_points(answer_html: str) -> list[str]:
    """The key points of a rendered answer, as inline HTML, the most useful first (see :func:`_key_points`)."""
    return list(_key_points(answer_html))


@functools.lru_cache(maxsize=4096)  # the card data and the Anki deck read each answer's points
def _key_points(answer_html: str) -> tuple[str, ...]:
    """The key points of a rendered answer, as inline HTML: at most :data:`MOST`, the most useful first.

    - A list item is a point: its own text, whatever its nested lists add; an item that
      leads into a nested list ("Pros:") is none, its nested items are.
    - Prose gives a point per sentence; a sentence that leads into a list ("It can be
      mitigated by:") is none. A table gives a point per row.
    - Headings, code, display maths and what a nested ``<details>`` folds away give none
      (an answer that is nothing but such a fold has the points of what it holds).
    - An answer of one sentence is cut into its clauses (at "; " or ": ", else before
      ", which", ", improving" ...), so there is more to tick than the whole answer.
    - List items, table rows and the first sentence of each paragraph come first, in
      reading order; the later sentences of paragraphs after them.
    - An answer with no text has the alt texts of its images as its points.
    """
    tree = _tree(answer_html)
    found = _Points()
    found.blocks(tree.kids)
    if not found.points and not found.pictures:
        found = _Points(_SKIP - {"details"})
        found.blocks(tree.kids)
    points, ranks = found.points, found.ranks
    if len(points) < 2 and found.sentences:
        index, sentence = found.sentences[0]
        for pattern in _CLAUSES:
            clauses = _split(sentence, pattern)
            if len(clauses) > 1 and all(_words(c) >= 3 for c in clauses):
                points = [*points[:index], *clauses, *points[index + 1 :]]
                ranks = [*ranks[:index], *[ranks[index]] * len(clauses), *ranks[index + 1 :]]
                break
    if not points:
        return tuple(html.escape(alt, quote=False) for alt in found.pictures if alt.strip())[:MOST]
    order = sorted(range(len(points)), key=lambda k: (ranks[k], k))[:MOST]
    return tuple(_html(points[k]) for k in order)
