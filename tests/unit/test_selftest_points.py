"""Key points: what the reader ticks after recalling an answer, read from the rendered answer.

Pairs of Markdown (rendered by the site's own renderer, as the build does) and the points
a reader should get; then every question of the seed and of the import fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from macros.outputs.selftest.keypoints import MOST, key_points
from macros.reading.parser import parse_file, parse_text
from macros.render.renderer import STUDY

from ..conftest import SEED
from ..helpers import ROOT, site_of

CORPUS = ROOT / "tests" / "import"
DOCUMENTS = [SEED, *sorted(CORPUS.glob("*/*.md"))]


def text(fragment: str) -> str:
    return " ".join(BeautifulSoup(fragment, "html.parser").get_text().split())


def rendered(answer: str) -> str:
    """``answer`` as the self-test page renders it."""
    collection = parse_text(f"# T\n\n## 1. Q?\n**Answer:**\n{answer}\n", "docs/t.md")
    site = site_of(collection)
    return site.renderer.markdown(collection.questions[0].answer, STUDY).html


CASES = {
    "list items, each one point, with their markup": (
        "- **GANs**: a minimax game. Non-probabilistic.\n- **VAEs**: maximize the ELBO.\n",
        ["GANs: a minimax game. Non-probabilistic.", "VAEs: maximize the ELBO."],
    ),
    "prose: a point per sentence, abbreviations and initials no end": (
        "RAG adds a retriever (e.g. a vector DB) to the model. It cuts hallucination vs. a plain LM. "
        "J. Smith named it.",
        ["RAG adds a retriever (e.g. a vector DB) to the model.", "It cuts hallucination vs. a plain LM.",
         "J. Smith named it."],
    ),
    "a sentence may start in lower case or with code": (
        "Both filter packets. nftables is newer. `iptables` is older.",
        ["Both filter packets.", "nftables is newer.", "iptables is older."],
    ),
    "the opening sentence, then the items; the lead-in into the list is no point": (
        "**Mode collapse** is when outputs lack variety. It can be mitigated by:\n\n- minibatch discrimination\n"
        "- Wasserstein loss\n",
        ["Mode collapse is when outputs lack variety.", "minibatch discrimination", "Wasserstein loss"],
    ),
    "one sentence is cut into its clauses": (
        "Guidance mixes a conditional and an unconditional model during sampling, improving sample quality.",
        ["Guidance mixes a conditional and an unconditional model during sampling", "improving sample quality."],
    ),
    "at a colon or semicolon before a comma": (
        "A Pod is the smallest unit: one or more containers, scheduled together, sharing a network.",
        ["A Pod is the smallest unit", "one or more containers, scheduled together, sharing a network."],
    ),
    "no cut that leaves a fragment of under three words": (
        "It is fast, cheap, and simple.",
        ["It is fast, cheap, and simple."],
    ),
    "a line break ends a point": (
        "Full attention is quadratic.  \nFlashAttention tiles it.",
        ["Full attention is quadratic.", "FlashAttention tiles it."],
    ),
    "a nested list is detail of its item": (
        "- Private ranges (RFC 1918)\n    - `10.0.0.0/8`\n    - `192.168.0.0/16`\n- Loopback is `127.0.0.0/8`\n",
        ["Private ranges (RFC 1918)", "Loopback is 127.0.0.0/8"],
    ),
    "an item that leads into a nested list gives its items": (
        "- Advantages:\n    - fast to sample\n    - easy to train\n- It needs a lot of memory\n",
        ["fast to sample", "easy to train", "It needs a lot of memory"],
    ),
    "an item before its code block keeps what it says, without the colon": (
        "1. Resolve the name:\n\n    ```\n    dig example.com\n    ```\n\n2. Test the port:\n\n"
        "    ```\n    nc -vz example.com 443\n    ```\n",
        ["Resolve the name", "Test the port"],
    ),
    "bold lead-in before code: the colon inside the markup goes too": (
        "**Object literal syntax:**\n\n```js\nconst o = {};\n```\n",
        ["Object literal syntax"],
    ),
    "headings, code and display maths are no points": (
        "There are two layers.\n\n### Link layer\n\nIt moves frames.\n\n```\nip link\n```\n\n$$\nx^2\n$$\n",
        ["There are two layers.", "It moves frames."],
    ),
    "a table gives a point per row": (
        "| Port | Protocol |\n| --- | --- |\n| 22 | SSH |\n| 53 | DNS |\n",
        ["22 – SSH", "53 – DNS"],
    ),
    "an answer that is only an image has its alt text": (
        "![A packet capture of a DNS lookup](capture.png)\n",
        ["A packet capture of a DNS lookup"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("answer", "expected"), CASES.values(), ids=CASES.keys())
def test_key_points_of_an_answer(answer: str, expected: list[str]):
    assert [text(p) for p in key_points(rendered(answer))] == expected


def test_a_sentence_that_ends_inside_markup_ends_there():
    html = "<p>The answer is <strong>no.</strong> Then it stops.</p>"
    assert key_points(html) == ["The answer is <strong>no.</strong>", "Then it stops."]


def test_points_keep_their_markup_and_stay_escaped():
    html = '<ul><li><code>a &lt; b</code> &amp; <a href="../x/">more</a></li><li>two</li></ul>'
    assert key_points(html) == ['<code>a &lt; b</code> &amp; <a href="../x/">more</a>', "two"]


DEEP_DIVE = "\n".join(f"- Detail {n} of the deep dive." for n in range(1, 31))
TEN_SENTENCES = " ".join(f"Sentence {n} says one more thing." for n in range(1, 11))

RANKED = {
    "a nested <details> folds away detail: none of it is a point": (
        f"Attention mixes tokens. It is quadratic.\n\n<details><summary>Deep dive</summary>\n\n{DEEP_DIVE}\n\n"
        "</details>\n",
        ["Attention mixes tokens.", "It is quadratic."],
    ),
    "nor its summary, nor a code block beside it": (
        "Use a cache.\n\n```python\ncache = {}  # Not a point. Nor this.\n```\n\n"
        "<details><summary>Why it works.</summary>\n\nBecause. Really.\n\n</details>\n",
        ["Use a cache."],
    ),
    "an answer that is only a fold has the points of what it holds": (
        "<details><summary>Show the answer</summary>\n\n- one thing\n- another thing\n\n</details>\n",
        ["one thing", "another thing"],
    ),
    "ten sentences give the first eight": (
        TEN_SENTENCES,
        [f"Sentence {n} says one more thing." for n in range(1, 9)],
    ),
    "first sentences and list items before later sentences": (
        "Caching trades memory for time. It needs a bound. It needs an eviction rule.\n\n"
        "Measure the hit rate. Then tune it.\n\n- least recently used\n- least frequently used\n",
        ["Caching trades memory for time.", "Measure the hit rate.", "least recently used",
         "least frequently used", "It needs a bound.", "It needs an eviction rule.", "Then tune it."],
    ),
    "a long list keeps its first eight items, in order": (
        "\n".join(f"- item number {n}" for n in range(1, 13)),
        [f"item number {n}" for n in range(1, 9)],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("answer", "expected"), RANKED.values(), ids=RANKED.keys())
def test_at_most_eight_points_the_most_useful_first(answer: str, expected: list[str]):
    assert [text(p) for p in key_points(rendered(answer))] == expected
    assert len(expected) <= MOST == 8


# --------------------------------------------------------------------------- every document


def questions_of(document: Path):
    """(site, question) of every answered question of a document, parsed as a user would build it."""
    if document == SEED:
        collection = parse_file(document, "advanced-generative-ai-qa.md")
    else:
        model = json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))
        unanswered = any(not q["answer_starts"] for s in model["sections"] for q in s["questions"])
        collection = parse_file(document, document.name, unanswered="show" if unanswered else "error")
    site = site_of(collection)
    return [(site, q) for q in collection.questions if q.answer.strip()]


def own_text(item: Tag) -> str:
    """The words of a list item without its nested lists."""
    parts = []
    for child in item.children:
        if isinstance(child, Tag) and child.name in ("ul", "ol"):
            continue
        parts.append(child.get_text() if isinstance(child, Tag) else str(child))
    return " ".join("".join(parts).split())


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_answer_has_whole_points(document: Path):
    problems = []
    for site, question in questions_of(document):
        answer = site.renderer.markdown(question.answer, STUDY).html
        tree = BeautifulSoup(answer, "html.parser")
        points = [text(p) for p in key_points(answer)]
        where = f"{document.name}:{question.line}"
        if (tree.get_text().strip() or tree.find("img", alt=True)) and not points:
            problems.append(f"{where}: no point")
        if len(points) > MOST:
            problems.append(f"{where}: {len(points)} points")
        items = [t for t in (own_text(li) for li in tree.find_all("li")) if len(t.split()) >= 2]
        for point in points:
            if point.endswith(":"):
                problems.append(f"{where}: {point!r} ends with a colon")
            if sum(item in point for item in set(items)) > 1:
                problems.append(f"{where}: {point!r} holds two list items")
            if not point.strip():
                problems.append(f"{where}: an empty point")
    assert problems == []


def test_every_seed_question_has_at_least_two_points():
    counts = {q.number: len(key_points(site.renderer.markdown(q.answer, STUDY).html)) for site, q in questions_of(SEED)}
    assert len(counts) == 10
    assert {n: c for n, c in counts.items() if c < 2} == {}
