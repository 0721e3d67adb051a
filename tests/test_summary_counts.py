"""Every summary line a command prints, with none, one and many of what it counts.

tests/test_counts.py covers validate's last line, diff's, --changed-since's and the misnamed
folder; this file the rest: report's and status's notes, the paper's readiness, the chase
list, import-readings' tally and the outcomes summary's sources.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_objectives.domain.reading_periods import parse_written
from icp_objectives.edit.series_import import Changed, ImportPlan, describe
from icp_objectives.paper.outcomes_view import sources
from icp_objectives.review.changes import Change, Diff
from icp_objectives.review.diff_render import render as render_diff
from tests.conftest import MakeRepo, RunCli

MANY = 3
LATER = "objectives/updates/2026-27/Q3/objective-1.yaml"


def typos(n: int) -> dict[str, str]:
    """2020/21 Q1 files with `n` statuses not on the scale, at most one for each of the four
    breakthrough objectives."""
    targets = ["1.1", "1.2", "2.1", "2.2"][:n]
    files = {}
    for objective in (1, 2):
        own = [t for t in targets if t.startswith(f"{objective}.")]
        entries = "".join(f'  - covers: "{t}"\n    status: yelow\n    body: x\n' for t in own)
        files[f"objectives/updates/2020-21/Q1/objective-{objective}.yaml"] = (
            f"objective: {objective}\nentries:\n{entries}" if own else f"objective: {objective}\n"
        )
    return files


def later_errors(n: int) -> dict[str, str]:
    """`n` errors in a later quarter's files, which the 2020/21 Q1 paper does not read."""
    return {
        f"objectives/updates/2026-27/Q3/objective-{k}.yaml": f"objective: {k}\nperiod: [\n"
        for k in range(1, n + 1)
    }


@pytest.mark.parametrize(
    ("errors", "said"),
    [
        (0, None),
        (1, "icp-obj: warning: 1 error in later quarters, which the 2020/21 Q1 paper does not"
            " read; `icp-obj validate` lists it."),
        (MANY, f"icp-obj: warning: {MANY} errors in later quarters, which the 2020/21 Q1 paper"
               " does not read; `icp-obj validate` lists them."),
    ],
)  # fmt: skip
def test_report_notes_the_errors_it_leaves_out(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, errors: int, said: str | None
) -> None:
    root = make_repo(later_errors(errors) if errors else {})
    result = cli("report", "Q1", "2020/21", "-o", f"{tmp_path / 'out'}/", "--root", str(root))
    assert result.exit_code == 0, result.output
    if said is None:
        assert "in later quarters" not in result.stderr
    else:
        assert said in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("errors", "said"),
    [
        (0, None),
        (1, "Note: the data has 1 error, so this may be incomplete; run `icp-obj validate` to"
            " see it."),
        (MANY, f"Note: the data has {MANY} errors, so this may be incomplete; run"
               " `icp-obj validate` to see them."),
    ],
)  # fmt: skip
def test_status_notes_the_errors_in_what_it_reads(
    make_repo: MakeRepo, cli: RunCli, errors: int, said: str | None
) -> None:
    root = make_repo(typos(errors))
    result = cli("status", "--root", str(root))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note: the data")]
    assert notes == ([] if said is None else [said])


BROKEN = "objective: 1\nperiod: [\n"  # a file that does not read


@pytest.mark.parametrize(
    ("where", "noted"),
    [
        ("objectives/updates/2026-27/Q3/objective-1.yaml", False),  # a later quarter
        ("objectives/updates/2019-20/Q3/objective-1.yaml", False),  # before the one before
        ("objectives/updates/2019-20/Q4/objective-1.yaml", True),  # last quarter: a column
        ("objectives/updates/2020-21/Q1/objective-3.yaml", True),  # this quarter
    ],
)
def test_status_counts_the_errors_of_only_what_it_reads(
    make_repo: MakeRepo, cli: RunCli, where: str, noted: bool
) -> None:
    """The table reads this quarter and the one before; other quarters' files are not even
    parsed (`icp-obj validate` checks them)."""
    root = make_repo({where: BROKEN})
    result = cli("status", "Q1", "2020/21", "--root", str(root))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note: the data")]
    said = (
        "Note: the data has 1 error, so this may be incomplete; run `icp-obj validate` to see it."
    )
    assert notes == ([said] if noted else [])


READY = {
    "objectives/updates/2020-21/Q1/report.yaml": """
        title: Quarter 1 update
        period: 2020/21 Q1
        meeting: ICP Board
        date: 2020-07-21
        author: A. Name, programme manager
        purpose: information
        recommendation: The Board is asked to note the update.
        session: public
        introduction: |
          The quarter's update.
        """,
    "objectives/updates/2020-21/Q1/objective-2.yaml": """
        objective: 2
        entries:
          - covers: ["2.1", "2.2"]
            body: x
        """,
    "objectives/updates/2020-21/Q1/objective-1.yaml": """
        objective: 1
        entries:
          - covers: ["1.1", "1.2"]
            body: x
        """,
}


@pytest.mark.parametrize(
    ("dropped", "said"),
    [
        ((), None),
        (("session",), "icp-obj: the paper is not ready: 1 warning above; with --strict no"
                       " paper was written (fix it, or run without --strict for a draft)"),
        (("session", "purpose", "meeting"), "icp-obj: the paper is not ready: 3 warnings above;"
         " with --strict no paper was written (fix them, or run without --strict for a draft)"),
    ],
)  # fmt: skip
def test_strict_counts_the_warnings_that_stop_the_paper(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, dropped: tuple[str, ...], said: str | None
) -> None:
    rel = "objectives/updates/2020-21/Q1/report.yaml"
    report = "".join(
        line + "\n" for line in READY[rel].split("\n") if line.strip().split(":")[0] not in dropped
    )
    root = make_repo({**READY, rel: report})
    result = cli("report", "Q1", "2020/21", "--strict", "-o", f"{tmp_path / 'out'}/",
                 "--root", str(root))  # fmt: skip
    if said is None:
        assert result.exit_code == 0, result.output
        assert "not ready" not in result.stderr
    else:
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == said


@pytest.mark.parametrize(
    ("covered", "said"),
    [
        ('["1.1", "1.2"]', "Every breakthrough objective has an update for 2020/21 Q1."),
        ('"1.1"', "Still to update for 2020/21 Q1: 1.2 (1 of 2)."),
        ("", "Still to update for 2020/21 Q1: 1.1, 1.2 (2 of 2)."),
    ],
)
def test_the_chase_list_counts_the_missing(
    make_repo: MakeRepo, cli: RunCli, covered: str, said: str
) -> None:
    entries = f"  - covers: {covered}\n    body: x\n" if covered else "  []\n"
    root = make_repo(
        {
            "objectives/2-choices.yaml": "",  # one objective, two breakthrough objectives
            "objectives/updates/2020-21/Q1/objective-1.yaml": f"objective: 1\nentries:\n{entries}",
        }
    )
    (root / "objectives/2-choices.yaml").unlink()
    result = cli("status", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert said in result.stdout.splitlines()


def _plan(added: int, changed: int, unchanged: int, kept: int) -> ImportPlan:
    months = [parse_written(f"2021-{m:02d}") for m in range(1, 13)]
    plan = ImportPlan(unchanged=unchanged, kept=kept)
    plan.added = [(months[i], str(i)) for i in range(added)]
    plan.changed = [Changed(months[6 + i], "1", "2") for i in range(changed)]
    return plan


@pytest.mark.parametrize(
    ("numbers", "tally"),
    [
        ((0, 0, 0, 0), "0 added, 0 changed, 0 unchanged"),
        ((1, 1, 1, 1), "1 added, 1 changed, 1 unchanged, 1 kept from the series file (not in"
                       " the export)"),
        ((MANY, MANY, MANY, MANY), f"{MANY} added, {MANY} changed, {MANY} unchanged, {MANY} kept"
                                   " from the series file (not in the export)"),
    ],
)  # fmt: skip
def test_import_readings_tallies_every_kind(numbers: tuple[int, int, int, int], tally: str) -> None:
    assert describe(_plan(*numbers))[-1] == tally


@pytest.mark.parametrize(
    ("figures", "measures", "words"),
    [
        (0, 0, "0 figures of 0 measures"),
        (1, 1, "1 figure of 1 measure"),
        (MANY, 2, f"{MANY} figures of 2 measures"),
    ],
)
def test_the_outcomes_summary_counts_its_figures(figures: int, measures: int, words: str) -> None:
    line = sources("February 2021", figures, measures, "objectives/outcomes.yaml")
    assert line == (
        f"Figures as they stood at the end of February 2021: {words}, from"
        " objectives/outcomes.yaml and the measures' readings."
    )


@pytest.mark.parametrize(
    ("locked", "words"),
    [(0, None), (1, "> 1 change to a paper"), (MANY, f"> {MANY} changes to a paper")],
)
def test_diff_warns_of_changes_to_presented_papers(locked: int, words: str | None) -> None:
    made = [Change(1, "2020/21 Q1", f"1.{i}", "status", "s", "presented") for i in range(locked)]
    made.append(Change(1, "2020/21 Q2", "1.9", "status", "s", None))
    shown = render_diff(Diff(made, []), "md", "main", "HEAD")
    if words is None:
        assert "[!WARNING]" not in shown
    else:
        assert words in shown
