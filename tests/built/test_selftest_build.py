"""The self-test page and the Anki deck, as built: every question, the data the script
reads, the deck Anki imports, the size budget, and a question added to the source."""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from macros.outputs.selftest import anki
from macros.outputs.selftest.deck import anki_tsv
from macros.outputs.selftest.keypoints import key_points
from macros.outputs.selftest.page import selftest_markdown
from macros.reading.glossary import load_glossary
from macros.reading.parser import parse_file, parse_text

from ..conftest import ROOT, SEED, mkdocs_build
from ..helpers import answer_text, copy_project, question_pages, read_package, seed_site, site_of, soup

SLUG = "advanced-generative-ai-qa"
SIZE_BUDGET = 25_000
"""Gzip bytes of the self-test's own JS and CSS and its scheduler library, as served one by one.

The built site serves them without comments and spaces (macros/outputs/minify.py; the
sources keep them). Each script is compressed on its own, so each file the self-test is
split into costs a few hundred bytes more than one file would.
"""


def page(site: Path) -> BeautifulSoup:
    return soup(site / "self-test" / "index.html")


def data_of(html: BeautifulSoup) -> dict:
    return json.loads(html.select_one("#qa-selftest-data").get_text())


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


def test_every_question_is_listed_with_a_closed_answer(built_site: Path):
    html = page(built_site)
    questions = parse_file(SEED).questions
    problems = []
    for q in questions:
        heading = html.select_one(f"h3#card-{SLUG}-{q.number}")
        if heading is None or heading.get_text(" ", strip=True) != f"{q.number}. {q.plain_title}":
            problems.append((q.number, "heading"))
            continue
        details = heading.find_next("details")
        if details is None or details.has_attr("open") or details.summary.get_text() != "Answer":
            problems.append((q.number, "answer"))
    assert problems == []
    assert len(html.select(".qa-st-plain details")) == len(questions) == 10


def test_every_answer_word_is_in_its_collapsible_answer(built_site: Path):
    html = page(built_site)
    missing = {}
    for q in parse_file(SEED).questions:
        text = html.select_one(f"h3#card-{SLUG}-{q.number}").find_next("details").get_text(" ")
        lost = sorted(
            w for w in set(re.findall(r"\w+", q.answer)) if not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)
        )
        if lost:
            missing[q.number] = lost
    assert missing == {}


def test_key_points_checklist_has_one_box_per_point(built_site: Path):
    html = page(built_site)

    def boxes(number: int) -> list[str]:
        details = html.select_one(f"h3#card-{SLUG}-{number}").find_next("details")
        return [" ".join(label.get_text().split()) for label in details.select(".qa-st-check label")]

    # Question 1 lists the three model families; question 3 five limitations.
    assert [re.split(r" \(|:", b)[0] for b in boxes(1)] == [
        "Autoregressive models",
        "Autoencoding models",
        "Diffusion models",
    ]
    assert boxes(3)[1] == "Hallucination (confidently incorrect outputs)"
    assert len(boxes(3)) == 5
    # Question 2 is one sentence: its two clauses. Question 5 opens with a sentence, then a list.
    assert boxes(2) == [
        "Classifier-free guidance combines the outputs of a conditional and an unconditional model during sampling "
        "to steer generation toward desired outputs without requiring an external classifier",
        "improving image/text quality and control.",
    ]
    assert boxes(5)[0] == "Mode collapse occurs when the generator produces limited types of outputs."
    assert "mitigated by" not in " ".join(boxes(5)), "the lead-in into the list is no point"
    assert len(boxes(5)) == 4
    for number in range(1, 11):
        assert len(boxes(number)) >= 2, number


def test_the_page_without_script_and_in_print(built_site: Path):
    html = page(built_site)
    app = html.select_one("#qa-selftest")
    # Without JavaScript Material leaves <html class="no-js">, which hides the app's place.
    assert "no-js" in html.html["class"]
    css = (built_site / "stylesheets" / "selftest.css").read_text(encoding="utf-8")
    assert re.search(r"html\.no-js \.md-typeset \.qa-st\s*\{\s*display:\s*none", css)  # served minified
    assert app.get_text() == ""
    assert app.find_next_sibling("div")["id"] == "qa-selftest-data"
    assert html.select_one("#qa-selftest-data").has_attr("hidden")
    assert "JavaScript is off" in html.select_one(".qa-st-nojs").get_text()
    # Print: ruled space under each question, then an answer key with every answer.
    assert len(html.select(".qa-st-plain .qa-st-lines")) == 10
    key = html.select_one(".qa-st-key")
    assert key.h2.get_text() == "Answer key"
    assert "Wasserstein loss (WGAN)" in key.get_text()
    assert len(key.select("h3")) == 10


def test_embedded_data_has_every_card_and_links_that_resolve(built_site: Path):
    html = page(built_site)
    data = data_of(html)
    questions = parse_file(SEED).questions
    assert [c["id"] for c in data["cards"]] == [f"{SLUG}/{q.number}" for q in questions]
    assert [c["anchor"] for c in data["cards"]] == [f"card-{SLUG}-{q.number}" for q in questions]
    here = built_site / "self-test"
    for card, question in zip(data["cards"], questions, strict=True):
        assert card["title"] == question.plain_title
        target = (here / card["href"] / "index.html").resolve()
        assert target.is_file(), card["href"]
        assert soup(target).h1.get_text().rstrip("¶") == question.plain_title
        assert card["points"] == key_points(card["a"])
        assert text_of(card["a"]).startswith(answer_text(question.answer)[:40])
    assert data["cards"][3]["points"][1].startswith("<strong>VAEs</strong>")
    # Each card carries the glossary topics of its question (study by topic).
    assert data["cards"][0]["topics"] == [
        "Autoencoders and VAEs",
        "Diffusion models",
        "Transformers and language models",
    ]
    topics = {t.topic for t in load_glossary(ROOT / "docs" / "glossary.yml").terms.values() if t.topic}
    assert {t for c in data["cards"] for t in c["topics"]} <= topics
    assert all(c["topics"] == sorted(c["topics"]) for c in data["cards"])


def test_term_quiz_data_covers_the_glossary(built_site: Path):
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    data = data_of(page(built_site))
    terms = {t["id"]: t for t in data["terms"]}
    assert set(terms) == set(glossary.terms)
    glossary_ids = {el["id"] for el in soup(built_site / "glossary" / "index.html").select("article [id]")}
    assert (built_site / "self-test" / data["glossary"] / "index.html").resolve() == (
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
    own = {t["id"] for t in data["terms"] if t.get("own")}
    assert "gpt" in own
    assert not own & {"low-rank-adaptation", "retrieval-augmented-generation", "kl-divergence"}  # no label first
    for item in data["terms"]:  # every definition that says a term's name is kept away from it
        names = [n.lower().replace("-", " ") for n in glossary.terms[item["id"]].names]
        saying = {
            other["id"]
            for other in data["terms"]
            if other["id"] != item["id"]
            and any(
                re.search(rf"(?<!\w){re.escape(n)}(?:e?s)?(?!\w)", other["def"].lower().replace("-", " "))
                for n in names
            )
        }
        assert saying <= set(item.get("x", [])), item["id"]
        assert not saying & {*item["related"], *item["topic"]}, item["id"]
    for item in data["terms"]:
        term = glossary.terms[item["id"]]
        assert item["def"] == term.short, "shown whole: never a stub with the name cut out"
        names = [n.lower().replace("-", " ") for n in term.names]
        shown = item["def"].lower().replace("-", " ")
        says = any(re.search(rf"(?<!\w){re.escape(n)}(?:e?s)?(?!\w)", shown) for n in names)
        assert says == (item["id"] in own), item["id"]
    assert "…" not in "".join(t["def"] for t in data["terms"])
    assert len(own) < len(terms) / 4, "most terms stay in the quiz"


def test_question_pages_carry_a_status_line_linking_their_card(built_site: Path):
    ids = {c["id"] for c in data_of(page(built_site))["cards"]}
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


def self_test_files(site: Path) -> list[str]:
    """What the self-test page fetches besides Material's and the site-wide scripts: the
    scripts javascripts/loader.js lists, in its order, then the self-test's style."""
    loader = (site / "javascripts" / "loader.js").read_text(encoding="utf-8")
    listed = re.search(r"SCRIPTS\s*=\s*\[(.*?)\]", loader, re.DOTALL).group(1)
    return [f"javascripts/{name}" for name in re.findall(r'"([^"]+\.js)"', listed)] + ["stylesheets/selftest.css"]


def self_test_gzip_bytes(site: Path) -> dict[str, int]:
    """Gzip bytes of each file the self-test page fetches besides Material's, as served one by one."""
    return {name: len(gzip.compress((site / name).read_bytes(), compresslevel=9)) for name in self_test_files(site)}


def test_own_script_and_style_with_the_scheduler_fit_the_size_budget_and_call_nothing_outside(built_site: Path):
    files = self_test_files(built_site)
    sizes = self_test_gzip_bytes(built_site)
    assert sum(sizes.values()) <= SIZE_BUDGET, sizes
    blob = b"".join((built_site / name).read_bytes() for name in files)
    assert not re.search(rb"https?://|//cdn|@import|url\(", blob)
    # The library, then the scheduler and the reading of progress, then the self-test, its app last.
    assert files[:3] == ["javascripts/vendor/ts-fsrs/ts-fsrs.min.js", "javascripts/srs.js", "javascripts/srs-read.js"]
    assert files[-2] == "javascripts/selftest/app.js"
    # Every script of the self-test is fetched, by the loader alone: no page names one.
    served = sorted(
        p.relative_to(built_site).as_posix() for p in (built_site / "javascripts" / "selftest").glob("*.js")
    )
    assert sorted(f for f in files if f.startswith("javascripts/selftest/")) == served
    html = page(built_site)
    scripts = [s["src"] for s in html.find_all("script", src=True)]
    assert any(s.endswith("javascripts/loader.js") for s in scripts)
    assert not [s for s in scripts if any(s.endswith(f.removeprefix("javascripts")) for f in files)]


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
    data = {c["id"]: c for c in data_of(page(built_site))["cards"]}
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


def test_embedded_json_cannot_break_out_of_its_element():
    hostile = "Does </div></script><!-- <b>x</b> & &amp; <script>alert(1)</script> break it?"
    collection = parse_text(f"# T\n\n## 1. {hostile}\n**Answer:**\n- {hostile}\n- two\n", "docs/t.md")
    blocks: list[str] = []

    def put(html: str, ids) -> str:
        blocks.append(html)
        return f"<!--block {len(blocks) - 1}-->"

    text = selftest_markdown(site_of(collection), put, here="self-test/", anki_url=None)
    # The blocks go where their markers are (as the build puts them in place), around Markdown.
    rendered = re.sub(r"<!--block (\d+)-->", lambda m: blocks[int(m.group(1))], markdown.markdown(text))
    text = "\n".join(blocks)
    html = BeautifulSoup(rendered, "html.parser")
    raw = re.search(r'<div id="qa-selftest-data" hidden>(.*?)</div>', text).group(1)
    assert not re.search(r"[<>&]", raw)
    assert len(html.select("#qa-selftest-data")) == 1
    data = json.loads(html.select_one("#qa-selftest-data").get_text())
    card = data["cards"][0]
    assert card["title"] == collection.questions[0].plain_title
    # As GitHub shows it: the stray closing tags and the script go, the unclosed comment is
    # text, <b> is bold; the data holds the answer whole.
    assert "<script" not in card["a"]
    assert text_of(card["a"]).startswith("Does <!-- x & & break it?")
    assert text_of(card["a"]).endswith("break it? two")
    assert [text_of(p) for p in card["points"]][1] == "two"
    # Bold in the plain list's heading and its checklist point, and in the key's heading and answer.
    assert [b.get_text() for b in html.find_all("b")] == ["x", "x", "x", "x"]
    assert " ".join(html.select_one("h3").get_text().split()) == "1. Does <!-- x & & break it?"
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
    html = page(site)
    heading = html.select_one(f"h3#card-{SLUG}-11")
    assert heading is not None
    assert heading.get_text() == "11. Why does RLHF need a reward model {{ here }}?"
    assert len(heading.find_next("details").select(".qa-st-check input")) == 2
    cards = data_of(html)["cards"]
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
