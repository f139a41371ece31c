"""A stranger's document is untrusted input: built the user's way (``make build SOURCE=…``, with
the PDF book), nothing outside its folder is published or attached, and a document the build
cannot show stops it with FILE:LINE while the last site stays. That nothing in it runs is
``tests/browser/test_hostile_browser.py``'s to show; the document is ``tests/hostile.py``.

Each hostile document sits in a folder of its own, next to a folder of secrets it tries to
reach: a file with a token, and the build's environment (``/proc/self/environ``) holding
another. No built file, and no file attached to the book, may hold either token.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.reading.parser import parse_text

from ..conftest import ROOT
from ..hostile import ENV_TOKEN, FILE_TOKEN, TINY_PNG, build_user_way

# Slow: the document is built with its PDF book, and lists 500 levels deep take seconds to refuse.
pytestmark = pytest.mark.slow


def _leaks(site: Path) -> list[str]:
    secrets = (FILE_TOKEN.encode(), ENV_TOKEN.encode(), b"root:x:0:0")
    return [
        str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and any(s in p.read_bytes() for s in secrets)
    ]


def test_no_file_from_outside_the_folder_is_published(hostile):
    _, site, _ = hostile
    assert _leaks(site) == []
    assert not any(p.is_symlink() for p in site.rglob("*"))


def test_the_documents_own_files_are_published(hostile):
    _, site, _ = hostile
    assert (site / "diagram.png").read_bytes() == TINY_PNG
    assert (site / "notes" / "notes.txt").read_text() == "the document's own notes\n"


def test_each_refused_link_is_a_warning_at_its_line_and_shows_as_text(hostile):
    source, site, result = hostile
    refused = [line for line in result.stderr.splitlines() if "outside the document's folder" in line]
    for link, line in [
        ("../secrets/secret.txt", 6),
        ("notes/../../secrets/secret.txt", 7),
        ("..%2Fsecrets%2Fsecret.txt", 7),
        ("outside.png", 8),
        ("linked/secret.txt", 8),
    ]:
        assert any(f"{source}:{line}: link '{link}'" in r for r in refused), (link, refused)
    assert "Traceback" not in result.stderr
    page = next((site / "readme").glob("1-*/index.html")).read_text(encoding="utf-8")
    assert "a walk</a>" not in page
    assert "a walk" in page
    assert 'alt="up"' not in page
    assert "up" in page


def test_the_book_attaches_nothing_and_reads_nothing_outside(hostile):
    _, site, _ = hostile
    books = list(site.glob("*.pdf"))
    assert len(books) == 1
    reader = PdfReader(books[0])
    assert dict(reader.attachments) == {}
    text = "".join(page.extract_text() for page in reader.pages)
    assert FILE_TOKEN not in text
    assert ENV_TOKEN not in text
    if shutil.which("pdfdetach"):
        listed = subprocess.run(["pdfdetach", "-list", str(books[0])], capture_output=True, text=True, check=True)
        assert listed.stdout.startswith("0 embedded files"), listed.stdout


def test_document_text_in_templates_is_escaped_once(hostile):
    _, site, _ = hostile
    home = (site / "index.html").read_text(encoding="utf-8")
    title = "Study &lt;img src=x onerror=window.__qa_pwned=1&gt; and the &lt;script&gt; and &lt;template&gt; tags"
    assert f"<title>{title}</title>" in home
    assert f'content="Study questions from {title}"' in home
    assert "<template>" not in home
    assert "<script> and" not in home
    assert "&amp;lt;" not in home  # escaped once, not twice
    deck = (site / "self-test" / "anki-deck.txt").read_text(encoding="utf-8")
    plain = "Study <img src=x onerror=window.__qa_pwned=1> and the <script> and <template> tags"
    assert f"#deck:{plain}\n" in deck
    with zipfile.ZipFile(site / "self-test" / "anki-deck.apkg") as package, tempfile.TemporaryDirectory() as tmp:
        package.extract("collection.anki2", tmp)
        connection = sqlite3.connect(Path(tmp) / "collection.anki2")
        (decks,) = connection.execute("SELECT decks FROM col").fetchone()
        connection.close()
    assert plain in decks  # the deck's name is text
    assert "questions from Study &lt;img" in decks
    assert "from Study <img" not in decks


DEEP = {
    "details on one line": "Text " + "<details>" * 1000 + "x" + "</details>" * 1000,
    "a list 500 levels deep": "\n".join("  " * i + "- item" for i in range(500)),
}


@pytest.mark.parametrize("name", DEEP)
def test_nesting_too_deep_stops_the_build_at_its_line_and_keeps_the_last_site(tmp_path: Path, name: str):
    source = tmp_path / "doc" / "README.md"
    source.parent.mkdir()
    source.write_text(f"# Deep\n\n## 1. How deep?\n**Answer:**\n{DEEP[name]}\n\n## 2. Fine?\n**Answer:**\nYes.\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site")
    result = build_user_way(source, site)
    assert result.returncode == 1
    assert f"{source}:4: this part nests lists, quotes or HTML elements more than 100 levels deep" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the last good site"
    check = subprocess.run(
        [os.sys.executable, str(ROOT / "scripts" / "split_qa.py"), str(source), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1
    assert f"{source}:4: this part nests" in check.stderr
    assert "Traceback" not in check.stderr


@pytest.mark.parametrize("kind", ["folder", "missing"])
def test_a_source_that_is_no_file_gets_one_line_naming_it(tmp_path: Path, kind: str):
    source = tmp_path if kind == "folder" else tmp_path / "missing.md"
    result = build_user_way(source, tmp_path / "site")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    expected = (
        f"{source}: is a folder: SOURCE names one Markdown document, such as {source / 'README.md'}"
        if kind == "folder"
        else f"{source}: no such file: check the path given as SOURCE"
    )
    assert len(errors) == 1, errors
    assert errors[0].endswith(expected), errors
    assert "mkdocs.yml" not in result.stderr.replace(str(ROOT / "mkdocs.yml"), "")


@pytest.mark.parametrize("count", [10_000, 20_000])
def test_question_numbers_of_any_length(count: int):
    document = "# Many\n\n" + "".join(f"## {n}. What is item {n}?\n**Answer:**\nItem {n}.\n\n" for n in (1, 2, count))
    collection = parse_text(document.replace("## 2.", f"## {count - 1}."), "many.md")
    last = collection.questions[-1]
    assert (last.number, last.text, last.key) == (count, f"What is item {count}?", str(count))


def test_a_link_no_file_system_could_name_is_a_warning(tmp_path: Path):
    source = tmp_path / "doc" / "README.md"
    source.parent.mkdir()
    long_name = "Labels select objects " * 30
    source.write_text(f"# Names\n\n## 1. Which file?\n**Answer:**\nSee [this]({long_name.replace(' ', '%20')}).\n")
    result = build_user_way(source, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{source}:5: link 'Labels%20select" in result.stderr
