"""The GitHub workflows pass actionlint (with ShellCheck on their run: scripts), and deploy runs .ci/run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from ..conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """actionlint as pinned in requirements-dev.txt, with the pinned ShellCheck and no pyflakes."""
    return subprocess.run(
        [str(BIN / "actionlint"), "-no-color", f"-shellcheck={BIN / 'shellcheck'}", "-pyflakes=", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_actionlint_finds_nothing_in_the_workflows():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_reports_a_wrong_input_and_an_unquoted_variable(tmp_path: Path):
    workflow = tmp_path / ".github" / "workflows" / "broken.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/setup-python@v6\n        with:\n          python-versions: '3.11'\n"
        "      - run: ls $HOME/*.txt\n",
        encoding="utf-8",
    )
    result = actionlint(workflow, cwd=tmp_path)
    assert result.returncode == 1
    assert 'input "python-versions" is not defined in action "actions/setup-python@v6"' in result.stdout
    assert "SC2086" in result.stdout  # ShellCheck ran on the run: script


def test_deploy_tests_with_ci_run_and_the_runners_chrome_then_builds_with_the_pdf_and_publishes():
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = deploy["jobs"]["build"]["steps"]
    runs = [(step.get("run"), step.get("env", {})) for step in steps if "run" in step]
    assert runs == [
        ("bash .ci/run", {"QA_BROWSER": "/usr/bin/google-chrome"}),
        ("make build", {"QA_PDF": "1"}),
    ]
    assert steps[-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert steps[-1]["with"] == {"path": "site"}
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["jobs"]["deploy"]["steps"][-1]["uses"].startswith("actions/deploy-pages@")
