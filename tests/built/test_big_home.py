"""The home page of a big document stays light: each section's list folded in a closed
``<details>`` (a native control, so it works without JavaScript), a page of at most 60 KB
gzipped at 1,000 questions; a small document's home page has nothing folded."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from macros.outputs.pages import FOLD_FROM
from macros.render import markup as m

from ..conftest import ROOT, mkdocs_build
from ..helpers import soup

sys.path.insert(0, str(ROOT / "tools"))
from benchlib import generate

HOME_GZIP_LIMIT = 60 * 1024


@pytest.mark.slow
def test_home_of_1000_questions_is_folded_by_section_and_light(tmp_path: Path):
    source, glossary = generate(1000, tmp_path)
    site = tmp_path / "site"
    result = mkdocs_build(site, env={"QA_SOURCE": str(source), "QA_GLOSSARY": str(glossary)})
    assert result.returncode == 0, result.stderr
    raw = (site / "index.html").read_bytes()
    assert len(gzip.compress(raw, 6)) <= HOME_GZIP_LIMIT
    home = soup(site / "index.html")
    folds = home.select(f"article details.{m.SECTION}")
    assert len(folds) == 40  # sections of 25
    assert not [d for d in folds if d.has_attr("open")]  # closed until the reader opens one
    # each fold follows its section's heading, so the table of contents still lands there
    assert all(d.find_previous_sibling().name == "h2" for d in folds)
    assert folds[0].summary.get_text() == "25 questions (1–25)"
    items = home.select(f"article details.{m.SECTION} ol.{m.QUESTIONS} li[{m.DATA_CARD}] a[href]")
    assert len(items) == 1000  # every question is still one click away, without JavaScript


def test_small_home_page_folds_nothing(built_site: Path):
    home = soup(built_site / "index.html")
    assert len(home.select(f"article ol.{m.QUESTIONS} li")) <= FOLD_FROM
    assert home.select(f"article details.{m.SECTION}") == []
    assert home.select(f"article ol.{m.QUESTIONS}")
