#!/usr/bin/env python3
"""Check every internal link and anchor of a built site; list the external ones.

Parses each HTML page of SITE_DIR once with a real HTML5 parser (selectolax's
Lexbor, a compiled parser: 1,000 question pages take seconds). An internal link must
point to a file of the site and, when it has a fragment, to an element with that id
(or name) in the target page. External links are listed, never fetched.

Usage: python scripts/check_links.py SITE_DIR [--external]
Exit codes: 0 all internal links resolve; 1 some do not (each printed).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import ParseResult, unquote, urljoin, urlparse

from selectolax.lexbor import LexborHTMLParser

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


@dataclass
class Page:
    """What the checker needs of one parsed page: its anchors and its links, in document order per tag."""

    anchors: set[str]
    links: list[tuple[str, str, str]]  # (tag, value, rel)


def parse(path: Path) -> Page:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    anchors = {node.attributes["id"] or "" for node in tree.css("[id]")} | {
        node.attributes["name"] or "" for node in tree.css("[name]")
    }
    links = [
        (tag, node.attributes[attr] or "", node.attributes.get("rel") or "")
        for tag, attr in LINK_ATTRS.items()
        for node in tree.css(f"{tag}[{attr}]")
    ]
    return Page(anchors, links)


def check(site: Path) -> Report:
    """Check every page under ``site``."""
    report = Report()
    pages: dict[Path, Page] = {}
    # The same links recur on every page (navigation, assets): resolve each once per folder.
    resolved: dict[tuple[str, str], ParseResult] = {}
    targets: dict[str, Path | None] = {}

    def parsed(page: Path) -> Page:
        if page not in pages:
            pages[page] = parse(page)
        return pages[page]

    for page in sorted(site.rglob("*.html")):
        report.pages += 1
        name = page.relative_to(site)
        here = BASE + name.as_posix()
        folder = here.rsplit("/", 1)[0] + "/"
        for tag, value, rel in parsed(page).links:
            if tag == "link" and "canonical" in rel.split():
                continue  # the canonical address is the deployed site_url, not a file here
            # Only "", "?..." and "#..." depend on the page's own name; any other reference on its folder.
            key = (here if not value or value[0] in "?#" else folder, value)
            url = resolved.get(key)
            if url is None:
                url = resolved[key] = urlparse(urljoin(here, value))
            if url.scheme in ("mailto", "javascript", "data", "tel"):
                continue
            if f"{url.scheme}://{url.netloc}/" != BASE:
                report.external.add(value)
                continue
            report.internal += 1
            if url.path not in targets:
                targets[url.path] = _target_file(site, url.path)
            target = targets[url.path]
            if target is None:
                report.broken.append(f"{name}: {value} (no such file)")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in parsed(target).anchors:
                report.broken.append(f"{name}: {value} (no element with id '{url.fragment}')")
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
