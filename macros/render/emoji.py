"""GitHub's emoji names for pymdownx.emoji, loaded once for the whole build.

pymdownx.emoji's own ``gemoji`` index deep-copies its table of 1,800 emoji for every
Python-Markdown instance, and MkDocs makes an instance per page: 60 ms a page, more than
rendering most pages. The emoji extension only reads the index, so one copy serves all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pymdownx import emoji

__all__ = ["gemoji"]


@lru_cache(maxsize=1)
def _index() -> dict[str, Any]:
    return emoji.gemoji({}, None)


def gemoji(options: dict, md: Any) -> dict[str, Any]:
    """The Gemoji index (GitHub's names: ``:star:``, ``:rocket:``), as ``emoji_index`` of pymdownx.emoji."""
    return _index()
