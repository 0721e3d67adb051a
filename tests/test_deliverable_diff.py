"""`icp-obj diff` on status tables: a row's status, progress or support changed in a quarter,
a row reported or no longer reported, and a row added, removed or edited in its objective's
file, each named as the paper's table names it, in the partnership's status words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PROJECT, RunCli
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

Q4_6 = "objectives/updates/2019-20/Q4/objective-6.yaml"
Q4_8 = "objectives/updates/2019-20/Q4/objective-8.yaml"
Q4_REPORT = "objectives/updates/2019-20/Q4/report.yaml"
OBJECTIVE_6 = "objectives/6-pcn-development.yaml"
OBJECTIVE_8 = "objectives/8-resources.yaml"
SPECIFICATIONS = "PCN DES: Service specifications"


@pytest.fixture
def south_notts(tmp_path: Path) -> GitRepo:
    """The South Notts example, committed on `main` in a fresh git repository."""
    root = tmp_path / "south-notts"
    shutil.copytree(PROJECT / "examples" / "south-notts", root)
    repo = GitRepo(root)
    repo.commit("South Notts, 2019/20 Q4")
    return repo


def _meaning(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def _diff(cli: RunCli, repo: GitRepo, fmt: str = "text") -> str:
    result = cli("diff", "HEAD^", "HEAD", "--root", str(repo.root), "-f", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_changed_status_is_one_line_in_the_tables_words(
    south_notts: GitRepo, cli: RunCli
) -> None:
    south_notts.replace(Q4_6, "status: under-review", "status: in-place")
    south_notts.commit("Service specifications in place")

    text = _diff(cli, south_notts)
    assert _meaning(text) == [f"{SPECIFICATIONS}: under review → in place (2019/20 Q4)"]
    assert "Priority 6: Our PCN development in South Notts" in text

    markdown = _diff(cli, south_notts, "md")
    assert f"- {SPECIFICATIONS}: under review → in place (2019/20 Q4)\n" in markdown

    (change,) = json.loads(_diff(cli, south_notts, "json"))["changes"]
    assert change["kind"] == "deliverable-status"
    assert (change["subject"], change["deliverable"]) == ("6.2", "service-specifications")
    assert (change["before"], change["after"], change["quarter"]) == (
        "under-review",
        "in-place",
        "2019/20 Q4",
    )


def test_progress_support_and_reported_rows(south_notts: GitRepo, cli: RunCli) -> None:
    south_notts.replace(Q4_8, "progress: Recruitment under way", "progress: Appointed")
    south_notts.replace(
        Q4_6,
        "      - id: service-specifications\n        status: under-review\n",
        "      - id: service-specifications\n        status: under-review\n        support: PCNs\n",
    )
    south_notts.replace(
        Q4_6, "      - id: impact-investment-fund\n        status: detail-awaited\n", ""
    )
    south_notts.commit("Progress")

    assert _meaning(_diff(cli, south_notts)) == [
        f'{SPECIFICATIONS}: support (none) → "PCNs" (2019/20 Q4)',
        "PCN DES: Impact and investment Fund: no longer reported in 2019/20 Q4 (was detail"
        " awaited)",
        'Resources to support the ICP: ICP Programme Director: progress "Recruitment under way"'
        ' → "Appointed" (2019/20 Q4)',
    ]

    south_notts.replace(
        Q4_6,
        "        support: PCNs\n",
        "        support: PCNs\n      - id: impact-investment-fund\n"
        "        status: in-development\n        progress: Guidance out\n",
    )
    south_notts.commit("Reported again")
    assert _meaning(_diff(cli, south_notts)) == [
        'PCN DES: Impact and investment Fund: reported in development, "Guidance out" (2019/20 Q4)'
    ]


def test_a_new_quarter_reports_each_row_it_gives(south_notts: GitRepo, cli: RunCli) -> None:
    south_notts.write(
        {
            "objectives/updates/2020-21/Q1/objective-6.yaml": """
            objective: 6
            entries:
              - covers: "6.2"
                body: Year 2 under way.
                deliverables:
                  - id: service-specifications
                    status: in-place
            """
        }
    )
    south_notts.commit("2020/21 Q1")
    lines = _meaning(_diff(cli, south_notts))
    assert lines == [
        "6.2 update added for 2020/21 Q1: not rated",
        f"{SPECIFICATIONS}: reported in place (2020/21 Q1), was under review in 2019/20 Q4",
    ]
    # the earlier quarter, unchanged, is read for that alone
    (change,) = [
        c for c in json.loads(_diff(cli, south_notts, "json"))["changes"] if c["deliverable"]
    ]
    assert (change["before"], change["after"]) == ("under-review", "in-place")


def test_rows_added_removed_and_edited_in_the_objective_file(
    south_notts: GitRepo, cli: RunCli
) -> None:
    south_notts.replace(
        OBJECTIVE_8,
        "  - id: locality-team-move\n"
        "    requirement: South Notts Locality Team move to Trent Bridge House\n"
        "    support: CCG\n",
        "  - id: estates\n    requirement: Estates plan\n",
    )
    south_notts.replace(Q4_8, "      - id: locality-team-move\n", "      - id: estates\n")
    south_notts.replace(
        OBJECTIVE_6,
        "requirement: Service specifications",
        "requirement: Service specifications (5)",
    )
    south_notts.replace(OBJECTIVE_6, "short_title: PCN DES", "short_title: PCN DES contract")
    south_notts.commit("Tables redrawn")

    result = json.loads(_diff(cli, south_notts, "json"))
    rows = {(c["kind"], c["deliverable"]): c["text"] for c in result["changes"] if c["deliverable"]}
    assert rows[("deliverable-requirement", "service-specifications")] == (
        'PCN DES contract: Service specifications: requirement "Service specifications" →'
        ' "Service specifications (5)"'
    )
    assert rows[("deliverable-removed", "locality-team-move")] == (
        'Resources to support the ICP: deliverable removed: "South Notts Locality Team move to'
        ' Trent Bridge House"'
    )
    assert rows[("deliverable-added", "estates")] == (
        'Resources to support the ICP: deliverable added: "Estates plan"'
    )
    # the quarter's update moved to the new row: the one no longer reported, the other reported
    assert ("deliverable-unreported", "locality-team-move") in rows
    assert rows[("deliverable-reported", "estates")] == (
        'Resources to support the ICP: Estates plan: reported, "Move date expected imminently"'
        " (2019/20 Q4)"
    )


def test_a_status_changed_in_a_presented_quarter_is_locked(
    south_notts: GitRepo, cli: RunCli
) -> None:
    south_notts.replace(Q4_REPORT, "introduction:", "presented: 2020-02-20\nintroduction:")
    south_notts.commit("Presented")
    south_notts.replace(Q4_6, "status: under-review", "status: in-place")
    south_notts.commit("Changed after")

    (line,) = _meaning(_diff(cli, south_notts))
    assert line.startswith(f"LOCKED: {SPECIFICATIONS}: under review → in place (2019/20 Q4)")

    checked = cli("validate", "--root", str(south_notts.root))
    assert checked.exit_code == 1
    at = south_notts.line_of(Q4_6, "- id: service-specifications")
    assert (
        f"{Q4_6}:{at}:9: error locked-quarter: the update of the deliverable"
        " 'service-specifications' in the entry for 6.2 was changed after the 2019/20 Q4 paper"
        " was presented"
    ) in checked.stdout
