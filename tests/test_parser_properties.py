"""Property-based tests of the parser (hypothesis).

Well-formed documents built from random parts parse back to those parts; random
text never crashes the parser with anything but its own error type.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.model import QAFormatError
from macros.parser import parse_text

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
