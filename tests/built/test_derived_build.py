"""A document's own glossary on the built site: derived from it, or a file next to it, never the seed's.

Each build is the user's ``make build SOURCE=folder/README.md``, with a document modelled
on an interview README (``tests/derive/shapes.md``) copied into a folder of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.reading.glossary import load_glossary
from tools import engine

from ..conftest import ROOT, mkdocs_build
from ..helpers import card_data, soup

# Each test builds a site (or runs the splitter) of its own: left to `make test`, as the
# other slow tests, so that `make test-fast` stays the quick loop.
pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "derive" / "shapes.md"
SEED_GLOSSARY = load_glossary(ROOT / "docs" / "glossary.yml")
SEED_DEFINITIONS = [t.short for t in SEED_GLOSSARY.terms.values()]


def document_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "README.md"
    source.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    return source


def build(source: Path, site: Path, **env: str) -> Path:
    result = mkdocs_build(site, env={"QA_SOURCE": str(source), **env})
    assert result.returncode == 0, result.stderr
    return site


def entries(site: Path) -> dict[str, str]:
    """The glossary page's entries: id -> definition."""
    page = soup(site / "glossary" / "index.html")
    found = {}
    for heading in page.select("article h3[id]"):
        definition = heading.find_next_sibling("p")
        found[heading["id"]] = " ".join(definition.get_text().split())
    return found


def lead(site: Path) -> str:
    return soup(site / "glossary" / "index.html").select_one(".qa-glossary-lead").get_text()


def selftest_terms(site: Path) -> list[dict]:
    return card_data(site)["terms"]


def seed_text_in(site: Path) -> list[str]:
    """Pages and files of the site that hold a definition of the seed's glossary."""
    found = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {d[:40]}" for d in SEED_DEFINITIONS if d[:60] in text]
    return found


@pytest.fixture(scope="module")
def derived_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("derived")
    return build(document_in(root / "doc"), root / "site")


def test_a_document_without_a_glossary_file_gets_the_glossary_of_its_own_answers(derived_site: Path):
    found = entries(derived_site)
    assert set(found) == {
        "callback",
        "closure",
        "debouncing",
        "generator",
        "hoisting",
        "memoization",
        "process",
        "promise",
        "service-worker",
        "thread",
    }
    source = " ".join(FIXTURE.read_text(encoding="utf-8").split())
    assert [d for d in found.values() if d.replace("yield", "`yield`") not in source] == []
    # The seed has a "Generator" too (a GAN's): the document's own sense is the one shown.
    assert found["generator"].startswith("Generators are functions that can pause")
    assert lead(derived_site).startswith("Terms defined in this document's answers: 10 terms")


def test_each_entry_links_to_the_question_that_defines_it(derived_site: Path):
    page = soup(derived_site / "glossary" / "index.html")
    closure = page.select_one("h3#closure").find_next_sibling("div", class_="qa-facts")
    defined = closure.find("strong", string="Defined in:").find_next_sibling("a")
    assert defined.get_text() == "1. What is a closure?"
    assert (derived_site / "glossary" / defined["href"] / "index.html").resolve().is_file()


def test_no_output_holds_a_definition_of_another_documents_glossary(derived_site: Path):
    assert seed_text_in(derived_site) == []
    terms = selftest_terms(derived_site)
    assert {t["id"] for t in terms} == set(entries(derived_site))
    deck = (derived_site / "self-test" / "anki-deck.txt").read_text(encoding="utf-8")
    assert "Evidence lower bound" not in deck
    assert "adversarial" not in deck


def test_the_quiz_shows_a_definition_that_names_its_term_blanked(derived_site: Path):
    terms = {t["id"]: t for t in selftest_terms(derived_site)}
    assert terms["thread"]["def"] == "A ___ is a path of execution inside a process that shares its memory."
    assert "own" not in terms["thread"]
    # "A thread is a path ... inside a process": beside "Process", that definition would give it away.
    assert "thread" in terms["process"]["x"]


def test_key_terms_of_a_page_come_from_its_own_glossary(derived_site: Path):
    pages = {p.parent.name: soup(p) for p in (derived_site / "readme").glob("*/index.html")}
    page = pages[next(name for name in pages if name.startswith("3-"))]  # "Explain hoisting."
    key_terms = page.select("h2#key-terms + ul details.qa-key-term")
    assert [k.summary.get_text() for k in key_terms] == ["Hoisting", "Closure"]
    link = page.select_one("details#answer a.qa-term")
    assert link["title"].startswith("Hoisting is the behaviour")


def test_a_glossary_file_next_to_the_document_is_used_as_it_is(tmp_path: Path):
    source = document_in(tmp_path / "doc")
    (tmp_path / "doc" / "README.glossary.yml").write_text(
        "terms:\n  - term: Closure\n    short: A function with the variables of the scope it was made in.\n"
        "  - term: Monad\n    short: Used by no question here.\n",
        encoding="utf-8",
    )
    strict = mkdocs_build(tmp_path / "strict", env={"QA_SOURCE": str(source)})
    assert strict.returncode == 1
    assert f"{source.parent / 'README.glossary.yml'}:4: term 'Monad' appears in no question" in strict.stderr
    # As `make build SOURCE=...` builds (warnings do not stop it): only the terms some question uses.
    site = tmp_path / "site"
    result = subprocess.run(
        engine.command("build", "--no-strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)),
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "QA_SOURCE": str(source)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert entries(site) == {"closure": "A function with the variables of the scope it was made in."}
    assert lead(site).startswith("1 term used in the questions.")


def test_glossary_yml_in_the_documents_folder_is_used_too(tmp_path: Path):
    source = document_in(tmp_path / "doc")
    (tmp_path / "doc" / "glossary.yml").write_text(
        "terms:\n  - term: Thread\n    short: A path of execution inside a process.\n", encoding="utf-8"
    )
    site = build(source, tmp_path / "site")
    assert entries(site) == {"thread": "A path of execution inside a process."}


def test_split_qa_glossary_writes_the_file_the_build_then_uses(tmp_path: Path):
    source = document_in(tmp_path / "doc")
    written = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "split_qa.py"), str(source), "--glossary"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert written.startswith("# Glossary of README.md, derived from its questions")
    assert load_glossary_text(written) == {
        "Callback",
        "Closure",
        "Debouncing",
        "Generator",
        "Hoisting",
        "Memoization",
        "Process",
        "Promise",
        "Service worker",
        "Thread",
    }
    # The author edits one definition and removes one entry; the build uses the file as it is.
    edited = written.replace(
        "short: A closure is a function that keeps access to the variables of the scope it was created in, even "
        "after that scope has returned.",
        "short: A function bundled with the variables it closes over.",
    )
    edited = re.sub(r"- term: Thread\n(?:  .*\n)+", "", edited)
    assert edited != written
    (tmp_path / "doc" / "README.glossary.yml").write_text(edited, encoding="utf-8")
    site = build(source, tmp_path / "site")
    found = entries(site)
    assert found["closure"] == "A function bundled with the variables it closes over."
    assert "thread" not in found
    assert len(found) == 9
    assert lead(site).startswith("9 terms used in the questions.")
    page = soup(site / "glossary" / "index.html")
    assert page.select_one("h3#closure").find_next_sibling("div").find("strong", string="Defined in:")


def load_glossary_text(text: str) -> set[str]:
    from macros.reading.glossary import parse_glossary

    return {t.term for t in parse_glossary(text, "written.yml").terms.values()}


def test_the_seeds_glossary_only_when_asked_for(tmp_path: Path):
    """``GLOSSARY=docs/glossary.yml`` lends a document the seed's glossary: only the terms it uses."""
    folder = tmp_path / "doc"
    folder.mkdir()
    source = folder / "README.md"
    source.write_text(
        "# Models\n\n## 1. How does a diffusion model make an image?\n\n"
        "A diffusion model removes noise step by step until an image is left.\n",
        encoding="utf-8",
    )
    own = build(source, tmp_path / "own")
    assert not (own / "glossary").exists()  # the document defines nothing, and borrows nothing
    assert seed_text_in(own) == []
    lent = build(source, tmp_path / "lent", QA_GLOSSARY=str(ROOT / "docs" / "glossary.yml"))
    assert set(entries(lent)) == {"diffusion-model"}
