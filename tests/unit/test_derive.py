"""A glossary derived from a document's own questions: terms, aliases, definitions, case, drops.

Each document of ``tests/derive/`` is paired with the glossary it must give
(``NAME.expected.yml``, in the glossary's own file format); the tests below say what
each pair shows, one concern at a time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import macros.reading.derive as derive
from macros.reading.derive import derive_glossary
from macros.reading.glossary import MAX_SHORT_WORDS, dump_glossary, parse_glossary
from macros.reading.parser import parse_file, parse_text
from macros.reading.prose import inline_text, sentences
from macros.reading.terms import acronym_of, candidates

FIXTURES = Path(__file__).resolve().parents[1] / "derive"
DOCUMENTS = sorted(FIXTURES.glob("*.md"))


def derived(name: str):
    return derive_glossary([parse_file(FIXTURES / f"{name}.md")])


def named(glossary) -> dict:
    return {t.term: t for t in glossary.terms.values()}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_document_gives_its_expected_glossary(document: Path):
    expected = document.with_suffix(".expected.yml").read_text(encoding="utf-8")
    assert dump_glossary(derive_glossary([parse_file(document)])) == expected


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_a_derived_glossary_is_a_valid_glossary_file(document: Path):
    glossary = derive_glossary([parse_file(document)])
    again = parse_glossary(dump_glossary(glossary), "again.yml")
    assert [(t.id, t.term, t.short, t.aliases, t.case_sensitive, t.defined_in) for t in again.terms.values()] == [
        (t.id, t.term, t.short, t.aliases, t.case_sensitive, t.defined_in) for t in glossary.terms.values()
    ]
    assert all(len(t.short.split()) <= MAX_SHORT_WORDS for t in glossary.terms.values())
    assert again.warnings == []


# --------------------------------------------------------------------------- question shapes


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What is a closure?", ["closure"]),
        ("What are generators?", ["generator"]),
        ("Explain hoisting.", ["hoisting"]),
        ("Define memoization", ["memoization"]),
        ("What do you mean by debouncing?", ["debouncing"]),
        ("Difference between a process and a thread", ["process", "thread"]),
        ("What is the difference between `let` and `const`?", ["let", "const"]),
        ("Promise vs callback", ["Promise", "callback"]),
        ("How is a list different from a tuple?", ["list", "tuple"]),
        ("What is _Docker_, and how is it different from _virtual machines_?", ["Docker"]),
        ("Can you explain what a _Docker namespace_ is and its benefits?", ["Docker namespace"]),
        ("Explain the differences between local and global namespaces.", ["local namespaces", "global namespaces"]),
        ("What is a closure in JavaScript?", ["closure"]),
        ("What is the purpose of a service worker?", ["service worker"]),
        ("Что такое декоратор?", ["декоратор"]),
        ("什么是以太网？", ["以太网"]),
        ("TCP 和 UDP 的区别是什么？", ["TCP", "UDP"]),
        ("How do you reverse a list?", []),
        ("What is the output of the following code?", []),
        ("What are the types of joins?", []),
        ("What are the advantages and disadvantages of hooks?", []),
        ("Why would you use a closure?", ["closure"]),
    ],
)
def test_definitional_questions_give_their_terms(question: str, names: list[str]):
    collection = parse_text(f"# T\n\n## 1. {question}\n\nAn answer.\n", "q.md")
    title, spans = inline_text(collection.questions[0].text)
    assert [c.name for c in candidates(title, spans, collection.questions[0])] == names


def test_every_shape_of_definitional_question_gives_an_entry_that_links_back():
    glossary = derived("shapes")
    assert {t.term: t.defined_in for t in glossary.terms.values()} == {
        "Closure": "shapes/1",
        "Generator": "shapes/2",
        "Hoisting": "shapes/3",
        "Memoization": "shapes/4",
        "Debouncing": "shapes/5",
        "Process": "shapes/6",
        "Thread": "shapes/6",
        "Promise": "shapes/7",
        "Callback": "shapes/7",
        "Service worker": "shapes/10",
    }


def test_a_definition_is_a_whole_sentence_that_starts_with_the_term():
    terms = named(derived("shapes"))
    assert terms["Thread"].short == "A thread is a path of execution inside a process that shares its memory."
    assert terms["Closure"].short.startswith("A closure is a function that keeps access")
    assert terms["Closure"].short.endswith("even after that scope has returned.")


# --------------------------------------------------------------------------- aliases and filler


def test_acronym_pairs_give_aliases():
    terms = named(derived("aliases-and-filler"))
    assert terms["Document Object Model"].aliases == ["DOM"]  # "What is the Document Object Model (DOM)?"
    assert terms["CORS"].aliases == ["Cross-Origin Resource Sharing"]  # "Cross-Origin Resource Sharing (CORS) is"
    assert terms["JSX"].aliases == ["JavaScript XML"]  # "JSX stands for JavaScript XML."


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("DOM", "Document Object Model", True),
        ("JSX", "JavaScript XML", True),
        ("VDOM", "Virtual DOM", True),
        ("CORS", "Cross-Origin Resource Sharing", True),
        ("SQL", "Structured Query Language", True),
        ("DOM", "Document Model", False),
        ("JS", "JavaScript", True),
        ("JS", "JSON", False),
        ("API", "a way to talk", False),
    ],
)
def test_acronyms(short: str, long: str, expected: bool):
    assert acronym_of(short, long) is expected


def test_filler_about_the_interview_or_the_question_is_never_a_definition():
    terms = named(derived("aliases-and-filler"))
    assert terms["Document Object Model"].short.startswith("The DOM is a tree of objects")  # not "Ans. This comes up"
    assert terms["CORS"].short.startswith("Cross-Origin Resource Sharing (CORS) is")  # not "Great question!"
    assert terms["Virtual environment"].short.startswith("A virtual environment is")  # "**Answer:**" dropped
    shorts = " ".join(t.short for t in terms.values()).lower()
    assert "interview" not in shorts
    assert "question" not in shorts
    assert "ans." not in shorts


def test_it_is_resolved_to_the_term():
    terms = named(derived("aliases-and-filler"))
    assert terms["Web worker"].short == (
        "A web worker is a script that runs in a background thread, so that long work does not block the page."
    )
    assert terms["JSX"].short.startswith("JSX lets you write markup")  # "It lets you ..." after "JSX stands for ..."


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Node.js is a runtime. It runs JavaScript.", ["Node.js is a runtime.", "It runs JavaScript."]),
        ("Use a set, e.g. for lookups. Then stop.", ["Use a set, e.g. for lookups.", "Then stop."]),
        ("J. Smith wrote it. Done.", ["J. Smith wrote it.", "Done."]),
        ("Pick a number k. Then split.", ["Pick a number k.", "Then split."]),
        ("以太网是一种网络。它很常见。", ["以太网是一种网络。", "它很常见。"]),
    ],
)
def test_sentences(paragraph: str, expected: list[str]):
    assert sentences(paragraph) == expected


# --------------------------------------------------------------------------- case


def test_capitalised_identifiers_match_only_as_written():
    glossary = derived("case")
    terms = named(glossary)
    assert terms["Counter"].case_sensitive
    assert terms["Flow"].case_sensitive

    def found(text: str) -> list[str]:
        return [text[a:b] for a, b, _ in glossary.matcher.find(text)]

    assert found("Keep a counter variable; a Counter counts them.") == ["Counter"]
    assert found("Data flows down. Type-check it with Flow.") == ["Flow"]
    assert found("Flow the text around the image.") == []  # a capital opening a sentence tells nothing


def test_title_case_says_nothing_and_inner_capitals_stay():
    glossary = derived("case")
    terms = named(glossary)
    assert not terms["Event bubbling"].case_sensitive  # "What Is Event Bubbling?": the answers say "event bubbling"
    assert terms["Virtual DOM"].case_sensitive  # "DOM" keeps its capitals; "virtual" matches in any case

    def found(text: str) -> list[str]:
        return [text[a:b] for a, b, _ in glossary.matcher.find(text)]

    assert found("How to stop event bubbling, and what the virtual DOM is.") == ["event bubbling", "virtual DOM"]
    assert found("a virtual dom") == []


# --------------------------------------------------------------------------- too common


def test_a_term_that_too_many_questions_use_is_dropped(monkeypatch: pytest.MonkeyPatch):
    assert "State" not in named(derived("common"))  # 8 of 12 questions use it
    assert set(named(derived("common"))) == {"Reducer", "Portal", "Fragment"}
    monkeypatch.setattr(derive, "COMMON_SHARE", 1.0)
    monkeypatch.setattr(derive, "COMMON_FLOOR", 100)
    assert "State" in named(derived("common"))  # the share alone takes it out


def test_names_that_are_everyday_verbs_make_no_entry():
    collection = parse_text(
        "# T\n\n## 1. What is pass in Python?\n\nPass is a statement that does nothing.\n\n"
        "## 2. What is a decorator?\n\nA decorator is a function that wraps another function.\n",
        "p.md",
    )
    assert [t.term for t in derive_glossary([collection]).terms.values()] == ["Decorator"]


def test_two_questions_about_the_same_thing_give_one_entry():
    collection = parse_text(
        "# T\n\n## 1. What is MRO (Method Resolution Order)?\n\nMRO is the order in which a class hierarchy is searched.\n\n"
        "## 2. What is Method Resolution Order?\n\nMethod Resolution Order is how Python finds a method in a hierarchy.\n",
        "m.md",
    )
    glossary = derive_glossary([collection])
    assert [(t.term, t.aliases, t.defined_in) for t in glossary.terms.values()] == [
        ("MRO", ["Method Resolution Order"], "m/1")
    ]
