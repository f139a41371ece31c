"""Every internal link and anchor of the built site resolves; external links are listed, not fetched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT


def test_every_internal_link_and_anchor_resolves(built_site: Path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from check_links import check

    report = check(built_site)
    assert report.pages >= 14
    assert report.internal > 500
    assert report.broken == []
    # External links are only listed: papers, the edit buttons and Material's credit.
    hosts = {link.split("/")[2] for link in report.external}
    assert hosts <= {"arxiv.org", "doi.org", "github.com", "squidfunk.github.io"}, hosts


def test_checker_reports_a_broken_anchor_and_a_missing_page(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a><a href="a/#gone">x</a><a href="b/">y</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><a href="https://example.org/">out</a>')
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_links.py"), str(tmp_path), "--external"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "index.html: a/#gone (no element with id 'gone')",
        "index.html: b/ (no such file)",
        "external: https://example.org/",
        "2 pages, 3 internal links checked, 2 broken, 1 external listed (not fetched)",
    ]
    assert "glossary/#" not in result.stdout
