"""Small helpers shared by the tests: read built pages with a real HTML parser, and books and
Anki packages back as their readers do."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from macros.model import Collection
from macros.outputs.site import Site
from macros.plugin.loading import load_site
from macros.plugin.qa import load_project
from macros.reading.glossary import Glossary
from macros.render.renderer import Renderer

ROOT = Path(__file__).resolve().parent.parent
MM = 72 / 25.4  # PDF points in a millimetre


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def qa_documents() -> list[Path]:
    """The Q&A documents of the tests: the seed, the hostile one, and those modelled on real READMEs and shapes."""
    folder = ROOT / "tests" / "import"
    return [
        ROOT / "docs" / "advanced-generative-ai-qa.md",
        ROOT / "tests" / "content" / "hostile.md",
        *sorted((folder / "real").glob("*.md")),
        *sorted((folder / "shapes").glob("*.md")),
    ]


def question_pages(site: Path, collection: str = "advanced-generative-ai-qa") -> list[Path]:
    """The built question pages of a collection, in question-number order."""
    pages = list((site / collection).glob("*/index.html"))
    return sorted(pages, key=lambda p: int(p.parent.name.split("-", 1)[0]))


def copy_project(target: Path, *, glossary: bool = True) -> Path:
    """A copy of the site's sources in ``target`` (for builds with other content); returns its mkdocs.yml.

    With ``glossary=False`` the copy has no glossary (other content would leave its terms unused).
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "overrides", "macros"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        elif src.exists():
            shutil.copy(src, target / name)
    shutil.copytree(ROOT / "docs", target / "docs")
    config = target / "mkdocs.yml"
    if not glossary:
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("glossary: glossary.yml", 'glossary: ""'), encoding="utf-8")
    return config


_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def answer_text(source: str) -> str:
    """The words a reader sees of some Q&A Markdown, worked out apart from the site's renderer:
    Python-Markdown's core (and tables), with a list allowed to follow a paragraph as on
    GitHub; whitespace collapsed."""
    lines: list[str] = []
    for line in source.split("\n"):
        if _LIST_LINE.match(line) and lines and lines[-1].strip() and not _LIST_LINE.match(lines[-1]):
            lines.append("")
        lines.append(line)
    rendered = markdown.Markdown(extensions=["tables"]).convert("\n".join(lines))
    return " ".join(BeautifulSoup(rendered, "html.parser").get_text().split())


def seed_site(glossary: bool = True) -> Site:
    """The seed's site as the build makes it: mkdocs.yml's renderer, sources and glossary."""
    config, options = load_project(ROOT / "mkdocs.yml", glossary=None if glossary else "")
    return load_site(config, options)[0]


def site_of(*collections: Collection, glossary: Glossary | None = None) -> Site:
    """A site of parsed collections, rendered with mkdocs.yml's extensions (as the build does)."""
    config, _ = load_project(ROOT / "mkdocs.yml")
    return Site(list(collections), glossary, Renderer.from_config(config))


def card_data(site: Path) -> dict:
    """The card data as the script reads it: the index the page names, each card with its
    content and topics, the terms, and the files read."""
    root = soup(site / "self-test" / "index.html").select_one("#qa-selftest")
    index_path = (site / "self-test" / root["data-qa-cards"]).resolve()
    index = json.loads(index_path.read_text(encoding="utf-8"))
    folder = index_path.parent
    content: dict[str, dict] = {}
    for name in index["files"]:
        content.update(json.loads((folder / name).read_text(encoding="utf-8"))["cards"])
    cards = [c | content[c["id"]] | {"topics": [index["topics"][k] for k in c["t"]]} for c in index["cards"]]
    terms = json.loads((folder / index["terms"]).read_text(encoding="utf-8")) if index["terms"] else []
    return {"index": index, "path": index_path, "cards": cards, "terms": terms, "glossary": index["glossary"]}


def read_package(path: Path) -> dict:
    """An .apkg read back as Anki reads it: a zip whose collection.anki2 is an SQLite database."""
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        database = archive.read("collection.anki2")
        media = json.loads(archive.read("media"))
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "collection.anki2"
        file.write_bytes(database)
        connection = sqlite3.connect(file)
        try:
            models, decks = connection.execute("SELECT models, decks FROM col").fetchone()
            notes = connection.execute(
                "SELECT id, guid, mid, mod, tags, flds, sfld FROM notes ORDER BY sfld"
            ).fetchall()
            cards = connection.execute("SELECT id, nid, did, ord, queue FROM cards").fetchall()
        finally:
            connection.close()
    return {
        "names": names,
        "media": media,
        "models": json.loads(models),
        "decks": json.loads(decks),
        "notes": [dict(zip(("id", "guid", "mid", "mod", "tags", "flds", "sfld"), n, strict=True)) for n in notes],
        "cards": [dict(zip(("id", "nid", "did", "ord", "queue"), c, strict=True)) for c in cards],
    }


# --------------------------------------------------------------------------- reading PDFs


def normal(text: str) -> str:
    """Text with list bullets dropped and whitespace collapsed, for word-for-word comparison.

    The book never hyphenates, so a line that ends in a hyphen broke a hyphenated word
    ("multi-" / "modal"): the two halves are joined again.
    """
    return " ".join(re.sub(r"-\n(?=\S)", "-", text).replace("•", " ").split())


def pdftotext(pdf: Path, *args: str) -> list[str]:
    """The text of every page (poppler's pdftotext), in reading order."""
    result = subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return result.stdout.split("\f")[:-1]


@dataclass
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass
class BoxPage:
    width: float
    height: float
    words: list[Word] = field(default_factory=list)


class _BoxParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pages: list[BoxPage] = []
        self._word: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "page":
            self.pages.append(BoxPage(float(values["width"]), float(values["height"])))
        elif tag == "word":
            self._word = values

    def handle_data(self, data: str) -> None:
        if self._word is not None:
            w = self._word
            self.pages[-1].words.append(
                Word(data, float(w["xmin"]), float(w["ymin"]), float(w["xmax"]), float(w["ymax"]))
            )
            self._word = None


def word_boxes(pdf: Path) -> list[BoxPage]:
    """Every word of every page with its box (pdftotext -bbox), in points from the top left."""
    result = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    parser = _BoxParser()
    parser.feed(result.stdout)
    return parser.pages


def outside(pages: list[BoxPage], margin: float = 0.0) -> list[str]:
    """Words that do not lie wholly on their page (minus ``margin`` on the left and right)."""
    return [
        f"page {number}: {word.text!r} x {word.x_min:.0f}..{word.x_max:.0f} of {page.width:.0f}"
        for number, page in enumerate(pages, start=1)
        for word in page.words
        if word.x_min < margin - 0.5 or word.x_max > page.width - margin + 0.5 or word.y_max > page.height
    ]
