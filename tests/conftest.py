"""Shared fixtures: one strict build per session, the hostile builds, an HTTP server, and Chromium.

The tests are grouped by what they need: ``unit/`` (no build, no browser), ``built/`` (build a
site or a book and read it back) and ``browser/`` (drive Chromium). A fixture used by more than
one group lives here, so a site the build tests read and the browser tests open is built once.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import socket
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools import engine

from .helpers import copy_project
from .hostile import build_user_way, write_tree

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "docs" / "advanced-generative-ai-qa.md"
# The browser the tests drive: Debian's Chromium unless QA_BROWSER names another Chromium
# build (Google Chrome on a CI runner, Playwright's own download, ...).
DEFAULT_BROWSER = "/usr/bin/chromium"
CHROMIUM = Path(os.environ.get("QA_BROWSER") or DEFAULT_BROWSER)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The layers, each a folder of tests/: `make test-fast` runs the first two, so neither may need a browser.
LAYERS = ("unit", "built", "browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test sits in a layer; those of tests/browser are marked ``browser``, and no other opens Chromium."""
    tests, misplaced = ROOT / "tests", []
    for item in items:
        parts = item.path.relative_to(tests).parts if item.path.is_relative_to(tests) else ()
        layer = parts[0] if len(parts) > 1 else None
        if layer not in LAYERS:
            misplaced.append(f"{item.nodeid}: not in tests/{', tests/'.join(LAYERS)}")
        elif layer == "browser":
            item.add_marker(pytest.mark.browser)
        elif "browser" in getattr(item, "fixturenames", ()):
            misplaced.append(f"{item.nodeid}: drives Chromium, so it belongs in tests/browser")
    if misplaced:
        raise pytest.UsageError("Tests out of their layer:\n" + "\n".join(misplaced))


def mkdocs_build(
    site_dir: Path,
    config: Path = ROOT / "mkdocs.yml",
    site_url: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run a strict build as a user would (no -q / -v: they hide strict failures).

    ``env`` adds variables (``QA_SOURCE=/abs/path/doc.md`` studies that document instead of
    the seed). The engine is MkDocs unless QA_ENGINE=properdocs (``make test ENGINE=properdocs``):
    every build of the tests comes through here.
    """
    extra_env = env
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    env.update(extra_env or {})
    return subprocess.run(
        engine.command("build", "--strict", "-f", str(config), "-d", str(site_dir)),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The site, built once per session into a temporary folder.

    Built for the address it is served on, as a deploy is: Material's instant navigation
    only takes over links to its own site_url, so the browser tests exercise it for real.
    """
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site, site_url=f"http://127.0.0.1:{site_port}/")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of ``tests/content/hostile.md`` and its glossary: HTML, scripts and template syntax as content."""
    project = tmp_path_factory.mktemp("hostile-content")
    config = copy_project(project / "p")
    content = ROOT / "tests" / "content"
    shutil.copy(content / "hostile.md", project / "p" / "docs" / "advanced-generative-ai-qa.md")
    shutil.copy(content / "hostile-glossary.yml", project / "p" / "docs" / "glossary.yml")
    site = project / "site"
    result = mkdocs_build(site, config)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """A stranger's document built the user's way with its book, beside the secrets it reaches for
    (``tests/hostile.py``): its source, its site and the build's output."""
    root = tmp_path_factory.mktemp("hostile")
    source = write_tree(root)
    site = root / "site"
    result = build_user_way(source, site, QA_PDF="1")
    assert result.returncode == 0, result.stderr
    return source, site, result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 (a free port unless given) in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class PrefixServer(http.server.ThreadingHTTPServer):
    """Serves a built site under a path only, as GitHub Pages serves a project site at /<repo>/.

    ``/study/x`` maps to ``x`` of the build folder; a missing file under the prefix gets the
    site's own 404 page with status 404; anything outside the prefix gets a bare 404.
    Every path asked for is kept in ``paths``.
    """

    def __init__(self, directory: Path, prefix: str):
        self.directory, self.prefix, self.paths = directory, prefix, []
        super().__init__(("127.0.0.1", 0), _PrefixHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{self.prefix}"


class _PrefixHandler(_QuietHandler):
    server: PrefixServer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(args[2].directory), **kwargs)

    def send_head(self):
        path = urllib.parse.urlsplit(self.path).path
        self.server.paths.append(path)
        prefix = self.server.prefix
        if not path.startswith(prefix):
            self.send_error(404, "outside the site's base path")
            return None
        local = Path(self.directory, *urllib.parse.unquote(path[len(prefix) :]).split("/"))
        if local.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file() or not local.resolve().is_relative_to(Path(self.directory).resolve()):
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def translate_path(self, path: str) -> str:
        rest = urllib.parse.urlsplit(path).path[len(self.server.prefix) :]
        return super().translate_path("/" + rest)


@pytest.fixture(scope="session")
def study_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefixServer]:
    """The site with the PDF book, built for and served at http://127.0.0.1:PORT/study/."""
    site = tmp_path_factory.mktemp("study-site")
    server = PrefixServer(site, "/study/")
    result = mkdocs_build(site, site_url=server.url, env={"QA_PDF": "1"})
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int) -> Iterator[str]:
    server, url = serve(built_site, site_port)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Chromium (QA_BROWSER, else Debian's) through Playwright. Skips without it, unless REQUIRE_BROWSER=1."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        message = f"No browser at {CHROMIUM} (set QA_BROWSER to a Chromium or Chrome executable)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1: browser tests must run")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class Tab:
    """A page plus what it did: every request URL and every console error."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: object) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Tab(page)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and record.errors.append(msg.text))
    page.on("pageerror", lambda exc: record.errors.append(str(exc)))
    yield record
    context.close()
