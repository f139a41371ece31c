"""The markup contract (macros/render/markup.py) holds.

Every qa- class, every id and every data-qa- attribute that the site's scripts look for or
its styles select is written by the Python side (and named in the contract), by the theme's
templates, or by the scripts themselves. Every name of the contract is written by the
Python side. The book's stylesheet selects only what the book and its content write.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from macros.render import markup
from macros.render.sanitize import _OWN_CLASSES, RESERVED_IDS

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p for p in (ROOT / "docs" / "javascripts").rglob("*.js") if "vendor" not in p.parts)
STYLES = sorted((ROOT / "docs" / "stylesheets").glob("*.css"))
TEMPLATES = sorted((ROOT / "overrides").glob("*.html"))
BOOK_CSS = ROOT / "macros" / "outputs" / "book.css"

NAME = r"[A-Za-z_][\w-]*"
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')
READS = re.compile(r"\.(?:querySelector(?:All)?|closest|matches|getElementById|getAttribute|hasAttribute)\(([^;]*?)\)")
OWN_CLASSES = re.compile(r"^\s*qa-[\w-]+(?:\s+[\w-]+)*\s*$")  # a class list (or an id) of ours


def _contract() -> dict[str, str]:
    """Every name of the site's contract: constant -> value."""
    return {k: v for k, v in vars(markup).items() if k.isupper() and isinstance(v, str)}


def _book() -> dict[str, str]:
    return {k: v for k, v in vars(markup.Book).items() if k.isupper() and isinstance(v, str)}


def _strings(code: str) -> list[str]:
    """The string literals of a script (comments left out)."""
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.DOTALL)
    code = re.sub(r"(?m)^\s*//.*$", "", code)
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in STRING.finditer(code)]


def _refs(selector: str) -> set[str]:
    """What a selector selects by: ".class", "#id", "[data-qa-attribute", "[id^=prefix"."""
    found = {m.group(0) for m in re.finditer(rf"[.#]{NAME}", selector)}
    found |= {"[" + m.group(1) for m in re.finditer(r"\[(data-qa-[\w-]+)", selector)}
    found |= {"[id^=" + m.group(1) for m in re.finditer(r"\[id\^=['\"]?([^'\"\]]+)", selector)}
    return {f for f in found if not MATERIAL.match(f)}


MATERIAL = re.compile(r"[.#](?:__|md-)|\[id\^=tag:|#[0-9a-fA-F]{3,8}$")
"""Material's own names (its tags plugin's ids start "tag:"), and colours."""


def _ours(ref: str) -> bool:
    return ref.startswith(("#", "[", ".qa-"))


def _script_reads(code: str) -> set[str]:
    """What a script looks for in the page."""
    found: set[str] = set()
    for call in READS.finditer(code):
        name = call.group(0)[1 : call.group(0).index("(")]
        for text in _strings(call.group(1)):
            if name == "getElementById":
                found |= {"#" + text} - {f for f in {"#" + text} if MATERIAL.match(f)}
            elif name.endswith("Attribute"):
                found |= {"[" + text} if text.startswith("data-qa-") else set()
            else:
                found |= _refs(text)
    return found


def _script_makes(code: str) -> set[str]:
    """The classes and ids of ours a script gives the elements it makes: the class lists (and
    ids) written as strings anywhere but in what it looks for."""
    rest = READS.sub("", code)
    return {p + n for text in _strings(rest) if OWN_CLASSES.match(text) for n in text.split() for p in ".#"}


def _template_makes(html: str) -> set[str]:
    made = {"." + c for m in re.finditer(r'class="([^"{]*)"', html) for c in m.group(1).split()}
    made |= {"#" + m.group(1) for m in re.finditer(r'\bid="([^"{]+)"', html)}
    made |= {"[" + m.group(1) for m in re.finditer(r"\b(data-qa-[\w-]+)", html)}
    return made


def _selectors(css: str) -> str:
    """The selectors of a stylesheet (comments, at-rules and declarations left out)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    parts = re.split(r"([{}])", css)
    return "\n".join(p for i, p in enumerate(parts[:-1]) if parts[i + 1] == "{" and not p.strip().startswith("@"))


def _python_writes() -> set[str]:
    written = set()
    for key, value in _contract().items():
        if key.startswith("DATA_"):
            written.add("[" + value)
        elif key.endswith("_ID"):
            written.add("#" + value)
        elif key.endswith("_PREFIX"):
            written.add("[id^=" + value)
        else:
            written.add("." + value)
    return written


def test_every_name_the_scripts_and_styles_look_for_is_written():
    scripts = {p: p.read_text(encoding="utf-8") for p in SCRIPTS}
    templates = {p: p.read_text(encoding="utf-8") for p in TEMPLATES}
    written = _python_writes()
    written |= set().union(*(_template_makes(t) for t in templates.values()))
    written |= set().union(*(_script_makes(c) for c in scripts.values()))
    looked_for = [(p, ref) for p, code in scripts.items() for ref in _script_reads(code)]
    looked_for += [(p, ref) for p in STYLES for ref in _refs(_selectors(p.read_text(encoding="utf-8")))]
    # the templates' own scripts (main.html moves a glossary link's title)
    looked_for += [(p, ref) for p, html in templates.items() for ref in _script_reads(html)]
    unknown = sorted(f"{p.relative_to(ROOT)}: {ref}" for p, ref in looked_for if _ours(ref) and ref not in written)
    assert unknown == [], "written neither by the build (macros/render/markup.py), a template nor a script"


def test_the_scripts_find_what_the_build_writes_for_them():
    """The scripts look for these by the contract's values: renamed in Python, they are seen here."""
    looked_for = set().union(*(_script_reads(p.read_text(encoding="utf-8")) for p in SCRIPTS))
    made_by_scripts = set().union(*(_script_makes(p.read_text(encoding="utf-8")) for p in SCRIPTS))
    from_the_build = {r for r in looked_for if _ours(r)} - made_by_scripts
    assert from_the_build <= _python_writes() | {"[data-qa-def", "[data-qa-search"}  # (the templates')
    for name in ("ANSWER_ID", "SELFTEST_ID", "DATA_CARDS", "KEYS_DATA_ID", "FILTER_ID", "DATA_CARD"):
        assert any(r[1:].removeprefix("id^=") == _contract()[name] for r in looked_for), name


def _uses_of_markup(path: Path) -> set[str]:
    """The contract's names a Python module uses: ``m.X``, ``Book.X`` (any alias), names imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules, books, used = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "macros.render":
            modules |= {a.asname or a.name for a in node.names if a.name == "markup"}
        elif isinstance(node, ast.ImportFrom) and node.module == "macros.render.markup":
            books |= {a.asname or a.name for a in node.names if a.name == "Book"}
            used |= {a.name for a in node.names if a.name != "Book"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in modules:
                used.add(node.attr)
            elif node.value.id in books:
                used.add("Book." + node.attr)
    return used


def test_every_name_of_the_contract_is_written_by_the_python_side():
    used = set().union(*(_uses_of_markup(p) for p in (ROOT / "macros").rglob("*.py") if p.name != "markup.py"))
    names = set(_contract()) | {"Book." + k for k in _book()}
    assert sorted(names - used) == []


def _code_strings(path: Path) -> list[str]:
    """The string literals of a Python module, its docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            docs.add(id(body[0].value))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_no_module_writes_a_name_of_the_contract_as_a_string():
    """A class or id of the contract written literally would drift from it unseen."""
    names = {v for k, v in _contract().items() if v.startswith("qa-")} | set(markup.IDS)
    literal = re.compile(r'(?:class|id)="([^"{]*)"|\{: ?[.#]([\w-]+)')
    # The Anki note type's template is Anki's: Anki scrolls the back of a card to its #answer.
    modules = [p for p in sorted((ROOT / "macros").rglob("*.py")) if p.name not in ("markup.py", "anki.py")]
    found = []
    for path in modules:
        for text in _code_strings(path):
            for m in literal.finditer(text):
                found += [f"{path.relative_to(ROOT)}: {n}" for n in set((m.group(1) or m.group(2)).split()) & names]
    assert found == []


def test_every_id_of_the_contract_is_kept_from_content():
    ids = {v for k, v in _contract().items() if k.endswith("_ID")}
    assert ids == set(markup.IDS) == set(RESERVED_IDS)
    assert {markup.TERM, markup.EXTERNAL, markup.REMOTE_IMAGE} <= _OWN_CLASSES


def test_the_book_stylesheet_selects_only_what_the_book_writes():
    book = set(_book().values())
    styled = {m.group(1) for m in re.finditer(rf"\.({NAME})", _selectors(BOOK_CSS.read_text(encoding="utf-8")))}
    prefix = markup.Book.BOOKMARK
    outline = {n for n in styled if n.startswith(prefix) and n[len(prefix) :].isdigit()}
    # the rest is what content carries: the renderer's extensions, glossary and external links
    assert sorted(styled - book - outline - _OWN_CLASSES) == []
