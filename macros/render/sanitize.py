"""The content policy: HTML in Q&A documents is rendered as GitHub renders it, cleaned.

Every rendering of content (pages, self-test, Anki deck, PDF) ends with :func:`clean`,
nh3 (the Ammonia sanitizer) with an allow-list close to GitHub's: ``<details>``,
``<summary>``, ``<br>``, ``<img>``, ``<b>``, ``<kbd>``, tables, ``align`` ... No
script, ``style``, event handler, iframe, form or ``javascript:`` URL gets through.

Classes are kept only when the renderer's own extensions make them (highlighting,
footnotes, admonitions, task lists, maths, glossary and external links); a class that
the content writes is dropped, so content cannot dress itself up as the page's own
controls. Ids are kept (documents link to their own anchors), except those the site
uses itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import nh3

from macros.render import markup

__all__ = ["RESERVED_IDS", "Sanitizer", "clean", "without_links"]

TAGS = {
    # GitHub's allow-list (html-pipeline's sanitization filter) ...
    *[
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "b",
        "i",
        "strong",
        "em",
        "a",
        "pre",
        "code",
        "img",
        "tt",
        "div",
        "ins",
        "del",
        "sup",
        "sub",
        "p",
        "ol",
        "ul",
        "table",
        "thead",
        "tbody",
    ],
    *[
        "tfoot",
        "blockquote",
        "dl",
        "dt",
        "dd",
        "kbd",
        "q",
        "samp",
        "var",
        "hr",
        "ruby",
        "rt",
        "rp",
        "li",
        "tr",
        "td",
        "th",
        "s",
        "strike",
        "summary",
        "details",
        "caption",
    ],
    *[
        "figure",
        "figcaption",
        "abbr",
        "bdo",
        "cite",
        "dfn",
        "mark",
        "small",
        "span",
        "time",
        "wbr",
        "picture",
        "source",
        "u",
        "center",
    ],
    # ... and what the renderer's extensions write: task-list checkboxes, definition lists, labels.
    "input",
    "label",
    "col",
    "colgroup",
}
_EVERYWHERE = {
    *[
        "abbr",
        "align",
        "alt",
        "aria-describedby",
        "aria-hidden",
        "aria-label",
        "aria-labelledby",
        "axis",
        "border",
        "cellpadding",
    ],
    *[
        "cellspacing",
        "char",
        "charoff",
        "charset",
        "clear",
        "cols",
        "colspan",
        "color",
        "compact",
        "coords",
        "datetime",
        "dir",
        "headers",
        "height",
    ],
    *[
        "hreflang",
        "hspace",
        "lang",
        "name",
        "nowrap",
        "open",
        "rel",
        "role",
        "rows",
        "rowspan",
        "rules",
        "scope",
        "span",
        "start",
        "summary",
    ],
    *["title", "valign", "value", "vspace", "width", "id", "class"],
}
ATTRIBUTES = {
    "*": _EVERYWHERE,
    "a": {"href"},
    "img": {"src", "srcset", "loading"},
    "source": {"srcset", "media", "type"},
    "blockquote": {"cite"},
    "del": {"cite"},
    "ins": {"cite"},
    "q": {"cite"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},
    "ol": {"type", "reversed"},
    "li": {"value"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_OWN_CLASSES = {
    # Python-Markdown and pymdown-extensions
    "highlight", "highlighttable", "linenos", "linenodiv", "code", "filename", "hll",
    "footnote", "footnote-ref", "footnote-backref",
    "admonition", "admonition-title", "note", "abstract", "info", "tip", "success", "question", "warning",
    "failure", "danger", "bug", "example", "quote", "attention", "caution", "error", "hint", "important",
    "task-list-item", "task-list-control", "task-list-indicator", "task-list",
    "arithmatex", "critic", "headerlink", "toclink", "magiclink", "magiclink-repository",
    "magiclink-mention", "magiclink-commit", "emojione", "twemoji", "gemoji",
    # this project's
    markup.TERM, markup.EXTERNAL, markup.REMOTE_IMAGE,
}  # fmt: skip
_PYGMENTS = re.compile(r"^[a-z]{1,3}[0-9]?$")  # token classes: k, nf, s2, err ...
_LANGUAGE = re.compile(r"^language-[\w+#.-]+$")
RESERVED_IDS = markup.IDS
"""Ids the site's own page parts use: content may not take them."""


_REMOTE = re.compile(r"^https?://", re.IGNORECASE)
_NOT_A_CHECKBOX = re.compile(r'<input(?![^>]*\btype="checkbox")[^>]*>')


class Sanitizer:
    """The content policy with one link rewriter: one for each renderer's extension, made once.

    Args:
        rewrite: given (tag, URL) of every link and image that passes, returns the URL to use
            (or None to drop it): links to the document's own anchors and files go to the pages
            and files of the site, in Markdown and in raw HTML alike.
    """

    def __init__(self, rewrite: Callable[[str, str], str | None] | None = None) -> None:
        self.rewrite = rewrite
        self._cleaner = nh3.Cleaner(
            tags=TAGS,
            clean_content_tags={"script", "style", "textarea", "select", "iframe", "object", "embed", "noscript"}
            - TAGS,
            attributes=ATTRIBUTES,
            attribute_filter=self._attribute,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )

    def clean(self, html: str) -> str:
        """Rendered content with everything outside the allow-list removed."""
        return _NOT_A_CHECKBOX.sub("", self._cleaner.clean(html))

    def _attribute(self, tag: str, name: str, value: str) -> str | None:
        rewrite = self.rewrite
        if rewrite and ((tag == "a" and name == "href") or (tag in ("img", "source") and name == "src")):
            return rewrite(tag, value)
        if name == "srcset":
            return self._srcset(tag, value)
        if name == "rel":
            # rel="attachment" would have a PDF renderer embed the linked file in the book.
            kept = [r for r in value.split() if r.lower() != "attachment"]
            return " ".join(kept) or None
        if name == "class":
            kept = [c for c in value.split() if c in _OWN_CLASSES or _PYGMENTS.match(c) or _LANGUAGE.match(c)]
            return " ".join(kept) or None
        if name == "id" and (value in RESERVED_IDS or value.startswith(("__", "md-"))):
            return None
        if tag == "input" and name == "type" and value != "checkbox":
            return None
        return value

    def _srcset(self, tag: str, value: str) -> str | None:
        """Each candidate of a ``srcset`` as ``src`` would be: a file next to the document goes
        through the link rewriter (which may refuse it), another site's address stays, anything
        else is dropped."""
        kept = []
        for candidate in value.split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            if not url:
                continue
            if not _REMOTE.match(url):
                if not self.rewrite or ":" in url.split("/", 1)[0]:
                    continue
                url = self.rewrite(tag, url)
                if not url:
                    continue
            kept.append(f"{url} {descriptor.strip()}".strip())
        return ", ".join(kept) or None


@lru_cache(maxsize=1)
def _plain() -> Sanitizer:
    return Sanitizer()


def clean(html: str) -> str:
    """Rendered content with everything outside the allow-list removed (links left as they are)."""
    return _plain().clean(html)


@lru_cache(maxsize=1)
def _no_links() -> nh3.Cleaner:
    return nh3.Cleaner(tags=TAGS - {"a"}, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


def without_links(html: str) -> str:
    """Cleaned HTML with its links replaced by their text (a card in Anki links nowhere)."""
    return _no_links().clean(html)
