"""GitHub's emoji names for pymdownx.emoji, loaded once for the whole build.

pymdownx.emoji's own ``gemoji`` index deep-copies its whole table of emoji for every
Python-Markdown instance, and MkDocs makes an instance per page: that costs more than
rendering most pages. The emoji extension only reads the index, so one copy serves all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pymdownx import emoji

__all__ = ["gemoji", "in_html"]


@lru_cache(maxsize=1)
def _index() -> dict[str, Any]:
    return emoji.gemoji({}, None)


def gemoji(options: dict, md: Any) -> dict[str, Any]:
    """The Gemoji index (GitHub's names: ``:star:``, ``:rocket:``), as ``emoji_index`` of pymdownx.emoji."""
    return _index()


_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_TEXT_PARTS = re.compile(r"(<[^>]*>)")


def _character(match: re.Match) -> str:
    index = _index()
    name = index["aliases"].get(match.group(0), match.group(0))
    found = index["emoji"].get(name)
    if found is None:
        return match.group(0)
    unicode = found.get("unicode_alt") or found["unicode"]
    return "".join(chr(int(code, 16)) for code in unicode.split("-"))


def in_html(html: str) -> str:
    """Raw HTML with its ``:shortcodes:`` (outside tags) as the characters, as GitHub shows them:
    Markdown's emoji extension never reads inside an HTML block."""
    if ":" not in html:
        return html
    parts = _TEXT_PARTS.split(html)
    inside_code = 0
    for k, part in enumerate(parts):
        if k % 2:
            tag = part.lower()
            if re.match(r"</?(?:code|pre)\b", tag):
                inside_code += -1 if tag.startswith("</") else 1
        elif not inside_code and ":" in part:
            parts[k] = _SHORTCODE.sub(_character, part)
    return "".join(parts)
