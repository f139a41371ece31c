"""Small helpers shared by the build tests: read built pages with a real HTML parser."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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
