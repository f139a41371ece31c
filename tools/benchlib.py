"""What the benchmarks share: one generator of collections, the full and the bare project, timed builds.

The bare project is the baseline every figure is a ratio against: the same question pages
as plain Markdown, built by bare MkDocs + Material with this project's theme, features,
Markdown extensions and navigation shape, and none of its plugin, macros, glossary or
self-test. Both are built in the same run, so the ratio holds on a noisy machine.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path

import yaml

try:
    import engine
except ImportError:  # imported as tools.benchlib, by the tests
    from tools import engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs.utils import yaml_load  # noqa: E402

from macros.outputs.nav import navigation  # noqa: E402
from macros.reading.parser import parse_file  # noqa: E402

__all__ = [
    "ROOT",
    "bare_project",
    "best_of",
    "full_project",
    "generate",
    "generate_react_readme",
    "generate_readme",
    "project_config",
    "site_figures",
    "timed_build",
]

ADJECTIVES = [
    "sparse",
    "dense",
    "latent",
    "causal",
    "masked",
    "gated",
    "residual",
    "stochastic",
    "contrastive",
    "adversarial",
    "variational",
    "recurrent",
    "convolutional",
    "spectral",
    "hierarchical",
    "quantized",
    "distilled",
    "pruned",
    "federated",
    "bayesian",
    "autoregressive",
    "conditional",
    "implicit",
    "explicit",
    "neural",
    "symbolic",
    "graph",
    "temporal",
    "spatial",
    "cross-modal",
    "low-rank",
    "mixture-of-experts",
    "retrieval",
    "grounded",
    "calibrated",
    "robust",
    "efficient",
    "streaming",
    "bidirectional",
    "multi-head",
]
NOUNS = [
    "encoder",
    "decoder",
    "router",
    "tokenizer",
    "embedding",
    "sampler",
    "scheduler",
    "critic",
    "adapter",
    "projector",
    "memory",
    "kernel",
    "objective",
    "regularizer",
    "estimator",
    "prior",
    "posterior",
    "likelihood",
    "gradient",
    "optimizer",
    "normalization",
    "dropout",
    "attention",
    "head",
    "layer",
    "pipeline",
    "index",
    "cache",
    "buffer",
    "planner",
    "verifier",
    "reward",
    "policy",
    "ranker",
    "filter",
    "probe",
]
TOPICS = ["Architectures", "Training", "Inference", "Evaluation", "Data", "Efficiency", "Safety", "Retrieval"]


def term_names(count: int) -> list[str]:
    names = [f"{a} {n}" for n in NOUNS for a in ADJECTIVES]
    if count > len(names):
        raise SystemExit(f"at most {len(names)} generated terms")
    return names[:count]


def _answer(number: int, used: list[str]) -> list[str]:
    """An answer shaped like the seed's (a sentence and a list); every fifth has code, every seventh a table."""
    lines = [
        "**Answer:**  ",
        f"The {used[0]} shapes how the {used[1]} behaves during training and inference; "
        f"in practice the {used[2]} is tuned together with it to balance cost and quality.",
        f"- **{used[3].capitalize()}**: reduces variance of the estimates at a small cost in bias.",
        f"- **{used[4].capitalize()}**: keeps memory linear in sequence length for long inputs.",
        "- Careful evaluation on held-out data, ablations and error analysis.",
        "- Monitoring drift after deployment and retraining on fresh examples.",
    ]
    if number % 5 == 0:
        lines += [
            "",
            "```python",
            f"def step_{number}(logits, temperature=0.7):",
            "    probs = softmax(logits / temperature)",
            "    return sample(probs)  # a deliberately long comment so that the line is wider than a page and wraps",
            "```",
        ]
    if number % 7 == 0:
        lines += [
            "",
            f"| Setting | {used[0]} | {used[1]} |",
            "|---|---|---|",
            "| Small | fast | cheap |",
            "| Large | slow | accurate |",
        ]
    return lines


def _long_answer(number: int, used: list[str]) -> list[str]:
    """A longer answer (about 1.3 KB): ten sentences and a code block; every tenth also folds a
    deep dive away in a nested ``<details>``, as README authors do."""
    sentences = [
        f"The {used[k % 5]} {verb} the {used[(k + 1) % 5]} when the batch of step {number} is {state}."
        for k, (verb, state) in enumerate(
            zip(
                [
                    "conditions",
                    "limits",
                    "feeds",
                    "shapes",
                    "regularizes",
                    "bounds",
                    "caches",
                    "routes",
                    "scores",
                    "ranks",
                ],
                ["small", "noisy", "long", "sparse", "skewed", "fresh", "stale", "mixed", "large", "clean"],
                strict=True,
            )
        )
    ]
    lines = ["**Answer:**", " ".join(sentences[:5]), "", " ".join(sentences[5:]), ""]
    lines += [
        "```python",
        f"def step_{number}(logits, temperature=0.7):",
        "    probs = softmax(logits / temperature)",
        "    return sample(probs)",
        "```",
    ]
    if number % 10 == 0:
        items = [f"- The {used[k % 5]} is measured again after change {k + 1}." for k in range(25)]
        lines += ["", "<details><summary>Deep dive</summary>", "", *items, "", "</details>"]
    return lines


def generate(n: int, folder: Path, *, long_answers: bool = False) -> tuple[Path, Path]:
    """A Q&A source of ``n`` questions (sections of 25) and a glossary that grows with it.

    Every benchmark (site, profile, PDF book, front end) builds from this one generator;
    ``long_answers`` gives each question an answer of about 1.3 KB (:func:`_long_answer`).
    """
    terms = term_names(min(1000, max(20, 2 * n)))
    lines = [f"# Generated interview book of {n} questions", "", "A generated collection for the benchmark.", ""]
    for i in range(n):
        if i % 25 == 0:
            lines += [f"## Part {i // 25 + 1}", ""]
        used = [terms[(i * 5 + k) % len(terms)] for k in range(5)]
        lines += [
            f"### {i + 1}. How does the {used[0]} interact with the {used[1]} in model {i + 1}?",
            *(_long_answer if long_answers else _answer)(i + 1, used),
            "",
            "---",
            "",
        ]
    source = folder / "source.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    entries = ["terms:"]
    for k, name in enumerate(terms):
        related = sorted({terms[(k + 1) % len(terms)], terms[(k - 1) % len(terms)]} - {name})  # both ways
        entries += [
            f"  - term: {name.capitalize()}",
            f"    short: A generated definition of the {name}, about as long as a real tooltip in the seed glossary.",
            f"    topic: {TOPICS[k % len(TOPICS)]}",
            f"    related: [{', '.join(r.capitalize() for r in related)}]",
        ]
    glossary = folder / "glossary.yml"
    glossary.write_text("\n".join(entries) + "\n", encoding="utf-8")
    return source, glossary


def generate_readme(n: int, folder: Path) -> Path:
    """A document shaped like the interview READMEs people publish, of ``n`` questions: a banner
    and badges, a table of contents, ``## # N. Topic`` sections beside unnumbered ``## Q.``
    questions with no answer marker, code, tables, "back to top" links, ``<details>`` examples,
    two-space nested lists, and a Contributing and a License part at the end (about 1 KB a question)."""
    topics = [f"{a.capitalize()} {b}s" for a, b in zip(ADJECTIVES, NOUNS, strict=False)]
    per_topic = 25
    lines = [
        '<p align="center"><img src="https://img.shields.io/badge/questions-many-blue.svg" alt="badge"></p>',
        "",
        f"# Generated README of {n} interview questions",
        "",
        "> Click :star: if you like the project. Pull requests are welcome.",
        "",
        "## Table of Contents",
        "",
    ]
    count = (n + per_topic - 1) // per_topic
    lines += [f"* [{t}](#-{k + 1}-{t.lower().replace(' ', '-')})" for k, t in enumerate(topics[:count])]
    lines.append("")
    for i in range(n):
        if i % per_topic == 0:
            lines += [
                "<br/>",
                "",
                f"## # {i // per_topic + 1}. {topics[i // per_topic % len(topics)]}",
                "",
                "<br/>",
                "",
            ]
        a, b = ADJECTIVES[i % len(ADJECTIVES)], NOUNS[(i * 7) % len(NOUNS)]
        lines += [
            f"## Q. How does a {a} {b} behave in case {i + 1}?",
            "",
            f"A {a} {b} keeps its state between calls, so the cost of case {i + 1} depends on what came before. "
            f"The usual trade-off is memory against latency; measure both before choosing.",
            "",
            "- **When it helps**: repeated work with the same inputs",
            "  - nested detail written the GitHub way, two spaces in",
            "- **When it hurts**: inputs that never repeat, or a cache that grows without bound",
            "",
        ]
        if i % 3 == 0:
            lines += [
                "```python",
                f"def case_{i + 1}(x, cache={{}}):",
                "    if x not in cache:",
                "        cache[x] = x * x",
                "    return cache[x]",
                "```",
                "",
            ]
        if i % 5 == 0:
            lines += ["| Input | Cost |", "|:--|--:|", "| new | high |", "| seen | low |", ""]
        if i % 7 == 0:
            lines += [
                "<details><summary>Show an example</summary>",
                "",
                f"Case {i + 1}: <b>two</b> calls, one miss.",
                "",
                "</details>",
                "",
            ]
        lines += ['<div align="right">', '    <b><a href="#table-of-contents">↥ back to top</a></b>', "</div>", ""]
    lines += ["## Contributing", "", "Open an issue first.", "", "## License", "", "MIT", ""]
    source = folder / "readme.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    return source


def generate_react_readme(n: int, folder: Path) -> Path:
    """A document shaped like the React interview READMEs, of ``n`` questions with long answers
    (about 2.5 KB each): a table of contents at the top and one per section, ``#### Q.`` questions,
    answers with the same subheadings (Example, Syntax, Reference) and a footnote in each, two
    JSX code blocks, a table every fourth, and a "back to top" link after every answer. Sections
    hold the same headings and notes over and over, as the real documents do: what the PDF book
    must keep apart."""
    topics = [f"{a.capitalize()} {b}s" for a, b in zip(ADJECTIVES, NOUNS, strict=False)]
    per_topic = 24
    count = (n + per_topic - 1) // per_topic
    lines = [f"# React interview questions ({n})", "", "> Click :star: if you like the project.", ""]
    lines += ["## Table of Contents", ""]
    lines += [f"* [{t}](#-{k + 1}-{t.lower().replace(' ', '-')})" for k, t in enumerate(topics[:count])]
    lines.append("")
    for i in range(n):
        a, b = ADJECTIVES[i % len(ADJECTIVES)], NOUNS[(i * 7) % len(NOUNS)]
        title = f"What does a {a} {b} do in component {i + 1}?"
        if i % per_topic == 0:
            k = i // per_topic
            lines += [f"## # {k + 1}. {topics[k % len(topics)]}", "", "<br/>", ""]
            for j in range(i, min(n, i + per_topic)):
                lines.append(f"* [{j + 1}. Question {j + 1}](#q-question-{j + 1})")
            lines.append("")
        lines += [
            f"#### Q. {title}",
            "",
            f"A {a} {b} keeps what component {i + 1} renders in step with its props and its state, "
            "so that React can skip the work whose inputs did not change. It is created once, when the "
            "component mounts, and torn down when it unmounts; in between, every render reads it. "
            f"The cost of case {i + 1} depends on how often its inputs change.[^1]",
            "",
            "#### Syntax",
            "",
            "```jsx",
            f"function Component{i + 1}({{ items, onSelect }}) {{",
            "  const [selected, setSelected] = useState(null);",
            "  const visible = useMemo(() => items.filter((item) => item.visible), [items]);",
            "  useEffect(() => {",
            "    if (selected !== null) onSelect(selected);",
            "  }, [selected, onSelect]);",
            "  return (",
            "    <ul>",
            "      {visible.map((item) => (",
            "        <li key={item.id} onClick={() => setSelected(item.id)}>{item.label}</li>",
            "      ))}",
            "    </ul>",
            "  );",
            "}",
            "```",
            "",
            "#### Example",
            "",
            "- **When it helps**: a list that re-renders often with the same items",
            "  - nested detail written the GitHub way, two spaces in",
            "- **When it hurts**: items that change on every render, so the memo never hits",
            "",
            "```jsx",
            f"export default function App{i + 1}() {{",
            "  const items = useItems();",
            f"  return <Component{i + 1} items={{items}} onSelect={{console.log}} />;",
            "}",
            "```",
            "",
        ]
        if i % 4 == 0:
            lines += ["| Hook | Runs | Use |", "|:--|:--|:--|", "| useMemo | render | values |"]
            lines += ["| useEffect | after paint | effects |", "| useLayoutEffect | before paint | layout |", ""]
        lines += [
            "#### Reference",
            "",
            f"* [React documentation](https://react.dev/reference/react/useMemo#case-{i + 1})",
            "",
            "[^1]: Measure before and after: the profiler of React's developer tools shows it.",
            "",
            '<div align="right">',
            '    <b><a href="#table-of-contents">↥ back to top</a></b>',
            "</div>",
            "",
        ]
    lines += ["## Contributing", "", "Open an issue first.", "", "## License", "", "MIT", ""]
    source = folder / "react.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    return source


def full_project(target: Path, source: Path, glossary: Path | None) -> Path:
    """A copy of this project with the generated source (and glossary, or none)."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "macros"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, target / name)
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copy(source, target / "docs" / "advanced-generative-ai-qa.md")
    config = target / "mkdocs.yml"
    if glossary is None:
        config.write_text(config.read_text(encoding="utf-8").replace("glossary: glossary.yml", 'glossary: ""'))
    else:
        shutil.copy(glossary, target / "docs" / "glossary.yml")
    return config


def project_config() -> dict:
    """This project's ``mkdocs.yml`` as MkDocs reads YAML (``!ENV`` resolved)."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        return yaml_load(handle)


def baseline_page(question) -> str:
    """A question page as a plain Markdown file: what a hand-made site of the same pages has."""
    front = {"title": question.plain_title, "description": question.plain_title}
    return (
        f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)}---\n\n"
        f"# {question.text}\n\n{question.where}\n{{: .qa-eyebrow }}\n\n"
        f"/// details | Answer\n    type: qa-answer\n    attrs: {{id: answer}}\n\n{question.answer}\n\n///\n"
    )


def bare_project(target: Path, source: Path) -> Path:
    """The same question pages as plain Markdown, with bare Material (same theme and extensions)."""
    collection = parse_file(source, "docs/advanced-generative-ai-qa.md")  # the same URLs as the full site
    docs = target / "docs"
    for question in collection.questions:
        path = docs / question.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(baseline_page(question), encoding="utf-8")
    (docs / "index.md").write_text(f"# {collection.title}\n\n{collection.intro}\n", encoding="utf-8")
    ours = project_config()
    theme = dict(ours["theme"])
    theme.pop("custom_dir", None)
    config = {
        "site_name": "Baseline",
        "site_url": "http://127.0.0.1:8000/",
        "theme": theme,
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": [p for p in ours["plugins"] if p == "search" or (isinstance(p, dict) and "search" in p)],
        "nav": navigation([collection], []),  # the nav shape of the full site
    }
    path = target / "mkdocs.yml"
    path.write_text(yaml.dump(_plain(config), Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _Dumper(yaml.SafeDumper):
    """Writes the functions that mkdocs.yml names (``!!python/name:``) back as such."""


_Dumper.add_representer(
    types.FunctionType,
    lambda dumper, f: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{f.__module__}.{f.__name__}", ""),
)


def _plain(data):
    """Markup titles of the navigation as plain strings, for YAML."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def timed_build(config: Path, site: Path) -> dict:
    """Build once in a child process: wall seconds and that child's peak memory (MiB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        engine.command("build", "--strict", "-f", str(config), "-d", str(site)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{stderr[-3000:]}")
    return {"seconds": round(wall, 3), "peak_mib": round(usage.ru_maxrss / 1024, 1)}


def site_figures(site: Path, collection_dir: str) -> dict:
    pages = list((site / collection_dir).glob("*/index.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    home = (site / "index.html").read_bytes()
    return {
        "site_bytes": total,
        "html_bytes_per_question": round(sum(p.stat().st_size for p in pages) / max(1, len(pages))),
        "search_index_bytes": index.stat().st_size if index.exists() else 0,
        # what the first search downloads from a host that compresses
        "search_index_gzip_bytes": len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0,
        "question_pages": len(pages),
        # the home page lists every question: what the first visit downloads, compressed
        "home_bytes": len(home),
        "home_gzip_bytes": len(gzip.compress(home, 6)),
    }


def best_of(repeat: int, config: Path, site: Path) -> dict:
    runs = [timed_build(config, site) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"]) | {"peak_mib": max(r["peak_mib"] for r in runs)}
