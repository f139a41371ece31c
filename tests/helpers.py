"""Small helpers shared by the build tests: read built pages with a real HTML parser."""

from __future__ import annotations

import re
import shutil
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
