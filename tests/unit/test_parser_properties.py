"""Property-based tests of the parser (hypothesis).

Well-formed documents built from random parts parse back to those parts; random
text never crashes the parser with anything but its own error type.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.model import QAFormatError
from macros.reading.parser import parse_text

from ..helpers import qa_documents

# Words without Markdown structure characters, so a generated line is never a heading,
# fence, list item or answer marker by accident.
word = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="'’,;"), min_size=1, max_size=12)
sentence = st.lists(word, min_size=1, max_size=12).map(" ".join)
paragraph = st.lists(sentence, min_size=1, max_size=3).map("\n".join)
bullets = st.lists(sentence, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items))
code = st.tuples(st.sampled_from(["python", "bash", ""]), st.lists(sentence, min_size=1, max_size=3)).map(
    lambda lc: f"```{lc[0]}\n" + "\n".join(lc[1]) + "\n## 99. not a question\n**Answer:** not a marker\n```"
)
answer = st.lists(st.one_of(paragraph, bullets, code), min_size=1, max_size=4).map("\n\n".join)
question = st.tuples(sentence, answer)


@st.composite
def document(draw):
    title = draw(sentence)
    sections = draw(st.lists(st.tuples(sentence, st.lists(question, min_size=1, max_size=4)), min_size=1, max_size=3))
    use_sections = draw(st.booleans())
    style = draw(st.sampled_from(["{n}. {q}", "Q{n}. {q}", "Q{n}: {q}", "Question {n}: {q}", "{n}. **{q}**"]))
    marker = draw(st.sampled_from(["**Answer:**", "**Answer**:", "**Answer:**  ", "- **Answer:**"]))
    separator = draw(st.sampled_from(["\n\n---\n\n", "\n\n"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    level = "###" if use_sections else "##"
    blocks, expected, n = [f"# {title}"], [], 0
    for section_title, questions in sections:
        if use_sections:
            blocks.append(f"## {section_title}")
        for text, body in questions:
            n += 1
            heading = style.format(n=n, q=text)
            blocks.append(f"{level} {heading}\n{marker}\n{body}{separator}")
            expected.append((n, text, body, section_title if use_sections else None))
    return newline.join("\n\n".join(blocks).split("\n")), title, expected


# Slow: 150 generated documents.
@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(document())
def test_generated_documents_parse_to_what_they_were_made_from(doc):
    text, title, expected = doc
    collection = parse_text(text, "generated.md")
    assert collection.title == title
    got = [(q.number, q.text, q.answer, q.section.title) for q in collection.questions]
    assert got == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                ["## 1. Q?", "### 2. R?", "**Answer:**", "```", "~~~", "# Title", "## Part", "---", "- **Answer**:"]
            ),
        ),
        max_size=30,
    ).map("\n".join)
)
def test_random_text_only_raises_the_parsers_own_error(text):
    try:
        collection = parse_text(text, "random.md")
    except QAFormatError as exc:
        diagnostics = exc.diagnostics
    else:
        diagnostics = []
        assert collection.questions
    assert all(str(d).startswith("random.md:") for d in diagnostics)


# --------------------------------------------------------------------------- the shapes of real documents

asking = sentence.map(lambda s: s + "?")


def _unnumbered_headings(draw, questions):
    level = draw(st.sampled_from(["##", "###", "####"]))
    prefix = draw(st.sampled_from(["", "Q. "]))
    return [f"{level} {prefix}{q}\n\n{a}" for q, a in questions]


def _details(draw, questions):
    wrap = draw(st.sampled_from([("", ""), ("<br><b>\n\n", "\n</b>"), ("<p>\n\n", "\n\n</p>")]))
    return [f"<details>\n<summary>{q}</summary>{wrap[0]}\n\n{a}\n{wrap[1]}</details>" for q, a in questions]


def _bold(draw, questions):
    return [f"**{q}**\n\n{a}" for q, a in questions]


def _pairs(draw, questions):
    marks = draw(st.sampled_from([("Q:", "A:"), ("**Q:**", "**A:**")]))
    return [f"{marks[0]} {q}\n\n{marks[1]} {a}" for q, a in questions]


def _list_items(draw, questions):
    return [
        f"{n}. ### {q}\n\n" + "\n".join(f"    {ln}" if ln else "" for ln in a.split("\n"))
        for n, (q, a) in enumerate(questions, start=1)
    ]


SHAPES = {"heading": _unnumbered_headings, "details": _details, "bold": _bold, "qa-pairs": _pairs, "list": _list_items}
# Answers for the shapes: paragraphs and lists (code in them would need the shape's own indentation rules).
plain_answer = st.lists(st.one_of(paragraph, bullets), min_size=1, max_size=3).map("\n\n".join)
one_paragraph = paragraph.map(lambda p: p.replace("\n", " "))


@st.composite
def shaped_document(draw):
    shape = draw(st.sampled_from(sorted(SHAPES)))
    answers = one_paragraph if shape == "qa-pairs" else plain_answer
    questions = draw(
        st.lists(st.tuples(asking, answers), min_size=2, max_size=6, unique_by=lambda qa: qa[0].casefold())
    )
    topic = draw(st.one_of(st.none(), sentence))
    blocks = [f"# {draw(sentence)}"] + ([f"## {topic}"] if topic and shape != "heading" else [])
    blocks += SHAPES[shape](draw, questions)
    return shape, "\n\n".join(blocks) + "\n", questions


def _words(text: str) -> list[str]:
    return [w.strip("*_-") for w in text.split() if w.strip("*_-")]


# Slow: 100 generated documents in every shape.
@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(shaped_document())
def test_every_shape_reads_back_its_questions_and_answers(doc):
    shape, text, questions = doc
    collection = parse_text(text, "generated.md")
    assert collection.shape.kind == shape
    assert [q.text for q in collection.questions] == [q for q, _ in questions]
    # The answer is the text written under the question, word for word (list markers aside).
    assert [_words(q.answer) for q in collection.questions] == [_words(a) for _, a in questions]


def test_a_final_rule_is_dropped_as_a_second_reading_drops_it(monkeypatch, tmp_path):
    """The answers that end in a rule lose it without a second reading (``without_final_rule``):
    every test document, and the benchmark's, parses to the same answers with that shortcut
    and without it."""
    import macros.reading.answers as answers_module

    shortcut = answers_module.without_final_rule
    taken = []

    def counted(answer):
        result = shortcut(answer)
        taken.append(result is not None)
        return result

    def answers(path):
        text = path.read_text(encoding="utf-8")
        return [(q.line, q.answer) for q in parse_text(text, path.name, unanswered="show").questions]

    monkeypatch.setattr(answers_module, "without_final_rule", counted)
    bench = tmp_path / "bench-style.md"  # the shape of the benchmark's generated book
    items = [
        f"### {n}. Why {n}?\n**Answer:**  \nBecause {n}.\n- **Point**: one.\n- Two.\n"
        + ("\n```python\nx = 1\n```\n" if n % 5 == 0 else "")
        for n in range(1, 41)
    ]
    bench.write_text("# Book\n\n## Part 1\n\n" + "\n---\n\n".join(items) + "\n---\n", encoding="utf-8")
    documents = [*qa_documents(), bench]
    with_shortcut = {path: answers(path) for path in documents}
    monkeypatch.setattr(answers_module, "without_final_rule", lambda answer: None)
    for path, found in with_shortcut.items():
        assert found == answers(path), path.name
    assert sum(taken) >= 10  # the documents have answers closed by a rule: the shortcut was taken
    assert not all(taken)  # and others it left to the second reading
