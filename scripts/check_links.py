#!/usr/bin/env python3
"""Check every internal link and anchor of a built site; list the external ones.

Parses each HTML page of SITE_DIR with a real HTML parser (BeautifulSoup). An
internal link must point to a file of the site and, when it has a fragment, to an
element with that id (or name) in the target page. External links are listed,
never fetched.

Usage: python scripts/check_links.py SITE_DIR [--external]
Exit codes: 0 all internal links resolve; 1 some do not (each printed).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
BASE = "http://site.invalid/"


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)


def _target_file(site: Path, path: str) -> Path | None:
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check(site: Path) -> Report:
    """Check every page under ``site``."""
    report = Report()
    anchors: dict[Path, set[str]] = {}

    def ids(page: Path) -> set[str]:
        if page not in anchors:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            anchors[page] = {el["id"] for el in soup.find_all(id=True)} | {
                el["name"] for el in soup.find_all(attrs={"name": True})
            }
        return anchors[page]

    for page in sorted(site.rglob("*.html")):
        report.pages += 1
        here = BASE + page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in LINK_ATTRS.items():
            for element in soup.find_all(tag, attrs={attr: True}):
                value = element[attr]
                if tag == "link" and "canonical" in (element.get("rel") or []):
                    continue  # the canonical address is the deployed site_url, not a file here
                url = urlparse(urljoin(here, value))
                if url.scheme in ("mailto", "javascript", "data", "tel"):
                    continue
                if f"{url.scheme}://{url.netloc}/" != BASE:
                    report.external.add(value)
                    continue
                report.internal += 1
                target = _target_file(site, url.path)
                where = f"{page.relative_to(site)}: {value}"
                if target is None:
                    report.broken.append(f"{where} (no such file)")
                elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in ids(target):
                    report.broken.append(f"{where} (no element with id '{url.fragment}')")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--external", action="store_true", help="list the external links")
    args = parser.parse_args(argv)
    report = check(args.site)
    for problem in report.broken:
        print(problem)
    if args.external:
        for link in sorted(report.external):
            print(f"external: {link}")
    print(
        f"{report.pages} pages, {report.internal} internal links checked, {len(report.broken)} broken, "
        f"{len(report.external)} external listed (not fetched)"
    )
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
