"""A build whose site_url has a path (/study/, as a GitHub Pages project site): every address stays under it.

Read back from the files, with no browser: each link, script, stylesheet and image of every
page, resolved from the address the page is served at, lands on a file of the build under
/study/. The 404 page is served at any missing address, so its own links must work from
any depth. tests/browser/test_base_url.py drives the same build in Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from ..conftest import PrefixServer
from ..helpers import soup

# Slow: the site under a base path is built with its PDF book.
pytestmark = pytest.mark.slow

LINKS = {"a": "href", "link": "href", "script": "src", "img": "src"}


def page_url(server: PrefixServer, site: Path, page: Path) -> str:
    relative = page.relative_to(site).as_posix()
    return server.url + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def local_targets(url: str, html: Path, server: PrefixServer) -> list[tuple[str, str]]:
    """(link, its address) of every link of ``html`` to this host, resolved from ``url``."""
    host = server.url.split(server.prefix)[0]
    found = []
    for tag, attr in LINKS.items():
        for element in soup(html).find_all(tag, attrs={attr: True}):
            target = urljoin(url, element[attr])
            if target.startswith(host) or not urlsplit(target).scheme.startswith("http"):
                found.append((element[attr], target))
    return found


def exists_under_prefix(site: Path, server: PrefixServer, target: str) -> bool:
    path = urlsplit(target).path
    if not path.startswith(server.prefix):
        return False
    local = site / unquote(path[len(server.prefix) :])
    return (local / "index.html").is_file() if local.is_dir() else local.is_file()


def test_every_local_address_of_every_page_is_a_file_under_the_base_path(study_server: PrefixServer):
    site = Path(study_server.directory)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 14
    broken = []
    checked = 0
    for page in pages:
        for link, target in local_targets(page_url(study_server, site, page), page, study_server):
            if urlsplit(target).scheme in ("mailto", "javascript", "data"):
                continue
            checked += 1
            if not exists_under_prefix(site, study_server, target):
                broken.append(f"{page.relative_to(site)}: {link} -> {target}")
    assert checked > 500
    assert broken == []


def test_the_404_page_works_from_any_missing_address(study_server: PrefixServer):
    site = Path(study_server.directory)
    page = site / "404.html"
    for missing in ("no-such-page/", "advanced-generative-ai-qa/99-gone/", "a/b/c/d.html"):
        targets = local_targets(study_server.url + missing, page, study_server)
        stylesheets = [t for link, t in targets if link.endswith(".css")]
        assert stylesheets, "the 404 page links its stylesheets"
        # A link that is only a fragment ("#questions") stays on the 404 page, whatever its address.
        ids = {element["id"] for element in soup(page).find_all(id=True)}
        assert [link for link, _ in targets if link.startswith("#") and link[1:] not in ids] == [], missing
        elsewhere = [t for link, t in targets if not link.startswith("#")]
        assert [t for t in elsewhere if not exists_under_prefix(site, study_server, t)] == [], missing


def test_the_canonical_addresses_and_the_sitemap_name_the_base_path(study_server: PrefixServer):
    site = Path(study_server.directory)
    question = next((site / "advanced-generative-ai-qa").glob("1-*/index.html"))
    canonical = soup(question).find("link", rel="canonical")["href"]
    assert canonical == page_url(study_server, site, question)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(locations) >= 14
    assert all(loc.startswith(study_server.url) for loc in locations), locations[:3]


def test_the_pdf_and_the_anki_deck_links_point_at_files_under_the_base_path(study_server: PrefixServer):
    site = Path(study_server.directory)
    home = soup(site / "index.html")
    pdf = home.find("a", string=re.compile("Download PDF"))
    assert pdf is not None, "QA_PDF=1 links the book from the home page"
    pdf_url = urljoin(study_server.url, pdf["href"])
    assert exists_under_prefix(site, study_server, pdf_url)
    assert (site / unquote(urlsplit(pdf_url).path[len(study_server.prefix) :])).read_bytes()[:5] == b"%PDF-"
    deck = soup(site / "self-test" / "index.html").find("a", href=re.compile(r"anki-deck\.txt$"))
    assert exists_under_prefix(site, study_server, urljoin(study_server.url + "self-test/", deck["href"]))
