"""Find the line of a key in a YAML file, for error messages about config values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["config_line"]


class _AnyTagLoader(yaml.SafeLoader):
    """Composes nodes only; tags such as ``!ENV`` are never constructed, so any tag is fine."""


def config_line(path: str, keys: list[Any]) -> int:
    """1-based line of ``keys`` in the YAML file at ``path`` (the deepest one found; 1 if none).

    A string key matches a mapping key, or in a list the item that is that string or a
    one-key mapping with that key (the shape of ``plugins:`` entries); an int is a list index.
    """
    try:
        with Path(path).open(encoding="utf-8") as handle:
            node = yaml.compose(handle, Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return 1
    line = 1
    for key in keys:
        child = _child(node, key)
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _child(node: Any, key: Any) -> Any:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v if not (isinstance(v, yaml.ScalarNode) and v.value == "") else k
    elif isinstance(node, yaml.SequenceNode):
        if isinstance(key, int):
            return node.value[key] if key < len(node.value) else None
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == key:
                return item
            if isinstance(item, yaml.MappingNode) and len(item.value) == 1 and item.value[0][0].value == key:
                return item.value[0][1]
    return None
