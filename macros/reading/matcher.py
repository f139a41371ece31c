"""The term matcher: mentions of glossary terms in plain text, in one pass whatever the number of terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macros.reading.glossary import Term

__all__ = ["Matcher"]

# --------------------------------------------------------------------------- matching

# Chinese and Japanese write no spaces between words: each of their characters is a token of
# its own, so that a name such as "以太网" is found inside a longer run of characters.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[^\W{_CJK}]+(?:[·'’][^\W{_CJK}]+)*|[{_CJK}]")
_CJK_RE = re.compile(f"[{_CJK}]")
_GAP_RE = re.compile(r"[ \t\n\u00a0\-‐‑]+")  # what may stand between the words of one name
_HYPHENS = "-‐‑"  # hyphen-minus, hyphen, non-breaking hyphen


def _normal(name: str) -> str:
    return " ".join(t.lower() for t in _TOKEN_RE.findall(name))


def _plural_forms(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    *head, last = words
    yield words
    if _is_cjk(last):  # no plural endings
        return
    yield (*head, last + "s")
    yield (*head, last + "es")
    if last.endswith("y") and len(last) > 2:
        yield (*head, last[:-1] + "ies")
    if last.endswith("x"):  # matrix -> matrices
        yield (*head, last[:-1] + "ces")


def _is_cjk(token: str) -> bool:
    return _CJK_RE.match(token) is not None


def _sentence_start(text: str, start: int) -> bool:
    """Whether a word at ``start`` opens a sentence, a list item or a table cell."""
    before = text[:start].rstrip(" \t\u00a0\"'“‘(*_")
    return not before or before[-1] in ".!?:;\n•-–—|" or before.endswith(("1.", "2.", "3."))


def _inner_capital(word: str) -> bool:
    """ "DOM", "JavaScript", "useState": a capital after the first letter."""
    return any(c.isupper() for c in word[1:])


class Matcher:
    """Finds mentions of glossary terms in text, longest first, in one pass.

    Names are found whatever their case, except those of a term marked ``case_sensitive``
    (identifiers and proper names such as ``Counter`` or ``Flow``, where "counter" and
    "flow" are other words). Of those, a name of one word matches only as written, plurals
    included ("Counters"); in a longer name, the words with a capital after their first
    letter do ("DOM" and "JavaScript" in "Virtual DOM", "JavaScript engine"), and the others
    match in any case ("the virtual DOM").
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.names: dict[tuple[str, ...], str] = {}
        # lower-cased name -> the spellings that match it, for names of case-sensitive terms
        self.cased: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        exact: set[tuple[str, ...]] = set()
        cased_names: list[tuple[tuple[str, ...], str]] = []
        for term in terms:
            for name in term.names:
                written = tuple(_TOKEN_RE.findall(name))
                words = tuple(t.lower() for t in written)
                if words:
                    self.names[words] = term.id
                    exact.add(words)
                    if getattr(term, "case_sensitive", False):
                        cased_names.append((written, term.id))
        for words, term_id in list(self.names.items()):
            for form in _plural_forms(words):
                if form not in exact:  # a written name always wins over a generated plural
                    self.names.setdefault(form, term_id)
        for written, term_id in cased_names:
            for form in _plural_forms(written):
                words = tuple(t.lower() for t in form)
                if self.names.get(words) == term_id:
                    self.cased.setdefault(words, set()).add(form)
        self.longest = max((len(w) for w in self.names), default=0)
        self.first_words = {words[0] for words in self.names}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, term_id)`` mentions, leftmost-longest.

        "LoRA (Low-Rank Adaptation)" is one mention: a parenthesis that repeats the
        same term joins the match before it. A modifier whose noun is written once for
        two ("top-k/top-p sampling", "a conditional and an unconditional model") is a
        mention of the name it makes with that noun (see :meth:`_elided_at`).
        """
        tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN_RE.finditer(text)]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tokens):
            hit = self._longest_at(text, tokens, i)
            if hit is None:
                elided = self._elided_at(text, tokens, i) if tokens[i][2] in self.first_words else None
                if elided is not None:
                    length, term_id = elided
                    found.append((tokens[i][0], tokens[i + length - 1][1], term_id))
                    i += length
                else:
                    i += 1
                continue
            length, term_id = hit
            start, end = tokens[i][0], tokens[i + length - 1][1]
            i += length
            # "LoRA (Low-Rank Adaptation)": the expansion in parentheses is the same mention.
            if i < len(tokens) and text[end : tokens[i][0]].strip() == "(":
                inner = self._longest_at(text, tokens, i)
                if inner and inner[1] == term_id:
                    close = tokens[i + inner[0] - 1][1]
                    if text[close : close + 1] == ")":
                        end, i = close + 1, i + inner[0]
            found.append((start, end, term_id))
        return found

    def _longest_at(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
        """The longest name starting at token ``i``: (number of tokens, term id).

        A name starts and ends only at a real word boundary: not inside a hyphenated
        word, so "GPT-4o", "GPT-3.5" and "Llama-2" hold no mention of "GPT" or "Llama",
        unless the longer name (such as "GPT-4o") is itself in the glossary.
        """
        if tokens[i][2] not in self.first_words:  # most words start no name: one set lookup
            return None
        if _joined_before(text, tokens[i][0]):
            return None
        limit = 1
        last = min(self.longest, len(tokens) - i)
        while limit < last:  # how far the gaps let one name run: spaces and hyphens only
            gap = text[tokens[i + limit - 1][1] : tokens[i + limit][0]]
            if gap != " " and not _GAP_RE.fullmatch(gap) and not (gap == "" and _CJK_RE.match(tokens[i + limit][2])):
                break
            limit += 1
        for length in range(limit, 0, -1):
            words = tuple(t[2] for t in tokens[i : i + length])
            term_id = self.names.get(words)
            if (
                term_id is not None
                and not _joined_after(text, tokens[i + length - 1][1])
                and self._as_written(text, tokens[i : i + length], words)
            ):
                return length, term_id
        return None

    def _as_written(self, text: str, tokens: list[tuple[int, int, str]], words: tuple[str, ...]) -> bool:
        """Whether these tokens spell the name as a case-sensitive term requires (any case otherwise)."""
        spellings = self.cased.get(words)
        if spellings is None:
            return True
        said = [text[a:b] for a, b, _ in tokens]
        if len(said) == 1:
            if said[0][:1].isupper() and not _inner_capital(said[0]) and _sentence_start(text, tokens[0][0]):
                return False  # "Flow" opening a sentence may be the word "flow": only a capital mid-sentence tells
            return said[0] in {spelling[0] for spelling in spellings}
        return any(
            all(got == want or not _inner_capital(want) for got, want in zip(said, spelling, strict=True))
            for spelling in spellings
        )

    def _elided_at(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
        """A modifier at token ``i`` that shares the noun of the phrase after "/", "and" or "or".

        In "top-k/top-p sampling" the noun "sampling" serves both "top-k" and "top-p":
        "top-k" is then a mention of "top-k sampling" (the modifier alone is linked). The
        same holds for "text-to-image/video generation" and "a conditional and an
        unconditional model". The shared noun is at most three words into the second
        phrase, and the modifier with that noun must be a name of the glossary, so a bare
        "top-k" or "conditional" elsewhere is never a mention.

        Returns:
            (number of tokens of the modifier, term id), or None.
        """
        if _joined_before(text, tokens[i][0]):
            return None
        end = i  # last token of the modifier
        while True:
            if end + 1 >= len(tokens) or end - i + 1 >= self.longest:
                return None
            second = self._second_conjunct(text, tokens, end)
            if second is not None:
                break
            if not _GAP_RE.fullmatch(text[tokens[end][1] : tokens[end + 1][0]]):
                return None
            end += 1
        modifier = tuple(t[2] for t in tokens[i : end + 1])
        for noun_start in range(second + 1, min(second + 4, len(tokens))):  # the second phrase's own modifier words
            if not _GAP_RE.fullmatch(text[tokens[noun_start - 1][1] : tokens[noun_start][0]]):
                return None
            noun_end = noun_start
            while True:
                words = modifier + tuple(t[2] for t in tokens[noun_start : noun_end + 1])
                term_id = self.names.get(words)
                if term_id is not None and not _joined_after(text, tokens[noun_end][1]) and words not in self.cased:
                    return end - i + 1, term_id
                if noun_end + 1 >= len(tokens) or len(modifier) + noun_end - noun_start + 1 >= self.longest:
                    break
                if not _GAP_RE.fullmatch(text[tokens[noun_end][1] : tokens[noun_end + 1][0]]):
                    break
                noun_end += 1
        return None

    @staticmethod
    def _second_conjunct(text: str, tokens: list[tuple[int, int, str]], end: int) -> int | None:
        """The first token of the phrase coordinated with the one ending at token ``end``, if any."""
        gap = text[tokens[end][1] : tokens[end + 1][0]]
        if gap.strip() == "/":
            return end + 1
        nxt = end + 1
        if gap.strip() not in ("", ",") or tokens[nxt][2] not in ("and", "or") or nxt + 1 >= len(tokens):
            return None
        if not text[tokens[nxt][1] : tokens[nxt + 1][0]].isspace():
            return None
        nxt += 1
        article = tokens[nxt][2] in ("a", "an", "the") and nxt + 1 < len(tokens)
        if article and text[tokens[nxt][1] : tokens[nxt + 1][0]].isspace():
            nxt += 1
        return nxt


def _joined_after(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` goes on through a hyphen ("GPT" in "GPT-4o")."""
    return end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalnum()


def _joined_before(text: str, start: int) -> bool:
    """Whether the word starting at ``start`` continues one before it ("autoregressive" in "non-autoregressive")."""
    return start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()
