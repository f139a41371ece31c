"""The model of a Q&A document (no MkDocs, no Jinja, no rendering): see :mod:`macros.model.document`."""

from macros.model.document import *  # noqa: F403
from macros.model.document import __all__  # noqa: F401
