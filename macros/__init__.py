"""Build-time package of the study site.

:mod:`macros.model` parses Q&A documents; :mod:`macros.pages` renders Markdown
from the model; :mod:`macros.plugin` plugs both into MkDocs. This module is the
entry point of mkdocs-macros: it registers the small macros that pages call.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register the macros (called by mkdocs-macros)."""
    from .pages import home_markdown

    def plugin() -> Any:
        qa = env.conf.plugins.get("qa")
        if qa is None:
            raise RuntimeError("the 'qa' plugin is not enabled in mkdocs.yml")
        return qa

    @env.macro
    def qa_home() -> str:
        """Title, introduction and every question of each collection, by section."""
        return home_markdown(plugin().collections, plugin().study_links())

    @env.macro
    def glossary() -> str:
        """Every glossary entry: definition, aliases, related terms, reference, "Appears in"."""
        return plugin().glossary_page_markdown()

    @env.macro
    def self_test() -> str:
        """Flashcards, key-point recall and term quiz (script), over a plain list of every question."""
        return plugin().self_test_markdown(env.page.file.src_uri)
