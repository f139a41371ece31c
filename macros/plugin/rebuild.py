"""Rebuilds under ``mkdocs serve``: a question page whose inputs did not change is not rendered again.

MkDocs 1.6 serve runs a whole build on every saved change (``--dirty`` only skips source
files older than their output, and question pages are generated), and most of a build of a
thousand questions goes into Python-Markdown and Jinja reading and rendering pages that did
not change. The plugin is kept across the builds of one ``mkdocs serve`` (it has
``on_startup``), and this keeps, for every question page, the two results that cost the
most, each under a key made of everything that result is computed from:

- the page's HTML from Python-Markdown, keyed by the page's Markdown, the finished HTML
  in it and the Markdown extensions (:meth:`Rebuilds.convert`);
- the page as the theme renders it, keyed by what its template reads (:func:`page_key`):
  the page (content, title, metadata, table of contents, addresses, neighbours), the
  navigation as the theme shows it on that page, the template context plugins added, the
  site's config and the theme's templates. On a match, the template named
  :data:`KEPT` hands back the kept HTML; otherwise it renders the page's own
  template (the theme's ``main.html``), as MkDocs would.

Every event still runs for every page, so the search index, tags and anchor checks see the
whole site; only the work whose result is known is skipped. Everything else (the lists, the
home page, the glossary, the self-test, the search index) is built as in any build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FunctionLoader
from jinja2.bccache import Bucket
from markupsafe import Markup

__all__ = ["KEPT", "Rebuilds", "kept_template", "nav_signature", "page_key", "stable"]

KEPT = "qa-kept/"
"""Under ``mkdocs serve`` a page's template is ``qa-kept/`` and the template it names (``main.html``):
the kept HTML, or that template's own output."""
WRAPPER = "{%% if qa_kept is defined %%}{{ qa_kept }}{%% else %%}{%% include %s %%}{%% endif %%}"
_STANDARD_CONTEXT = {"nav", "base_url", "extra_css", "extra_javascript", "config", "page"}
"""Context entries that :func:`page_key` reads through the page, navigation and config."""
_UNNAMED = ("pages", "mkdocs_version", "build_date_utc")
"""Entries of MkDocs' context that go in the key only when a template of the theme names them:
the build time changes in every build, and Material reads the site's pages through ``nav``.
Whatever a plugin adds goes in whole."""
_NAMED = re.compile(r"(?<![.\w-])(" + "|".join(_UNNAMED) + r")(?![\w-])")
_NAV_META = ("icon", "subtitle", "status")
"""A page's metadata that the theme shows in the navigation entries of other pages."""


def stable(value: Any) -> str:
    """``value`` as text that is the same in every build where it means the same: plain data as
    it is, mappings sorted; a page, section or link by its title and address; other objects by
    their type, their text and their plain attributes and links (never their address, nor
    everything they reach: an extension reaches every page's finished HTML); functions by name."""
    return repr(_shape(value, 0))


def _shape(value: Any, depth: int) -> Any:
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return value
    if isinstance(value, str):
        return str(value)  # Markup as its text
    if kind is list or kind is tuple:
        return tuple([_shape(v, depth + 1) for v in value]) if depth < 8 else kind.__name__
    if depth > 8 or _primitive(value):
        return repr(value)
    depth += 1
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _shape(v, depth)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(_shape(v, depth)) for v in value))
    if isinstance(value, (list, tuple)):
        return tuple([_shape(v, depth) for v in value])
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if _points(value):  # a page, a section, a link: what it is called and where it goes
        return (kind.__qualname__, str(value.title), value.url)
    kept = []
    for name, attribute in vars(value).items() if hasattr(value, "__dict__") else ():
        if name.startswith("_"):
            continue
        if (
            type(attribute) in _PLAIN_TYPES
            or isinstance(attribute, str)
            or (isinstance(attribute, (list, tuple)) and all(map(_linkish, attribute)))
        ):
            kept.append((name, _shape(attribute, depth)))
    text = str(value) if kind.__str__ is not object.__str__ else ""
    return (kind.__qualname__, text, tuple(kept))


_PLAIN_TYPES = (str, int, float, bool, type(None))


def _primitive(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _points(value: Any) -> bool:
    return hasattr(value, "url") and hasattr(value, "title")


def _linkish(value: Any) -> bool:
    return _primitive(value) or _points(value)


def _digest(*parts: Any) -> str:
    """One key of ``parts``: strings as they are (a page's HTML is most of it), the rest by ``repr``."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        text = part if isinstance(part, str) else repr(part)
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _toc(items: Iterable) -> list:
    return [(item.title, item.url, item.level, _toc(item.children)) for item in items]


def _link(page: Any) -> Any:
    return (str(page.title), page.url) if page is not None else None


def nav_signature(items: Iterable, features: Iterable[str]) -> list:
    """The navigation as the theme shows it on the page being built (the active one): what
    Material's ``nav-item.html`` reads, besides which of the entries is that page.

    With ``navigation.prune`` (and no tabs), a section that is neither open on this page nor a
    top-level section shows only its title and a link to its first page, as the template draws
    it; anything else is taken whole, which is never less than the template reads. Pages side
    by side (one parent) have the same signature: their key adds their own address.
    """
    features = set(features)
    prune = "navigation.prune" in features and "navigation.tabs" not in features
    sections = "navigation.sections" in features

    def first_leaf(item):
        while item.children:
            item = item.children[0]
        return item

    def one(item, level):
        if item.children:
            if prune and not item.active and not (sections and level == 1):
                return ("pruned", str(item.title), first_leaf(item).url)
            return ("section", str(item.title), item.active, [one(c, level + 1) for c in item.children])
        meta = getattr(item, "meta", None) or {}
        # Metadata are plain data; anything else shows its address, which only costs a rendering.
        shown = [meta.get(k) for k in _NAV_META], getattr(item, "typeset", None), getattr(item, "encrypted", None)
        return ("page", str(item.title), item.url, repr(shown))

    return [one(item, 1) for item in items]


def page_digest(page: Any, unsearched: Iterable[str] = ()) -> str:
    """What the events before the template find of ``page``: its HTML, table of contents, address,
    title and metadata (and the parts of the HTML that search does not read)."""
    return _digest(
        page.file.src_uri, page.url, str(page.title), page.content, _toc(page.toc), repr(page.meta), *unsearched
    )


def page_key(context: Mapping[str, Any], page: Any, found: str, navigation: str, extra_context: Iterable[str]) -> str:
    """What the theme's template reads to render ``page``, as one key (see the module's docstring).

    ``found`` is the page's :func:`page_digest` (with its HTML again, if a plugin changed it since);
    ``navigation`` the key of its :func:`nav_signature`. The metadata go in by ``repr``: plain data
    (an object in them would show its address, and the page would be rendered again).
    """
    nav = context["nav"]
    homepage = getattr(nav, "homepage", None)
    return _digest(
        found,
        page.canonical_url,
        page.abs_url,
        page.edit_url,
        page.is_homepage,
        _link(page.previous_page),
        _link(page.next_page),
        [(str(a.title), getattr(a, "url", None)) for a in page.ancestors],
        homepage.url if homepage is not None else None,
        navigation,
        context.get("base_url"),  # with the config and the page's address: its scripts and styles
        [(name, stable(context.get(name))) for name in sorted(extra_context) if name in context],
    )


@dataclass
class _Reading:
    """A page going through the ``page_context`` event: what it was found to be, and how search read it."""

    uri: str
    found: str  # key of the page as the event found it (page_digest)
    index: Any  # Material's search index, or None
    start: int  # its entries before this page's
    meta: Any  # the page's own ``search`` metadata
    skipped: bool  # search was told to skip it (its entries are the last build's)
    content: str | None = None  # the HTML handed back after search (see Rebuilds.restored)


class Rebuilds:
    """What one ``mkdocs serve`` keeps from a build for the next (nothing unless :attr:`serving`)."""

    def __init__(self) -> None:
        self.serving = False
        self._converted: dict[str, tuple[str, str, list]] = {}  # src_uri -> (key, HTML, toc tokens)
        self._pages: dict[str, tuple[str, str]] = {}  # src_uri -> (key, the template's output)
        self._pending: dict[str, str] = {}  # this build: src_uri -> key of a page being rendered
        self._navigation: dict[int, str] = {}  # this build: id of a parent in the navigation -> key of its signature
        self._build = ""
        self._features: list[str] = []
        self._named: set[str] = set()  # the entries of _UNNAMED that a template names
        self._searched: dict[str, tuple[str, list[dict]]] = {}  # src_uri -> (key, its search index entries)
        self._restored: dict[str, tuple[str, str]] = {}  # src_uri -> (key, its HTML after search)
        self._reading: _Reading | None = None  # the page going through the page_context event
        self._compiled: dict[tuple, bytes] = {}  # Jinja's bytecode of the theme's templates (see _Compiled)
        self._env: Environment | None = None  # the theme's Jinja environment of this build
        self._globals: str | None = None  # key of its globals, taken when the first page is rendered
        self.kept = 0  # pages of the build under way whose template output was kept
        self.rendered: list[str] = []  # ... and those rendered (src_uri)

    def forget(self) -> None:
        self._searched.clear()
        self._restored.clear()
        self._compiled.clear()
        self._converted.clear()
        self._pages.clear()
        self._pending.clear()

    def start(self, config: Mapping[str, Any]) -> None:
        """A build begins: what every page of it shares (the config, the theme's templates)."""
        self._pending.clear()
        self._navigation.clear()
        self._env, self._globals = None, None
        self.kept, self.rendered = 0, []
        if not self.serving:
            return
        theme = config["theme"]
        self._features = list(theme.get("features") or ())
        templates, named = _templates(theme.dirs, theme.static_templates)
        self._named = named
        # The navigation is read per page (see nav_signature): a new title is not a new site.
        shared = {k: v for k, v in config.items() if k not in ("nav", "plugins")}
        plugins = {name: dict(plugin.config) for name, plugin in config["plugins"].items()}
        self._build = _digest(stable(shared), stable(plugins), repr(theme), templates)

    def environment(self, env: Environment) -> None:
        """The theme's Jinja environment of a build: it gets the template of question pages
        (:data:`KEPT`) and the templates compiled in the last build whose source is unchanged."""
        if not self.serving:
            return
        # Every template reads the environment's globals, which plugins add to after this
        # event: they go in the key of the first page rendered, once all are in.
        self._env, self._globals = env, None
        env.loader = ChoiceLoader([FunctionLoader(_wrapper), env.loader])
        env.bytecode_cache = _Compiled(self._compiled, env)

    # ---------------------------------------------------------------- Python-Markdown

    def convert(
        self, uri: str, markdown: str, blocks: Iterable, convert: Callable[[], tuple[str, list]]
    ) -> tuple[str, list]:
        """A question page's HTML and table of contents: kept from the last build when its
        Markdown and finished HTML are the same, else ``convert()``."""
        if not self.serving:
            return convert()
        key = _digest(self._build, markdown, *(part for b in blocks for part in (b.html, repr(b.ids))))
        kept = self._converted.get(uri)
        if kept is not None and kept[0] == key:
            return kept[1], kept[2]
        html, tokens = convert()
        self._converted[uri] = (key, html, tokens)
        return html, tokens

    # ---------------------------------------------------------------- the search index

    def before_search(self, page: Any, plugins: Mapping[str, Any], unsearched: Iterable[str] = ()) -> None:
        """Before Material's search plugin reads a page (before the plugin takes out of it what
        search does not read, ``unsearched``): when the page is the one it read in the last build,
        it is told to skip it (the page's ``search: exclude``, for this event only) and
        :meth:`after_search` adds the entries it made then. Its entries are a function of the page
        as :func:`page_digest` sees it and of its config (in the build's key)."""
        self._reading = None
        if not self.serving:
            return
        found = _digest(self._build, page_digest(page, unsearched))
        index = _search_index(plugins)
        meta = page.meta.get("search")
        kept = self._searched.get(page.file.src_uri)
        skip = index is not None and kept is not None and kept[0] == found and (meta is None or isinstance(meta, dict))
        if skip:
            page.meta["search"] = {**(meta or {}), "exclude": True}
        self._reading = _Reading(page.file.src_uri, found, index, len(index.entries) if index else 0, meta, skip)

    def after_search(self, page: Any) -> None:
        reading = self._reading
        if reading is None or reading.uri != page.file.src_uri:
            return
        if reading.skipped:
            if reading.meta is None:
                del page.meta["search"]
            else:
                page.meta["search"] = reading.meta
            reading.index.entries.extend(dict(entry) for entry in self._searched[reading.uri][1])
        elif reading.index is not None:
            # Entries are plain dicts that the plugin writes out and never changes.
            self._searched[reading.uri] = (reading.found, [dict(e) for e in reading.index.entries[reading.start :]])

    def restored(self, page: Any, make: Callable[[], str]) -> str:
        """The page's whole HTML as the plugin hands it back after search (``make()``): the last
        build's, when the page is the same."""
        reading = self._reading
        if reading is None or reading.uri != page.file.src_uri:
            return make()
        kept = self._restored.get(reading.uri)
        if kept is None or kept[0] != reading.found:
            kept = self._restored[reading.uri] = (reading.found, make())
        reading.content = kept[1]
        return kept[1]

    # ---------------------------------------------------------------- the template

    def before_template(self, context: dict, page: Any) -> None:
        """Hand the template the kept HTML of ``page`` when nothing it reads has changed."""
        reading, self._reading = self._reading, None
        if not self.serving or page.file.inclusion.is_excluded():
            return
        if reading is not None and reading.uri == page.file.src_uri and reading.content is page.content:
            found = reading.found  # the HTML is the one handed back after search (see restored())
        else:
            found = _digest(self._build, page_digest(page))
        extra = {name for name in context if name not in _STANDARD_CONTEXT and name not in _UNNAMED}
        parent = id(page.parent)
        navigation = self._navigation.get(parent)
        if navigation is None:
            navigation = self._navigation[parent] = _digest(nav_signature(context["nav"].items, self._features))
        if self._globals is None:
            self._globals = _digest(stable(dict(self._env.globals)) if self._env is not None else "")
        key = _digest(self._globals, page_key(context, page, found, navigation, self._named | extra))
        kept = self._pages.get(page.file.src_uri)
        if kept is not None and kept[0] == key:
            context["qa_kept"] = Markup(kept[1])
            self.kept += 1
        else:
            self._pending[page.file.src_uri] = key
            self.rendered.append(page.file.src_uri)

    def summary(self) -> str:
        """What the build rendered, for serve's log: an author sees the pages their edit touched."""
        names = f" ({', '.join(self.rendered)})" if 0 < len(self.rendered) <= 5 else ""
        return f"Pages: {len(self.rendered)} rendered{names}, {self.kept} unchanged since the last build"

    def after_template(self, output: str, page: Any) -> None:
        key = self._pending.pop(page.file.src_uri, None)
        if key is not None:
            self._pages[page.file.src_uri] = (key, output)


def kept_template(name: str) -> str:
    """The template of a page under ``mkdocs serve``, for a page whose template is ``name``."""
    return name if name.startswith(KEPT) else KEPT + name


def _wrapper(name: str) -> str | None:
    """The source of a ``qa-kept/`` template (see :data:`KEPT`)."""
    if not name.startswith(KEPT):
        return None
    return WRAPPER % json.dumps(name[len(KEPT) :])


def _search_index(plugins: Mapping[str, Any]) -> Any:
    """Material's search index (its plugin's ``search_index``, a list of ``entries``), or None."""
    plugin = plugins.get("material/search") or plugins.get("search")
    index = getattr(plugin, "search_index", None)
    enabled = getattr(getattr(plugin, "config", None), "enabled", True)
    return index if enabled and isinstance(getattr(index, "entries", None), list) else None


def _templates(dirs: Iterable[str], static: Iterable[str]) -> tuple[list, set[str]]:
    """Every template of the theme's folders (path, size, time), and the names of :data:`_UNNAMED`
    that the templates of pages use (``static`` ones, such as ``sitemap.xml``, are rendered once
    for the site, with a context of their own)."""
    files, named = [], set()
    static = set(static)
    for folder in map(Path, dirs):
        for root, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != ".icons")  # icons are chosen in mkdocs.yml
            for path in (Path(root) / name for name in sorted(names)):
                stat = path.stat()
                files.append((str(path), stat.st_size, stat.st_mtime_ns))
                if path.suffix in (".html", ".xml", ".js") and path.relative_to(folder).as_posix() not in static:
                    named.update(_NAMED.findall(path.read_text(encoding="utf-8", errors="replace")))
    return files, named


class _Compiled(BytecodeCache):
    """MkDocs makes a new Jinja environment for every build, which compiles the theme's templates
    again; this hands it the last build's bytecode. Jinja checks that a template's source is the
    one the bytecode was compiled from; the key adds what else compiling depends on (the
    environment's syntax, options and extensions)."""

    def __init__(self, store: dict[tuple, bytes], env: Environment) -> None:
        self.store = store
        self.settings = repr(
            (
                sorted(env.extensions),
                env.block_start_string,
                env.variable_start_string,
                env.comment_start_string,
                env.line_statement_prefix,
                env.line_comment_prefix,
                env.trim_blocks,
                env.lstrip_blocks,
                env.newline_sequence,
                env.keep_trailing_newline,
                env.optimized,
                stable(env.autoescape),
            )
        )

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get((self.settings, bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[(self.settings, bucket.key)] = bucket.bytecode_to_string()
