"""Imported documents, built into sites and read in Chromium as a reader would.

Each site is a real build (``QA_SOURCE=document``) of a fixture document, served at the
address it was built for:

- a ``<details>`` document (``tests/import/browser/details.md``): the answer opens, and the HTML
  the author wrote in summaries and answers (``<code>``, ``<b>``, ``<br>``, ``<kbd>``) renders;
- a document with maths (``tests/import/real/ml-questions.md``): KaTeX typesets every formula and
  none is left as source;
- a document with images (``tests/import/shapes/rich-answers.md``): its relative images load from
  the site, and a remote image is either shown (``remote_images: show``, the default: the browser
  asks for it, the test blocks that request) or a link to it (``remote_images: link``: no request).

On every page of every site, no request leaves the site's origin and no script error occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..conftest import ROOT, Tab, free_port, mkdocs_build, serve
from ..helpers import copy_project, soup

pytestmark = pytest.mark.browser

CORPUS = ROOT / "tests" / "import"
DETAILS = CORPUS / "browser" / "details.md"
MATHS = CORPUS / "real" / "ml-questions.md"
IMAGES = CORPUS / "shapes" / "rich-answers.md"
REMOTE = "https://upload.wikimedia.org/wikipedia/commons/thumb/7/7a/Home_network.svg/640px-Home_network.svg.png"


@dataclass
class Site:
    url: str
    pages: dict[str, str]  # question title (the page's h1) -> its path
    folder: Path

    def path(self, start: str) -> str:
        found = [path for title, path in self.pages.items() if title.startswith(start)]
        assert len(found) == 1, f"one question starts with {start!r}: {found}"
        return found[0]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    servers = []

    def make(document: Path, *, remote_images: str | None = None) -> Site:
        folder = tmp_path_factory.mktemp(document.stem)
        config = ROOT / "mkdocs.yml"
        if remote_images:
            config = copy_project(folder / "project")
            text = config.read_text(encoding="utf-8")
            config.write_text(text.replace("  - qa:\n", f"  - qa:\n      remote_images: {remote_images}\n", 1))
        port = free_port()
        site = folder / "site"
        result = mkdocs_build(site, config, site_url=f"http://127.0.0.1:{port}/", env={"QA_SOURCE": str(document)})
        assert result.returncode == 0, result.stderr
        pages = {}
        for page in sorted((site / document.stem).glob("*/index.html")):
            title = soup(page).select_one("article h1").get_text().rstrip("¶").strip()
            pages[title] = f"/{document.stem}/{page.parent.name}/"
        server, url = serve(site, port)
        servers.append(server)
        return Site(url, pages, site)

    yield make
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def details_site(build) -> Site:
    return build(DETAILS)


@pytest.fixture(scope="module")
def maths_site(build) -> Site:
    return build(MATHS)


@pytest.fixture(scope="module")
def images_site(build) -> Site:
    return build(IMAGES)


@pytest.fixture(scope="module")
def linked_images_site(build) -> Site:
    return build(IMAGES, remote_images="link")


def stay_home(tab: Tab, site: Site) -> list[str]:
    """Requests to any other origin are stopped before they leave the machine; returns the list
    they are recorded in."""
    origin = urlparse(site.url).netloc
    blocked: list[str] = []

    def route(route):
        if urlparse(route.request.url).netloc == origin:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    tab.page.context.route("**/*", route)
    return blocked


def open_answer(tab: Tab, site: Site, path: str):
    page = tab.page
    page.goto(site.url + path)
    answer = page.locator("details#answer")
    assert answer.evaluate("(el) => el.open") is False, "the answer starts closed"
    answer.locator("> summary").click()
    assert answer.evaluate("(el) => el.open") is True
    return answer


def off_origin(tab: Tab, site: Site) -> list[str]:
    return [u for u in tab.requests if urlparse(u).netloc != urlparse(site.url).netloc]


# --------------------------------------------------------------------------- <details> documents


def test_details_document_has_a_page_per_question_and_its_answer_opens(tab: Tab, details_site: Site):
    assert sorted(details_site.pages) == [
        "How do you print the exit status of the last command?",
        "What does set -e change in a script?",
        "What is the difference between > and >>?",
        "Which key ends input typed at a terminal?",
    ]
    blocked = stay_home(tab, details_site)
    answer = open_answer(tab, details_site, details_site.path("What does set -e"))
    assert answer.locator("p").first.is_visible()
    assert answer.inner_text().strip().endswith("instead of running on with a broken state.")
    assert tab.page.locator("article h1 code").inner_text() == "set -e"  # the <code> of the summary
    assert blocked == []
    assert tab.errors == []


def test_html_the_author_wrote_renders_as_html(tab: Tab, details_site: Site):
    blocked = stay_home(tab, details_site)
    page = tab.page
    answer = open_answer(tab, details_site, details_site.path("How do you print the exit status"))
    assert answer.locator("code").inner_text() == "echo $?"
    bold = answer.locator("b")
    assert bold.inner_text() == "success"
    assert int(bold.evaluate("(el) => getComputedStyle(el).fontWeight")) >= 600
    assert answer.locator("br").count() == 1
    assert "chosen by the program.\nRead it at once" in answer.inner_text()  # <br> breaks the line
    assert "<b>" not in answer.inner_text()
    assert "<br>" not in answer.inner_text()

    answer = open_answer(tab, details_site, details_site.path("What is the difference between > and >>"))
    assert page.locator("article h1 code").all_inner_texts() == [">", ">>"]
    assert answer.locator("b").all_inner_texts() == ["truncates", "appends"]
    assert answer.locator("code").all_inner_texts() == [">", ">>"]
    assert "before writing to it;\n>> appends to its end." in answer.inner_text()

    answer = open_answer(tab, details_site, details_site.path("Which key ends input"))
    assert answer.locator("kbd").all_inner_texts() == ["Ctrl", "D"]
    assert blocked == []
    assert tab.errors == []


# --------------------------------------------------------------------------- maths

MATHS_QUESTIONS = {2: 1, 5: 2, 17: 2, 36: 1, 37: 1, 38: 1}  # question number -> formulas in its answer


def test_every_formula_of_an_imported_document_is_typeset(tab: Tab, maths_site: Site):
    numbered = {int(re.match(r"/ml-questions/(\d+)-", p).group(1)): p for p in maths_site.pages.values()}
    with_maths = {
        n for n, p in numbered.items() if soup(maths_site.folder / p.strip("/") / "index.html").select(".arithmatex")
    }
    assert with_maths == set(MATHS_QUESTIONS)
    blocked = stay_home(tab, maths_site)
    for number, formulas in MATHS_QUESTIONS.items():
        answer = open_answer(tab, maths_site, numbered[number])
        tab.page.wait_for_function(
            "() => [...document.querySelectorAll('.arithmatex')].every((e) => e.querySelector('.katex'))"
        )
        assert answer.locator(".arithmatex .katex").count() == formulas
        assert answer.locator(".katex-error").count() == 0
        for formula in answer.locator(".katex-html").all():
            assert formula.is_visible()
            box = formula.bounding_box()
            assert box["width"] > 5
            assert box["height"] > 5
        shown = answer.evaluate(
            "(el) => { const c = el.cloneNode(true); c.querySelectorAll('.katex-mathml').forEach((m) => m.remove());"
            " return c.textContent; }"
        )
        for source in ("$", "\\(", "\\[", "\\frac", "\\theta", "\\lambda"):
            assert source not in shown, f"question {number} shows {source} as written"
    assert sum("/vendor/katex/katex.min.js" in u for u in tab.requests) == len(MATHS_QUESTIONS)  # once per page load
    assert blocked == []
    assert tab.errors == []


# --------------------------------------------------------------------------- images


def test_relative_images_load_from_the_site(tab: Tab, images_site: Site):
    blocked = stay_home(tab, images_site)
    for question, src in (
        ("Draw the TCP three-way handshake", "images/three-way-handshake.png"),
        ("What does a packet capture of a DNS lookup look like?", "images/dns-capture.png"),
    ):
        answer = open_answer(tab, images_site, images_site.path(question))
        image = answer.locator("img")
        assert image.count() == 1
        image.evaluate("(img) => img.complete || new Promise((done) => img.addEventListener('load', done))")
        assert image.evaluate("(img) => img.naturalWidth") > 0, f"{src} did not load"
        assert image.evaluate("(img) => img.src") == f"{images_site.url}/{src}"
        assert (images_site.folder / src).is_file()
    assert blocked == []
    assert tab.errors == []


def test_a_remote_image_is_shown_as_written_by_default_and_its_request_is_the_only_one_off_the_site(
    tab: Tab, images_site: Site
):
    blocked = stay_home(tab, images_site)
    answer = open_answer(tab, images_site, images_site.path("What does a typical home network look like?"))
    image = answer.locator("img")
    assert image.get_attribute("src") == REMOTE
    assert image.get_attribute("alt") == "Home network diagram"
    tab.page.wait_for_timeout(300)
    assert blocked == [REMOTE], "the browser asked for the remote image, and only for it"
    assert [e for e in tab.errors if "net::ERR_FAILED" not in e] == []  # the blocked image's failure only
    assert len(tab.errors) <= 1


def test_remote_images_link_makes_no_request_and_links_to_the_image(tab: Tab, linked_images_site: Site):
    blocked = stay_home(tab, linked_images_site)
    answer = open_answer(
        tab, linked_images_site, linked_images_site.path("What does a typical home network look like?")
    )
    assert answer.locator("img").count() == 0
    link = answer.locator("a.qa-remote-image")
    assert link.inner_text() == "Home network diagram"
    assert link.get_attribute("href") == REMOTE
    tab.page.mouse.wheel(0, 4000)
    tab.page.wait_for_timeout(300)
    assert off_origin(tab, linked_images_site) == []
    assert blocked == []
    assert tab.errors == []


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("name", ["details_site", "linked_images_site"])  # the maths pages: above
def test_no_page_of_an_imported_site_requests_another_origin(tab: Tab, request: pytest.FixtureRequest, name: str):
    site: Site = request.getfixturevalue(name)
    blocked = stay_home(tab, site)
    page = tab.page
    for path in ["/", *site.pages.values()]:
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        if path != "/":
            page.locator("details#answer > summary").click()  # whatever the answer holds is loaded now
            page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    assert off_origin(tab, site) == []
    assert blocked == []
    assert tab.errors == []
