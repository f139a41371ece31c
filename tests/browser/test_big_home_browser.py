"""A big document's home page in the browser: its folded sections open by hand without
JavaScript, and a link to a section opens the fold it lands on."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from macros.outputs.pages import FOLD_FROM

from ..conftest import ROOT, mkdocs_build, serve

sys.path.insert(0, str(ROOT / "tools"))
from benchlib import generate

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site of just enough questions to fold (sections of 25), served."""
    work = tmp_path_factory.mktemp("big-home")
    source, glossary = generate(FOLD_FROM + 25, work)
    site = work / "site"
    result = mkdocs_build(site, env={"QA_SOURCE": str(source), "QA_GLOSSARY": str(glossary)})
    assert result.returncode == 0, result.stderr
    server, url = serve(site)
    yield url
    server.shutdown()


def test_folded_sections_open_without_javascript(browser, big_site: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(big_site + "/")
    first = page.locator("article details.qa-section").first
    link = first.locator("ol.qa-questions li a").first
    assert not link.is_visible()
    first.locator("summary").click()
    assert link.is_visible()
    context.close()


def test_a_link_to_a_section_opens_its_fold(browser, big_site: str):
    page = browser.new_page()
    page.goto(big_site + "/")
    heading = page.locator("article h2").nth(2)
    anchor = heading.get_attribute("id")
    fold = page.locator(f"article h2#{anchor} + details.qa-section")
    assert fold.get_attribute("open") is None
    page.goto(big_site + "/#" + anchor)
    page.wait_for_function(f"document.querySelector('h2#{anchor} + details.qa-section').open")
    assert fold.locator("ol.qa-questions li").first.is_visible()
    page.close()
