"""The command-line split: summary, --check, --json, --out and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT, SEED

SCRIPT = ROOT / "scripts" / "split_qa.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def test_summary_of_the_seed():
    result = run(str(SEED))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{SEED}: 10 questions: numbered `##` headings, answers after a marker",
        "  (a heading is a question when it has a number)",
    ]


def test_check_says_what_it_detected_in_an_imported_document():
    document = ROOT / "tests" / "import" / "shapes" / "heading-q-dot-unnumbered.md"
    result = run(str(document), "--check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{document}: 8 questions in 3 sections: unnumbered `##` headings, answers without a marker; "
        "1 table of contents dropped; kept on the home page: Related Topics",
        "  (a heading is a question when it starts with 'Q.')",
        "  dropped: table of contents (lines 14-20)",
        "  dropped: back link (lines 35-37, 43-45, 51-53, 63-65, 71-73, 79-81, 91-93, 99-101)",
    ]


def test_open_questions_are_warnings_and_an_error_on_request():
    document = ROOT / "tests" / "import" / "real" / "devops-exercises.md"
    shown = run(str(document), "--check")
    assert shown.stdout.startswith(f"{document}: 50 questions in 9 sections: <details> blocks")
    assert "has no answer in the document: it is shown as such" in shown.stderr
    # What the build would warn about makes --check fail, as a linter: open questions, a link to another document.
    assert "is another Markdown document, which is not part of this site" in shown.stderr
    assert shown.returncode == 1
    refused = run(str(document), "--check", "--unanswered", "error")
    assert refused.returncode == 1
    assert "has no answer: write it below the question, or set 'unanswered: show'" in refused.stderr


def test_json_model_has_every_question():
    result = run(str(SEED), "--json")
    assert result.returncode == 0
    [collection] = json.loads(result.stdout)
    questions = collection["sections"][0]["questions"]
    assert [q["number"] for q in questions] == list(range(1, 11))
    assert questions[3]["text"] == "Compare the training objectives of GANs, VAEs, and Diffusion models."
    assert questions[3]["answer"].startswith("- **GANs**: Minimax game between generator and discriminator.")


def test_out_writes_one_page_per_question(tmp_path: Path):
    result = run(str(SEED), "--out", str(tmp_path))
    assert result.returncode == 0
    pages = sorted((tmp_path / "advanced-generative-ai-qa").glob("*.md"))
    assert len(pages) == 10
    text = (
        tmp_path / "advanced-generative-ai-qa" / "7-describe-how-lora-low-rank-adaptation-enables-efficient.md"
    ).read_text()
    assert "# Describe how LoRA (Low-Rank Adaptation) enables efficient fine-tuning of large language models." in text
    assert "LoRA freezes base model weights" in text


def test_check_writes_nothing(tmp_path: Path):
    result = run(str(SEED), "--check", "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert not (tmp_path / "out").exists()


def test_a_defective_document_exits_1_with_every_problem(tmp_path: Path):
    bad = tmp_path / "bad.md"
    bad.write_text("## 1. Q?\n## 1. R?\n**Answer:** r\n", encoding="utf-8")
    result = run(str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:1: question 1 has no answer in the document: it is shown as such, and left out of the flashcards, "
        "the quiz and the deck (warning)",
        f"{bad}:2: question number 1 is used twice (first on line 1): both are shown, at different addresses; "
        "renumber one of them (warning)",
    ]
    assert "Traceback" not in result.stderr
