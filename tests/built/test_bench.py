"""The benchmark runs end to end at N = 10, so it cannot rot (timings are not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

# Slow: the benchmark and the profiler build several sites each.
pytestmark = pytest.mark.slow


def run_script(name: str, *args: str) -> None:
    """Run ``tools/<name>`` as a user does; it must succeed."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / name), *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_bench_runs_at_ten_questions(tmp_path: Path):
    run_script("bench.py", "--sizes", "10", "--out", str(tmp_path))
    payload = json.loads((tmp_path / "bench.json").read_text())
    [row] = payload["results"]
    assert row["questions"] == 10
    assert row["full"]["question_pages"] == row["bare"]["question_pages"] == 10
    for build in ("full", "bare"):
        assert row[build]["seconds"] > 0
        assert row[build]["peak_mib"] > 10
        assert row[build]["search_index_bytes"] > 0
    assert row["ratio"] == round(row["full"]["seconds"] / row["bare"]["seconds"], 3)
    table = (tmp_path / "bench.md").read_text()
    assert "| 10 | 20 |" in table
    assert 0 < row["full"]["search_index_gzip_bytes"] < row["full"]["search_index_bytes"]
    assert 0 < row["full"]["home_gzip_bytes"] < row["full"]["home_bytes"]
    assert (tmp_path / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_profile_by_package_runs_at_ten_questions(tmp_path: Path):
    run_script("profile_build.py", "--questions", "10", "--out", str(tmp_path))
    payload = json.loads((tmp_path / "profile.json").read_text())
    full, bare = payload["full_self_seconds"], payload["bare_self_seconds"]
    # Our plugin runs only in the full build. The bare build runs only the two functions
    # mkdocs.yml names for its extensions (the emoji index, loaded once; the topic order):
    # a trace, not a share. Both builds render with Python-Markdown and Jinja.
    assert full["this project (macros/)"] > 0
    assert bare.get("this project (macros/)", 0) < 0.01 * sum(bare.values())
    assert bare.get("this project (macros/)", 0) < 0.1 * full["this project (macros/)"]
    assert full["Python-Markdown"] > 0
    assert bare["Python-Markdown"] > 0
    table = (tmp_path / "profile.md").read_text()
    assert "| this project (macros/) |" in table
    assert "| **total** |" in table


def test_link_checker_bench_runs_at_ten_questions(tmp_path: Path):
    run_script("bench_links.py", "--questions", "10", "--repeat", "1", "--out", str(tmp_path))
    payload = json.loads((tmp_path / "links.json").read_text())
    assert payload["questions"] == 10
    assert payload["checkers"]["current"]["cpu_s"] > 0
    assert "| current |" in (tmp_path / "links.md").read_text()


def test_serve_bench_runs_at_thirty_questions(tmp_path: Path):
    run_script("bench_serve.py", "--questions", "30", "--edits", "1", "--runs", "1", "--out", str(tmp_path))
    payload = json.loads((tmp_path / "serve.json").read_text())
    best = payload["best"]
    assert payload["questions"] == 30
    assert best["answer_ratio_cpu"] > 0
    assert best["answer_pages"].startswith("Pages: 2 rendered")  # the edited page and the self-test
    assert "| one answer edited |" in (tmp_path / "serve.md").read_text()
