"""The page-level Python-Markdown parts, as input/expected pairs: finished HTML blocks kept out of
the parser, quiet permalinks, and the glossary linker used on its own (without the plugin)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import markdown

from macros.plugin.stash import Blocks

from ..conftest import ROOT


def render(blocks: Blocks, page: str, source: str) -> markdown.Markdown:
    md = markdown.Markdown(extensions=["toc", "attr_list", blocks.extension()])
    blocks.current = page
    md.html = md.convert(dedent(source).strip("\n"))
    return md


def test_a_block_goes_in_as_written_and_the_headings_around_it_stay_in_the_toc():
    blocks = Blocks(nonce="n0nce")
    heading = blocks.put("q.md", "What is <code>a</code> &amp; b?")
    block = blocks.put(
        "q.md", '<details id="answer"><summary>Answer</summary><p>*not* Markdown</p></details>', ["answer"]
    )
    md = render(blocks, "q.md", f"# {heading}\n\n{block}\n\n## Key terms")
    assert md.html == (
        '<h1 id="what-is-a-b">What is <code>a</code> &amp; b?</h1>\n'
        '<details id="answer"><summary>Answer</summary><p>*not* Markdown</p></details>\n'
        '<h2 id="key-terms">Key terms</h2>'
    )
    assert [t["name"] for t in md.toc_tokens] == ["What is a &amp; b?"]
    assert [t["name"] for t in md.toc_tokens[0]["children"]] == ["Key terms"]
    assert blocks.ids("q.md") == {"answer"}


def test_a_marker_goes_only_into_its_own_page_and_cannot_be_forged():
    blocks = Blocks(nonce="n0nce")
    marker = blocks.put("q.md", "<p>secret</p>")
    other = render(blocks, "other.md", marker)
    assert other.html == f"<p>{marker}</p>"  # another page: nothing of q.md's goes in
    forged = render(blocks, "q.md", "qa-block-guess-0-end")
    assert forged.html == "<p>qa-block-guess-0-end</p>"  # without the build's nonce it is text


def test_quiet_permalinks_are_named_by_aria_label():
    blocks = Blocks(nonce="n0nce", quiet={"glossary.md"})
    md = markdown.Markdown(extensions=[markdown.extensions.toc.TocExtension(permalink=True), blocks.extension()])
    blocks.current = "glossary.md"
    html = md.convert("### Attention")
    assert (
        html
        == '<h3 id="attention">Attention<a aria-label="Permanent link" class="headerlink" href="#attention">&para;</a></h3>'
    )


def test_the_glossary_linker_works_in_plain_python_markdown(tmp_path: Path):
    glossary = tmp_path / "glossary.yml"
    glossary.write_text(
        "terms:\n  - term: Attention\n    short: Weighs <all> positions.\n    aliases: [self-attention]\n",
        encoding="utf-8",
    )
    md = markdown.Markdown(
        extensions=["macros.render.linker"],
        extension_configs={"macros.render.linker": {"glossary": str(glossary), "url": "/g/"}},
    )
    assert md.convert("Self-attention and attention, `attention`.") == (
        '<p><a class="qa-term" href="/g/#attention" title="Weighs &amp;lt;all&amp;gt; positions.">Self-attention</a>'
        " and attention, <code>attention</code>.</p>"
    )


def test_the_sites_glossary_with_the_linker_alone():
    md = markdown.Markdown(
        extensions=["macros.render.linker"],
        extension_configs={
            "macros.render.linker": {"glossary": str(ROOT / "docs" / "glossary.yml"), "tooltips": False}
        },
    )
    html = md.convert("LoRA freezes base model weights.")
    assert html.startswith('<p><a class="qa-term" href="/glossary/#low-rank-adaptation">LoRA</a> freezes ')
