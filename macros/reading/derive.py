"""A glossary read out of a Q&A document itself, for a document that comes without one.

Interview documents define their own vocabulary: "What is a closure?", "Explain JSX",
"Difference between let and var". Each such question gives a term; its answer gives the
definition, a whole sentence of it (at most :data:`MAX_SHORT_WORDS` words), preferably
one that starts with the term ("A closure is ...", or "It is ..." with "It" resolved);
the entry links back to the question (``defined_in``). Acronym pairs give aliases
("Document Object Model (DOM)"). A name the document writes with capitals where a
lower-case word would mean something else (``Counter``, ``Flow``, ``React``) matches only
as written. A term that too many questions use is dropped (see :data:`COMMON_SHARE`).

Works on the parsed model (Collection → Section → Question), never on the parser's
internals; the text is read with :mod:`macros.reading.prose`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from macros.model import Collection, Question
from macros.reading.glossary import MAX_SHORT_WORDS, Glossary, Term, term_id_of
from macros.reading.matcher import _TOKEN_RE, Matcher, _normal
from macros.reading.prose import Prose, inline_text, read_prose, sentences, word_count
from macros.reading.terms import Candidate, acronym_of, candidates

__all__ = ["COMMON_FLOOR", "COMMON_SHARE", "derive_glossary", "used_by"]

COMMON_SHARE = 0.2
"""A derived term used by more than this share of the questions is dropped. On 15 public
interview documents the terms above a fifth were each document's subject (Docker, Python,
MongoDB, Redux, SQL, Kubernetes, Pod) and its everyday words (function, class, method,
process, node, store, action); below it came the terms that tell questions apart. A link
in every fifth answer tells a reader nothing new, and a term that many questions share
says nothing about which of them belong together (related questions)."""
COMMON_FLOOR = 5
"""A term used by this many questions or fewer is never dropped as too common (in a document
of 20 questions, 5 is a quarter)."""
SENTENCES_READ = 8
"""How far into an answer a definition is looked for: the first sentences say what a thing is."""
LOWER_SHARE = 1 / 3
"""A capitalised word whose lower-case spelling makes at least this share of its uses in the
document is an ordinary word, written with a capital in titles only ("Event Bubbling")."""

EVERYDAY = frozenset(
    """
    pass return break continue raise import export print delete set get let var const new this self super
    with try catch finally throw call apply bind map filter reduce find open close read write send push pop
    shift split match replace test type use run do make start stop kill join sort
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
"""Names that are keywords or functions of code and everyday English verbs as well ("What is
pass?", "Call, Apply and Bind"): linked in prose, they would mostly link the verb ("pass the
arguments"), so they make no entry."""

SUBJECT = "\x00"  # stands for the term's name in a definition until the name is settled

# What may stand between a term and its definition at the start of a sentence: an aside
# ("JSX (JavaScript XML) is"), a clause between commas, a word for its kind ("The bind()
# method creates").
_KIND = (
    r"(?:\s*\(\))?(?:\s*[(（][^)）]{1,80}[)）])?(?:\s+(?:method|function|module|class|object|hook|operator|command|keyword"
    r"|statement|property|attribute|tool|library|framework|pattern|data\s+type|type|api|protocol|principle))?"
)
_DEFINES = re.compile(
    _KIND + r"\s*(?:,[^,]{1,80},\s*)?"
    r"(?:(?:is|are|was|refers?\s+to|means?|stands?\s+for|represents?|denotes?|describes?|defines?"
    r"|[—–-]\s*это|это|является|представляет\s+собой)\b|是|指|就是|表示)",
    re.IGNORECASE,
)
_EXPANSION = re.compile(
    r"\s*(?:stands\s+for|is\s+short\s+for|is\s+an?\s+(?:abbreviation|acronym)\s+(?:of|for))\s", re.I
)
_COLON = re.compile(r"(?:\s*\([^)]{1,80}\))?\s*[:：]\s+")
# "Docker simplifies ...", "A namedtuple will let us ...": a description, not yet a definition.
_OTHER_VERB = re.compile(
    _KIND + r"(?:\s+[a-z]+ly)?\s+(?:(?![a-z]+(?:ous|ss|us|is|ics)\b)[a-z]+(?:s|ed)|can|will|may|must|should|help|let"
    r"|allow|provide|make)\b"
)
_GENERIC_NEXT = re.compile(_KIND.replace("(?:\\s+(?:method", "(?:\\s+(?P<kind>method", 1))
# "... is known as encapsulation.": the term closes the sentence that defines it.
_KNOWN_AS = re.compile(
    r"\s(?:is|are)\s+(?:also\s+)?(?:known\s+as|called|referred\s+to\s+as|termed)\s+(?:an?\s+|the\s+)?(?P<name>.+?)[.!]?$",
    re.IGNORECASE,
)
# "It is ...", "It lets you ...", "This is ...", "They are ...": the subject is the term.
_PRONOUN = re.compile(
    r"^(?:it(?P<is>['’]s)\b|it\s+(?P<verb>is|was|[a-z]+s)\b|this\s+(?P<this>is)\b|they\s+(?P<are>are|were)\b"
    r"|это\s+(?P<ru>—|-|–)?|它(?P<zh>是))",
    re.IGNORECASE,
)
# A first sentence without its subject: "Returns all rows ...", "Invokes the function ...".
# A first sentence without its subject: "Returns all rows ...", "Invokes the function ...". The
# word after the verb is an article or the like: "Scripts that Git runs" and "Hosts send
# packets" start with a noun.
_VERB_FIRST = re.compile(
    r"^((?![A-Z][a-z]+(?:ous|ss|us|is|ics)\b)[A-Z][a-z]{2,}(?:es|s))\s+(?:a|an|the|all|each|every|one|its|their|your"
    r"|you|us|it|them|whether|if|how|what|multiple|several|some|any|no|new)\b"
)
# "LSTMs are more expressive ...": a comparison, not a definition.
_COMPARES = re.compile(
    r"^\W*(?:is|are|was)\s+(?:\w+\s+)?(?:more|less|better|worse|faster|slower|simpler|easier|harder|larger|smaller"
    r"|cheaper|similar|different)\b",
    re.IGNORECASE,
)
# "X is a ...", "X is used to ...": what a thing is, better than what it is like ("X is easy to test").
_IS_A = re.compile(
    _KIND + r"\s*(?:,[^,]{1,80},\s*)?\s*(?:is|are|was|refers?\s+to|means|stands\s+for|represents|denotes)\s+"
    r"(?:\w+ly\s+)?(?:a|an|the|one|any|used|called|known|defined|what|how|when|where|that|—|-)\b",
    re.IGNORECASE,
)
_NOT_VERBS = frozenset(
    """
    this thus its yes perhaps unless always sometimes besides nevertheless regardless various previous
    numerous process class access success address analysis basis does goes famous obvious business less
    hence whereas sometimes afterwards towards
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_IN_CONTEXT = re.compile(r"^in\s+[^,]{1,30},\s+", re.IGNORECASE)  # "In React, a hook is ..."
_LEAD = re.compile(
    r"^(?:ans(?:wer)?\s*[.:\-–—)]|a\s*[:.)]|answer\b|definition\s*:|short\s+answer\s*:|in\s+short,|simply\s+put,"
    r"|basically,|in\s+simple\s+(?:terms|words),|well,|so,|ответ\s*[:.]|答[:：]"
    r"|[\w .-]{1,40}:\s*(?=[\"“]))\s*",  # a source before a quotation: 'Kubernetes.io: "A Pod is ..."'
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"\b(?:interview(?:er|ers|s)?|this question|the question|good question|great question|in this (?:article|post|"
    r"section|chapter)|let's|let us|we will|we'll|you will learn|as mentioned|mentioned above|see below|as follows|"
    r"for example|for instance|below is|here is|here's|refer to|check out|read more|click|собеседован\w*|面试)\b",
    re.IGNORECASE,
)


@dataclass
class _Entry:
    """A term found in a question, with the sentence of its answer that defines it."""

    candidate: Candidate
    short: str
    score: float
    aliases: list[str] = field(default_factory=list)
    name: str = ""
    case_sensitive: bool = False


def derive_glossary(collections: Iterable[Collection], path: str | None = None) -> Glossary:
    """The glossary of terms that a document's own questions define (see the module's doc).

    Args:
        collections: the parsed documents.
        path: how messages name the glossary (the first document's path by default).
    """
    collections = list(collections)
    questions = [q for c in collections for q in c.questions]
    texts: dict[int, str] = {}
    entries: dict[str, _Entry] = {}
    for question in questions:
        title, spans = inline_text(question.text)
        answer = read_prose(question.answer)
        body = read_prose(question.body) if question.body else Prose()
        texts[id(question)] = "\n".join([title, body.text, answer.text])
        for candidate in candidates(title, spans, question):
            if candidate.name.lower().rstrip("()") in EVERYDAY:
                continue
            entry = _define(candidate, answer)
            if entry is None:
                continue
            key = _key(candidate.name)  # the name it has now: the answer may use a shorter one
            everyday = candidate.name.lower().rstrip("()") in EVERYDAY
            if key and not everyday and (key not in entries or _better(entry, entries[key])):
                entries[key] = entry
    _names_and_case(list(entries.values()), [texts[id(q)] for q in questions])
    terms = _terms(entries.values())
    used = used_by(terms, [texts[id(q)] for q in questions])
    limit = max(COMMON_FLOOR, int(COMMON_SHARE * len(questions)))
    kept = {t.id: t for t in terms if 0 < used.get(t.id, 0) <= limit}
    where = path or (collections[0].path if collections else "<document>")
    return Glossary(where, dict(sorted(kept.items(), key=lambda kv: kv[1].term.casefold())), derived=True)


def _key(name: str) -> str:
    """A name as entries are told apart: case, hyphens and a plural ending do not count
    ("Service worker", "service workers")."""
    key = _normal(name)
    if key.endswith("ies"):
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss") and len(key) > 3:
        return key[:-1]
    return key


def used_by(terms: list[Term], texts: list[str]) -> Counter:
    """How many of ``texts`` mention each term (by id)."""
    matcher = Matcher(terms)
    count: Counter = Counter()
    for text in texts:
        count.update({term_id for _, _, term_id in matcher.find(text)})
    return count


def _better(new: _Entry, old: _Entry) -> bool:
    """Whether ``new`` defines a name better than ``old``: a "What is" question over a
    comparison, then the better sentence; ties keep the earlier question."""
    rank = {"define": 2, "about": 1, "difference": 0}
    return (rank[new.candidate.kind], new.score) > (rank[old.candidate.kind], old.score)


# --------------------------------------------------------------------------- definitions


def _define(candidate: Candidate, answer: Prose) -> _Entry | None:
    """The entry of a candidate term: the best defining sentence among the first of its answer."""
    for paragraph in answer.paragraphs[:2]:  # "Cross-Origin Resource Sharing (CORS) is ..." names CORS
        candidate.aliases.extend(a for a in _aliases_in(candidate.name, paragraph) if a not in candidate.aliases)
    best: tuple[float, str, str] | None = None
    index = 0
    it_follows = True  # "It" still means the term: first sentence, or right after one that names it
    for paragraph in answer.paragraphs:
        for sentence in sentences(paragraph):
            if index >= SENTENCES_READ:
                break
            scored = _score(candidate, sentence, index, it_follows=it_follows)
            if scored is not None and (best is None or scored[0] > best[0]):
                best = scored
            it_follows = scored is not None and index == 0 and not scored[1].startswith(SUBJECT)
            index += 1
    if best is None:
        return None
    score, short, name = best
    if name in candidate.shorter:  # the answer calls "BigInt data type" just "BigInt"
        candidate.name, candidate.shorter = name, []
    return _Entry(candidate, short, score, aliases=list(candidate.aliases))


def _score(
    candidate: Candidate, sentence: str, index: int, *, it_follows: bool = False
) -> tuple[float, str, str] | None:
    """(how well ``sentence`` defines the candidate, the definition made of it, the name it
    uses), or None. ``it_follows``: a sentence starting "It ..." speaks of the term."""
    text = _unquoted(_LEAD.sub("", sentence.strip()).strip())
    if word_count(text) > MAX_SHORT_WORDS:
        shorter = _shortened(text)
        if shorter is None:
            return None
        scored = _score(candidate, shorter, index, it_follows=it_follows)
        return (scored[0] - 0.3, *scored[1:]) if scored else None
    if not _reads_as_definition(text):
        return None
    if not _inner_capital_start(text):
        text = text[:1].upper() + text[1:]
    position = 0.05 * index
    found = _after_name(candidate, text)
    if found is not None:
        rest, name = found
        if _EXPANSION.match(rest) and word_count(text) <= 8:
            return 1.8 - position, text, name  # "JSX stands for JavaScript XML.": a name, not yet what it is
        if _DEFINES.match(rest):
            if _COMPARES.match(rest):
                return None
            return (3.0 if _IS_A.match(rest) else 2.4) - position, text, name
        colon = _COLON.match(rest)
        if colon and word_count(rest[colon.end() :]) >= 3:
            described = rest[colon.end() :]
            return 2.6 - position, described[:1].upper() + described[1:], name
        if candidate.kind != "difference" and index <= 1 and _OTHER_VERB.match(rest):
            return 2.0 - position, text, name  # a description is a definition only where the answer starts
        return None
    known = _KNOWN_AS.search(text)
    if known and _normal(known.group("name")) in {_normal(n) for n in _names(candidate)}:
        return 2.3 - position, text, candidate.name
    if candidate.kind != "define" or not it_follows:
        return None  # "It" in a comparison could be either term; further on, anything
    verb = _VERB_FIRST.match(text)
    if verb and verb.group(1).lower() not in _NOT_VERBS:  # "Returns all rows from the left table."
        return 2.2 - position, f"{SUBJECT} {text[:1].lower()}{text[1:]}", candidate.name
    pronoun = _PRONOUN.match(text)
    if pronoun is None or bool(pronoun.group("are")) != candidate.plural:
        return None  # "They are" speaks of a plural ("What are hooks?"), "It is" of one thing
    groups = pronoun.groupdict()
    if groups["is"]:
        verb = " is"
    elif groups["ru"] is not None or text[:3].lower() == "это":
        verb = " — это"
    elif groups["zh"]:
        verb = "是"
    else:
        verb = " " + (groups["verb"] or groups["this"] or groups["are"])
    # The term's name goes where the pronoun was, once the name is settled (see SUBJECT). After
    # a sentence that names the term, "It ..." says more about it, seldom what it is.
    rest = text[pronoun.end() :]
    says_what = (groups["is"] or verb.strip() in ("is", "are")) and re.match(r"\s+(?:a|an|the|one)\s", rest)
    score = 2.5 if index == 0 else 2.1 if says_what else 1.95
    return score - position, f"{SUBJECT}{verb}{rest}", candidate.name


def _unquoted(text: str) -> str:
    """A sentence without the quotation marks around it (a definition quoted from elsewhere)."""
    if text[:1] in '"“' and text.count('"') + text.count("“") + text.count("”") in (1, 2):
        return text.strip('"“”').strip()
    return text


def _inner_capital_start(text: str) -> bool:
    """Whether the sentence starts with an identifier such as ``startTransition`` (kept as written)."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return any(c.isupper() for c in first[1:]) and first[:1].islower()


def _names(candidate: Candidate) -> list[str]:
    return [candidate.name, *candidate.aliases, *candidate.shorter]


_TAIL = re.compile(
    r"(?:,\s+(?:including|such\s+as|e\.g\.|for\s+example|like|which|where|while|whereas|allowing|making|so\s+that"
    r"|because|as\s+well\s+as)\b|;\s|\s[—–]\s)",
    re.IGNORECASE,
)


def _shortened(text: str) -> str | None:
    """A long sentence without its asides and its trailing clause ("..., including the code,
    a runtime, libraries ..."), when what is left is a sentence of a tooltip's length."""
    text = re.sub(r"\s*\([^()]{1,120}\)", "", text)
    while word_count(text) > MAX_SHORT_WORDS:
        cuts = [m.start() for m in _TAIL.finditer(text)]
        if not cuts:
            return None
        text = text[: cuts[-1]].rstrip(" ,;") + "."
    return text if word_count(text) >= 6 else None


def _after_name(candidate: Candidate, text: str) -> tuple[str, str] | None:
    """(the rest of ``text`` after the candidate's name, the name), when the sentence starts
    with one of its names (after an article, or "In React, "), else None."""
    for stripped in (text, _IN_CONTEXT.sub("", text, count=1)):
        stripped = _ARTICLE.sub("", stripped, count=1)
        tokens = list(_TOKEN_RE.finditer(stripped))
        for name in _names(candidate):
            words = [w.lower() for w in _TOKEN_RE.findall(name)]
            if not words or len(tokens) < len(words) or tokens[0].start() != 0:
                continue
            said = [t.group().lower() for t in tokens[: len(words)]]
            if said[:-1] == words[:-1] and said[-1] in _forms(words[-1]):
                end = tokens[len(words) - 1].end()
                rest = stripped[end:]
                kind = _GENERIC_NEXT.match(rest)
                if name in candidate.shorter and kind and kind.group("kind"):
                    name = candidate.name  # "The conditional (ternary) operator is": its full name after all
                if "\n" not in stripped[:end]:
                    return rest, name
    return None


def _forms(word: str) -> set[str]:
    """The word, its plural, and its singular when it is a plural ("tables": "Table: ...")."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    return forms


def _reads_as_definition(text: str) -> bool:
    """A whole sentence of prose of a tooltip's length, not about the interview or the question."""
    words = word_count(text)
    if words < 4 or words > MAX_SHORT_WORDS:
        return False
    if text.endswith((":", "?", "？", "：", ",")) or "|" in text or _FILLER.search(text):
        return False
    if text.count("(") != text.count(")") or text.count("`") % 2 or text.count('"') % 2:
        return False
    return re.search(r"[.!。…]$", text) is not None or re.search(r"\w$", text) is not None


def _aliases_in(name: str, paragraph: str) -> list[str]:
    """Other names of ``name`` that the answer gives: "Document Object Model (DOM)",
    "DOM (Document Object Model)", "JSX stands for JavaScript XML"."""
    found = []
    key = _normal(name)
    for match in re.finditer(r"([\w][\w .+#/-]{1,60}?)\s*\(([^()]{2,60})\)", paragraph):
        before, inside = match.group(1).strip(), match.group(2).strip()
        for long, short in ((before, inside), (inside, before)):
            tail = _tail_matching(long, short)
            if tail is None:
                continue
            if _normal(short) == key and _normal(tail) != key:
                found.append(tail)
            elif _normal(tail) == key and _normal(short) != key:
                found.append(short)
    stands = re.search(rf"\b{re.escape(name)}\s+(?:stands\s+for|is\s+short\s+for)\s+([^.,;:()]{{3,60}})", paragraph)
    if stands and acronym_of(name, stands.group(1).strip()):
        found.append(stands.group(1).strip())
    return found


def _tail_matching(long: str, short: str) -> str | None:
    """The last words of ``long`` that ``short`` abbreviates ("the Document Object Model", "DOM"
    gives "Document Object Model"), or None."""
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]{1,9}", short) or sum(c.isupper() for c in short) < 2:
        return None
    words = long.split()
    for start in range(max(0, len(words) - 6), len(words)):
        tail = " ".join(words[start:])
        if acronym_of(short, tail):
            return tail
    return None


# --------------------------------------------------------------------------- names, case, terms


def _names_and_case(entries: list[_Entry], texts: list[str]) -> None:
    """Each entry's name as the document writes it, and whether it matches only as written.

    A question in sentence case that writes a word with a capital (``What is Flow?``) names
    something proper: a tool, a class, a product; "flow" in another answer is another
    word. A question in Title Case ("What Is Event Bubbling?") says nothing by its
    capitals: a word of one there takes the spelling the document mostly gives it, lower
    case when that makes a third of its uses or more. Words with a capital inside them
    ("DOM", "useState") keep it wherever they are, and a name written as code in its
    question keeps its spelling. A name with such capitals left is ``case_sensitive``
    (see :class:`~macros.reading.matcher.Matcher` for what that matches).
    """
    counted = [e for e in entries if _needs_the_document(e)]
    seen = _spellings(counted, texts)
    for entry in entries:
        candidate = entry.candidate
        name = candidate.name
        words = _TOKEN_RE.findall(name)
        if candidate.code:
            entry.name, entry.case_sensitive = name, _has_capital(name)
            continue
        if len(words) == 1 and not _inner(words[0]) and words[0][0].isupper():
            if _needs_the_document(entry):
                uses = seen.get(id(entry), Counter())
                total = sum(uses.values())
                lower = sum(n for w, n in uses.items() if w == w.lower())
                proper = total > 0 and lower < LOWER_SHARE * total
            else:
                proper = True
            entry.name = name if proper else name.lower()
        elif _title_case(candidate):
            entry.name = _rejoin(name, [w if _inner(w) else w.lower() for w in words])
        else:
            entry.name = name
        entry.case_sensitive = any(_inner(w) for w in words) or (len(words) == 1 and entry.name[:1].isupper())
        if not entry.case_sensitive or (len(words) > 1 and not _inner(words[0])):
            entry.name = entry.name[:1].upper() + entry.name[1:]


def _needs_the_document(entry: _Entry) -> bool:
    """Whether the capital of a one-word name says nothing by itself (Title Case, or the
    question's first word), so that the document's own spelling decides."""
    candidate = entry.candidate
    words = _TOKEN_RE.findall(candidate.name)
    if candidate.code or len(words) != 1 or _inner(words[0]) or not words[0][0].isupper():
        return False
    return _title_case(candidate) or candidate.title.startswith(candidate.name)


def _title_case(candidate: Candidate) -> bool:
    """Whether the question capitalises its small words ("What Is ...", "Difference Between ...")."""
    small = {"is", "are", "the", "of", "a", "an", "and", "or", "to", "in", "between", "do", "does", "you", "by"}
    words = _TOKEN_RE.findall(candidate.title)[1:]
    return any(w.lower() in small and w[0].isupper() for w in words)


def _spellings(entries: list[_Entry], texts: list[str]) -> dict[int, Counter]:
    """How the document spells each entry's name away from the start of a sentence."""
    if not entries:
        return {}
    probe = [Term(id=str(k), term=e.candidate.name, short="", line=0) for k, e in enumerate(entries)]
    matcher = Matcher(probe)
    seen: dict[int, Counter] = {id(e): Counter() for e in entries}
    for text in texts:
        for start, end, term_id in matcher.find(text):
            if not _starts_sentence(text, start):
                seen[id(entries[int(term_id)])][text[start:end]] += 1
    return seen


def _rejoin(name: str, words: list[str]) -> str:
    """``name`` with its words replaced by ``words``, its separators kept ("Top-k sampling")."""
    parts = []
    last = 0
    for match, word in zip(_TOKEN_RE.finditer(name), words, strict=False):
        parts.append(name[last : match.start()])
        parts.append(word)
        last = match.end()
    parts.append(name[last:])
    return "".join(parts)


def _inner(word: str) -> bool:
    """ "DOM", "JavaScript", "useState": a capital after the first letter."""
    return any(c.isupper() for c in word[1:])


def _subject(entry: _Entry) -> str:
    """The term as the subject of its definition, with the article its question gave it
    ("What is a web worker?": "A web worker is ...")."""
    name = entry.name
    article = entry.candidate.article
    if not article:
        return name
    if not entry.case_sensitive and not _inner(_TOKEN_RE.findall(name)[0]):
        name = name[:1].lower() + name[1:]
    return f"{article.capitalize()} {name}"


def _has_capital(name: str) -> bool:
    return any(c.isupper() for c in name)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t*_\"'“(")
    return not before or before[-1] in ".!?:\n。！？：-•"


def _terms(entries: Iterable[_Entry]) -> list[Term]:
    """Glossary entries, in the order of the questions: an entry whose name or alias another
    entry already has is the same thing ("What is MRO (Method Resolution Order)?" and "What is
    Method Resolution Order?"), and its names join the first one's as aliases."""
    terms: list[Term] = []
    ids: set[str] = set()
    ordered = sorted(entries, key=lambda e: (e.candidate.question.collection.path, e.candidate.question.line))
    owner: dict[str, _Entry] = {}  # a name -> the entry that has it
    kept: list[_Entry] = []
    names: dict[int, list[str]] = {}
    for entry in ordered:
        own = [entry.name, *entry.aliases]
        first = next((owner[_normal(n)] for n in own if _normal(n) in owner), None)
        if first is None:
            first = entry
            kept.append(entry)
            names[id(entry)] = []
        for name in own:
            owner.setdefault(_normal(name), first)
            names[id(first)].append(name)
    for entry in kept:
        key = _normal(entry.name)
        spellings: dict[str, str] = {}  # one spelling of each other name, the first one met
        for alias in names[id(entry)]:
            alias_key = _normal(alias)
            if alias_key and alias_key != key and owner.get(alias_key) is entry:
                spellings.setdefault(alias_key, alias.strip())
        aliases = list(spellings.values())
        base = term_id = term_id_of(entry.name)
        number = 2
        while term_id in ids:  # "C++" and "C#" both give "c"
            term_id, number = f"{base}-{number}", number + 1
        ids.add(term_id)
        question: Question = entry.candidate.question
        terms.append(
            Term(
                id=term_id,
                term=entry.name,
                short=entry.short.replace(SUBJECT, _subject(entry)),
                line=question.line,
                aliases=aliases,
                case_sensitive=entry.case_sensitive,
                defined_in=question.id,
            )
        )
    return terms
