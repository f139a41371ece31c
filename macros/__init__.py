"""Build-time package of the study site.

:mod:`macros.reading.parser` reads Q&A documents into :mod:`macros.model`; :mod:`macros.render.renderer`
renders their content; :mod:`macros.plugin.qa` plugs it all into MkDocs. This module is the
entry point of mkdocs-macros: it registers the small macros that hand-written pages call.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register the macros (called by mkdocs-macros)."""

    def plugin() -> Any:
        qa = env.conf.plugins.get("qa")
        if qa is None:
            raise RuntimeError("the 'qa' plugin is not enabled in mkdocs.yml")
        return qa

    @env.macro
    def qa_home() -> str:
        """Title, introduction and every question of each collection, by section."""
        return plugin().home_markdown(env.page.file.src_uri)

    @env.macro
    def glossary() -> str:
        """Every glossary entry: definition, aliases, related terms, reference, "Appears in"."""
        return plugin().glossary_markdown(env.page.file.src_uri)

    @env.macro
    def self_test() -> str:
        """Flashcards, key-point recall and term quiz (script), over a plain list of every question."""
        return plugin().self_test_markdown(env.page.file.src_uri)
