"""Rendering: the one renderer (Python-Markdown, configured from ``mkdocs.yml``), GitHub's reading
of the source, the content policy, glossary links."""
