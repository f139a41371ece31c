"""MkDocs glue: the ``qa`` plugin (the only package that imports MkDocs)."""

from macros.plugin.qa import QAConfig, QAPlugin, load_project

__all__ = ["QAConfig", "QAPlugin", "load_project"]
