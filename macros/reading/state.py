"""What the reading of one document carries: its lines and problems, and the questions it opened."""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.model import (
    Diagnostic,
    Section,
)
from macros.reading.blocks import Unit

MARKED = 0.8
"""A document marks its answers when at least this share of its questions has a marker; then a
question without one is a mistake, reported at its line."""


@dataclass
class Open:
    """A question being read: where it starts, and the units of its body and answer."""

    number: int | None
    text: str
    line: int  # 1-based
    level: int  # heading level of a heading question; 0 for the other shapes
    section: Section | None
    suffix: str = ""
    units: list[Unit] = field(default_factory=list)
    answer_first: str | None = None  # answer text on the question's own unit (Q:/A: pairs, a marker's remainder)
    answer_first_line: int = 0
    body_prefix: str = ""  # (list items) the item's own lines after the question, as Markdown
    body_prefix_line: int = 0


@dataclass
class Reading:
    path: str
    lines: list[str]
    unanswered: str
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    top: frozenset[str] = frozenset()  # anchors a back link points at: the title's, the contents'

    def error(self, line: int, message: str) -> None:
        self.errors.append(Diagnostic(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        """A defect the document can be shown with: a warning (an error in a strict build)."""
        self.warnings.append(Diagnostic(self.path, line, message))


@dataclass
class Candidate:
    index: int  # unit index
    number: int | None
    text: str
    level: int = 0
    suffix: str = ""
