"""A question as the self-test's cards and the deck show it: its number, and its content rendered for them."""

from __future__ import annotations

import re
from dataclasses import replace

from macros.model import Question
from macros.outputs.site import Site
from macros.render.renderer import STUDY, Target
from macros.render.sanitize import without_links

__all__ = ["PLAIN", "SELF_TEST_URL"]

PLAIN = replace(STUDY, name="study-plain", question_level=3)
_DEEPER = re.compile(r"<(/?)h([1-5])(?=[\s>])")
"""A heading tag of the renderer's (cleaned, normalized) output; text never holds one (it is escaped)."""
SELF_TEST_URL = "self-test/"
"""Where the self-test page is (the deck's cards are its cards, rendered for it)."""
"""(PLAIN) The plain self-test and its answer key: a question is an h3 under its section's h2."""


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
