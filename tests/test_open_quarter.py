"""Which quarter a command means, and which problems stop a paper: the surprises of a quarter's cycle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from icp_objectives.check import quarters
from icp_objectives.domain.periods import FinancialYear, Quarter
from icp_objectives.load import disk
from tests.conftest import SHIPPED, MakeRepo, RunCli

Q1 = "objectives/updates/2020-21/Q1"
Q2 = "objectives/updates/2020-21/Q2"
Y2020 = FinancialYear(2020)
PRESENTED = "presented: 2020-07-21\n"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def present(root: Path, folder: str = Q1) -> None:
    report = root / folder / "report.yaml"
    report.write_text(report.read_text().replace("period:", f"{PRESENTED}period:"))


@pytest.fixture(autouse=True)
def _today_is_late(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long after the quarters in the data, as in real use: today's quarter is never meant."""
    monkeypatch.setattr("icp_objectives.cli.updating._today", lambda: dt.date(2026, 12, 2))


@pytest.fixture
def opened(make_repo: MakeRepo, cli: RunCli) -> Path:
    """The small repository with 2020/21 Q1 presented and 2020/21 Q2 opened by the office."""
    root = make_repo({})
    present(root)
    assert cli("new-quarter", "2020/21 Q2", "--root", str(root)).exit_code == 0
    return root


def test_update_goes_to_the_open_quarter_and_says_so(opened: Path, cli: RunCli) -> None:
    result = cli("update", "1.1", "-s", "green", "-b", "Recovering", "--root", str(opened))
    assert result.exit_code == 0, result.output
    assert "Using the open quarter, 2020/21 Q2." in result.stderr
    assert 'covers: "1.1"' in (opened / Q2 / "objective-1.yaml").read_text()
    assert not (opened / "objectives/updates/2026-27").exists()


def test_the_latest_of_two_open_quarters_is_used_and_the_other_named(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    assert cli("new-quarter", "2020/21 Q2", "--root", str(root)).exit_code == 0
    result = cli("status", "--format", "json", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert (
        "Using the open quarter, 2020/21 Q2 (2020/21 Q1 is open too; name it after the command)."
    ) in result.stderr


def test_with_no_quarter_open_update_and_status_say_so_and_exit_2(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    present(root)
    before = snapshot(root)
    for command in (["update", "1.2", "-b", "x"], ["status"]):
        result = cli(*command, "--root", str(root))
        assert result.exit_code == 2, result.output
        assert (
            "no quarter is open: the latest, 2020/21 Q1, was presented to the board on"
            ' 21 July 2020; start one with `icp-obj new-quarter "2020/21 Q2"`'
        ) in result.stderr
    assert snapshot(root) == before  # no folder made on the side


def test_with_no_quarter_started_the_first_to_start_is_todays(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    (root / Q1 / "report.yaml").unlink()
    result = cli("update", "1.2", "-b", "x", "--root", str(root))
    assert result.exit_code == 2
    assert "no quarter has a report.yaml yet" in result.stderr
    assert 'icp-obj new-quarter "2026/27 Q3"' in result.stderr


def test_a_quarter_not_started_needs_create(opened: Path, cli: RunCli) -> None:
    before = snapshot(opened)
    result = cli("update", "1.2", "-q", "2020/21 Q3", "-b", "x", "--root", str(opened))
    assert result.exit_code == 2
    assert (
        "2020/21 Q3 has not been started (open: 2020/21 Q2), so nothing was written;"
        ' `icp-obj new-quarter "2020/21 Q3"` starts it'
    ) in result.stderr
    assert "add --create" in result.stderr
    assert snapshot(opened) == before
    created = cli("update", "1.2", "-q", "2020/21 Q3", "-b", "x", "--create", "--root", str(opened))
    assert created.exit_code == 0, created.output
    assert (opened / "objectives/updates/2020-21/Q3/objective-1.yaml").exists()
    assert 'Note: 2020/21 Q3 has no report.yaml yet; `icp-obj new-quarter "2020/21 Q3"`' in (
        created.stderr
    )


def test_a_folder_without_report_yaml_is_not_open(make_repo: MakeRepo, cli: RunCli) -> None:
    stray = "objective: 2\nentries:\n  - covers: '2.1'\n    body: Early.\n"
    root = make_repo({"objectives/updates/2020-21/Q3/objective-2.yaml": stray})
    result = cli("update", "1.2", "-q", "2020/21 Q3", "-b", "x", "--root", str(root))
    assert result.exit_code == 2
    assert (
        "2020/21 Q3 is not open: its folder, objectives/updates/2020-21/Q3/, has no report.yaml"
    ) in result.stderr
    # It is not the open quarter either, though it is the latest folder.
    default = cli("update", "1.2", "-b", "x", "--dry-run", "--root", str(root))
    assert "Using the open quarter, 2020/21 Q1." in default.stderr


def test_a_presented_quarter_is_refused_by_its_lock_not_by_create(
    opened: Path, cli: RunCli
) -> None:
    result = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--root", str(opened))
    assert result.exit_code == 1
    assert "presented to the board on 21 July 2020" in result.stderr
    assert "--create" not in result.stderr
    corrected = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--correction", "Left out",
                    "--root", str(opened))  # fmt: skip
    assert corrected.exit_code == 0, corrected.output


def test_a_quarter_number_alone_means_the_open_one_of_that_number(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    present(root)
    assert cli("new-quarter", "2021/22 Q1", "--root", str(root)).exit_code == 0
    result = cli("update", "1.2", "-q", "Q1", "-b", "x", "--dry-run", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert "Using 2021/22 Q1, the open quarter (add --year to choose another)." in result.stderr
    paper = cli("report", "Q1", "-o", "-", "-f", "md", "--root", str(root))
    assert "Using 2021/22 Q1, the open quarter" in paper.stderr


def test_a_report_yaml_that_cannot_tell_stops_the_guess(opened: Path, cli: RunCli) -> None:
    (opened / Q2 / "report.yaml").write_text("- not a mapping\n")
    result = cli("update", "1.2", "-b", "x", "--root", str(opened))
    assert result.exit_code == 1
    assert (
        f"{Q2}/report.yaml cannot tell whether the 2020/21 Q2 paper was presented, so which"
        " quarter is open cannot be told"
    ) in result.stderr


def test_new_quarter_starts_the_next_quarter_by_default(opened: Path, cli: RunCli) -> None:
    before = snapshot(opened)
    dry = cli("new-quarter", "--dry-run", "--root", str(opened))
    assert dry.exit_code == 0, dry.output
    assert "Using 2020/21 Q3, the next quarter to start." in dry.stderr
    assert "would create objectives/updates/2020-21/Q3/report.yaml" in dry.stderr
    assert "would create objectives/updates/2020-21/Q3/objective-2.yaml" in dry.stderr
    assert "(dry run: nothing written)" in dry.stderr
    assert snapshot(opened) == before
    real = cli("new-quarter", "--root", str(opened))
    assert real.exit_code == 0, real.output
    assert "created objectives/updates/2020-21/Q3/report.yaml" in real.stderr
    again = cli("new-quarter", "Q1", "--dry-run", "--root", str(opened))
    assert "Using 2021/22 Q1, the next quarter to start." in again.stderr


def test_new_quarter_dry_run_of_a_quarter_already_started(opened: Path, cli: RunCli) -> None:
    result = cli("new-quarter", "2020/21", "Q2", "--dry-run", "--root", str(opened))
    assert result.exit_code == 0, result.output
    assert "Nothing to do" in result.stderr


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="the shipped objectives/ are not in this checkout")
def test_the_shipped_quarter_is_open() -> None:
    repo = disk.load(SHIPPED.parent)
    assert quarters.open_quarters(repo) == [Quarter(Y2020, 1)]
    chosen = quarters.meant(repo, 1, None, today=dt.date(2026, 12, 2))
    assert chosen == quarters.Chosen(
        Quarter(Y2020, 1), "Using 2020/21 Q1, the open quarter (add --year to choose another)."
    )


TYPO = "objective: 1\nentries:\n  - covers: '1.1'\n    status: yelow\n    body: Late.\n"


def test_a_typo_in_a_later_quarter_leaves_the_paper_alone(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({"objectives/updates/2026-27/Q3/objective-1.yaml": TYPO})
    out = tmp_path / "papers"
    result = cli("report", "Q1", "--year", "2020/21", "-o", f"{out}/", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert (out / "2020-21-Q1-board-report.md").exists()
    assert "yelow" not in result.stderr  # counted, not listed
    assert "icp-obj: warning: 1 error in later quarters" in result.stderr
    checked = cli("report", "Q1", "2020/21", "--check", "-o", f"{out}/", "--root", str(root))
    assert checked.exit_code == 0, checked.output
    status = cli("status", "2020/21 Q1", "--root", str(root))
    assert status.exit_code == 0, status.output
    assert "Note: the data" not in status.stderr  # the table does not read that quarter


@pytest.mark.parametrize(
    "where",
    [
        "objectives/updates/2020-21/Q1/objective-2.yaml",  # the quarter itself
        "objectives/updates/2019-20/Q4/objective-1.yaml",  # an earlier one it draws on
    ],
)
def test_a_typo_in_what_the_paper_reads_still_stops_it(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, where: str
) -> None:
    root = make_repo({where: TYPO.replace("objective: 1", f"objective: {where[-6]}")})
    result = cli("report", "2020/21 Q1", "-o", f"{tmp_path}/papers/", "--root", str(root))
    assert result.exit_code == 1
    assert f"{where}:4:13: error" in result.stderr
    assert "no paper was written" in result.stderr
    assert not (tmp_path / "papers").exists()


def test_a_typo_in_the_objectives_stops_every_paper(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    path = root / "objectives/1-start.yaml"
    path.write_text(path.read_text().replace("lead: ncc", "lead: nccc"))
    result = cli("report", "2020/21 Q1", "-o", f"{tmp_path}/papers/", "--root", str(root))
    assert result.exit_code == 1
    assert "objectives/1-start.yaml" in result.stderr


def test_a_year_alone_means_its_open_quarter(opened: Path, cli: RunCli) -> None:
    result = cli("status", "--year", "2020/21", "--format", "json", "--root", str(opened))
    assert result.exit_code == 0, result.output
    assert "Using the open quarter, 2020/21 Q2." in result.stderr
    none = cli("update", "1.2", "--year", "2021/22", "-b", "x", "--root", str(opened))
    assert none.exit_code == 2
    assert 'no quarter of 2021/22 is open; start one with `icp-obj new-quarter "2021/22 Q1"`' in (
        none.stderr
    )
