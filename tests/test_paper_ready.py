"""A paper that is not ready says so: `report` warns, at the place to fix, about each required
cover field still empty, each breakthrough objective without an update, and example text left
from `new-quarter`; `--strict` refuses to write such a paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MakeRepo, RunCli

REPORT = "objectives/updates/2020-21/Q1/report.yaml"
PAPER = "reports/2020-21-Q1-board-report"
READY = """\
title: Quarter 1 update
meeting: ICP Board
date: 2020-07-21
author: Ann Example
purpose: assurance
recommendation: The Board is asked to note the update.
session: public
introduction: |
  The quarter's update.
"""
# Every breakthrough objective of the small repository has its update.
UPDATES = {
    "objectives/updates/2020-21/Q1/objective-1.yaml": """\
objective: 1
entries:
  - covers: "1.2"
    body: Healthy pregnancies.
  - covers: "1.1"
    status: amber
    body: Take-up is recovering.
""",
    "objectives/updates/2020-21/Q1/objective-2.yaml": """\
objective: 2
entries:
  - covers: ["2.1", "2.2"]
    body: Both.
""",
}


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": warning " in line]


def test_a_ready_paper_gives_no_warning_and_strict_writes_it(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({REPORT: READY, **UPDATES})
    result = cli("report", "Q1", "--year", "2020/21", "--strict", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert _warnings(result.stderr) == []
    assert (root / f"{PAPER}.md").exists() and (root / f"{PAPER}.html").exists()


@pytest.mark.parametrize(
    ("field", "line"),
    [("meeting", 2), ("date", 3), ("author", 4), ("purpose", 5), ("recommendation", 6)],
)
def test_a_missing_required_field_is_located_where_it_would_go(
    make_repo: MakeRepo, cli: RunCli, field: str, line: int
) -> None:
    text = "".join(row for row in READY.splitlines(keepends=True) if not row.startswith(field))
    root = make_repo({REPORT: text, **UPDATES})
    result = cli("report", "Q1", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert _warnings(result.stderr) == [
        f"{REPORT}:{line}:1: warning cover-field-missing: the cover sheet has no '{field}'"
        f" for 2020/21 Q1: add " + _warnings(result.stderr)[0].split(": add ", 1)[1]
    ]
    assert (root / f"{PAPER}.md").exists()  # still written


def test_the_last_required_field_missing_goes_after_the_key_before_it(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    """`session` comes after `recommendation` in the order new-quarter writes: line 7."""
    text = READY.replace("session: public\n", "")
    result = cli("report", "Q1", "--root", str(make_repo({REPORT: text, **UPDATES})))
    assert [w.split(": warning ")[0] for w in _warnings(result.stderr)] == [f"{REPORT}:7:1"]
    assert "'session: public' or 'session: private'" in result.stderr


def test_an_empty_required_field_is_located_at_its_key(make_repo: MakeRepo, cli: RunCli) -> None:
    text = READY.replace("author: Ann Example", "author:").replace("date: 2020-07-21", "date: ")
    result = cli("report", "Q1", "--root", str(make_repo({REPORT: text, **UPDATES})))
    assert _warnings(result.stderr) == [
        f"{REPORT}:3:1: warning cover-field-missing: 'date' is empty, and the cover sheet needs"
        " it: write the meeting's date, as 'date: YYYY-MM-DD'",
        f"{REPORT}:4:1: warning cover-field-missing: 'author' is empty, and the cover sheet"
        " needs it: write who wrote the paper, like 'author: A. Name, ICP programme manager'",
    ]


def test_a_missing_field_is_located_at_the_prompt_new_quarter_wrote(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    text = READY.replace("author: Ann Example", '# author: "To be written: name"')
    text = text.replace("session: public\n", "")
    result = cli("report", "Q1", "--root", str(make_repo({REPORT: text, **UPDATES})))
    places = [w.split(": warning ")[0] for w in _warnings(result.stderr)]
    assert places == [f"{REPORT}:4:1", f"{REPORT}:7:1"]  # the prompt; after recommendation


def test_every_missing_field_of_an_old_report_is_one_warning_each(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    """The small repository's report.yaml has only a title, a period and an introduction."""
    result = cli("report", "Q1", "--root", str(make_repo(UPDATES)))
    fields = [w.split("has no '")[1].split("'")[0] for w in _warnings(result.stderr)]
    assert sorted(fields) == sorted(
        ["meeting", "date", "author", "purpose", "recommendation", "session"]
    )
    assert all(f"{REPORT}:3:1:" in w for w in _warnings(result.stderr))  # after the period


def test_a_quarter_without_report_yaml_gets_one_warning(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(UPDATES)
    (root / REPORT).unlink()
    result = cli("report", "Q1", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert _warnings(result.stderr) == [
        f"{REPORT}:1:1: warning cover-field-missing: 2020/21 Q1 has no report.yaml, so the cover"
        ' sheet names only the partnership and the period; run `icp-obj new-quarter "2020/21 Q1"`'
        " and fill it in"
    ]


def test_each_breakthrough_without_an_update_is_located_in_its_objective_file(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    """The small repository's quarter has an update for 1.1 only; an update on the whole
    objective does not count for its breakthrough objectives."""
    whole = "objective: 2\nentries:\n  - covers: '2'\n    body: The whole objective.\n"
    root = make_repo({REPORT: READY, "objectives/updates/2020-21/Q1/objective-2.yaml": whole})
    result = cli("report", "Q1", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert _warnings(result.stderr) == [
        "objectives/1-start.yaml:14:5: warning no-update: breakthrough objective 1.2 (Healthy"
        " pregnancies) has no update for 2020/21 Q1, so the paper says none was received; add"
        ' one with `icp-obj update 1.2 --quarter "2020/21 Q1"`',
        "objectives/2-choices.yaml:4:5: warning no-update: breakthrough objective 2.1 (Connect"
        " services) has no update for 2020/21 Q1, so the paper says none was received; add one"
        ' with `icp-obj update 2.1 --quarter "2020/21 Q1"`',
        "objectives/2-choices.yaml:6:5: warning no-update: breakthrough objective 2.2 (Stop"
        " smoking) has no update for 2020/21 Q1, so the paper says none was received; add one"
        ' with `icp-obj update 2.2 --quarter "2020/21 Q1"`',
    ]


def test_example_text_in_a_cover_field_is_a_warning_at_the_text(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    text = READY.replace("Ann Example", '"To be written: name and job title"')
    result = cli("report", "Q1", "--root", str(make_repo({REPORT: text, **UPDATES})))
    assert _warnings(result.stderr) == [
        f"{REPORT}:4:9: warning placeholder-text: 'author' still holds the example text from"
        " `icp-obj new-quarter`, and the cover sheet would print it; write the real text in its"
        " place, or remove the key"
    ]


def test_strict_refuses_a_paper_with_warnings_and_writes_nothing(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({REPORT: READY.replace("session: public\n", ""), **UPDATES})
    result = cli("report", "Q1", "--strict", "--root", str(root))
    assert result.exit_code == 1
    assert len(_warnings(result.stderr)) == 1
    assert result.stderr.splitlines()[-1] == (
        "icp-obj: the paper is not ready: 1 warning above; with --strict no paper was written"
        " (fix it, or run without --strict for a draft)"
    )
    assert not (root / "reports").exists()


def test_strict_counts_the_quarters_own_validation_warnings(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    """Example text in a body is found by validate; --strict stops on it too."""
    updates = dict(UPDATES)
    updates["objectives/updates/2020-21/Q1/objective-2.yaml"] = updates[
        "objectives/updates/2020-21/Q1/objective-2.yaml"
    ].replace("Both.", "What changed this quarter, one bullet per point.")
    root = make_repo({REPORT: READY, **updates})
    result = cli("report", "Q1", "--strict", "-o", str(tmp_path / "out/"), "--root", str(root))
    assert result.exit_code == 1
    assert "objective-2.yaml:4:11: warning placeholder-text:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_strict_with_check_stops_before_comparing(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(UPDATES)
    assert cli("report", "Q1", "--root", str(root)).exit_code == 0
    result = cli("report", "Q1", "--check", "--strict", "--root", str(root))
    assert result.exit_code == 1
    assert "the paper is not ready: 6 warnings above" in result.stderr
    assert "matches the data" not in result.stderr
