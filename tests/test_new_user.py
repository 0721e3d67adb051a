"""A new user's first paper from the command line alone: `init` → `update` → `report`, with
the cover sheet filled in by options (of `init` or `new-quarter`) rather than by editing YAML."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from icp_objectives.edit import cover
from tests.conftest import PROJECT, RunCli

PARTNERSHIP = (
    "--name",
    "Bassetlaw Integrated Care Partnership",
    "--short-name",
    "Bassetlaw ICP",
    "--board",
    "Bassetlaw Place Board",
    "--scale",
    "rag",
    "--objective",
    "Healthier lives",
    "--breakthrough",
    "Fewer falls",
)
COVER = (
    "--meeting",
    "Bassetlaw Place Board",
    "--date",
    "2027-01-28",
    "--author",
    "A. Person, programme manager",
    "--purpose",
    "assurance",
    "--recommendation",
    "The Board is asked to note the update.",
    "--session",
    "public",
    "--introduction",
    "The partnership's first quarter of work.",
)
Q3 = "objectives/updates/2026-27/Q3/report.yaml"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("starting", "updating"):
        monkeypatch.setattr(f"icp_objectives.cli.{module}._today", lambda: dt.date(2026, 12, 2))


def first_paper(cli: RunCli, root: Path) -> str:
    """The open quarter's first update and its paper, as Markdown; fails on any warning."""
    updated = cli(
        "update", "1.1", "--status", "green", "--bullet", "Falls clinic opened.",
        "--root", str(root),
    )  # fmt: skip
    assert updated.exit_code == 0, updated.output
    paper = cli("report", "2026/27 Q3", "--root", str(root), "--format", "md", "--output", "-")
    assert paper.exit_code == 0, paper.output
    assert "warning" not in paper.stderr.lower(), paper.stderr
    assert "To be written" not in paper.stdout
    return paper.stdout


def test_init_with_the_cover_options_leads_to_a_paper_with_no_warnings(
    cli: RunCli, tmp_path: Path
) -> None:
    started = cli("init", str(tmp_path), *PARTNERSHIP, *COVER)
    assert started.exit_code == 0, started.output
    report = (tmp_path / Q3).read_text()
    assert "\nmeeting: Bassetlaw Place Board\n" in report
    assert "\ndate: 2027-01-28\n" in report
    assert "\nintroduction: |\n  The partnership's first quarter of work.\n" in report
    paper = first_paper(cli, tmp_path)
    assert "Bassetlaw Integrated Care Partnership" in paper
    assert "| Meeting | Bassetlaw Place Board |" in paper
    assert "| Date | 28 January 2027 |" in paper
    assert "The partnership's first quarter of work." in paper
    assert "Falls clinic opened." in paper


def test_new_quarter_fills_in_the_cover_sheet_of_a_quarter_it_starts(
    cli: RunCli, tmp_path: Path
) -> None:
    assert cli("init", str(tmp_path), *PARTNERSHIP).exit_code == 0
    started = cli("new-quarter", "2026/27 Q4", *COVER, "--root", str(tmp_path))
    assert started.exit_code == 0, started.output
    report = (tmp_path / "objectives/updates/2026-27/Q4/report.yaml").read_text()
    assert "\nauthor: A. Person, programme manager\n" in report
    assert "\nsession: public\n" in report
    assert "# agenda_item:" in report  # what was not given stays a commented prompt
    checked = cli("validate", "--root", str(tmp_path))
    assert checked.exit_code == 0, checked.output
    assert "2026-27/Q4" not in checked.output  # Q3, started by init alone, has example text


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--date", "28/01/2027", "--date must be a date as YYYY-MM-DD"),
        ("--purpose", "noting", "--purpose must be one of decision, assurance"),
        ("--session", "closed", "--session must be one of public, private"),
        ("--meeting", "  ", "--meeting is empty"),
    ],
)
def test_a_wrong_cover_value_is_a_usage_error_and_writes_nothing(
    cli: RunCli, tmp_path: Path, option: str, value: str, said: str
) -> None:
    assert cli("init", str(tmp_path), *PARTNERSHIP).exit_code == 0
    refused = cli("new-quarter", "2026/27 Q4", option, value, "--root", str(tmp_path))
    assert refused.exit_code == 2, refused.output
    assert said in refused.stderr
    assert not (tmp_path / "objectives/updates/2026-27/Q4").exists()


def test_new_quarter_will_not_fill_in_a_report_that_exists(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", str(tmp_path), *PARTNERSHIP).exit_code == 0
    before = (tmp_path / Q3).read_bytes()
    refused = cli("new-quarter", "2026/27 Q3", "--meeting", "Board", "--root", str(tmp_path))
    assert refused.exit_code == 2, refused.output
    assert "report.yaml exists already" in refused.stderr
    assert (tmp_path / Q3).read_bytes() == before


def test_without_the_options_report_says_what_to_write_in_the_partnerships_words(
    cli: RunCli, tmp_path: Path
) -> None:
    assert cli("init", str(tmp_path), *PARTNERSHIP).exit_code == 0
    paper = cli("report", "2026/27 Q3", "--root", str(tmp_path), "--output", str(tmp_path / "p"))
    assert paper.exit_code == 0, paper.output
    assert "like 'meeting: Bassetlaw Place Board'" in paper.stderr
    assert "ICP Board" not in paper.stderr


def test_cover_fills_in_a_started_quarter_so_its_paper_has_no_warnings(
    cli: RunCli, tmp_path: Path
) -> None:
    assert cli("init", str(tmp_path), *PARTNERSHIP).exit_code == 0
    filled = cli("cover", *COVER, "--root", str(tmp_path))
    assert filled.exit_code == 0, filled.output
    assert "+meeting: Bassetlaw Place Board" in filled.stdout  # the diff
    report = (tmp_path / Q3).read_text()
    assert "\npurpose: assurance\n" in report
    assert "# purpose:" not in report  # the prompt became the key
    assert "# agenda_item:" in report
    paper = first_paper(cli, tmp_path)
    assert "| Author | A. Person, programme manager |" in paper
    again = cli("cover", "--author", "A. Person, programme manager", "--root", str(tmp_path))
    assert again.exit_code == 0
    assert "Nothing to change" in again.stderr


def test_cover_changes_only_the_lines_of_the_fields_given(cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "south-notts"
    shutil.copytree(PROJECT / "examples" / "south-notts", root)
    path = root / "objectives/updates/2019-20/Q4/report.yaml"
    before = path.read_text().splitlines(keepends=True)
    result = cli(
        "cover", "2019/20 Q4", "--meeting", "ICS Board: extra", "--date", "2020-02-14",
        "--root", str(root),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = path.read_text().splitlines(keepends=True)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
    assert changed == [
        ("meeting: ICS Board\n", 'meeting: "ICS Board: extra"\n'),
        ("date: 2020-02-13\n", "date: 2020-02-14\n"),
    ]


def test_a_key_with_neither_a_value_nor_a_prompt_goes_after_the_key_before_it() -> None:
    text = "# front matter\ntitle: T\nmeeting: M\nsession: public\nintroduction: |\n  Hi.\n"
    filled = cover.fill(text, {"author": "A. N. Other", "date": "2027-01-28"})
    assert filled == (
        "# front matter\ntitle: T\nmeeting: M\ndate: 2027-01-28\nauthor: A. N. Other\n"
        "session: public\nintroduction: |\n  Hi.\n"
    )


def test_cover_of_a_quarter_not_started_says_how_to_start_it(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", str(tmp_path), *PARTNERSHIP).exit_code == 0
    result = cli("cover", "2026/27 Q4", "--meeting", "Board", "--root", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert '`icp-obj new-quarter "2026/27 Q4"` starts the quarter' in result.stderr


def test_an_introduction_that_opens_indented_stays_yaml_and_keeps_the_files_line_endings() -> None:
    from icp_objectives import yamlio

    text = "title: T\r\nintroduction: |\r\n  Old.\r\n"
    filled = cover.fill(text, {"introduction": "    code first\nthen prose"})
    assert filled == "title: T\r\nintroduction: |2\r\n      code first\r\n  then prose\r\n"
    assert yamlio.load(filled)["introduction"] == "    code first\nthen prose\n"
