"""The site's navigation, from the model (no MkDocs import): MkDocs' ``nav`` as plain data."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from markupsafe import Markup

from macros.model import Collection
from macros.outputs.pages import title_markup

__all__ = ["NAV_SIBLINGS", "navigation", "topic_order"]

NAV_SIBLINGS = 25
"""At most this many entries side by side in the navigation (see :func:`_bounded`)."""


def navigation(collections: list[Collection], pages: Iterable[str], home: str | None = "index.md") -> list:
    """Home, then each collection grouped by section, then the other pages (``src_uri`` s).

    A site of one collection files its questions under "Questions": the document's title is
    the home page's heading already, and the header shows the site's name. Several
    collections are told apart by their titles.

    Titles are ``Markup``: the theme prints them unescaped in the navigation and escaped in
    the footer's labels, and both then read as written.
    """
    nav: list = []
    if home is not None:
        nav.append({"Home": home})
    generated = set()
    for collection in collections:
        children: list = []
        groups: dict[int, list] = {}  # an outline heading -> the entries under it
        for section in collection.sections:
            entries = []
            for q in section.questions:
                entries.append({title_markup(q.label): q.src_uri})
                generated.add(q.src_uri)
            place = children
            for parent in section.parents:  # "General Knowledge" > "Junior Sysadmin" > this section
                if id(parent) not in groups:
                    groups[id(parent)] = []
                    place.append({title_markup(parent.title_text): groups[id(parent)]})
                place = groups[id(parent)]
            if section.title:
                place.append({title_markup(section.title_text): _bounded(entries)})
            else:
                place.extend(entries)
        for grouped in groups.values():
            grouped[:] = _bounded(grouped)
        label = title_markup(collection.title_text) if len(collections) > 1 else Markup("Questions")
        nav.append({label: _bounded(children)})
    others = sorted(
        uri for uri in pages if uri not in generated and uri != home and posixpath.basename(uri) != "404.md"
    )
    nav.extend(others)
    return nav


def _bounded(entries: list[dict]) -> list[dict]:
    """Nav entries grouped so that no level has more than ``NAV_SIBLINGS`` of them.

    Every page carries its own branch of the navigation and all the siblings along it;
    with ``navigation.prune`` that is linear in the site's size only while the number of
    siblings is bounded. A long list becomes groups such as "Questions 26–50" or
    "Part 3 – Part 7".
    """
    if len(entries) <= NAV_SIBLINGS:
        return entries
    groups = []
    for start in range(0, len(entries), NAV_SIBLINGS):
        chunk = entries[start : start + NAV_SIBLINGS]
        first, last = next(iter(chunk[0])), next(iter(chunk[-1]))
        numbers = [title.split(".", 1)[0] for title in (first, last)]
        if all(n.isdigit() for n in numbers):
            label = f"Questions {numbers[0]}–{numbers[1]}"
        else:
            label = f"{first} – {last}" if first != last else first
        groups.append({Markup(label): chunk})  # made of escaped titles and numbers
    return _bounded(groups)


def topic_order(mapping) -> tuple:
    """Where a page goes under its topic on the Topics page: questions in the order of the
    site (1, 2, ..., 10, not "1", "10", "2"), then other pages by title.

    Material's tags plugin calls it with a mapping of a page to its tags
    (``listings_sort_by: !!python/name:macros.outputs.nav.topic_order`` in ``mkdocs.yml``); the
    plugin sets ``qa_order`` on every question page.
    """
    page = mapping.item
    order = (getattr(page, "meta", None) or {}).get("qa_order")
    if isinstance(order, int):
        return (0, order, "")
    return (1, 0, str(page.title).casefold())
