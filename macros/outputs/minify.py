"""The self-test's own scripts and style, served without comments and spaces.

The sources in ``docs/`` keep their comments; the built site gets them stripped by rjsmin
and rcssmin (comments and whitespace only: no renaming, so a stack trace still names the
functions). They are fetched only on the self-test page and, for a practised card, on its
question page: 25,000 bytes gzip with the scheduler library is their budget
(``tests/built/test_selftest_build.py``).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

__all__ = ["MINIFIED", "minify_served"]

MINIFIED = ("javascripts/srs.js", "javascripts/selftest.js", "stylesheets/selftest.css")
"""Paths from the site's root of the files served minified."""


def minify_served(site_dir: str | Path) -> list[str]:
    """Minify each file of :data:`MINIFIED` that the build wrote into ``site_dir``, in place.

    Returns the paths minified. Minifying a minified file leaves it as it is, so a rebuild
    that did not copy the file again (``mkdocs serve``) changes nothing.
    """
    done = []
    for name in MINIFIED:
        path = Path(site_dir) / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)
        if small != text:
            path.write_text(small, encoding="utf-8")
        done.append(name)
    return done
