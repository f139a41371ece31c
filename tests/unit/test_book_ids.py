"""The PDF book holds every answer in one document: each answer's ids get its chapter's id in
front, and its links to them follow; links elsewhere are left alone."""

from __future__ import annotations

from macros.outputs.book import _own_ids


def test_ids_and_links_to_them_take_the_chapter_id():
    html = (
        '<h3 id="example">Example</h3><p><a href="#example">see</a>'
        '<sup id="fnref:1"><a href="#fn:1">1</a></sup> <a href="#term-gan">GAN</a>'
        ' <a href="#q-doc-2-other">other</a></p><li id="fn:1">note</li>'
    )
    out = _own_ids(html, "q-doc-1")
    assert 'id="q-doc-1:example"' in out
    assert 'href="#q-doc-1:example"' in out
    assert 'id="q-doc-1:fnref:1"' in out
    assert 'href="#q-doc-1:fn:1"' in out
    assert 'href="#term-gan"' in out  # the glossary's entry, not the answer's
    assert 'href="#q-doc-2-other"' in out  # another chapter


def test_html_without_ids_is_unchanged():
    html = '<p><a href="#x">x</a></p>'
    assert _own_ids(html, "q-doc-1") == html
