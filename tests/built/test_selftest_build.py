"""The self-test page and the Anki deck, as built: every question, the card data the script
fetches, the deck Anki imports, the size budgets, and a question added to the source."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.outputs import minify
from macros.outputs.pages import question_page
from macros.outputs.selftest import anki, data
from macros.outputs.selftest import page as page_module
from macros.outputs.selftest.data import card_files
from macros.outputs.selftest.deck import anki_tsv
from macros.outputs.selftest.keypoints import key_points
from macros.outputs.selftest.page import plain_list, selftest_markdown
from macros.reading.glossary import load_glossary
from macros.reading.parser import parse_file, parse_text

from ..conftest import ROOT, SEED, mkdocs_build
from ..helpers import answer_text, card_data, copy_project, question_pages, read_package, seed_site, site_of, soup

SLUG = "advanced-generative-ai-qa"
SIZE_BUDGET = 25_000
"""Gzip bytes of the self-test's own JS and CSS and its scheduler library, as served.

The built site serves the scripts as one file (macros/outputs/minify.py, the sources keep
their comments), and the style as its own.
"""
PAGE_BUDGET = 60_000
"""Gzip bytes of the self-test page's HTML, whatever the size of the document (``make bench-selftest``)."""


def page(site: Path) -> BeautifulSoup:
    return soup(site / "self-test" / "index.html")


def deck_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """(header lines, records) of an Anki import file, read as Anki does: '#' lines first."""
    lines = text.split("\n")
    header = []
    while lines and lines[0].startswith("#"):
        header.append(lines.pop(0))
    return header, list(csv.reader(lines[:-1] if lines[-1] == "" else lines, delimiter="\t"))


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


# --------------------------------------------------------------------------- the page


def test_every_question_is_listed_as_a_link_to_its_page(built_site: Path):
    html = page(built_site)
    questions = parse_file(SEED).questions
    problems = []
    for q, target in zip(questions, question_pages(built_site), strict=True):
        item = html.select_one(f".qa-st-plain li#card-{SLUG}-{q.number}")
        if item is None or item.get_text(" ", strip=True) != f"{q.number}. {q.plain_title}":
            problems.append((q.number, "item"))
            continue
        if (built_site / "self-test" / item.a["href"] / "index.html").resolve() != target.resolve():
            problems.append((q.number, item.a["href"]))
    assert problems == []
    assert len(html.select(".qa-st-plain li")) == len(questions) == 10
    # The question page behind each link has the answer, collapsed.
    assert soup(question_pages(built_site)[4]).select_one("details#answer:not([open])") is not None


def test_the_page_holds_no_answer(built_site: Path):
    """Every answer was on the page three times (data, list, answer key): now in the card data."""
    text = page(built_site).select_one("article").get_text(" ")
    answers = {c["id"]: text_of(c["a"]) for c in card_data(built_site)["cards"]}
    assert "Wasserstein loss (WGAN)" in answers[f"{SLUG}/5"]
    found = [id for id, answer in answers.items() if answer[:60] in text]
    assert found == []


def test_the_page_without_script_and_in_print(built_site: Path):
    html = page(built_site)
    app = html.select_one("#qa-selftest")
    # Without JavaScript Material leaves <html class="no-js">, which hides the app's place.
    assert "no-js" in html.html["class"]
    css = (built_site / "stylesheets" / "selftest.css").read_text(encoding="utf-8")
    assert re.search(r"html\.no-js \.md-typeset \.qa-st\s*\{\s*display:\s*none", css)  # served minified
    assert app.get_text() == ""
    # It names the index of the card data, which the page asks the browser to fetch at once.
    index = app["data-qa-cards"]
    assert (built_site / "self-test" / index).is_file()
    preload = html.select_one("link[rel=preload][as=fetch]")
    assert (preload["href"], preload.has_attr("crossorigin")) == (index, True)
    assert "JavaScript is off" in html.select_one(".qa-st-nojs").get_text()
    # Print: the list is a worksheet; the answers are on the question pages.
    assert "prints with its answer open" in html.select_one(".qa-st-printed").get_text()
    assert re.search(r"@media print\{.*\.qa-st-list li\{padding-bottom:5em", css)


def test_the_page_stays_light_and_lists_sections_past_its_budget(monkeypatch):
    site = seed_site()
    listed = plain_list(site, "self-test/")
    assert listed.every
    assert listed.ids == [f"card-{SLUG}-{n}" for n in range(1, 11)]
    assert len(gzip.compress(listed.html.encode(), 6)) <= page_module.LIST_BUDGET
    # A document whose list would be heavier lists its sections, each a link to the home page's.
    monkeypatch.setattr(page_module, "LIST_BUDGET", 100)
    sections = plain_list(site, "self-test/")
    assert (sections.every, sections.ids) == (False, [])
    links = BeautifulSoup(sections.html, "html.parser").select("li a")
    assert [a["href"] for a in links] == ["../"]  # the seed has one untitled section
    assert "(10 questions)" in sections.html
    blocks = []
    body = selftest_markdown(
        site,
        lambda h, ids: blocks.append(h) or "",
        here="self-test/",
        anki_url=None,
        cards_url="x.json",
        plain=sections,
    )
    assert len(gzip.compress((body + "".join(blocks)).encode(), 6)) < PAGE_BUDGET / 10
    # Its question pages then link their card by a query, not a fragment the page lacks.
    question = site.studied[0]
    _, markdown = question_page(site, question, lambda h, ids: h, selftest_url="self-test/", card_anchors=False)
    assert f'href="../../self-test/?card=card-{SLUG}-1"' in markdown


def test_card_data_comes_in_files_named_by_their_bytes(monkeypatch):
    site = seed_site()
    files = card_files(site, "self-test/")
    assert files.index in files.files
    for path, body in files.files.items():
        _, digest, ext = path.rsplit("/", 1)[1].rsplit(".", 2)
        assert (digest, ext) == (hashlib.sha256(body).hexdigest()[:12], "json"), path
    index = json.loads(files.files[files.index])
    assert len(index["files"]) == 1, "the seed's ten answers fit one file"
    # The same sources give the same names: a reader's browser keeps what has not changed.
    assert card_files(seed_site(), "self-test/").files.keys() == files.files.keys()
    # A smaller file size: consecutive cards in each, every card in the file its index names.
    monkeypatch.setattr(data, "CHUNK_BYTES", 2500)
    small = card_files(site, "self-test/")
    index = json.loads(small.files[small.index])
    assert len(index["files"]) > 3
    held = {}
    for k, name in enumerate(index["files"]):
        cards = json.loads(small.files[f"self-test/cards/{name}"])["cards"]
        held.update(dict.fromkeys(cards, k))
    assert held == {c["id"]: c["f"] for c in index["cards"]}
    assert [c["f"] for c in index["cards"]] == sorted(c["f"] for c in index["cards"])


def test_card_data_has_every_card_and_links_that_resolve(built_site: Path):
    found = card_data(built_site)
    questions = parse_file(SEED).questions
    assert found["path"].parent == (built_site / "self-test" / "cards").resolve()
    assert [c["id"] for c in found["cards"]] == [f"{SLUG}/{q.number}" for q in questions]
    assert [c["anchor"] for c in found["cards"]] == [f"card-{SLUG}-{q.number}" for q in questions]
    here = built_site / "self-test"
    for card, question in zip(found["cards"], questions, strict=True):
        assert card["title"] == question.plain_title
        target = (here / card["href"] / "index.html").resolve()
        assert target.is_file(), card["href"]
        assert soup(target).h1.get_text().rstrip("¶") == question.plain_title
        assert card["points"] == key_points(card["a"])
        assert text_of(card["a"]).startswith(answer_text(question.answer)[:40])
        lost = sorted(
            w for w in set(re.findall(r"\w+", question.answer)) if w not in set(re.findall(r"\w+", text_of(card["a"])))
        )
        assert lost == [], (question.number, lost)
    cards = found["cards"]
    assert cards[3]["points"][1].startswith("<strong>VAEs</strong>")
    # Each card carries the glossary topics of its question (study by topic).
    assert cards[0]["topics"] == [
        "Autoencoders and VAEs",
        "Diffusion models",
        "Transformers and language models",
    ]
    topics = {t.topic for t in load_glossary(ROOT / "docs" / "glossary.yml").terms.values() if t.topic}
    assert {t for c in cards for t in c["topics"]} <= topics
    assert all(c["topics"] == sorted(c["topics"]) for c in cards)


def test_key_points_of_the_seed(built_site: Path):
    points = {c["n"]: [text_of(p) for p in c["points"]] for c in card_data(built_site)["cards"]}
    # Question 1 lists the three model families; question 3 five limitations.
    assert [re.split(r" \(|:", b)[0] for b in points[1]] == [
        "Autoregressive models",
        "Autoencoding models",
        "Diffusion models",
    ]
    assert points[3][1] == "Hallucination (confidently incorrect outputs)"
    assert len(points[3]) == 5
    # Question 2 is one sentence: its two clauses. Question 5 opens with a sentence, then a list.
    assert points[2] == [
        "Classifier-free guidance combines the outputs of a conditional and an unconditional model during sampling "
        "to steer generation toward desired outputs without requiring an external classifier",
        "improving image/text quality and control.",
    ]
    assert points[5][0] == "Mode collapse occurs when the generator produces limited types of outputs."
    assert "mitigated by" not in " ".join(points[5]), "the lead-in into the list is no point"
    assert len(points[5]) == 4
    assert all(2 <= len(p) <= 8 for p in points.values()), points


def test_term_quiz_data_covers_the_glossary(built_site: Path):
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    found = card_data(built_site)
    terms = {t["id"]: t for t in found["terms"]}
    assert set(terms) == set(glossary.terms)
    glossary_ids = {el["id"] for el in soup(built_site / "glossary" / "index.html").select("article [id]")}
    assert (built_site / "self-test" / found["glossary"] / "index.html").resolve() == (
        built_site / "glossary" / "index.html"
    )
    assert set(terms) <= glossary_ids, "each right answer links to its glossary entry"
    elbo = terms["evidence-lower-bound"]
    # Distractors come from the related terms first, then from the rest of the topic, never one
    # whose definition says the asked term ("a VAE ... maximizes the ELBO" gives the ELBO away).
    assert elbo["related"] == ["kl-divergence", "likelihood"]
    assert elbo["x"] == ["variational-autoencoder"]
    same_topic = {t.id for t in glossary.terms.values() if t.topic == "Autoencoders and VAEs"}
    assert set(elbo["topic"]) == same_topic - {"evidence-lower-bound", *elbo["related"], *elbo["x"]}
    assert "unrolled-gan" in terms["mode-collapse"]["x"]  # "... to avoid mode collapse"
    # A definition that says its own term's name or an alias is marked: the quiz never shows it.
    own = {t["id"] for t in found["terms"] if t.get("own")}
    assert "gpt" in own
    assert not own & {"low-rank-adaptation", "retrieval-augmented-generation", "kl-divergence"}  # no label first
    for item in found["terms"]:  # every definition that says a term's name is kept away from it
        names = [n.lower().replace("-", " ") for n in glossary.terms[item["id"]].names]
        saying = {
            other["id"]
            for other in found["terms"]
            if other["id"] != item["id"]
            and any(
                re.search(rf"(?<!\w){re.escape(n)}(?:e?s)?(?!\w)", other["def"].lower().replace("-", " "))
                for n in names
            )
        }
        assert saying <= set(item.get("x", [])), item["id"]
        assert not saying & {*item["related"], *item["topic"]}, item["id"]
    for item in found["terms"]:
        term = glossary.terms[item["id"]]
        assert item["def"] == term.short, "shown whole: never a stub with the name cut out"
        names = [n.lower().replace("-", " ") for n in term.names]
        shown = item["def"].lower().replace("-", " ")
        says = any(re.search(rf"(?<!\w){re.escape(n)}(?:e?s)?(?!\w)", shown) for n in names)
        assert says == (item["id"] in own), item["id"]
    assert "…" not in "".join(t["def"] for t in found["terms"])
    assert len(own) < len(terms) / 4, "most terms stay in the quiz"
    # What the index says of them before they are fetched: the glossary cards, the quiz's terms.
    assert found["index"]["termCards"] == 2 * len(terms) - len(own)
    assert found["index"]["quiz"] == len(terms) - len(own)


def test_question_pages_carry_a_status_line_linking_their_card(built_site: Path):
    ids = {c["id"] for c in card_data(built_site)["cards"]}
    found = []
    for p in question_pages(built_site):
        html = soup(p)
        status = html.select_one("article p.qa-selftest-status")
        assert status is not None, p.parent.name
        # Without JavaScript it already reads "not studied yet" and links the flashcard.
        assert status.get_text().startswith("Self-test: not studied yet · practise this card")
        card = status["data-qa-card"]
        assert status.a["href"] == "../../self-test/#card-" + card.replace("/", "-")
        assert status.find_previous_sibling("p")["class"] == ["qa-eyebrow"]
        found.append(card)
    assert sorted(found) == sorted(ids)


def test_home_links_the_self_test_and_search_leaves_it_out(built_site: Path):
    home = soup(built_site / "index.html")
    assert home.find("a", string="Self-test")["href"].rstrip("/").endswith("self-test")
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("self-test/")]


def self_test_gzip_bytes(site: Path) -> dict[str, int]:
    """Gzip bytes of what the self-test page fetches besides Material's: its scripts, as one
    file, and its style."""
    return {
        name: len(gzip.compress((site / name).read_bytes(), compresslevel=9))
        for name in (minify.BUNDLE, "stylesheets/selftest.css")
    }


def test_own_script_and_style_with_the_scheduler_fit_the_size_budget_and_call_nothing_outside(built_site: Path):
    sizes = self_test_gzip_bytes(built_site)
    assert sum(sizes.values()) <= SIZE_BUDGET, sizes
    blob = b"".join((built_site / name).read_bytes() for name in sizes)
    assert not re.search(rb"https?://|//cdn|@import|url\(", blob)
    # The bundle is its parts as served, in order: the library, the scheduler and the reading
    # of progress, then the self-test, its app last; every script of the self-test is in it.
    parts = [(built_site / name).read_text(encoding="utf-8").strip() for name in minify.BUNDLED]
    assert (built_site / minify.BUNDLE).read_text(encoding="utf-8") == ";\n".join(parts) + "\n"
    assert minify.BUNDLED[:3] == (
        "javascripts/vendor/ts-fsrs/ts-fsrs.min.js",
        "javascripts/srs.js",
        "javascripts/srs-read.js",
    )
    assert minify.BUNDLED[-1] == "javascripts/selftest/app.js"
    served = sorted(
        p.relative_to(built_site).as_posix() for p in (built_site / "javascripts" / "selftest").glob("*.js")
    )
    assert sorted(f for f in minify.BUNDLED if f.startswith("javascripts/selftest/")) == served
    # The loader fetches the bundle; no page names a script of the self-test.
    loader = (built_site / "javascripts" / "loader.js").read_text(encoding="utf-8")
    assert f'"{minify.BUNDLE.removeprefix("javascripts/")}"' in loader
    scripts = [s["src"] for s in page(built_site).find_all("script", src=True)]
    assert any(s.endswith("javascripts/loader.js") for s in scripts)
    assert not [
        s for s in scripts if any(s.endswith(f.removeprefix("javascripts")) for f in (minify.BUNDLE, *minify.BUNDLED))
    ]


def test_the_scheduler_library_ships_with_its_licence(built_site: Path):
    vendor = built_site / "javascripts" / "vendor" / "ts-fsrs"
    assert sorted(p.name for p in vendor.iterdir()) == ["LICENSE", "ts-fsrs.min.js"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/ts-fsrs"]["version"]
    banner = (vendor / "ts-fsrs.min.js").read_text(encoding="utf-8").split("\n", 1)[0]
    assert banner.startswith(f"/*! ts-fsrs {version} (MIT licence, see LICENSE beside this file)")
    licence = (vendor / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "Open Spaced Repetition" in licence


# --------------------------------------------------------------------------- the Anki deck


def test_self_test_page_offers_the_deck_with_import_instructions(built_site: Path):
    line = page(built_site).select_one("p.qa-st-anki")
    package = line.find("a", string="download the deck")
    assert package.has_attr("download")
    assert package["href"] == "anki-deck.apkg"
    assert (built_site / "self-test" / package["href"]).is_file()
    text = line.find("a", string="text file")
    assert text["href"] == "anki-deck.txt"
    assert (built_site / "self-test" / text["href"]).is_file()
    assert "File › Import" in line.get_text()


def package_ids(package: dict) -> dict:
    return {
        "notes": {n["guid"]: n["id"] for n in package["notes"]},
        "cards": {c["nid"]: c["id"] for c in package["cards"]},
        "decks": {c["did"] for c in package["cards"]},
        "models": {n["mid"] for n in package["notes"]},
    }


def test_anki_package_holds_one_note_per_question_with_stable_ids(built_site: Path):
    package = read_package(built_site / "self-test" / "anki-deck.apkg")
    assert package["names"] == ["collection.anki2", "media"]
    assert package["media"] == {}
    questions = sorted(parse_file(SEED).questions, key=lambda q: f"{q.number}. {q.plain_title}")
    data = {c["id"]: c for c in card_data(built_site)["cards"]}
    assert len(package["notes"]) == len(questions) == 10
    model = package["models"][str(anki.model_id())]
    assert [f["name"] for f in model["flds"]] == ["Question", "Answer", "Key points"]
    deck = package["decks"][str(anki.deck_id("Advanced Generative AI – Study Guide"))]
    assert deck["name"] == "Advanced Generative AI – Study Guide"
    for note, q in zip(package["notes"], questions, strict=True):
        card_id = f"{SLUG}/{q.number}"
        assert note["guid"] == f"qa-study:{card_id}", "the text deck's GUID: either file updates the same note"
        assert note["mid"] == anki.model_id()
        question, answer, points = note["flds"].split("\x1f")
        assert text_of(question) == f"{q.number}. {q.plain_title}"
        assert set(re.findall(r"\w+", q.answer)) <= set(re.findall(r"\w+", text_of(answer))), q.number
        listed = [text_of(str(li)) for li in BeautifulSoup(points, "html.parser").select("ul > li")]
        assert listed == [text_of(p) for p in data[card_id]["points"]]
        assert BeautifulSoup(answer, "html.parser").find("a") is None, "no links inside Anki"
        assert SLUG in note["tags"].split()
    assert "topic::diffusion-models" in package["notes"][0]["tags"].split()
    # One card per note, new, in the site's deck; ids derived from the questions' ids.
    assert sorted(c["nid"] for c in package["cards"]) == sorted(n["id"] for n in package["notes"])
    assert {c["did"] for c in package["cards"]} == {int(next(iter(k for k in package["decks"] if k != "1")))}
    assert {(c["ord"], c["queue"]) for c in package["cards"]} == {(0, 0)}
    assert len({n["id"] for n in package["notes"]}) == 10
    assert all(c["id"] == c["nid"] + 1 for c in package["cards"])
    # The package is the same file whenever the sources are the same.
    assert (
        anki.anki_package(seed_site(), deck="Advanced Generative AI – Study Guide")
        == (built_site / "self-test" / "anki-deck.apkg").read_bytes()
    )


def test_anki_deck_has_one_note_per_question(built_site: Path):
    text = (built_site / "self-test" / "anki-deck.txt").read_text(encoding="utf-8")
    header, rows = deck_rows(text)
    assert header[:2] == ["#separator:tab", "#html:true"]
    assert "#notetype:Basic" in header
    assert "#guid column:1" in header
    assert "#tags column:4" in header
    assert "#columns:GUID\tFront\tBack\tTags" in header
    questions = parse_file(SEED).questions
    assert len(rows) == len(questions)
    for row, q in zip(rows, questions, strict=True):
        assert len(row) == 4, row
        guid, front, back, tags = row
        assert guid == f"qa-study:{SLUG}/{q.number}"
        assert text_of(front) == f"{q.number}. {q.plain_title}"
        words = set(re.findall(r"\w+", q.answer))
        assert words <= set(re.findall(r"\w+", text_of(back))), q.number
        assert SLUG in tags.split()
    # Answers are HTML: question 1 is a list of three items.
    assert len(BeautifulSoup(rows[0][2], "html.parser").select("ul > li")) == 3
    assert "topic::diffusion-models" in rows[0][3].split()


def test_anki_tags_per_section_and_fields_on_one_line():
    source = """# Book

## Networking

### 1. What is a "socket"?
**Answer:**
An endpoint:

```
a	tab
and "quotes"
```

## Storage

### 2. What is RAID?
**Answer:**
- Redundancy
- Striping
"""
    collection = parse_text(source, "docs/book.md")
    header, rows = deck_rows(anki_tsv(site_of(collection), deck="My\tdeck\nname"))
    assert "#deck:My deck name" in header
    assert [r[3] for r in rows] == ["book book::networking", "book book::storage"]
    assert [len(r) for r in rows] == [4, 4]
    front, back = rows[0][1], rows[0][2]
    assert text_of(front) == '1. What is a "socket"?'
    # The code block keeps its line breaks as <br>, so the record stays on one line.
    assert "\n" not in back
    assert back.count("<br>") == 2
    assert BeautifulSoup(back, "html.parser").find("a") is None  # no links (line anchors) in a card
    assert BeautifulSoup(back, "html.parser").pre.get_text() == 'a   taband "quotes"'  # Markdown expands tabs


# --------------------------------------------------------------------------- safety


def test_hostile_text_stays_text_on_the_page_and_in_the_card_data():
    hostile = "Does </div></script><!-- <b>x</b> & &amp; <script>alert(1)</script> break it?"
    collection = parse_text(f"# T\n\n## 1. {hostile}\n**Answer:**\n- {hostile}\n- two\n", "docs/t.md")
    site = site_of(collection)
    blocks: list[str] = []
    files = card_files(site, "self-test/")
    selftest_markdown(
        site, lambda h, ids: blocks.append(h) or "", here="self-test/", anki_url=None, cards_url=files.index
    )
    html = BeautifulSoup("\n".join(blocks), "html.parser")
    index = json.loads(files.files[files.index])
    [name] = index["files"]
    card = json.loads(files.files[f"self-test/cards/{name}"])["cards"][index["cards"][0]["id"]]
    assert index["cards"][0]["title"] == collection.questions[0].plain_title
    # As GitHub shows it: the stray closing tags and the script go, the unclosed comment is
    # text, <b> is bold; the data holds the answer whole.
    assert "<script" not in card["a"]
    assert text_of(card["a"]).startswith("Does <!-- x & & break it?")
    assert text_of(card["a"]).endswith("break it? two")
    assert [text_of(p) for p in card["points"]][1] == "two"
    # Bold in the list's link, nothing else made of it.
    assert [b.get_text() for b in html.find_all("b")] == ["x"]
    assert " ".join(html.select_one(".qa-st-plain li").get_text().split()) == "1. Does <!-- x & & break it?"
    assert html.find("script") is None, "nothing on the page runs"


# --------------------------------------------------------------------------- adding a question


# Slow: a build of its own.
@pytest.mark.slow
def test_a_question_added_to_the_source_appears_in_the_self_test_and_the_deck(tmp_path: Path, built_site: Path):
    config = copy_project(tmp_path / "project")
    source = tmp_path / "project" / "docs" / "advanced-generative-ai-qa.md"
    source.chmod(0o644)
    source.write_text(
        SEED.read_text(encoding="utf-8")
        + "\n---\n\n## 11. Why does RLHF need a reward model {{ here }}?\n**Answer:**\n"
        "- It turns human preferences into a signal\n- It scores samples the humans never saw\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(site, config)
    assert result.returncode == 0, result.stderr
    item = page(site).select_one(f"li#card-{SLUG}-11")
    assert item is not None
    assert item.get_text() == "11. Why does RLHF need a reward model {{ here }}?"
    cards = card_data(site)["cards"]
    assert [text_of(p) for p in cards[-1]["points"]] == [
        "It turns human preferences into a signal",
        "It scores samples the humans never saw",
    ]
    assert len(cards) == 11
    assert cards[-1]["title"] == "Why does RLHF need a reward model {{ here }}?"
    assert (site / "self-test" / cards[-1]["href"] / "index.html").resolve().is_file()
    _, rows = deck_rows((site / "self-test" / "anki-deck.txt").read_text(encoding="utf-8"))
    assert len(rows) == 11
    assert rows[-1][0] == f"qa-study:{SLUG}/11"
    assert "It scores samples the humans never saw" in text_of(rows[-1][2])
    # A newer package: the ten notes keep their GUIDs and ids (Anki updates them), in the
    # same deck and note type; the new one is added; its notes are newer.
    before = read_package(built_site / "self-test" / "anki-deck.apkg")
    after = read_package(site / "self-test" / "anki-deck.apkg")
    old, new = package_ids(before), package_ids(after)
    assert {g: new["notes"][g] for g in old["notes"]} == old["notes"]
    assert set(new["notes"]) - set(old["notes"]) == {f"qa-study:{SLUG}/11"}
    assert {n: new["cards"][n] for n in old["cards"]} == old["cards"]
    assert (new["decks"], new["models"]) == (old["decks"], old["models"])
    assert min(n["mod"] for n in after["notes"]) >= max(n["mod"] for n in before["notes"])
    shutil.rmtree(site)


def test_the_served_scripts_are_the_sources_minified_once(built_site: Path, tmp_path: Path):
    from macros.outputs.minify import minified, minify_served

    names = minified(built_site)
    docs = ROOT / "docs"
    own = [*(docs / "javascripts").rglob("*.js"), *(docs / "stylesheets").rglob("*.css")]
    # every script and style of the site's own: the vendored libraries come minified
    assert sorted(names) == sorted(p.relative_to(docs).as_posix() for p in own if "vendor" not in p.parts)
    assert {"javascripts/srs.js", "javascripts/selftest/app.js", "stylesheets/selftest.css"} <= set(names)
    sources = served = 0
    for name in names:
        source = (ROOT / "docs" / name).read_text(encoding="utf-8")
        text = (built_site / name).read_text(encoding="utf-8")
        assert "/*" in source, name  # the comments stay in the sources only
        assert "/*" not in text, name
        sources, served = sources + len(source), served + len(text)
        copy = tmp_path / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text, encoding="utf-8")
    assert served < 0.8 * sources
    assert minify_served(tmp_path) == names
    assert all(
        (tmp_path / n).read_text(encoding="utf-8") == (built_site / n).read_text(encoding="utf-8") for n in names
    )
