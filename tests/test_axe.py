"""The HTML paper audited by axe-core in headless Chromium, on screen and as printed: no
violation of the WCAG 2.0 and 2.1 A and AA rules, for the committed Q1 paper and for a paper
whose text is long and hostile. Skips, saying why, where Chromium, Node.js or the npm packages
in tests/axe/ are missing; CI (.ci/run) installs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icp_objectives.cli import app
from tests import longtext
from tests.conftest import PROJECT

AXE = PROJECT / "tests" / "axe"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHIPPED = PROJECT / "reports" / "2020-21-Q1-board-report.html"


def _missing() -> str | None:
    """Why the audit cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (Debian: apt-get install nodejs npm)"
    if not Path(CHROMIUM).is_file():
        return f"Chromium is not at {CHROMIUM} (Debian: apt-get install chromium, or set CHROMIUM)"
    for package in ("axe-core", "playwright-core"):
        if not (AXE / "node_modules" / package / "package.json").is_file():
            return f"the npm package {package} is not installed: run `npm ci` in tests/axe"
    return None


MISSING = _missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def _readable(violations: list[dict[str, Any]]) -> str:
    """axe's findings, one rule a paragraph and one element a line."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(str(node["summary"]).split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """axe's violations for each paper and medium, from one run of the browser."""
    root = longtext.write(tmp_path_factory.mktemp("hostile"))
    hostile = root / "paper.html"
    made = CliRunner().invoke(app, ["report", "Q1", "-o", str(hostile), "--root", str(root)])
    assert made.exit_code == 0, made.output
    done = subprocess.run(
        ["node", str(AXE / "run-axe.mjs"), str(SHIPPED), str(hostile)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, list[dict[str, Any]]] = json.loads(done.stdout)
    return {
        name.replace(str(SHIPPED), "shipped").replace(str(hostile), "hostile"): violations
        for name, violations in found.items()
    }


@pytest.mark.parametrize("paper", ["shipped", "hostile"])
@pytest.mark.parametrize("medium", ["screen", "print"])
def test_no_wcag_a_or_aa_violation(
    audit: dict[str, list[dict[str, Any]]], paper: str, medium: str
) -> None:
    violations = audit[f"{paper} ({medium})"]
    assert not violations, f"axe-core found in the {paper} paper ({medium}):\n" + _readable(
        violations
    )


def test_the_audit_finds_what_it_looks_for(tmp_path: Path) -> None:
    """A page with known faults is reported, so an empty audit of the paper means something."""
    page = tmp_path / "faulty.html"
    page.write_text(
        '<!DOCTYPE html><html><head></head><body><p style="color:#ccc">pale</p></body></html>',
        encoding="utf-8",
    )
    done = subprocess.run(
        ["node", str(AXE / "run-axe.mjs"), str(page)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)[f"{page} (screen)"]
    assert {"color-contrast", "document-title", "html-has-lang"} <= {v["id"] for v in found}
    assert "color-contrast (serious)" in _readable(found)
