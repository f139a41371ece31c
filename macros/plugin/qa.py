"""MkDocs glue: the ``qa`` plugin. Event handlers that hand the work to small units.

====================  ==========================================================
unit                  what it does
====================  ==========================================================
:mod:`.loading`       reads the sources and glossary that ``mkdocs.yml`` names
:mod:`.site`          the model, rendered once (:mod:`.render`): terms, titles
:mod:`.pages`         the Markdown of question, home and glossary pages
:mod:`.blocks`        finished HTML in those pages, kept out of Python-Markdown
:mod:`.nav`           the navigation, and the order of the Topics page
:mod:`.searchindex`   the search index: answers findable, never shown in a result
:mod:`.selftest`      the self-test page and the Anki deck
:mod:`.keys`          the keyboard shortcuts: the hint line, and the list every page carries
:mod:`.minify`        the site's own scripts and styles, served minified
:mod:`.book`          the PDF book
====================  ==========================================================

Only this module imports MkDocs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from markdown import Markdown
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros.model import Diagnostic, InputError, page_url
from macros.outputs.book import BookError, BookInfo, build_date, build_version, pdf_name, write_book
from macros.outputs.keys import keys_data_html
from macros.outputs.minify import bundle_selftest, minify_served
from macros.outputs.nav import navigation
from macros.outputs.pages import glossary_markdown, home_markdown, question_page, title_markup
from macros.outputs.searchindex import IndexedQuestion, before_answer, search_attributes_removed, study_index
from macros.outputs.selftest.anki import anki_package
from macros.outputs.selftest.data import CardFiles, card_files
from macros.outputs.selftest.deck import ANKI_PATH, APKG_PATH, anki_tsv
from macros.outputs.selftest.page import PlainList, plain_list, selftest_markdown
from macros.outputs.site import Site
from macros.plugin.loading import REMOTE_IMAGES, load_site
from macros.plugin.rebuild import Rebuilds, kept_template
from macros.plugin.stash import Blocks
from macros.reading.parser import UNANSWERED

__all__ = ["QAConfig", "QAPlugin"]

log = logging.getLogger("mkdocs.plugins.qa")
SELF_TEST_PAGE = "self-test.md"
TAGS_PAGE = "tags.md"


class QAConfig(base.Config):
    """Options of the ``qa`` plugin in ``mkdocs.yml``."""

    sources = c.ListOfItems(c.Type(str), default=["advanced-generative-ai-qa.md"])
    """Q&A source documents, relative to ``docs_dir``; each becomes a collection."""
    glossary = c.Type(str, default="glossary.yml")
    """Glossary data file of ``sources``, relative to ``docs_dir`` ("" for none; ``auto``: their own)."""
    glossary_page = c.Type(str, default="glossary.md")
    """The page that shows the glossary (it calls the ``glossary()`` macro)."""
    pdf = c.Type((bool, int), default=False)
    """Write the PDF book into the site and link it from the home page (``!ENV [QA_PDF, false]``)."""
    source = c.Type(str, default="")
    """One document to study instead of ``sources`` (``make serve SOURCE=path/to/README.md``): any path."""
    source_glossary = c.Type(str, default="")
    """The glossary of ``source``: a file (``GLOSSARY=docs/glossary.yml``), ``none``, or "" for its own:
    ``NAME.glossary.yml`` or ``glossary.yml`` next to it, else one derived from its questions. The
    ``glossary`` option serves ``sources`` only: a document never borrows another's glossary."""
    unanswered = c.Choice(UNANSWERED, default="show")
    """A question with no answer stops the build (``error``), is left out (``skip``) or shown open (``show``)."""
    remote_images = c.Choice(REMOTE_IMAGES, default="show")
    source_edit_url = c.Type(str, default="")
    """Where a reader edits the ``source`` document (its repository's edit link); without it, its
    pages have no edit button."""
    """Images from other sites show as written (``show``), or become plain links to them (``link``), for a
    site that loads nothing from another origin."""


class QAPlugin(BasePlugin[QAConfig]):
    """Split Q&A documents into one page per question at build time."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.blocks = Blocks()
        self.meta: dict[str, dict] = {}  # src_uri of a question page -> its metadata
        self.urls: dict[str, str] = {}  # study page -> its URL from the site root ("" when absent)
        self._full_content: dict[str, str] = {}  # a page's HTML while search reads less of it
        self._full_toc: dict[str, object] = {}  # its table of contents, meanwhile
        self._unsearched: dict[str, list[str]] = {}  # page -> HTML in it that the search index leaves out
        self._page_markdown: Markdown | None = None  # reads every question page of a build (see _QuestionPage)
        self.rebuilds = Rebuilds()  # what a build under `mkdocs serve` keeps for the next
        self._cards: CardFiles | None = None  # the self-test's card data, made with the files
        self._plain: PlainList | None = None  # the self-test without a script, made with the files

    # ------------------------------------------------------------------ events

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined, so MkDocs keeps this plugin across the builds of one ``mkdocs serve``: a rebuild
        then renders only the question pages whose inputs changed (see :mod:`.rebuild`)."""
        self.rebuilds.serving = command == "serve"

    def on_shutdown(self) -> None:
        self.rebuilds.serving = False
        self.rebuilds.forget()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.markdown_extensions.append(self.blocks.extension())
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read the sources and the glossary, and render them once.

        This runs before MkDocs empties the site directory: bad input stops the build with
        the previous site still in place.
        """
        try:
            self.site, warnings = load_site(config, self.config)
        except InputError as exc:
            raise PluginError(str(exc)) from None
        if self.config.source and self.site.collections:
            # A document of the reader's own: the site is named after it, not after the seed. The
            # theme prints these unescaped in most places and escaped (``| e``) in others: as
            # ``Markup`` they are escaped once, for both.
            title = self.site.collections[0].title_text
            config.site_name = title_markup(title)
            config.site_description = title_markup(f"Study questions from {title}")
        if warnings and config.strict:
            # Stop here, before MkDocs writes a page: strict mode would only stop once the site is written.
            raise PluginError("\n".join(str(w) for w in warnings) + f"\n{len(warnings)} warning(s) in strict mode")
        for warning in warnings:
            log.warning(str(warning))
        self.rebuilds.start(config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Publish one page per question instead of the sources and the glossary data."""
        site = self._site()
        self._unsearched = {}
        self.blocks.pages.clear()  # a build that stopped half way may have left some
        glossary_files = [self.config.glossary]
        if site.glossary is None:
            glossary_files.append(self.config.glossary_page)
        sources = [col.source_uri for col in site.collections] + list(self.config.sources)
        for uri in sources + glossary_files:
            if uri and (file := files.get_file_from_path(uri)) is not None:
                files.remove(file)  # shown through the generated pages, not published raw
        if site.glossary is not None and (page := files.get_file_from_path(self.config.glossary_page)):
            # The edit button opens the data, where it is a file of docs/; a glossary derived
            # from the document, or one next to a document elsewhere, has no edit link.
            page.edit_uri = None if self.config.source else self.config.glossary
            self.blocks.quiet = {page.src_uri}  # a heading per term (see macros/plugin/stash.py)
        present = {f.src_uri for f in files.documentation_pages()}
        self.urls = {
            name: page_url(name, config.use_directory_urls) if name in present else ""
            for name in (SELF_TEST_PAGE, TAGS_PAGE, self.config.glossary_page)
        }
        if self.config.source:
            # The site's own pages are this project's, not the document's: their edit buttons would
            # open this repository's files.
            for file in files.documentation_pages():
                file.edit_uri = None
        our_nav = not config.nav
        here = self.urls[SELF_TEST_PAGE]
        self._cards = card_files(site, here) if here else None
        self._plain = plain_list(site, here) if here else None
        self._add_question_pages(files, config, titled=our_nav)
        self._add_study_files(files, config)
        for url, path in site.assets.items():  # files next to a document outside docs/ (images ...)
            if files.get_file_from_path(url) is None:
                files.append(File.generated(config, url, abs_src_path=str(path)))
        if our_nav:
            config.nav = navigation(site.collections, [f.src_uri for f in files.documentation_pages()])
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs) -> str:
        """Hand a question page its metadata (no front matter); mark the page whose blocks go in."""
        self.blocks.current = page.file.src_uri
        if (meta := self.meta.get(page.file.src_uri)) is not None:
            page.meta.update(meta)
        if self.rebuilds.serving:
            page.meta["template"] = kept_template(page.meta.get("template") or "main.html")
        return markdown

    def on_page_content(self, html: str, *, page: Page, **kwargs) -> str:
        """The anchors in a page's finished blocks, for MkDocs' checks of links to them."""
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(self.blocks.ids(page.file.src_uri))
        self.blocks.clear(page.file.src_uri)
        return html

    @event_priority(50)  # before the search plugin reads the page
    def _search_reads_less(self, context, *, page: Page, config: MkDocsConfig, **kwargs):
        """The search plugin reads a question page up to its answer only (see :func:`.before_answer`),
        and the glossary without its "Appears in" lists, which it would skip (``data-search-exclude``).
        Under ``mkdocs serve`` it does not read again a page it read in the last build (see
        :meth:`.Rebuilds.before_search`)."""
        uri, content = page.file.src_uri, page.content
        unsearched = self._unsearched.pop(uri, ())
        self.rebuilds.before_search(page, config.plugins, unsearched)
        if content and (unsearched or page.meta.get("qa_question")):
            self._full_content[uri] = content
            if page.meta.get("qa_question"):
                content = before_answer(content)
            page.content = _without(content, unsearched)
        # Material's search finds each section's heading in the table of contents by a linear
        # walk: on the glossary (a heading per term) that is quadratic. Without one, it links each
        # section to "#" + its id, which is what the table of contents' own links are.
        self._full_toc[uri] = page.toc
        page.toc = get_toc([])
        return context

    @event_priority(-50)  # after the search plugin has read it
    def _page_whole_again(self, context, *, page: Page, **kwargs):
        """The whole page again, as the search plugin leaves the pages it read."""
        uri = page.file.src_uri
        self.rebuilds.after_search(page)
        page.toc = self._full_toc.pop(uri, page.toc)
        full = self._full_content.pop(uri, None)
        if full is not None:
            page.content = self.rebuilds.restored(page, lambda: search_attributes_removed(full))
        return context

    @event_priority(-100)  # last: the context as the template will read it
    def _kept_page(self, context, *, page: Page, **kwargs):
        """Under ``mkdocs serve``, a page whose template inputs did not change since the last build
        is not rendered again (see :mod:`.rebuild`)."""
        self.rebuilds.before_template(context, page)
        return context

    on_page_context = CombinedEvent(_search_reads_less, _page_whole_again, _kept_page)

    @event_priority(100)  # first: the template's output, before any plugin changes it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.rebuilds.after_template(output, page)
        return output

    @event_priority(110)  # before any plugin loads a template (Material's tags plugin: 100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The list of keys, which the theme (``overrides/main.html``) writes into every page; under
        ``mkdocs serve``, the templates that hand back a page's kept HTML (see :mod:`.rebuild`)."""
        env.globals["qa_keys_data"] = Markup(keys_data_html())
        self.rebuilds.environment(env)
        return env

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """``mkdocs serve`` also watches a document outside docs/ (``source:``) and the glossary
        file it uses: an edit of either reloads the page."""
        if self.config.source:
            document = (Path(config.docs_dir) / self.config.source).resolve()
            server.watch(str(document))
            chosen = self.config.source_glossary
            glossaries = [document.with_name(document.stem + ".glossary.yml"), document.parent / "glossary.yml"]
            if chosen and chosen.lower() != "none":
                glossaries = [Path(config.docs_dir) / chosen]
            for path in glossaries:
                if path.is_file():
                    server.watch(str(path.resolve()))
        return server

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep answers out of search results (see :mod:`.searchindex`), serve the site's own
        scripts and styles minified (:mod:`.minify`); with ``pdf: true``, write the PDF book into the site."""
        self._study_search_index(config)
        minify_served(config.site_dir)
        if self.rebuilds.serving:
            log.info(self.rebuilds.summary())
        bundle_selftest(config.site_dir)
        site = self._site()
        if not self.config.pdf or not site.collections:
            return
        info = BookInfo(
            title=_plain(config.site_name) if len(site.collections) > 1 else "",
            author=config.site_author or "",
            language=config.theme.get("language") or "en",
            date=build_date(),
            version=build_version(Path(config.config_file_path or "mkdocs.yml").parent),
        )
        out = Path(config.site_dir) / pdf_name(site.collections)
        try:
            result = write_book(site, out, info=info, base_dir=config.docs_dir)
        except BookError as exc:
            raise PluginError(f"PDF book: {exc}") from None
        log.info(f"PDF book: {result.path.name}, {result.pages} pages, {result.size // 1024} KiB")

    # ------------------------------------------------------------------ macros (see macros/__init__.py)

    def home_markdown(self, page_uri: str) -> str:
        links = {
            label: self.urls[name]
            for label, name in (
                ("Glossary", self.config.glossary_page),
                ("Topics", TAGS_PAGE),
                ("Self-test", SELF_TEST_PAGE),
            )
            if self.urls.get(name)
        }
        if self.config.pdf and self._site().collections:
            links["Download PDF"] = pdf_name(self._site().collections)  # written by on_post_build
        return home_markdown(self._site(), self._put(page_uri), links)

    def glossary_markdown(self, page_uri: str) -> str:
        site = self._site()
        if site.glossary is None:
            raise PluginError("the glossary() macro needs plugins: qa: glossary in mkdocs.yml")
        unsearched = self._unsearched.setdefault(page_uri, []).append
        return glossary_markdown(
            site, site.glossary, self._put(page_uri), self.urls[self.config.glossary_page], unsearched
        )

    def self_test_markdown(self, page_uri: str) -> str:
        if page_uri != SELF_TEST_PAGE or self._cards is None:
            raise PluginError(f"the self_test() macro belongs on docs/{SELF_TEST_PAGE}, not docs/{page_uri}")
        here = self.urls[SELF_TEST_PAGE]
        return selftest_markdown(
            self._site(),
            self._put(page_uri),
            here=here,
            anki_url=ANKI_PATH,
            cards_url=self._cards.index,
            plain=self._plain,
        )

    # ------------------------------------------------------------------ helpers

    def _site(self) -> Site:
        if self.site is None:
            raise PluginError("the qa plugin ran before its on_pre_build event")
        return self.site

    def _put(self, page_uri: str):
        return lambda html, ids: self.blocks.put(page_uri, html, ids)

    def _study_search_index(self, config: MkDocsConfig) -> None:
        """One entry per question page in Material's search index, its answer in a field that
        search finds and never shows (see :mod:`.searchindex`)."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return  # no search plugin, or it is disabled
        site = self._site()
        questions = {}
        for question in site.questions:
            body = site.body(question)
            url = page_url(question.src_uri, config.use_directory_urls)
            questions[url] = IndexedQuestion(body.text if body else "", site.answer(question).text)
        data = study_index(json.loads(path.read_text(encoding="utf-8")), questions)
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")  # as Material writes it

    def _topic_href(self, config: MkDocsConfig):
        """A topic's link on the Topics page (from the site root), as Material's tags plugin makes it."""
        tags = config.plugins.get("material/tags") or config.plugins.get("tags")
        page = self.urls.get(TAGS_PAGE)
        if tags is None or not page:
            return None
        options = tags.config
        slugify, separator, form = options.tags_slugify, options.tags_slugify_separator, options.tags_slugify_format
        return lambda name: f"{page}#{form.format(slug=slugify(name, separator))}"

    def _add_question_pages(self, files: Files, config: MkDocsConfig, *, titled: bool) -> None:
        """One generated page per question; its edit button opens the source document.

        With the navigation ours (``titled``), each page is a :class:`_QuestionPage` titled
        as the navigation titles it; a navigation written in ``mkdocs.yml`` makes the pages
        itself, the MkDocs way.
        """
        site = self._site()
        self.meta = {}
        self._page_markdown = None  # mkdocs.yml may have changed (mkdocs serve)
        topic_href = self._topic_href(config)
        for question in site.questions:
            uri = question.src_uri
            if files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"{question.collection.path}:{question.line}: the page of question {question.label} "
                    f"would replace docs/{uri}: rename that file"
                )
            meta, content = question_page(
                site,
                question,
                self._put(uri),
                selftest_url=self.urls[SELF_TEST_PAGE] or None,
                card_anchors=self._plain is None or self._plain.every,
                topic_href=topic_href,
            )
            meta["qa_order"] = len(self.meta)  # its place in the site (the Topics page sorts by it)
            file = File.generated(config, uri, content=content)
            # A document outside docs/ is edited where its own repository says (source_edit_url), or nowhere.
            file.edit_uri = question.collection.source_uri or self.config.source_edit_url or None
            files.append(file)
            if titled:
                _QuestionPage(title_markup(question.label), file, config, lambda p: self._convert(p, config))
            self.meta[uri] = meta

    def _convert(self, page: Page, config: MkDocsConfig) -> tuple[str, list]:
        """A question page's HTML and table of contents tokens (kept from the last build under
        ``mkdocs serve`` when its Markdown and finished HTML did not change)."""
        uri = page.file.src_uri

        def convert() -> tuple[str, list]:
            if self._page_markdown is None:
                self._page_markdown = Markdown(
                    extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
                )
            md = self._page_markdown
            md.reset()
            html = md.convert(page.markdown)
            return html, getattr(md, "toc_tokens", [])

        return self.rebuilds.convert(uri, page.markdown, self.blocks.pages.get(uri, ()), convert)

    def _add_study_files(self, files: Files, config: MkDocsConfig) -> None:
        """The self-test's card data and the Anki deck (a package and a text file) next to the
        self-test page; a placeholder for the PDF (written last)."""
        site = self._site()
        wanted = {}
        if self._cards is not None:
            wanted.update({path: ("the self-test's card data", data) for path, data in self._cards.files.items()})
            wanted[APKG_PATH] = ("the Anki package of the self-test", anki_package(site, deck=_plain(config.site_name)))
            wanted[ANKI_PATH] = ("the Anki deck of the self-test", anki_tsv(site, deck=_plain(config.site_name)))
        if self.config.pdf and site.collections:
            wanted[pdf_name(site.collections)] = ("the PDF book", b"")
        for uri, (what, content) in wanted.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"{what} would replace docs/{uri}: rename that file")
            files.append(File.generated(config, uri, content=content))


class _QuestionPage(Page):
    """A question page, read by one Python-Markdown instance for the whole build.

    MkDocs makes a new instance, with every extension of ``mkdocs.yml``, for each page, a
    cost that grows with the number of questions. A question
    page's Markdown is ours (its title, finished HTML and a heading; see
    :func:`macros.outputs.pages.question_page`) and holds no link for MkDocs to resolve or check, so
    one instance, with the same extensions and reset between pages, reads them all, to the
    same HTML and table of contents. The anchors MkDocs checks links against are its
    headings' (the finished HTML's are added in ``on_page_content``).
    """

    def __init__(
        self, title: str, file: File, config: MkDocsConfig, convert: Callable[[Page], tuple[str, list]]
    ) -> None:
        super().__init__(title, file, config)
        self._convert = convert

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        self.content, tokens = self._convert(self)
        self.toc = get_toc(tokens)
        self.present_anchor_ids = set(_ids(tokens))


def _without(content: str, pieces: list[str]) -> str:
    """``content`` without each of ``pieces``, which it holds in that order (the glossary's
    "Appears in" lists), in one pass: removing each from the whole page in turn was quadratic."""
    if not pieces:
        return content
    kept, start = [], 0
    for piece in pieces:
        found = content.find(piece, start)
        if found < 0:
            continue
        kept.append(content[start:found])
        start = found + len(piece)
    kept.append(content[start:])
    return "".join(kept)


def _plain(name: str) -> str:
    """The site's name as plain text (it is ``Markup`` when it comes from a document)."""
    return name.unescape() if isinstance(name, Markup) else str(name)


def _ids(tokens: list) -> list[str]:
    return [i for token in tokens for i in (token["id"], *_ids(token["children"]))]


def load_project(config_file: str | Path, **qa_options) -> tuple[MkDocsConfig, dict]:
    """A project's ``mkdocs.yml`` as MkDocs reads it, and the ``qa`` plugin's options
    (``qa_options`` override them): what the command-line scripts build from.

    Raises:
        InputError: the config cannot be read (one diagnostic at ``mkdocs.yml``).
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = Path(config_file)
    try:
        config = load_config(str(path))
    except ConfigurationError as exc:
        raise InputError([Diagnostic(path.name, 1, " ".join(str(exc).split()) or "invalid configuration")]) from None
    plugin = config.plugins.get("qa")
    if isinstance(plugin, QAPlugin):
        options = dict(plugin.config)
    else:  # a config without the plugin: its defaults
        defaults = QAConfig()
        defaults.validate()
        options = dict(defaults)
    options.update({k: v for k, v in qa_options.items() if v is not None})
    return config, options
