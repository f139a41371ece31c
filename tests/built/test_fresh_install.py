"""The MkDocs way in: a fresh virtual environment, `pip install -r requirements.txt`, then mkdocs.

Exactly what a newcomer types, in a copy of the project: no make, no editable install by
hand. The build must pass strictly and `mkdocs serve` must answer for the home page.
Slow (a whole pip install); pip's own cache makes a second run quicker.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ..conftest import ROOT, free_port

pytestmark = pytest.mark.slow

# What a fresh clone does not have: virtual environments, build output, caches.
LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv*", "site", "build", "bench-results", "node_modules", "__pycache__", "*.egg-info", ".*_cache"
)
SITE_NAME = "Advanced Generative AI – Study Guide"


def user_env(venv: Path) -> dict[str, str]:
    """The environment of a shell with only the fresh venv activated."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    return env


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = tmp_path_factory.mktemp("clone") / "qa-study-site"
    shutil.copytree(ROOT, project, ignore=LEFT_OUT)
    venv = project / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, cwd=project)
    env = user_env(venv)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-r", "requirements.txt"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    return project, env


def test_mkdocs_build_strict_works_after_pip_install_r_requirements(fresh: tuple[Path, dict[str, str]]):
    project, env = fresh
    result = subprocess.run(
        ["mkdocs", "build", "--strict"], cwd=project, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert SITE_NAME in home
    # The qa plugin ran: the question pages exist.
    assert len(list((project / "site" / "advanced-generative-ai-qa").glob("*/index.html"))) == 10


def test_mkdocs_serve_answers_for_the_home_page(fresh: tuple[Path, dict[str, str]]):
    project, env = fresh
    port = free_port()
    server = subprocess.Popen(
        ["mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    body, deadline = None, time.monotonic() + 120
    try:
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body = response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, errors = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, errors = server.communicate()
    assert body is not None, f"mkdocs serve never answered on port {port}:\n{errors[-3000:]}"
    assert SITE_NAME in body
    assert "advanced-generative-ai-qa/1-explain-the-difference" in body
