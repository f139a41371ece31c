"""Link reference definitions ("[1.1]: https://…"): a document defines them once, usually at its
end, and uses them anywhere, so every piece of it the site renders on its own carries those it uses."""

from __future__ import annotations

import re

from macros.reading.blocks import markdown_it

__all__ = ["reference_definitions", "with_references"]

_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*\S")
_USE = re.compile(r"\[((?:[^\[\]\\\n]|\\.){1,999})\]")


def _key(label: str) -> str:
    """A label as CommonMark matches it: case and runs of white space do not count."""
    return " ".join(label.split()).casefold()


def reference_definitions(lines: list[str]) -> dict[str, str]:
    """Each label the document defines (by :func:`_key`), with the line that defines it.

    CommonMark decides what is a definition (not a line in a code block, not a label used
    twice: the first one counts); a definition whose title is on a line of its own keeps its
    first line only, the link without its title."""
    candidates = [(i, m) for i, line in enumerate(lines) if (m := _DEFINITION.match(line))]
    if not candidates:
        return {}
    env: dict = {}
    markdown_it().parse("\n".join(lines), env)
    defined = {_key(label) for label in env.get("references", {})}
    found: dict[str, str] = {}
    for i, match in candidates:
        key = _key(match.group(1))
        if key in defined and key not in found:
            found[key] = lines[i].strip()
    return found


def with_references(source: str, definitions: dict[str, str]) -> str:
    """``source`` with the definitions of the labels it uses and does not define itself."""
    if not definitions or "[" not in source:
        return source
    used = {_key(m.group(1)) for m in _USE.finditer(source)}
    own = {_key(m.group(1)) for line in source.split("\n") if (m := _DEFINITION.match(line))}
    needed = [definitions[k] for k in sorted((used & definitions.keys()) - own)]
    return source if not needed else source.rstrip("\n") + "\n\n" + "\n".join(needed) + "\n"
