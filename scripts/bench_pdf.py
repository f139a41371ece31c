"""Benchmark of the PDF book: the seed collection and a generated one of 1,000 questions.

Both books are made in the same run, each by the real command (``scripts/build_pdf.py``
in a fresh process, so imports count as a reader would wait for them), with the
site's glossary. The generated collection is in the source format: ten sections of
a hundred questions, answers of paragraphs, lists, code and tables that mention
glossary terms, so the contents, the running headers and the glossary page
references all have real work to do.

Usage::

    python scripts/bench_pdf.py [--questions 1000] [--out bench-results]

Writes ``pdf.json`` and ``pdf.md`` under ``--out`` and prints the Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "docs" / "advanced-generative-ai-qa.md"
GLOSSARY = ROOT / "docs" / "glossary.yml"
BUILD = ROOT / "scripts" / "build_pdf.py"

TOPICS = [
    ("Autoregressive models", "autoregressive model", "token", "likelihood"),
    ("Diffusion models", "diffusion model", "classifier-free guidance", "noise"),
    ("Variational autoencoders", "variational autoencoder", "ELBO", "latent space"),
    ("Attention", "attention", "FlashAttention", "sequence length"),
    ("Fine-tuning", "LoRA", "base model", "trainable parameters"),
    ("Sampling", "temperature", "top-k sampling", "nucleus sampling"),
    ("Retrieval", "retrieval-augmented generation", "vector database", "hallucination"),
    ("GANs", "GAN", "mode collapse", "Wasserstein loss"),
    ("Multimodal models", "GPT-4o", "visual question answering", "DALL·E"),
    ("Evaluation", "context window", "regularization", "softmax"),
]


def _answer(number: int, topic: tuple[str, str, str, str]) -> str:
    """An answer of a few hundred characters; every fifth has code, every seventh a table."""
    _, a, b, c = topic
    parts = [
        f"In study question {number}, the point is how {a} relates to {b}. A good answer names the "
        f"trade-off, gives one concrete example, and says when {c} changes the picture.",
        f"- **{a.capitalize()}**: the mechanism, its cost, and its failure mode.\n"
        f"- **{b.capitalize()}**: what it adds, measured on held-out data.\n"
        f"- **{c.capitalize()}**: why it matters at inference time.",
    ]
    if number % 5 == 0:
        parts.append(
            "```python\n"
            f"def step_{number}(logits, temperature=0.7):\n"
            "    probs = softmax(logits / temperature)\n"
            "    return sample(probs)  # a deliberately long comment so that the line is wider than the page and has to wrap\n"
            "```"
        )
    if number % 7 == 0:
        parts.append(f"| Setting | {a} | {b} |\n|---|---|---|\n| Small | fast | cheap |\n| Large | slow | accurate |")
    return "\n\n".join(parts)


def generate(path: Path, count: int) -> Path:
    """Write a collection of ``count`` questions in the source format to ``path``."""
    per_section = max(1, count // len(TOPICS))
    lines = [f"# Generated Study Book – {count} Questions", "", "A generated collection for the benchmark.", ""]
    number = 0
    for index, topic in enumerate(TOPICS):
        size = per_section if index < len(TOPICS) - 1 else count - number
        lines += [f"## {topic[0]}", ""]
        for _ in range(size):
            number += 1
            lines += [
                f"### {number}. How does {topic[1]} interact with {topic[2]} in setting {number}?",
                "**Answer:**",
                _answer(number, topic),
                "",
                "---",
                "",
            ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def measure(label: str, source: Path, out: Path, questions: int) -> dict:
    """Build one book with the real command; time it and read its size and pages."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(BUILD), "--source", str(source), "--glossary", str(GLOSSARY), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{label}: build_pdf failed:\n{result.stderr}")
    pages = _pages(out)
    return {
        "collection": label,
        "questions": questions,
        "pages": pages,
        "seconds": round(seconds, 2),
        "bytes": out.stat().st_size,
        "ms_per_page": round(1000 * seconds / pages, 1) if pages else None,
    }


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def table(rows: list[dict]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| Collection | Questions | Pages | Time (s) | Size (KiB) | ms / page |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['collection']} | {row['questions']} | {row['pages']} | {row['seconds']:.1f} "
            f"| {row['bytes'] / 1024:.0f} | {row['ms_per_page']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the PDF book at seed size and at 1,000 questions.")
    parser.add_argument("--questions", type=int, default=1000, help="size of the generated collection")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="folder for pdf.json and pdf.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from macros.model import parse_file

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        generated = generate(folder / "generated-qa.md", args.questions)
        seed_count = len(parse_file(SEED).questions)
        rows = [
            measure("seed", SEED, folder / "seed.pdf", seed_count),
            measure(f"generated {args.questions}", generated, folder / "generated.pdf", args.questions),
        ]
    machine = {
        "python": platform.python_version(),
        "weasyprint": version("weasyprint"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pdf.json").write_text(json.dumps({"machine": machine, "results": rows}, indent=2) + "\n")
    text = table(rows)
    (args.out / "pdf.md").write_text(
        f"# PDF book benchmark\n\nOne run, tagged PDF/UA-1, WeasyPrint {machine['weasyprint']}, "
        f"Python {machine['python']}, {machine['cpus']} CPUs.\n\n{text}\n"
    )
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
