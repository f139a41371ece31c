"""The self-test benchmark runs end to end at 12 questions, so it cannot rot (timings are not asserted).

It lives with the browser tests because it times the self-test in Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..built.test_bench import run_script
from ..conftest import CHROMIUM

# Slow: the benchmark builds sites of its own.
pytestmark = pytest.mark.slow


def test_self_test_bench_runs_at_twelve_questions(tmp_path: Path):
    if not CHROMIUM.is_file():
        pytest.skip(f"No browser at {CHROMIUM}")
    run_script("bench_selftest.py", "--questions", "12", "--sizes", "12", "--runs", "1", "--out", str(tmp_path))
    payload = json.loads((tmp_path / "selftest.json").read_text())
    timing = payload["timing"]
    assert timing["questions"] == 12
    assert timing["question_ready_median_ms"] > 0
    assert timing["selftest_ready_median_ms"] > 0
    assert timing["ratio"] == round(timing["selftest_ready_median_ms"] / timing["question_ready_median_ms"], 2)
    assert timing["card_data_fetched"][0].startswith("/self-test/cards/"), "the first card's data was fetched"
    [weight] = payload["pages"]
    assert 0 < weight["selftest_html_gzip_bytes"] < weight["selftest_html_bytes"]
    assert "**Ratio: " in (tmp_path / "selftest.md").read_text()
