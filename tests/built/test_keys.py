"""The list of keys has one home (macros/outputs/keys.py): the question pages' hint line is
made from it, and every page carries it whole for the sheet that "?" opens (keys.js)."""

from __future__ import annotations

import json
from pathlib import Path

from macros.outputs.keys import KEYS, SHEET, hint_html, keys_data_html
from macros.render import markup

from ..helpers import soup


def test_the_hint_line_names_each_key_with_a_hint_and_opens_the_sheet():
    assert hint_html() == (
        '<p class="qa-keys-hint" data-search-exclude>Keys: <kbd>A</kbd> answer · <kbd>N</kbd> next · '
        '<kbd>P</kbd> previous · <button type="button" class="qa-keys-hint__all" data-qa-keys>'
        "all keys <kbd>?</kbd></button></p>"
    )
    hinted = [k for g in KEYS for k in g.keys if k.hint]
    assert [k.key for k in hinted] == ["A", "N", "P", SHEET]


def test_the_data_is_every_key_as_json_no_content_can_close():
    html = keys_data_html()
    assert html.startswith(f'<script type="application/json" id="{markup.KEYS_DATA_ID}">')
    text = html.split(">", 1)[1].removesuffix("</script>")
    assert "<" not in text
    data = json.loads(text)
    assert data == [{"where": g.where, "keys": [{"key": k.key, "does": k.does} for k in g.keys]} for g in KEYS]


def test_every_page_carries_the_list_of_keys(built_site: Path):
    pages = ["index.html", "404.html", "glossary/index.html", "self-test/index.html"]
    pages += [
        str(p.relative_to(built_site)) for p in sorted((built_site / "advanced-generative-ai-qa").glob("*/index.html"))
    ]
    missing = []
    for name in pages:
        found = soup(built_site / name).select(f"script#{markup.KEYS_DATA_ID}[type='application/json']")
        if len(found) != 1 or json.loads(found[0].get_text())[0]["where"] != KEYS[0].where:
            missing.append(name)
    assert missing == []
