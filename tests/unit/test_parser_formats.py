"""The parser reads the seed and the common real-world variants of its format."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest

from macros.reading.parser import parse_file, parse_text

from ..conftest import SEED


def doc(text: str) -> str:
    return dedent(text).lstrip("\n")


def test_seed_has_ten_questions_with_their_heading_texts():
    collection = parse_file(SEED)
    assert collection.title == "Advanced Generative AI – 10 Toughest Questions and Answers"
    # Read the headings independently of the parser: "## N. text" lines of the seed.
    headings = re.findall(r"^## (\d+)\. (.+)$", SEED.read_text(encoding="utf-8"), re.MULTILINE)
    assert [(q.number, q.text) for q in collection.questions] == [(int(n), t) for n, t in headings]
    assert len(headings) == 10
    assert collection.warnings == []


def test_seed_answers_keep_every_word():
    collection = parse_file(SEED)
    source = SEED.read_text(encoding="utf-8")
    for question in collection.questions:
        assert question.answer in source
        assert "**Answer:**" not in question.answer
        assert not question.answer.rstrip().endswith("---")
    assert collection.questions[2].answer.splitlines()[0] == "- Lack of grounding in real-time or external knowledge  "


@pytest.mark.parametrize(
    "heading",
    [
        "## 1. What is X?",
        "## Q1. What is X?",
        "## Q1: What is X?",
        "## Question 1: What is X?",
        "## 1) What is X?",
        "### 1. What is X?",
        "### 1. **What is X?**",
        "## **1. What is X?**",
        "## **Q1:** What is X?",
    ],
)
def test_question_heading_variants(heading):
    collection = parse_text(f"# T\n\n{heading}\n**Answer:**\nBecause.\n")
    [question] = collection.questions
    assert (question.number, question.text, question.answer) == (1, "What is X?", "Because.")


def test_level_three_questions_under_level_two_sections():
    collection = parse_text(
        doc("""
        # Interview book
        Intro text.

        ## Networking
        ### 1. What is TCP?
        **Answer:** A transport protocol.

        ### 2. What is UDP?
        **Answer:** A datagram protocol.

        ## Storage
        Section intro.
        ### 3. What is RAID?
        **Answer:** Disk redundancy.
        """)
    )
    assert collection.title == "Interview book"
    assert collection.intro == "Intro text."
    assert [(s.title, [q.number for q in s.questions]) for s in collection.sections] == [
        ("Networking", [1, 2]),
        ("Storage", [3]),
    ]
    assert collection.sections[1].intro == "Section intro."


def test_level_one_sections_with_a_title():
    collection = parse_text(
        doc("""
        # Systems questions
        # I. Networking
        ## 1. What is TCP?
        **Answer:** A protocol.
        # II. Storage
        ## 2. What is RAID?
        **Answer:** Redundancy.
        """)
    )
    assert collection.title == "Systems questions"
    assert [s.title for s in collection.sections] == ["I. Networking", "II. Storage"]


def test_level_one_sections_without_a_title_use_the_file_name():
    collection = parse_text(
        doc("""
        # I. Networking
        ## 1. What is TCP?
        **Answer:** A protocol.
        # II. Storage
        ## 2. What is RAID?
        **Answer:** Redundancy.
        """),
        "docs/systems-interview.md",
    )
    assert collection.title == "Systems interview"
    assert [s.title for s in collection.sections] == ["I. Networking", "II. Storage"]


@pytest.mark.parametrize(
    "marker",
    [
        "**Answer:**",
        "**Answer:**  ",
        "**Answer**:",
        "**Answer** :",
        "- **Answer**:",
        "* **Answer:**",
        "__Answer:__",
        "**answer:**",
    ],
)
def test_answer_marker_variants(marker):
    collection = parse_text(f"## 1. Why?\n{marker}\nBecause of this.\n")
    assert collection.questions[0].answer == "Because of this."


def test_answer_on_the_marker_line_and_list_item_continuation():
    collection = parse_text(
        doc("""
        ## 1. Why?
        - **Answer**: First line.
          - a nested point
          - another
        """)
    )
    assert collection.questions[0].answer == "First line.\n- a nested point\n- another"


def test_question_body_between_heading_and_answer():
    collection = parse_text(
        doc("""
        ## 1. What does this print?
        **Question:** Consider:
        ```python
        print("{{ x }}")
        ```
        **Answer:**
        It prints `{{ x }}`.
        """)
    )
    question = collection.questions[0]
    assert question.body == 'Consider:\n```python\nprint("{{ x }}")\n```'
    assert question.answer == "It prints `{{ x }}`."


def test_rich_answers_keep_lists_tables_code_and_deeper_headings():
    answer = doc("""
        Intro paragraph.

        - point one
            - nested point
        - point two

        | a | b |
        |---|---|
        | 1 | 2 |

        ```bash
        echo "{{ name }} {% raw %} $(whoami)"
        <script>alert(1)</script>
        ## 99. not a question, inside a fence
        **Answer:** not a marker either
        ```

        ### A deeper heading
        More text.
        """).strip()
    collection = parse_text(f"# T\n## 1. Q?\n**Answer:**\n{answer}\n\n---\n\n## 2. R?\n**Answer:** r\n")
    assert collection.questions[0].answer == answer
    assert [q.number for q in collection.questions] == [1, 2]


def test_separators_optional_crlf_bom_and_non_ascii():
    text = "\ufeff# Título\r\n## 1. ¿Qué es?\r\n**Answer:**\r\nUna respuesta — ñ 漢字.\r\n## 2. Second?\r\n**Answer:** B\r\n"
    collection = parse_text(text)
    assert collection.title == "Título"
    assert [q.text for q in collection.questions] == ["¿Qué es?", "Second?"]
    assert collection.questions[0].answer == "Una respuesta — ñ 漢字."


def test_tilde_fences_and_longer_fences():
    collection = parse_text(
        doc("""
        ## 1. Q?
        **Answer:**
        ~~~~
        ```
        ## 2. still code
        ```
        ~~~~
        ## 2. R?
        **Answer:** r
        """)
    )
    assert [q.number for q in collection.questions] == [1, 2]
    assert "## 2. still code" in collection.questions[0].answer


def test_slugs_are_number_plus_words():
    collection = parse_file(SEED)
    assert collection.questions[8].slug == "9-explain-the-role-of-temperature-and-top-k"
    assert all(re.fullmatch(r"\d+-[a-z0-9-]+", q.slug) for q in collection.questions)
    assert len({q.slug for q in collection.questions}) == 10


def test_numbered_sections_above_numbered_questions():
    collection = parse_text(
        "# T\n## 1. Basics\n### 1. What?\n**Answer:** a\n### 2. Why?\n**Answer:** b\n## 2. More\n### 3. How?\n**Answer:** c\n"
    )
    assert [(s.title, [q.number for q in s.questions]) for s in collection.sections] == [
        ("1. Basics", [1, 2]),
        ("2. More", [3]),
    ]


def test_numbered_headings_inside_an_answer_stay_in_it():
    collection = parse_text(
        "## 1. Q?\n**Answer:**\nSteps:\n\n### 1. Step one\nx\n### 2. Step two\ny\n## 2. R?\n**Answer:** r\n"
    )
    assert [q.number for q in collection.questions] == [1, 2]
    assert "### 2. Step two" in collection.questions[0].answer


def test_bold_a_alone_is_not_an_answer_marker():
    collection = parse_text("## 1. Q?\n**A** and **B** are matrices.\n**Answer:** yes\n")
    assert collection.questions[0].body == "**A** and **B** are matrices."
    assert collection.questions[0].answer == "yes"
    assert parse_text("## 1. Q?\n**A:** short form\n").questions[0].answer == "short form"
