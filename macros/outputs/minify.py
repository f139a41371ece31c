"""The site's own scripts and styles, served without comments and spaces.

The sources in ``docs/`` keep their comments; the built site gets them stripped by rjsmin
and rcssmin (comments and whitespace only: no renaming, so a stack trace still names the
functions). The self-test's (``javascripts/selftest/``, the scheduler adapter and their
style) are fetched only on the self-test page and, for a practised card, on its question
page: 25,000 bytes gzip with the scheduler library is their budget
(``tests/built/test_selftest_build.py``). The vendored libraries come minified already.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

__all__ = ["minified", "minify_served"]

SCRIPTS = "javascripts"
STYLES = "stylesheets"
VENDOR = "javascripts/vendor"


def minified(site_dir: str | Path) -> list[str]:
    """Paths from the site's root of the files served minified: every script under
    ``javascripts/`` but the vendored ones, and every style under ``stylesheets/``."""
    root = Path(site_dir)
    found = [*sorted((root / SCRIPTS).rglob("*.js")), *sorted((root / STYLES).rglob("*.css"))]
    names = (p.relative_to(root).as_posix() for p in found)
    return [name for name in names if not name.startswith(VENDOR + "/")]


def minify_served(site_dir: str | Path) -> list[str]:
    """Minify each file of :func:`minified` in ``site_dir``, in place.

    Returns the paths minified. Minifying a minified file leaves it as it is, so a rebuild
    that did not copy the file again (``mkdocs serve``) changes nothing.
    """
    done = []
    for name in minified(site_dir):
        path = Path(site_dir) / name
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)
        if small != text:
            path.write_text(small, encoding="utf-8")
        done.append(name)
    return done
