"""Under ``mkdocs serve`` a rebuild renders only the question pages whose inputs changed
(``macros/plugin/rebuild.py``): the site it leaves must be the one a fresh build makes, byte
for byte, and a document broken while serving must leave the last good site in place.

The builds run as ``mkdocs serve`` runs them (``tools/servebuild.py``: the config loaded
again for each build, the plugins kept, the serve address); each clean build is a plain
``mkdocs build`` in a process of its own.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from macros.reading.parser import parse_file
from tools.benchlib import full_project, generate
from tools.servebuild import ServeBuilds

from ..conftest import ROOT, free_port
from ..helpers import copy_project

# Slow: a dozen builds of a generated site, and a real mkdocs serve.
pytestmark = pytest.mark.slow

SOURCE = "advanced-generative-ai-qa.md"
SEED_4 = "advanced-generative-ai-qa/4-compare-the-training-objectives-of-gans-vaes-and/"  # its answer says "Non-probabilistic."
SEED_4_SOURCE = SEED_4.rstrip("/") + ".md"


def fresh_build(config: Path, site: Path) -> None:
    """A clean full build into ``site``, as a user makes it (``mkdocs build``, a process of its own)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "QA_SOURCE", "QA_GLOSSARY", "QA_PDF")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=ROOT,  # this checkout's macros/, as the builds of this process use
        capture_output=True,
        text=True,
        check=False,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]


def differences(ours: Path, theirs: Path) -> list[str]:
    """Every file that is in one site only or differs between the two."""
    mine = {p.relative_to(ours) for p in ours.rglob("*") if p.is_file()}
    other = {p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file()}
    found = [f"only in one: {p}" for p in sorted(mine ^ other)]
    found += [str(p) for p in sorted(mine & other) if not filecmp.cmp(ours / p, theirs / p, shallow=False)]
    return found


def snapshot(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha1(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}


def pages_line(log: list[str]) -> str:
    return [line for line in log if line.startswith("Pages:")][-1]


def rendered(log: list[str]) -> tuple[int, set[str], int]:
    """What the last build rendered, from serve's log: (how many, which when it says, how many kept)."""
    match = re.fullmatch(r"Pages: (\d+) rendered(?: \((.*)\))?, (\d+) unchanged since the last build", pages_line(log))
    assert match, pages_line(log)
    return int(match[1]), set(match[2].split(", ")) if match[2] else set(), int(match[3])


def edit(source: Path, old: str, new: str) -> None:
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated document of 60 questions in parts of 25, with its glossary: enough for the
    navigation to be grouped and pruned, and for questions to share terms and related questions."""
    work = tmp_path_factory.mktemp("serve")
    source, glossary = generate(60, work)
    return full_project(work / "project", source, glossary)


def test_rebuilds_after_edits_are_the_site_a_clean_build_makes(project: Path, tmp_path: Path):
    """One ``mkdocs serve`` (one plugin kept across its builds) against a clean ``mkdocs build`` of
    the same sources after each edit: every file byte for byte, but for what two clean builds of
    the same sources make differently themselves."""
    docs = project.parent / "docs"
    source, glossary = docs / SOURCE, docs / "glossary.yml"
    originals = {path: path.read_text(encoding="utf-8") for path in (source, glossary)}
    served = tmp_path / "served"
    serve = ServeBuilds(project, served)
    try:
        serve.build()
        assert rendered(serve.log) == (64, set(), 0)  # 60 questions, home, glossary, self-test, topics
        fresh_build(project, tmp_path / "clean-a")
        fresh_build(project, tmp_path / "clean-b")
        noise = set(differences(tmp_path / "clean-a", tmp_path / "clean-b"))

        def same_as_a_clean_build(name: str) -> None:
            if not (tmp_path / name).exists():
                fresh_build(project, tmp_path / name)
            assert [d for d in differences(served, tmp_path / name) if d not in noise] == []

        same_as_a_clean_build("clean-a")  # nothing kept yet: the first build is a plain one

        # An answer: its page and the self-test, which shows every answer.
        edit(source, "reduces variance of the estimates", "reduces the variance of the estimates")  # question 1
        serve.build()
        first = parse_file(source).questions[0].src_uri
        assert rendered(serve.log) == (2, {first, "self-test.md"}, 62)
        same_as_a_clean_build("clean-answer")

        # A title: its page's address, the navigation of its part, its neighbours' links and the
        # pages that list it as related change; pages of the other parts do not.
        edit(source, "### 30. How does", "### 30. How exactly does")
        serve.build()
        count, _, kept = rendered(serve.log)
        assert count >= 25
        assert kept >= 30
        same_as_a_clean_build("clean-title")

        # A glossary term's definition: the tooltips of the pages that use the term, and the
        # glossary page; the other question pages are kept.
        term = re.search(r"- term: (.+)\n    short: (.+)", originals[glossary])
        edit(glossary, term[2], "An edited definition, long enough to read as one.")
        serve.build()
        count, _, kept = rendered(serve.log)
        assert 2 <= count < 64
        assert kept > 0
        same_as_a_clean_build("clean-term")
    finally:
        serve.close()
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")


def test_a_broken_edit_keeps_the_last_good_site_and_says_where(project: Path, tmp_path: Path):
    source = project.parent / "docs" / SOURCE
    original = source.read_text(encoding="utf-8")
    serve = ServeBuilds(project, tmp_path / "served")
    try:
        serve.build()
        good = snapshot(tmp_path / "served")
        lines = original.split("\n")
        line = lines.index(next(x for x in lines if x.startswith("### 12. "))) + 1
        edit(source, "### 12. How does", "### 11. How does")  # the same number twice in one part
        with pytest.raises(Exception, match="Aborted"):
            serve.build()
        assert any(re.search(rf"{SOURCE}:{line}: .*\b11\b", message) for message in serve.log), serve.log[-5:]
        assert snapshot(tmp_path / "served") == good  # the last good site, still served

        source.write_text(original, encoding="utf-8")  # fixed: the build goes on from the last good one
        serve.build()
        assert rendered(serve.log) == (0, set(), 64)
        fresh_build(project, tmp_path / "fresh")
        assert differences(tmp_path / "served", tmp_path / "fresh") == []
    finally:
        serve.close()
        source.write_text(original, encoding="utf-8")


def test_mkdocs_serve_renders_only_the_edited_page_and_serves_it(tmp_path: Path):
    """The real ``mkdocs serve``: it keeps the plugin between builds, so an edit renders one page."""
    config = copy_project(tmp_path / "project")
    source = config.parent / "docs" / SOURCE
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    log: list[str] = []
    try:
        wait_for(process, log, "Serving on")
        edit(source, "Non-probabilistic.", "Non-probabilistic, as edited.")
        assert rendered([wait_for(process, log, "Pages:")]) == (2, {SEED_4_SOURCE, "self-test.md"}, 12)
        wait_for(process, log, "Reloading browsers")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{SEED_4}", timeout=30) as response:
            assert "Non-probabilistic, as edited." in response.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(process: subprocess.Popen, log: list[str], text: str, limit: float = 120) -> str:
    """Read serve's log until a line holds ``text``; that line, from ``text`` on."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        log.append(line)
        if text in line:
            return line[line.index(text) :].strip()
    raise AssertionError(f"mkdocs serve did not log {text!r}:\n{''.join(log[-30:])}")
