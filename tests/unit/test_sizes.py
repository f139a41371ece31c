"""No giant units: a module, a function and a script stay small enough to read in one sitting."""

from __future__ import annotations

import ast

from ..helpers import ROOT

MODULE_LINES = 600
FUNCTION_LINES = 80
SCRIPT_LINES = 500


def test_no_python_module_or_function_is_too_long():
    long_modules, long_functions = [], []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT)
        if text.count("\n") > MODULE_LINES:
            long_modules.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES:
                    long_functions.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    assert long_modules == [], f"split these modules (at most {MODULE_LINES} lines)"
    assert long_functions == [], f"split these functions (at most {FUNCTION_LINES} lines)"


def test_no_script_is_too_long():
    scripts = sorted((ROOT / "docs" / "javascripts").rglob("*.js"))
    assert scripts
    long = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in scripts
        if "vendor" not in p.parts and (n := p.read_text(encoding="utf-8").count("\n")) > SCRIPT_LINES
    ]
    assert long == [], f"split these scripts (at most {SCRIPT_LINES} lines)"


def test_the_readme_is_short_enough_for_users():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= 250, f"README.md has {lines} lines: move maintainers' detail to ARCHITECTURE.md or AUTHORING.md"
