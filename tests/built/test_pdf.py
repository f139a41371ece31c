"""The PDF book, read back as a reader (and pdftotext, pdfinfo, pdffonts, pypdf) sees it.

The book is made once per session by the real command, ``scripts/build_pdf.py``.
Every fact checked here is read from the PDF itself (its text, outline, links and
metadata) and compared with the model parsed from the source, never with the
program's own output.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.model import Collection
from macros.reading.glossary import Glossary, load_glossary
from macros.reading.parser import parse_file

from ..conftest import ROOT, SEED, mkdocs_build
from ..helpers import MM, answer_text, normal, outside, pdftotext, seed_site, soup, word_boxes

# Slow: each test reads a PDF book built by WeasyPrint, several build one of their own.
pytestmark = pytest.mark.slow

SCRIPT = ROOT / "scripts" / "build_pdf.py"
GLOSSARY = ROOT / "docs" / "glossary.yml"
BUILT_ON = "1767225600"  # SOURCE_DATE_EPOCH: 2026-01-01T00:00:00Z
# The body of a page in book.css: 24 mm from the top (header above), 22 mm from the bottom (page number below).
BODY_TOP, BODY_BOTTOM = 24 * MM, 22 * MM


# --------------------------------------------------------------------------- reading PDFs


def page_size(pdf: Path) -> tuple[float, float]:
    box = PdfReader(pdf).pages[0].mediabox
    return float(box.width), float(box.height)


def body_texts(pdf: Path) -> list[str]:
    """The text of every page without its running header and page number."""
    width, height = page_size(pdf)
    crop = [
        "-x",
        "0",
        "-y",
        f"{BODY_TOP - 2:.0f}",
        "-W",
        f"{width:.0f}",
        "-H",
        f"{height - BODY_TOP - BODY_BOTTOM + 4:.0f}",
    ]
    return pdftotext(pdf, "-raw", *crop)  # -raw: content order, and hyphens kept as printed


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark, depth first."""
    entries: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return entries


@dataclass
class Book:
    """A PDF book and the model it was made from."""

    path: Path
    collection: Collection
    glossary: Glossary | None
    stdout: str = ""

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def layout(self) -> list[str]:
        return pdftotext(self.path, "-layout")

    @cached_property
    def body(self) -> list[str]:
        return body_texts(self.path)

    @cached_property
    def starts(self) -> dict[int, int]:
        """Question number -> the page where the question starts ("Question 3 of 10" under its header)."""
        total = len(self.collection.questions)
        starts: dict[int, int] = {}
        for question in self.collection.questions:
            pattern = re.compile(rf"\bQuestion {question.number} (?:of|\(\d+ of) {total}\b", re.IGNORECASE)
            pages = [n for n, text in enumerate(self.body, start=1) if pattern.search(text)]
            assert len(pages) == 1, f"question {question.number} starts on pages {pages}"
            starts[question.number] = pages[0]
        return starts

    @cached_property
    def glossary_start(self) -> int:
        pages = [n for n, text in enumerate(self.body, start=1) if re.match(r"\s*Glossary\s*\n", text)]
        assert pages, "no page opens with the heading 'Glossary'"
        return pages[0]


def run_build(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILT_ON, **(env or {})},
    )


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The seed's book, made once by ``scripts/build_pdf.py`` as ``make pdf`` runs it."""
    out = tmp_path_factory.mktemp("book") / "book.pdf"
    result = run_build("--out", str(out))
    assert result.returncode == 0, result.stderr
    return Book(out, parse_file(SEED), load_glossary(GLOSSARY), result.stdout)


# --------------------------------------------------------------------------- the command


def test_command_prints_the_pdf_path_last(book: Book):
    assert book.stdout.splitlines()[-1] == str(book.path)
    assert book.path.read_bytes().startswith(b"%PDF-")


# --------------------------------------------------------------------------- structure


def test_outline_lists_the_questions_then_the_glossary(book: Book):
    expected = [(1, f"{q.number}. {q.plain_title}", book.starts[q.number]) for q in book.collection.questions]
    expected.append((1, "Glossary", book.glossary_start))
    assert outline(book.reader) == expected


def test_every_question_starts_on_a_new_page_with_its_number(book: Book):
    pages = [book.starts[q.number] for q in book.collection.questions]
    assert pages == sorted(set(pages))  # one page each, in order
    for question in book.collection.questions:
        text = normal(book.body[book.starts[question.number] - 1])
        assert f"{question.number}. {normal(question.plain_title)}" in text


def _contents(book: Book) -> dict[str, int]:
    """Entry ("1", "2" ... or a title such as "Glossary") -> the page number printed in the contents."""
    pages = [text for text in book.layout if text.strip().splitlines()[0].strip() == "Contents"]
    assert pages, "no page with the running header 'Contents'"
    entries: dict[str, int] = {}
    current: str | None = None
    for line in "\n".join(pages).splitlines()[1:]:  # the first line is the running header
        start = re.match(r"\s*(\d+)\.\s+\S", line)
        if start and current is None:
            current = start.group(1)
        end = re.search(r"\s{3,}(\d+)\s*$", line)  # the page number stands in a column of its own
        if end:
            label = current or line[: end.start()].strip().rstrip(". ")
            entries[label] = int(end.group(1))
            current = None
    return entries


def test_contents_page_numbers_are_where_the_questions_start(book: Book):
    contents = _contents(book)
    expected = {str(number): page for number, page in book.starts.items()}
    expected["Glossary"] = book.glossary_start
    assert contents == expected


def test_contents_entries_are_links_to_the_questions(book: Book):
    reader = book.reader
    named = reader.named_destinations
    contents_pages = [n for n, text in enumerate(book.layout) if text.strip().startswith("Contents")]
    targets = set()
    for index in contents_pages:
        for annotation in reader.pages[index].get("/Annots", []):
            annotation = annotation.get_object()
            assert annotation["/Subtype"] == "/Link"
            targets.add(reader.get_destination_page_number(named[str(annotation["/Dest"])]) + 1)
    assert targets == {*book.starts.values(), book.glossary_start}


def test_page_numbers_read_n_of_total(book: Book):
    total = len(book.reader.pages)
    wrong = []
    for number, text in enumerate(book.layout, start=1):
        last = text.strip().splitlines()[-1].strip() if text.strip() else ""
        if number > 1 and last != f"{number} / {total}":  # the cover has no number
            wrong.append((number, last))
    assert wrong == []


def test_running_header_names_the_question(book: Book):
    wrong = []
    for question in book.collection.questions:
        header = book.layout[book.starts[question.number] - 1].strip().splitlines()[0]
        first_words = " ".join(question.plain_title.split()[:3])
        if f"{question.number}. {first_words}" not in header:
            wrong.append((question.number, header))
    assert wrong == []
    assert book.layout[book.glossary_start - 1].strip().startswith("Glossary")


def test_cover_has_title_subtitle_and_build_date(book: Book):
    cover = normal(book.layout[0])
    assert "Advanced Generative AI" in cover
    assert "10 Toughest Questions and Answers" in cover
    assert "Built 2026-01-01" in cover
    assert "/" not in cover.split("Built")[0]  # no page number on the cover


# --------------------------------------------------------------------------- content


def test_every_answer_is_printed_word_for_word(book: Book):
    starts = [book.starts[q.number] for q in book.collection.questions] + [book.glossary_start]
    missing = []
    for question, start, end in zip(book.collection.questions, starts, starts[1:], strict=False):
        printed = normal(" ".join(book.body[start - 1 : end - 1]))
        answer = normal(answer_text(question.answer))
        if answer not in printed:
            missing.append(question.number)
    assert missing == []


def test_glossary_gives_each_term_its_definition_and_question_pages(book: Book):
    assert book.glossary is not None
    appears = {t: [q.number for q in qs] for t, qs in seed_site().appears.items()}
    text = "\n".join(book.body[book.glossary_start - 1 :])
    positions = []
    at = 0
    for term in book.glossary.terms.values():
        found = re.compile(rf"^{re.escape(term.term)}$", re.MULTILINE).search(text, at)
        assert found, f"no glossary entry for {term.term!r}"
        positions.append((term, found.start()))
        at = found.end()
    wrong = []
    for (term, start), (_, end) in zip(positions, [*positions[1:], (None, len(text))], strict=True):
        entry = normal(text[start:end])
        if normal(term.short) not in entry:
            wrong.append(f"{term.term}: definition missing")
        printed = [(int(n), int(p)) for n, p in re.findall(r"\b(\d+) \(p\. (\d+)\)", entry)]
        expected = [(n, book.starts[n]) for n in appears[term.id]]
        if printed != expected:
            wrong.append(f"{term.term}: printed {printed}, expected {expected}")
    assert wrong == []


def test_key_terms_give_definitions_and_link_to_the_glossary_entry(book: Book):
    assert book.glossary is not None
    reader = book.reader
    glossary_pages = book.body[book.glossary_start - 1 :]
    entry_page = {}
    for term in book.glossary.terms.values():
        heading = re.compile(rf"^{re.escape(term.term)}$", re.MULTILINE)
        entry_page[term.term] = next(
            book.glossary_start + k for k, text in enumerate(glossary_pages) if heading.search(text)
        )
    wrong = []
    for question in book.collection.questions:
        start = book.starts[question.number]
        text = normal(book.body[start - 1])
        targets = {
            reader.get_destination_page_number(reader.named_destinations[str(a.get_object()["/Dest"])]) + 1
            for a in reader.pages[start - 1].get("/Annots", [])
            if "/Dest" in a.get_object()
        }
        for term_id in question.terms:
            term = book.glossary.terms[term_id]
            if f"{normal(term.term)}: {normal(term.short)}" not in text:
                wrong.append((question.number, term.term, "definition"))
            if entry_page[term.term] not in targets:
                wrong.append((question.number, term.term, "no link to its entry"))
    assert wrong == []


# --------------------------------------------------------------------------- the file


def test_metadata_title_language_and_tags(book: Book):
    info = subprocess.run(["pdfinfo", str(book.path)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == book.collection.title
    assert fields["Tagged"].strip() == "yes"
    assert fields["CreationDate"].strip().endswith("2026 UTC")
    root = book.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # viewers show the title, not the file name
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp  # WeasyPrint's PDF/UA-1 variant


def test_fonts_are_embedded(book: Book):
    listing = subprocess.run(["pdffonts", str(book.path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert rows
    # columns: name type... encoding emb sub uni object-id generation
    not_embedded = [row[0] for row in rows if row[-5] != "yes"]
    assert not_embedded == []
    assert all("DejaVu" in row[0] for row in rows), [row[0] for row in rows]


# --------------------------------------------------------------------------- other content


WIDE = """# Wide things

## 1. Does a long line of code fit?
**Answer:**
It wraps:

```text
{token}
```

| {headers} |
|{rule}|
| {cells} |

See [the paper](https://example.org/a/very/long/address/that/should/wrap/{token}) for more.
"""
TOKEN = "x" * 60 + "".join(f"{n:03d}" for n in range(120))  # 420 characters, no space to break at


def test_wide_code_and_tables_wrap_inside_the_page(tmp_path: Path):
    source = tmp_path / "wide.md"
    columns = range(1, 13)
    source.write_text(
        WIDE.format(
            token=TOKEN,
            headers=" | ".join(f"Column{n}HeaderWithoutSpaces" for n in columns),
            rule="|".join("---" for _ in columns),
            cells=" | ".join(f"Value{n}-" + "y" * 30 for n in columns),
        ),
        encoding="utf-8",
    )
    out = tmp_path / "wide.pdf"
    result = run_build("--source", str(source), "--glossary", "", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = word_boxes(out)
    assert outside(pages, margin=20 * MM) == []  # nothing runs past the side margins
    printed = "".join(w.text for page in pages for w in page.words)
    assert TOKEN in printed  # wrapped, never cut: every character is there
    assert all(f"Column{n}HeaderWithoutSpaces" in printed for n in columns)
    assert "https://example.org/a/very/long/address" in printed  # the external address is printed
    assert [title for _, title, _ in outline(PdfReader(out))] == ["1. Does a long line of code fit?"]  # no glossary


def test_sections_and_collections_nest_in_the_outline(tmp_path: Path):
    first = tmp_path / "networking.md"
    first.write_text(
        "# Networking\n\n## Basics\n\n### 1. What is TCP?\n**Answer:**\nA transport protocol.\n\n"
        "## Routing\n\n### 2. What is BGP?\n**Answer:**\nThe inter-domain routing protocol.\n",
        encoding="utf-8",
    )
    second = tmp_path / "storage.md"
    second.write_text("# Storage\n\n## 1. What is RAID?\n**Answer:**\nDisks in an array.\n", encoding="utf-8")
    out = tmp_path / "two.pdf"
    result = run_build("--source", str(first), "--source", str(second), "--glossary", "", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [(level, title) for level, title, _ in outline(PdfReader(out))] == [
        (1, "Networking"),
        (2, "Basics"),
        (3, "1. What is TCP?"),
        (2, "Routing"),
        (3, "2. What is BGP?"),
        (1, "Storage"),
        (2, "1. What is RAID?"),
    ]


def test_letter_paper_and_author(tmp_path: Path):
    out = tmp_path / "letter.pdf"
    result = run_build("--paper", "letter", "--author", "Ada Lovelace", "--out", str(out))
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Author:          Ada Lovelace" in info
    assert page_size(out) == pytest.approx((612, 792), abs=0.5)
    assert outside(word_boxes(out), margin=20 * MM) == []
    assert normal(pdftotext(out, "-layout")[1]).startswith("Contents")  # the cover is one page


# --------------------------------------------------------------------------- errors


def test_a_defect_is_a_file_line_warning_and_the_book_says_what_is_missing(tmp_path: Path):
    source = tmp_path / "bad.md"
    source.write_text("# Title\n\n## 1. A question?\n\n## 2. Another?\n**Answer:** yes\n", encoding="utf-8")
    out = tmp_path / "bad.pdf"
    result = run_build("--source", str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith(f"{source}:")] == [
        f"{source}:3: question 1 has no answer of its own: question 2 follows it directly, so the answer below "
        "that one may be meant for both; write this one's answer below it, or make the two one question. It "
        "is shown as unanswered, and left out of the flashcards, the quiz and the deck (warning)"
    ]
    text = normal(" ".join(pdftotext(out)))
    assert "A question?" in text
    assert "No answer of its own in the document: the next question follows it directly" in text


def test_strict_makes_a_defect_an_error_and_writes_no_pdf(tmp_path: Path):
    source = tmp_path / "bad.md"
    source.write_text("# Title\n\n## 1. A question?\n\n## 2. Another?\n**Answer:** yes\n", encoding="utf-8")
    out = tmp_path / "bad.pdf"
    result = run_build("--source", str(source), "--out", str(out), "--strict")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[0].startswith(f"{source}:3: question 1 has no answer")
    assert not out.exists()


def test_missing_font_is_one_clear_line_and_the_old_pdf_stays(tmp_path: Path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n',
        encoding="utf-8",
    )
    out = tmp_path / "book.pdf"
    out.write_bytes(b"the previous book")
    result = run_build("--out", str(out), env={"FONTCONFIG_FILE": str(conf)})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: font 'DejaVu Serif' is not installed: install it (apt-get install fonts-dejavu-core) and run again"
    ]
    assert out.read_bytes() == b"the previous book"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf", "cache", "fonts.conf", "no-fonts"]


def _build_pdf_module():
    spec = importlib.util.spec_from_file_location("build_pdf", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_weasyprint_failure_leaves_no_partial_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    from weasyprint.document import Document

    def fail_halfway(self, target=None, *args, **kwargs):
        Path(target).write_bytes(b"%PDF-1.7 half a book")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Document, "write_pdf", fail_halfway)
    out = tmp_path / "book.pdf"
    out.write_bytes(b"the previous book")
    code = _build_pdf_module().main(["--out", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip().splitlines() == ["error: WeasyPrint failed: RuntimeError: disk on fire"]
    assert out.read_bytes() == b"the previous book"
    assert [p.name for p in tmp_path.iterdir()] == ["book.pdf"]  # no temporary file left behind


# --------------------------------------------------------------------------- the site


def test_home_links_the_pdf_only_when_the_site_carries_it(built_site: Path, tmp_path: Path, monkeypatch):
    home = soup(built_site / "index.html")
    assert not [a for a in home.find_all("a") if "PDF" in a.get_text()]
    assert list(built_site.glob("*.pdf")) == []

    monkeypatch.setenv("QA_PDF", "1")
    site = tmp_path / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    [link] = [a for a in soup(site / "index.html").find_all("a") if a.get_text().strip() == "Download PDF"]
    pdf = (site / link["href"]).resolve()
    assert pdf.parent == site.resolve()
    assert pdf.is_file()
    reader = PdfReader(pdf)
    titles = [title for _, title, _ in outline(reader)]
    assert titles[0].startswith("1. ")
    assert titles[-1] == "Glossary"


def _answers_alike(count: int) -> str:
    """``count`` questions in one section whose answers share their subheadings, a footnote, code
    and a link to their own subheading: what READMEs repeat from answer to answer."""
    lines = ["# Alike\n", "## Only part\n"]
    for k in range(1, count + 1):
        lines += [
            f"### {k}. What does hook {k} return?\n",
            f"**Answer:**\nHook {k} returns state ([see the example](#example)).[^1]\n",
            "#### Example\n",
            f"```js\nconst [a{k}, setA{k}] = useState({k});\nconsole.log(a{k});\n```\n",
            "#### Syntax\n",
            "Call it first.\n",
            "[^1]: A note.\n",
        ]
    return "\n".join(lines)


def test_answers_alike_keep_their_own_anchors(tmp_path: Path):
    """Answers with the same subheadings, footnotes and code: each id once in the book (WeasyPrint
    warns of an anchor defined twice, and a link to it lands on the first)."""
    source = tmp_path / "alike.md"
    source.write_text(_answers_alike(3), encoding="utf-8")
    out = tmp_path / "alike.pdf"
    result = run_build("--source", str(source), "--glossary", "", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "defined twice" not in result.stderr
    text = normal(" ".join(pdftotext(out)))
    assert all(f"What does hook {k} return?" in text for k in (1, 2, 3))


def test_contents_pages_are_filled_when_a_part_outruns_a_page(tmp_path: Path):
    """A part of 80 questions runs on over the contents pages: none is left empty."""
    source = tmp_path / "long-part.md"
    source.write_text(_answers_alike(80), encoding="utf-8")
    out = tmp_path / "long-part.pdf"
    result = run_build("--source", str(source), "--glossary", "", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = body_texts(out)
    contents = [
        n for n, text in enumerate(pages) if "What does hook" in text and not re.search(r"QUESTION \d+ OF", text)
    ]
    assert contents == list(range(1, 1 + len(contents)))  # one run of pages after the cover
    entries = [len(re.findall(r"What does hook \d+ return\?", pages[n])) for n in contents]
    assert sum(entries) == 80
    assert all(count >= 20 for count in entries[:-1])  # every page but the last is full
