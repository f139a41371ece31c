"""Which engine builds the site: MkDocs (the default) or ProperDocs, its maintained fork.

Every build and serve that the tests and benchmarks start goes through ``command()``, so
``QA_ENGINE=properdocs`` (``make test ENGINE=properdocs``) swaps the engine for all of them.
ProperDocs runs from its own virtual environment, ``.venv-properdocs`` (``make
properdocs``), which has no MkDocs at all: ``QA_ENGINE_PYTHON`` names another interpreter.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs")


def name() -> str:
    """The engine asked for by QA_ENGINE (default ``mkdocs``)."""
    engine = os.environ.get("QA_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        raise SystemExit(f"QA_ENGINE={engine!r}: expected one of {', '.join(ENGINES)}")
    return engine


def python() -> str:
    """The interpreter that runs the engine: this one for MkDocs, ProperDocs' own venv for ProperDocs."""
    if name() == "mkdocs":
        return sys.executable
    return os.environ.get("QA_ENGINE_PYTHON") or str(ROOT / ".venv-properdocs" / "bin" / "python")


def command(*args: str) -> list[str]:
    """The command line of ``<engine> ARGS...``, e.g. ``command("build", "--strict")``."""
    return [python(), "-m", name(), *args]
