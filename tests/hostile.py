"""A stranger's document that reaches for files outside its folder, and the user's way of building
it (``make build SOURCE=…``). ``tests/built/test_hostile.py`` reads what the build published;
``tests/browser/test_hostile_browser.py`` opens it in Chromium. The ``hostile`` fixture
(``tests/conftest.py``) builds it once per session, with the PDF book.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tools import engine

from .helpers import ROOT

FILE_TOKEN = "QA-HOSTILE-FILE-7d1f0c"
ENV_TOKEN = "QA-HOSTILE-ENV-93b2aa"
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)

LEAKS = """\
# Study `<img src=x onerror=window.__qa_pwned=1>` and the `<script>` and `<template>` tags

## 1. Which files may a document show?
**Answer:**
Only its own: ![its diagram](diagram.png) and [its notes](notes/notes.txt), published as they are.
Not ![up](../secrets/secret.txt), not <img src="{secret}"> or <a href="/etc/passwd">an absolute path</a>,
not [a walk](notes/../../secrets/secret.txt) or [an encoded walk](..%2Fsecrets%2Fsecret.txt),
not ![a link to a file outside](outside.png) or [a linked folder](linked/secret.txt),
not [the environment](/proc/self/environ) or <img src="&#46;&#46;/secrets/secret.txt" alt="entities">.

## 2. What may the book attach?
**Answer:**
Nothing: <a rel="attachment" href="../secrets/secret.txt">a file</a>,
[the environment](/proc/self/environ){{: rel="attachment" }} and
<a rel="attachment" href="notes/notes.txt">its own notes</a> are links at most.
<img srcset="../secrets/secret.txt 1x, diagram.png 2x" alt="srcset">
<picture><source srcset="/etc/passwd"><img src="diagram.png" alt="picture"></picture>

## 3. Does anything run?
**Answer:**
<svg><image href="../secrets/secret.txt"/><script>window.__qa_pwned=1</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror=window.__qa_pwned=1></style></mglyph></table></mtext></math>
<base href="https://example.invalid/"><meta http-equiv="refresh" content="0;url=https://example.invalid/">
<a href="jav&#x61;script:window.__qa_pwned=1">entity-encoded script</a>
<object data="../secrets/secret.txt"></object><embed src="../secrets/secret.txt">
<iframe srcdoc="<script>parent.__qa_pwned=1</script>"></iframe>

A [titled link](notes/notes.txt "a <b> & <img src=x onerror=window.__qa_pwned=1>") and an HTML abbreviation.

*[HTML]: <img src=x onerror=window.__qa_pwned=1>
"""


def write_tree(root: Path) -> Path:
    """``root/secrets`` (what must never leak) beside ``root/doc`` (the document's folder)."""
    secrets = root / "secrets"
    secrets.mkdir(parents=True)
    (secrets / "secret.txt").write_text(FILE_TOKEN + "\n")
    doc = root / "doc"
    (doc / "notes").mkdir(parents=True)
    (doc / "notes" / "notes.txt").write_text("the document's own notes\n")
    (doc / "diagram.png").write_bytes(TINY_PNG)
    (doc / "outside.png").symlink_to(secrets / "secret.txt")
    (doc / "linked").symlink_to(secrets, target_is_directory=True)
    source = doc / "README.md"
    source.write_text(LEAKS.format(secret=secrets / "secret.txt"), encoding="utf-8")
    return source


def build_user_way(source: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """``make build SOURCE=…``: no --strict, the book in the site, a secret in the environment."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "QA_SOURCE": str(source), "QA_TEST_SECRET": ENV_TOKEN}
    environment.update(env)
    return subprocess.run(
        engine.command("build", "--no-strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)),
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
