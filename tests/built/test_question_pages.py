"""Question pages are read by one Python-Markdown instance per build (``_QuestionPage`` in
``macros/plugin/qa.py``), not one per page as MkDocs reads pages: the same site, byte for byte.

A navigation written in ``mkdocs.yml`` turns that off (MkDocs then makes the pages, titled
as that navigation says). Written as the plugin would write it, it must give the same site.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
import yaml

from macros.outputs.nav import navigation
from macros.outputs.site import Site
from macros.plugin.qa import _QuestionPage, load_project

from ..conftest import mkdocs_build
from ..helpers import ROOT, copy_project


def _plain(data):
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return str(data)


def _site_and_files() -> tuple[Site, object]:
    from mkdocs.structure.files import get_files

    config, _ = load_project(ROOT / "mkdocs.yml")
    config = config.plugins.on_config(config)  # the events of a build, up to the pages being made
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(get_files(config), config=config)
    return config.plugins["qa"].site, files


def test_question_pages_are_made_by_the_plugin_when_the_navigation_is_its_own():
    site, files = _site_and_files()
    pages = [files.get_file_from_path(q.src_uri).page for q in site.questions]
    assert pages
    assert all(isinstance(page, _QuestionPage) for page in pages)
    assert [page.title for page in pages] == [q.label for q in site.questions]  # as the navigation titles them


# Slow: two builds of its own.
@pytest.mark.slow
def test_the_site_is_the_same_when_mkdocs_reads_each_question_page(tmp_path: Path):
    site, files = _site_and_files()
    nav = _plain(navigation(site.collections, [f.src_uri for f in files.documentation_pages()]))

    ours = tmp_path / "ours"
    result = mkdocs_build(ours)
    assert result.returncode == 0, result.stderr

    project = copy_project(tmp_path / "project")
    with project.open("a", encoding="utf-8") as out:
        out.write("\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False))
    theirs = tmp_path / "theirs"
    result = mkdocs_build(theirs, config=project)
    assert result.returncode == 0, result.stderr

    compared = 0
    for page in sorted(ours.rglob("*")):
        if page.is_file() and page.suffix in (".html", ".json", ".xml", ".txt"):
            other = theirs / page.relative_to(ours)
            assert other.is_file(), page
            assert filecmp.cmp(page, other, shallow=False), page.relative_to(ours)
            compared += 1
    assert compared >= len(site.questions) + 5
