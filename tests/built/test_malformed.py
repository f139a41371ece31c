"""The corpus of malformed inputs: each stops the build with its exact FILE:LINE: message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT, mkdocs_build
from ..helpers import copy_project

# Slow: one build per broken input, 28 of them.
pytestmark = pytest.mark.slow

CORPUS = ROOT / "tests" / "malformed"
CASES = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".yml", ".replace"))
TARGETS = {"source": "docs/advanced-generative-ai-qa.md", "glossary": "docs/glossary.yml"}


def test_the_corpus_has_at_least_twenty_cases():
    assert len(CASES) >= 20
    assert all(case.with_suffix(".expected").exists() for case in CASES)


def apply(case: Path, project: Path) -> str:
    """Put the broken input in place; return the expected message with line placeholders filled."""
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").strip()
    kind = case.parent.name
    if kind in TARGETS:
        shutil.copy(case, project / TARGETS[kind])
        return expected
    find, replace = case.read_text(encoding="utf-8").split("=>\n")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert find in text, f"{case.name}: the text to replace is not in mkdocs.yml"
    text = text.replace(find, replace, 1)
    config.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def line_of(match: re.Match) -> str:
        return str(next(n for n, line in enumerate(lines, 1) if match.group(1) in line))

    return re.sub(r"@(.+?)@", line_of, expected)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_malformed_input_stops_the_build(case: Path, tmp_path: Path):
    project = tmp_path / "project"
    copy_project(project)
    expected = apply(case, project)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site published before", encoding="utf-8")
    result = mkdocs_build(site, project / "mkdocs.yml")
    assert result.returncode == 1
    assert expected in result.stderr.splitlines() or f"ERROR   -  {expected}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    # Nothing half-built is published: the previous site is untouched.
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site published before"
