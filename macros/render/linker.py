"""The glossary linker as a plain Python-Markdown extension, usable without the ``qa`` plugin.

The site's renderer links glossary terms itself (:mod:`macros.render.renderer`); this extension
gives any Python-Markdown user the same links, with the same matcher and the same rules
(first mention, never in code, headings or links), for example an engine that runs
Python-Markdown extensions but not MkDocs plugins::

    markdown_extensions:
      - macros.linker:
          glossary: docs/glossary.yml    # the glossary data
          url: /glossary/                # the page that shows it; entries are at #<id>
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from macros.reading.glossary import Glossary, load_glossary
from macros.render.markup import TERM
from macros.render.renderer import link_terms

__all__ = ["GlossaryLinks", "makeExtension", "tooltip"]


def tooltip(text: str) -> str:
    """A definition as the value of a link's ``title`` in a Python-Markdown tree.

    Material shows a title as HTML, and Python-Markdown's serializer keeps entities in
    attributes as they are: escaped twice, the definition shows as written.
    """
    return html.escape(html.escape(text, quote=False), quote=False)


@lru_cache(maxsize=8)
def _glossary(path: str, mtime: float) -> Glossary:
    return load_glossary(path)


class GlossaryLinks(Extension):
    """Links the first mention of each glossary term to its entry, with its definition as a tooltip."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "glossary": ["glossary.yml", "the glossary data file"],
            "url": ["/glossary/", "URL of the glossary page; an entry is at #<id>"],
            "tooltips": [True, "show the short definition on hover and focus (title attribute)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        path = Path(self.getConfig("glossary"))
        glossary = _glossary(str(path), path.stat().st_mtime)
        md.treeprocessors.register(_Links(md, glossary, self.getConfigs()), "qa-glossary-links", 1)


class _Links(Treeprocessor):
    def __init__(self, md: Markdown, glossary: Glossary, config: dict) -> None:
        super().__init__(md)
        self.glossary = glossary
        self.url = config["url"]
        self.tooltips = config["tooltips"]

    def run(self, root: etree.Element) -> None:
        terms = self.glossary.terms

        def make_link(term_id: str, text: str) -> etree.Element:
            link = etree.Element("a", {"href": f"{self.url}#{term_id}", "class": TERM})
            if self.tooltips:
                link.set("title", tooltip(terms[term_id].short))
            link.text = text
            return link

        link_terms(root, self.glossary.matcher.find, make_link)


def makeExtension(**kwargs) -> GlossaryLinks:
    return GlossaryLinks(**kwargs)
