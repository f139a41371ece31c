"""The engine asked for (QA_ENGINE) is the one that built the site: MkDocs, or ProperDocs without MkDocs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools import engine

from ..helpers import soup

GENERATORS = {"mkdocs": "mkdocs-1.6.1, mkdocs-material-", "properdocs": "mkdocs-ProperDocs 1.6.7, mkdocs-material-"}


def test_the_site_was_built_by_the_engine_asked_for(built_site: Path):
    generator = soup(built_site / "index.html").find("meta", attrs={"name": "generator"})["content"]
    assert generator.startswith(GENERATORS[engine.name()]), generator


def test_properdocs_builds_with_no_mkdocs_installed():
    if engine.name() != "properdocs":
        pytest.skip("QA_ENGINE is not properdocs (make test ENGINE=properdocs runs this)")
    probe = "import importlib.util as u; print(u.find_spec('mkdocs') is None, u.find_spec('properdocs') is not None)"
    result = subprocess.run([engine.python(), "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]
