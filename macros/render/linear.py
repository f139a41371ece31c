"""Python-Markdown's link patterns in linear time.

Python-Markdown looks for the ``]`` that closes a link's text, and the ``)`` that closes
its address, by scanning forward from every ``[`` and every ``](``: on a run of brackets
that never close (``[[[[``, ``![![``, ``[^[^``, ``[a]([a](``) that is quadratic, and a
few kilobytes of them take minutes. Here the same answers come from tables made in one
pass over the text: the closing ``]`` of every ``[``, and where the address's brackets
could balance at all. The links found, and the HTML, are the same.
"""

from __future__ import annotations

import re
import types
from itertools import accumulate

from markdown import Markdown
from markdown.inlinepatterns import LinkInlineProcessor

__all__ = ["linear_links"]


class _Tables:
    """For one text: the closing ``]`` of each ``[``, and a suffix maximum of ``)`` minus ``(``."""

    def __init__(self, data: str) -> None:
        self.data = data
        closing: dict[int, int] = {}
        stack: list[int] = []
        for pos, c in enumerate(data):
            if c == "[":
                stack.append(pos)
            elif c == "]" and stack:
                closing[stack.pop()] = pos
        self.closing = closing
        # balance[k]: ")" minus "(" in data[:k]; best[k]: the largest balance[j] for j >= k.
        balance = [0, *accumulate(1 if c == ")" else -1 if c == "(" else 0 for c in data)]
        best = balance[:]
        for k in range(len(best) - 2, -1, -1):
            best[k] = max(best[k], best[k + 1])
        self.balance, self.best = balance, best
        quotes = [len(data)] * (len(data) + 1)
        for k in range(len(data) - 1, -1, -1):
            quotes[k] = k if data[k] in "'\"" else quotes[k + 1]
        self.next_quote = quotes


_last: list[_Tables] = []


def _tables(data: str) -> _Tables:
    if not _last or _last[0].data is not data:
        _last[:] = [_Tables(data)]
    return _last[0]


def _get_text(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """:meth:`LinkInlineProcessor.getText`, answered from the table of closing brackets."""
    if index < 1 or data[index - 1] != "[":
        return type(self).getText(self, data, index)
    end = _tables(data).closing.get(index - 1)
    if end is None:
        return data[index:], len(data), False
    return data[index:end], end + 1, True


def _get_link(self: LinkInlineProcessor, data: str, index: int):
    """:meth:`LinkInlineProcessor.getLink`, which fails at once where no ``)`` can close the address.

    Without a quote after it (a title changes how brackets count), an address starting at
    ``index`` closes only where ``)`` outnumber ``(`` by one: if they never do, the scan
    would reach the end of the text for nothing.
    """
    match = self.RE_LINK.match(data, pos=index)
    if match and not match.group(1):
        tables = _tables(data)
        start = match.end()
        if tables.next_quote[start] == len(data) and tables.best[start] < tables.balance[start] + 1:
            return "", None, index, False
    return type(self).getLink(self, data, index)


_FOOTNOTE = re.compile(r"\[\^([^\]\[]*)\]", re.DOTALL | re.UNICODE)
"""A footnote reference; its label holds no ``[`` (none can, in CommonMark), so a search never
reads past the next bracket."""


def linear_links(md: Markdown) -> None:
    """Give every link pattern of ``md`` (links, images, references, footnotes) the linear scans."""
    for processor in md.inlinePatterns:
        if isinstance(processor, LinkInlineProcessor):
            processor.getText = types.MethodType(_get_text, processor)
            processor.getLink = types.MethodType(_get_link, processor)
    if "footnote" in md.inlinePatterns:
        md.inlinePatterns["footnote"].compiled_re = _FOOTNOTE
