"""The terms a question asks about: "What is X?", "Explain X", "Difference between X and Y".

Read from the question's plain text (:func:`macros.reading.prose.inline_text`), in
English, Russian and Chinese, the languages interview documents are most often
written in. A question that asks something else ("How do you ...?", "What is the output
of the following code?") gives no term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.model import Question

__all__ = ["Candidate", "acronym_of", "candidates"]

MAX_NAME_WORDS = 5


@dataclass
class Candidate:
    """A term a question asks about.

    ``kind``: ``define`` ("What is X?"), ``about`` ("What is the purpose of X?": the answer
    may define it) or ``difference`` (one of the things compared). ``code``: the question
    writes the name as code (```Counter```), so its spelling is exact.
    """

    name: str
    kind: str
    question: Question
    aliases: list[str] = field(default_factory=list)
    code: bool = False
    title: str = ""  # the question, as plain text without its marks
    article: str = ""  # "a", "an" or "the" before the name in the question
    plural: bool = False  # asked as "What are X?": "They are ..." may define it
    # Shorter names the answer may use instead: without a word that only says what kind of
    # thing it is ("BigInt data type"), or without the product it belongs to ("JavaScript
    # Event Loop").
    shorter: list[str] = field(default_factory=list)


_I = re.IGNORECASE
_DIFFERENCE = [
    re.compile(
        r"^(?:what(?:'s|\s+is|\s+are)\s+)?(?:the\s+)?(?:main\s+|key\s+)?differences?\s+between\s+(?P<list>.+)$", _I
    ),
    re.compile(
        r"^(?:explain|describe|list)\s+(?:the\s+)?(?:main\s+|key\s+)?differences?\s+between\s+(?P<list>.+)$", _I
    ),
    re.compile(r"^how\s+(?:is|are|does|do)\s+(?P<a>.+?)\s+differ(?:ent)?\s+(?:from|than)\s+(?P<b>.+)$", _I),
    re.compile(r"^how\s+(?:is|are)\s+(?P<a>.+?)\s+different\s+(?:from|than)\s+(?P<b>.+)$", _I),
    re.compile(r"^compare\s+(?P<list>.+)$", _I),
    re.compile(r"^(?:what\s+is\s+)?(?P<a>[^,]+?)\s+(?:vs\.?|versus)\s+(?P<b>.+)$", _I),
    re.compile(r"^(?:в\s+ч[её]м\s+)?(?:разница|отличие|различие|отличия)\s+между\s+(?P<list>.+)$", _I),
    re.compile(r"^чем\s+(?P<a>.+?)\s+отлича(?:ется|ются)\s+от\s+(?P<b>.+)$", _I),
    re.compile(r"^(?P<a>.+?)(?:和|与|跟)(?P<b>.+?)(?:之间)?的?(?:区别|不同|差异)"),
]
_DEFINE = [
    re.compile(r"^what\s+(?:is|are)\s+meant\s+by\s+(?P<x>.+)$", _I),
    re.compile(r"^what\s+do\s+you\s+(?:mean|understand)\s+by\s+(?P<x>.+)$", _I),
    re.compile(r"^what\s+does\s+(?P<x>.+?)\s+(?:mean|stand\s+for)$", _I),
    re.compile(
        r"^what\s+(?:is|are|was|were)\s+(?:the\s+)?(?:concept|idea|notion|meaning|definition)\s+of\s+(?P<x>.+)$", _I
    ),
    re.compile(
        r"^(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:briefly\s+)?(?:explain|describe)\s+what\s+(?P<x>.+?)\s+(?:is|are|means?)$",
        _I,
    ),
    re.compile(r"^(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:briefly\s+)?explain\s+how\s+(?P<x>.+?)\s+works?$", _I),
    re.compile(r"^(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:explain|describe)\s+what\s+(?:is|are)\s+(?P<x>.+)$", _I),
    re.compile(r"^what\s+do\s+you\s+know\s+about\s+(?P<x>.+)$", _I),
    re.compile(r"^tell\s+(?:me|us)\s+about\s+(?P<x>.+)$", _I),
    re.compile(
        r"^(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:briefly\s+)?(?:explain|define)\s+(?:the\s+)?(?:concept|idea|term|meaning)\s+(?:of\s+)?(?P<x>.+)$",
        _I,
    ),
    re.compile(r"^(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:briefly\s+)?(?:explain|define)\s+(?P<x>.+)$", _I),
    re.compile(r"^(?:what|who)\s+(?:is|are|was|were)\s+(?P<x>.+)$", _I),
    re.compile(r"^what[’']s\s+(?P<x>.+)$", _I),
    re.compile(r"^(?:что\s+такое|что\s+есть|кто\s+такие|кто\s+такой|что\s+значит|что\s+означает)\s+(?P<x>.+)$", _I),
    re.compile(r"^(?:объясните|объясни|опишите|расскажите\s+(?:о|об|про))\s+(?P<x>.+)$", _I),
    re.compile(r"^(?:什么是|何为|什么叫|解释一下|解释|说说)(?P<x>.+)$"),
    re.compile(r"^(?P<x>.+?)是什么(?:意思)?$"),
]
# Questions about a thing whose answer may well start by saying what it is.
_ABOUT = [
    re.compile(
        r"^what\s+(?:is|are)\s+(?:the\s+)?(?:purpose|use|usage|role|significance|importance)\s+of\s+(?P<x>.+)$", _I
    ),
    re.compile(r"^what\s+are\s+(?:the\s+)?(?:advantages|benefits|features)\s+of\s+(?:using\s+)?(?P<x>.+)$", _I),
    re.compile(r"^how\s+(?:does|do)\s+(?P<x>.+?)\s+work$", _I),
    re.compile(r"^why\s+(?:do\s+we\s+|would\s+you\s+|should\s+you\s+)?(?:use|need)\s+(?P<x>.+)$", _I),
    re.compile(r"^when\s+(?:should|would|do)\s+(?:you|we)\s+use\s+(?P<x>.+)$", _I),
]
# A second question or clause after the first: "..., and how ...", "... and its benefits", "? If so".
_CLAUSE = re.compile(
    r",?\s+(?:and|or)\s+(?:how|why|what|when|where|which|who|its|their|give|list|explain|describe|name|provide|"
    r"mention)\b|,\s+(?:and|or|but|how|what|why|when|where|which|if|so|its|e\.g\.|i\.e\.)\b|[?？]|;\s|\s[-–—]\s",
    _I,
)
# Where the name ends and the rest of the question starts.
_CUT = re.compile(
    r",\s|;|:\s|\s[-–—]\s|[?？。，；：]|\s+(?:and|or)\s+(?:how|why|what|when|where|which|who|its?|their|is|are|does|do|"
    r"can|should|give|list|explain|describe|name|provide|mention)\b|\s+(?:give|with|using|including)\s+(?:an?\s+|some\s+)?"
    r"examples?\b|\s+(?:и|или)\s+(?:как|зачем|почему|для\s+чего|что|когда|где)\b|[（(](?:with|e\.g)",
    _I,
)
_TRAILING = re.compile(
    r"\s+(?:used\s+for|used|for|in\s+detail|in\s+brief|briefly|exactly|actually|really|"
    r"in\s+(?:an?\s+|the\s+)?[\w.#+-]+(?:\s+[\w.#+-]+)?|with\s+(?:an?\s+)?examples?|и\s+зачем\s+(?:он|она|оно|они)\s+нужн\w*|"
    r"в\s+[\w.#+-]+(?:е|у|и)?|中)$",
    _I,
)
_ABOUT_LEAD = re.compile(
    r"^(?:the\s+)?(?:usage|use|uses|purpose|role|concept|importance|significance|working|meaning|idea|notion|"
    r"definition)\s+of\s+(?:the\s+|an?\s+)?",
    _I,
)
_GENERIC = re.compile(
    r"\s+(?:data\s+types?|methods?|functions?|modules?|keywords?|operators?|statements?|objects?|propert(?:y|ies)|"
    r"hooks?|commands?|librar(?:y|ies)|api|features?|concepts?|mechanisms?|techniques?)$",
    _I,
)
_NOT_ALONE = frozenset(
    """
    object function method module class type data value key file list set hook
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
_LEADING = re.compile(r"^(?:a|an|the|some|any|so[- ]called)\s+", _I)
_NOT_NAME_WORDS = frozenset(
    """
    you your we our i me my how why when where which if should would could can will do does did following
    below above output happens happen this these those that there here it they them example examples code
    snippet difference differences between result results mean means print prints printed return returns
    returned вы ты мы как почему когда где если этот эта эти это следующий код пример
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
_NOT_FIRST_WORDS = frozenset(
    """
    types kinds sorts ways steps advantages disadvantages benefits drawbacks pros cons features main key
    common different various most best new important basic major core primary some uses use purpose role
    reason reasons rules principles methods techniques options components characteristics properties
    limitations challenges problems issues best practices tips alternatives examples difference differences
    output value values result kind number size default maximum minimum first last next other same of
    possible recommendations recommended виды типы преимущества недостатки способы основные
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
# "X, Y and Z"; "TCP/IP", "async/await" and "CI/CD" are one name (no spaces around the slash).
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+|и\s+)?|\s+(?:and|or|и|или|&)\s+|\s+/\s+|\s*、\s*|和|与", _I)


def candidates(title: str, code_spans: list[str], question: Question) -> list[Candidate]:
    """The terms that a question (its plain text ``title``) asks about."""
    text = _clean_question(title)
    clause = _CLAUSE.search(text)
    if clause:  # "What is X, and how ...?", "Explain what X is and its benefits"
        text = text[: clause.start()]
    if not text:
        return []
    for pattern in _DIFFERENCE:
        match = pattern.match(text)
        if match is not None:
            parts = (
                _LIST_SPLIT.split(match.group("list")) if "list" in match.groupdict() else list(match.group("a", "b"))
            )
            return _several(parts, code_spans, question, text)
    plural = re.match(r"^(?:what|who)\s+(?:are|were)\s", text, _I) is not None
    about = next((m for m in (pattern.match(text) for pattern in _ABOUT) if m), None)
    if about:
        found = _candidate(about.group("x"), "about", code_spans, question, title=text)
        return [found] if found else []
    for pattern in _DEFINE:
        match = pattern.match(text)
        if match:
            parts = _LIST_SPLIT.split(match.group("x"))
            if len(parts) > 1:  # "Explain indexing and slicing", "What are exec() and eval()?"
                return _several(parts, code_spans, question, text)
            found = _candidate(match.group("x"), "define", code_spans, question, plural=plural, title=text)
            return [found] if found else []
    return []


def _several(parts: list[str], code_spans: list[str], question: Question, title: str) -> list[Candidate]:
    """The things a question compares or lists: each is a term when its answer has a sentence
    that starts with it. "local and global namespaces" compares two kinds of namespace."""
    parts = [p.strip() for p in parts if p.strip()]
    if not 2 <= len(parts) <= 4:
        return []
    last = parts[-1].split()
    if len(last) >= 2 and all(len(p.split()) == 1 and p.isalpha() for p in parts[:-1]):
        head = " ".join(last[1:])
        parts = [f"{p} {head}" for p in parts[:-1]] + [parts[-1]]
    found = [_candidate(part, "difference", code_spans, question, title=title) for part in parts]
    return [c for c in found if c is not None]


def _clean_question(title: str) -> str:
    """The question without its marks: numbers and prefixes the parser left, emoji, the final "?"."""
    text = " ".join(title.split())
    text = re.sub(r"^(?:q(?:uestion)?\s*\d*\s*[.:)]\s*|\d+\s*[.)]\s+)", "", text, flags=_I)
    text = re.sub(r"[^\w)\]`'\"”’]+$", "", text)  # "?", emoji, stars at the end
    return text.strip()


def _candidate(
    raw: str, kind: str, code_spans: list[str], question: Question, *, plural: bool = False, title: str = ""
) -> Candidate | None:
    """A clean name out of the words a pattern caught, or None when they name no term."""
    text = raw.strip()
    cut = _CUT.search(text)
    if cut:
        text = text[: cut.start()]
    aliases: list[str] = []
    paren = re.search(r"\s*[(（]([^()（）]{1,60})[)）]", text)
    if paren:
        inside = paren.group(1).strip()
        outside = (text[: paren.start()] + text[paren.end() :]).strip()
        if acronym_of(inside, _LEADING.sub("", outside)) or acronym_of(outside, inside):
            aliases.append(inside)
        text = outside
    article = ""
    for _ in range(2):
        text = _TRAILING.sub("", text).strip()
        leading = _LEADING.match(text)
        if leading:
            article = leading.group().strip().lower() if leading.group().strip().lower() in ("a", "an", "the") else ""
            text = text[leading.end() :].strip()
    text = _ABOUT_LEAD.sub("", text.strip(" \"'“”‘’`*_."))
    if text.count("(") > text.count(")"):  # "Nullish coalescing operator (??)" cut at its "?"
        text = text[: text.rindex("(")].strip()
    code = any(text == span.strip() for span in code_spans)
    if not _is_name(text, code):
        return None
    if plural and not code:
        text = _singular(text)
    shorter = [_GENERIC.sub("", text)]  # "BigInt data type", "fork() method": answers say "BigInt", "fork()"
    first, _, rest = text.partition(" ")
    if rest and first[:1].isupper() and not code:
        shorter.append(rest)
    return Candidate(
        text,
        kind,
        question,
        aliases=[a for a in aliases if _is_name(a, False)],
        code=code,
        title=title,
        article=article,
        plural=plural,
        shorter=[n for n in dict.fromkeys(shorter) if n != text and _is_name(n, code) and n.lower() not in _NOT_ALONE],
    )


def _is_name(text: str, code: bool) -> bool:
    """Whether some words read as the name of a thing (not a clause, not a list heading)."""
    if not text or len(text) > 60:
        return False
    if code:
        return len(text.split()) <= 3 and not re.search(r"[;{}=]", text)
    words = re.findall(r"[\w'’+#.-]+", text)
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    lower = [w.lower() for w in words]
    if lower[0] in _NOT_FIRST_WORDS or any(w in _NOT_NAME_WORDS for w in lower):
        return False
    if lower[-1] in ("of", "in", "on", "at", "to", "for", "by", "with", "and", "or", "a", "an", "the"):
        return False
    if re.search(r"[?!=<>{}\[\];]|\d+\s*[+*/-]\s*\d+", text):
        return False
    return not text.replace(".", "").isdigit() and re.search(r"[^\W\d_]", text) is not None


def _singular(name: str) -> str:
    """ "What are closures?" asks about a closure: the name of its entry is singular (the
    matcher finds the plural). Names that are not plural English stay as written."""
    if not name.isascii():
        return name
    head, _, last = name.rpartition(" ")
    if re.search(r"[A-Z]{2}", last) or len(last) <= 3:
        return name  # "APIs" is found from "API"; short words are no plurals to guess at
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is", "os")):
        last = last[:-1]
    return f"{head} {last}".strip()


def acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long``: its letters, in order, begin the words of
    ``long`` or are capitals inside them ("JSX", "JavaScript XML"; "DOM", "Document Object
    Model"; "VDOM", "Virtual DOM"), and every word but "of", "and", "the" gives one."""
    letters = re.sub(r"[^A-Za-z0-9]", "", short.removesuffix("s") if short.endswith("s") else short)
    words = [w for w in re.split(r"[\s-]+", long) if w]
    if not 2 <= len(letters) <= 10 or not 1 <= len(words) <= 8 or sum(c.isupper() for c in short) < 2:
        return False
    if len(words) == 1 and (sum(c.isupper() for c in words[0]) < 2 or words[0].isupper()):
        return False  # one word abbreviates by its inner capitals ("JavaScript"), never by its letters ("JSON")
    return _align(letters.upper(), words, 0, 0, True)


_SMALL = frozenset({"of", "and", "the", "for", "to", "in", "on", "a", "an", "&"})


def _align(letters: str, words: list[str], li: int, wi: int, fresh: bool) -> bool:
    """Letters ``li:`` against words ``wi:``; ``fresh``: word ``wi`` has given no letter yet."""
    if li == len(letters):
        return all(w.lower() in _SMALL for w in words[wi + (0 if fresh else 1) :])
    if wi == len(words):
        return False
    word = words[wi]
    if fresh:
        if word[0].upper() == letters[li] and _align(letters, words, li + 1, wi, False):
            return True
        return word.lower() in _SMALL and _align(letters, words, li, wi + 1, True)
    # inside a word: a capital (JavaScript's S) or a digit, or move on to the next word
    for k in range(1, len(word)):
        char = word[k]
        taken = (char.isupper() or char.isdigit()) and char == letters[li]
        if taken and _align(letters, [word[k:], *words[wi + 1 :]], li + 1, 0, False):
            return True
    return _align(letters, words, li, wi + 1, True)
