"""The package's layers, read from its imports: each layer imports only itself and the layers
below it, and the model and reading layers import neither MkDocs nor Jinja (nor the renderer).

    model < reading < render < outputs < plugin     (macros/__init__.py, the macros entry point, on top)
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "macros"
LAYERS = ["model", "reading", "render", "outputs", "plugin"]
ENGINE = ("mkdocs", "jinja2", "markupsafe", "mkdocs_macros", "properdocs")


def _layer(module: str) -> int:
    parts = module.split(".")
    if parts[0] != "macros":
        raise ValueError(module)
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else len(LAYERS)


def _imports(path: Path) -> list[str]:
    """Every module a file imports, relative imports resolved."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append(".".join([*base, node.module] if node.module else base))
            else:
                found.append(node.module or "")
    return found


def test_no_layer_imports_a_layer_above_it():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _layer(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"))
        for imported in _imports(path):
            if imported.startswith("macros") and _layer(imported) > own:
                upward.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert upward == []


def test_only_the_plugin_layer_imports_the_engine():
    engine = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = path.relative_to(PACKAGE).parts[0]
        for imported in _imports(path):
            if imported.split(".")[0] in ENGINE[:2] + ENGINE[3:] and layer != "plugin":
                engine.append(f"{path.relative_to(ROOT)} imports {imported}")
            if imported.split(".")[0] in ENGINE and layer in ("model", "reading"):
                engine.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert engine == []


def test_every_module_has_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "a module of macros/ belongs in one of its layers: " + ", ".join(LAYERS)
