"""The site's own scripts and styles, served without comments and spaces; the self-test's
scripts served as one file.

The sources in ``docs/`` keep their comments; the built site gets them stripped by rjsmin
and rcssmin (comments and whitespace only: no renaming, so a stack trace still names the
functions). The vendored libraries come minified already.

The self-test's scripts (the scheduler library, its adapter, ``javascripts/selftest/``) are
fetched only on the self-test page and, for a practised card, on its question page, as one
file made here at build time (:data:`BUNDLE`), in the order they run: one request, and one
gzip stream, which compresses what the files share. No Node is needed for it. 25,000 bytes
gzip with their style is their budget (``tests/built/test_selftest_build.py``).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

__all__ = ["BUNDLE", "BUNDLED", "bundle_selftest", "minified", "minify_served"]

SCRIPTS = "javascripts"
STYLES = "stylesheets"
VENDOR = "javascripts/vendor"
BUNDLE = "javascripts/selftest.bundle.js"
"""The self-test's scripts as one file; ``javascripts/loader.js`` fetches it."""
BUNDLED = (
    "javascripts/vendor/ts-fsrs/ts-fsrs.min.js",
    "javascripts/srs.js",
    "javascripts/srs-read.js",
    "javascripts/selftest/base.js",
    "javascripts/selftest/data.js",
    "javascripts/selftest/flashcards.js",
    "javascripts/selftest/keypoints.js",
    "javascripts/selftest/quiz.js",
    "javascripts/selftest/progress.js",
    "javascripts/selftest/app.js",
)
"""What :data:`BUNDLE` holds, in the order it runs: the library, the scheduler and the reading
of progress, the self-test's views, and last its app, which starts them."""


def minified(site_dir: str | Path) -> list[str]:
    """Paths from the site's root of the files served minified: every script under
    ``javascripts/`` but the vendored ones, and every style under ``stylesheets/``."""
    root = Path(site_dir)
    found = [*sorted((root / SCRIPTS).rglob("*.js")), *sorted((root / STYLES).rglob("*.css"))]
    names = (p.relative_to(root).as_posix() for p in found)
    return [name for name in names if not name.startswith(VENDOR + "/") and name != BUNDLE]


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


def bundle_selftest(site_dir: str | Path) -> Path:
    """Write :data:`BUNDLE` into ``site_dir`` from its (minified) files of :data:`BUNDLED`."""
    root = Path(site_dir)
    parts = [(root / name).read_text(encoding="utf-8").strip() for name in BUNDLED]
    path = root / BUNDLE
    path.write_text(";\n".join(parts) + "\n", encoding="utf-8")
    return path
