"""QA_BROWSER picks the browser the browser tests drive; a missing one fails under REQUIRE_BROWSER=1."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import CHROMIUM, ROOT

pytestmark = pytest.mark.browser

ONE_BROWSER_TEST = "tests/browser/test_browser.py::test_answer_hidden_then_shown_by_click"


def run_one_browser_test(browser: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QA_BROWSER": browser, "REQUIRE_BROWSER": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )


def test_the_browser_named_by_qa_browser_is_the_one_launched(tmp_path: Path):
    if not CHROMIUM.is_file():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"no browser at {CHROMIUM} to wrap and REQUIRE_BROWSER=1: browser tests must run")
        pytest.skip(f"no browser at {CHROMIUM} to wrap")
    launched = tmp_path / "launched"
    wrapper = tmp_path / "my-browser"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{launched}"\nexec "{CHROMIUM}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    result = run_one_browser_test(str(wrapper), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert "--no-sandbox" in launched.read_text(encoding="utf-8")


def test_a_missing_browser_fails_when_browsers_are_required(tmp_path: Path):
    missing = tmp_path / "no-such-browser"
    result = run_one_browser_test(str(missing), tmp_path)
    assert result.returncode == 1
    assert f"No browser at {missing}" in result.stdout
    assert "REQUIRE_BROWSER=1" in result.stdout
