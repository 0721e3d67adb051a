"""`icp-obj new-quarter` starts a quarter that validates; `icp-obj status` is the chase list."""

from __future__ import annotations

import json

import pytest

from icp_objectives import yamlio
from icp_objectives.check import validation
from icp_objectives.domain.periods import parse_quarter
from icp_objectives.domain.wording import BODY_PLACEHOLDER
from icp_objectives.paper import standing as status
from tests.conftest import MakeRepo, RunCli
from tests.test_update import snapshot

Q2 = "objectives/updates/2020-21/Q2"


def test_new_quarter_creates_files_that_validate(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("new-quarter", "2020/21 Q2", "--root", str(root))
    assert result.exit_code == 0, result.output
    folder = root / Q2
    assert sorted(p.name for p in folder.iterdir()) == [
        "objective-1.yaml",
        "objective-2.yaml",
        "report.yaml",
    ]
    report = yamlio.load((folder / "report.yaml").read_text())
    assert report["title"] == "ICP Objectives Quarter 2 update Report for 20/21"
    assert report["period"] == "2020/21 Q2"
    assert "July to September 2020" in report["introduction"]
    text = (folder / "objective-2.yaml").read_text()
    assert text.startswith(
        "# 2020/21 Q2 updates for Objective 2. One lead edits this file.\n"
        "objective: 2\nperiod: 2020/21 Q2\nentries: []\n"
    )
    assert '#   - covers: "2.1"  # Connect services\n' in text
    assert '#   - covers: "2.2"  # Stop smoking\n' in text
    assert "one of: green, amber, red" in text
    # No errors; the introduction is example text to replace, and validate says so.
    problems = validation.validate(root).problems
    assert [(p.path, p.code, p.severity.value) for p in problems] == [
        (f"{Q2}/report.yaml", "placeholder-text", "warning")
    ]
    assert f"created {Q2}/report.yaml" in result.stderr


def test_new_quarter_files_have_no_trailing_spaces(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    assert cli("new-quarter", "2020/21 Q2", "--root", str(root)).exit_code == 0
    for path in sorted((root / Q2).iterdir()):
        text = path.read_text()
        assert [line for line in text.split("\n") if line != line.rstrip()] == [], path.name
    assert "# date:  # the meeting" in (root / Q2 / "report.yaml").read_text()


def test_new_quarter_twice_changes_nothing(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    assert cli("new-quarter", "Q2", "--year", "2020/21", "--root", str(root)).exit_code == 0
    before = snapshot(root)
    again = cli("new-quarter", "2020-21-Q2", "--root", str(root))
    assert again.exit_code == 0
    assert "Nothing to do" in again.stderr
    assert snapshot(root) == before


def test_new_quarter_fills_only_what_is_missing(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("new-quarter", "2020/21 Q1", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert "created objectives/updates/2020-21/Q1/objective-2.yaml" in result.stderr
    assert "report.yaml" not in result.stderr
    assert "objective-1.yaml" not in result.stderr
    assert not validation.validate(root).problems


def test_then_updates_fill_the_placeholder_file(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    cli("new-quarter", "2020/21 Q2", "--root", str(root))
    path = root / Q2 / "objective-2.yaml"
    old = path.read_text()
    for target in ("2.1", "2.2"):
        result = cli("update", target, "-q", "2020/21 Q2", "-s", "green", "-b", "Done",
                     "--root", str(root))  # fmt: skip
        assert result.exit_code == 0, result.output
    new = path.read_text()
    assert new.replace("entries:\n", "entries: []\n", 1).startswith(old.split("# Add")[0])
    assert new.endswith(old[old.index("# Add") :])
    data = yamlio.load(new)
    assert [e["covers"] for e in data["entries"]] == ["2.1", "2.2"]


def test_new_quarter_refuses_when_objectives_are_broken(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"objectives/2-choices.yaml": "id: 2\ntitle: [\n"})
    before = snapshot(root)
    result = cli("new-quarter", "2020/21 Q2", "--root", str(root))
    assert result.exit_code == 1
    assert "fix them first" in result.stderr
    assert snapshot(root) == before


def test_new_quarter_bad_period_is_a_usage_error(make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("new-quarter", "Q9", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert "not a quarter" in result.stderr


@pytest.mark.parametrize("command", ["status", "new-quarter"])
@pytest.mark.parametrize(
    ("args", "message"),
    [([""], "PERIOD is empty"), (["  "], "PERIOD is empty"), (["Q2", "-y", ""], "--year is empty")],
)
def test_an_empty_period_or_year_is_a_usage_error(
    make_repo: MakeRepo, cli: RunCli, command: str, args: list[str], message: str
) -> None:
    root = make_repo({})
    before = snapshot(root)
    result = cli(command, *args, "--root", str(root))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == ""
    assert snapshot(root) == before


def test_status_table_names_statuses_in_words_and_the_chase_list(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo(
        {
            "objectives/updates/2020-21/Q2/objective-1.yaml": """
                objective: 1
                entries:
                  - covers: "1.1"
                    status: red
                    body: Worse.
                  - covers: "1"
                    body: The objective as a whole is not a breakthrough's update.
                """,
        }
    )
    result = cli("status", "2020/21 Q2", "--root", str(root))
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if "│" in line}
    assert "Off track (red)" in lines["1.1 School readiness"]
    assert "Some risk (amber)" in lines["1.1 School readiness"]
    assert "received" in lines["1.1 School readiness"]
    assert "MISSING" in lines["1.2 Healthy pregnancies"]
    assert "No update" in lines["2.1 Connect services"]
    assert "Still to update for 2020/21 Q2: 1.2, 2.1, 2.2 (3 of 4)." in result.stdout
    assert "\x1b[" not in result.stdout


def test_status_with_no_color_has_no_escapes_even_in_a_terminal(
    make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # as in a terminal; the fixture sets NO_COLOR
    result = cli("status", "2020/21 Q1", "--root", str(make_repo({})))
    assert "MISSING" in result.stdout
    assert "\x1b[" not in result.stdout
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[1mMISSING" in cli("status", "2020/21 Q1", "--root", str(make_repo({}))).stdout


def test_status_json(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("status", "Q1", "-y", "2020/21", "--format", "json", "--root", str(root))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["quarter"] == "2020/21 Q1"
    assert data["previous_quarter"] == "2019/20 Q4"
    first = data["breakthroughs"][0]
    assert first["breakthrough"] == "1.1"
    assert first["this_quarter"] == {"updated": True, "status": "amber", "label": "Some risk"}
    assert first["last_quarter"] == {"updated": False, "status": None, "label": "No update"}
    assert data["missing"] == ["1.2", "2.1", "2.2"]


def test_status_all_updated(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    for target in ("1.2", "2.1", "2.2"):
        cli("update", target, "-q", "2020/21 Q1", "-b", "x", "--root", str(root))
    result = cli("status", "2020/21 Q1", "--root", str(root))
    assert "Every breakthrough objective has an update for 2020/21 Q1." in result.stdout
    assert "Updated, not rated" in result.stdout


def test_status_with_problems_still_shows_and_exits_0(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(
        {"objectives/updates/2020-21/Q1/objective-2.yaml": "objective: 2\nentries: [\n"}
    )
    result = cli("status", "2020/21 Q1", "--root", str(root))
    assert result.exit_code == 0
    assert "run `icp-obj validate`" in result.stderr
    assert "1.1 School readiness" in result.stdout


def test_status_bad_format(make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("status", "--format", "xml", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert "--format must be text or json" in result.stderr


def test_period_may_be_typed_without_quotes(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("status", "Q1", "2020/21", "--format", "json", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["quarter"] == "2020/21 Q1"


def test_status_of_a_quarter_not_started_says_so(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    named = cli("status", "2030/31 Q2", "--root", str(root))
    assert named.exit_code == 0, named.output
    assert '2030/31 Q2 has no updates yet; `icp-obj new-quarter "2030/31 Q2"`' in named.stderr
    started = cli("status", "Q1", "-y", "2020/21", "--root", str(root))
    assert "no updates yet" not in started.stderr
    # Without a year, a quarter number that no year has started is a usage error, not a guess.
    unnamed = cli("status", "Q2", "--root", str(root))
    assert unnamed.exit_code == 2
    assert "no financial year has updates for Q2; quarters with updates: 2020/21 Q1" in (
        unnamed.stderr
    )


def test_status_marks_breakthroughs_whose_file_has_problems(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo(
        {"objectives/updates/2020-21/Q1/objective-2.yaml": "objective: 2\nentries: [\n"}
    )
    result = cli("status", "2020/21 Q1", "--root", str(root))
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if "│" in line}
    assert "file has problems" in lines["2.1 Connect services"]
    assert "MISSING" not in lines["2.1 Connect services"]
    assert "MISSING" in lines["1.2 Healthy pregnancies"]
    assert "Still to update for 2020/21 Q1: 1.2 (1 of 4)." in result.stdout
    assert "Could not read the 2020/21 Q1 file for: 2.1, 2.2" in result.stdout
    data = json.loads(cli("status", "2020/21 Q1", "-f", "json", "--root", str(root)).stdout)
    assert data["missing"] == ["1.2"]
    assert data["unread"] == ["2.1", "2.2"]
    assert (data["errors"], data["warnings"]) == (1, 0)
    assert data["breakthroughs"][2]["this_quarter"]["label"] == "File has problems"


def test_status_marks_breakthroughs_whose_file_cannot_be_opened(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    updates = root / "objectives/updates/2020-21/Q1/objective-1.yaml"
    updates.unlink()
    updates.symlink_to(root / "nowhere.yaml")  # a link left behind by a moved file
    data = json.loads(cli("status", "2020/21 Q1", "-f", "json", "--root", str(root)).stdout)
    assert data["unread"] == ["1.1", "1.2"]
    assert not {"1.1", "1.2"} & set(data["missing"])


PLACEHOLDER_ONLY = {  # an entry still holding new-quarter's example text: a warning, not an error
    "objectives/updates/2020-21/Q1/objective-2.yaml": f"""
        objective: 2
        entries:
          - covers: "2.1"
            body: |
              - {BODY_PLACEHOLDER}
        """,
}


def test_standing_counts_errors_and_warnings_apart(make_repo: MakeRepo) -> None:
    repo = validation.validate(make_repo(PLACEHOLDER_ONLY))
    assert [(p.code, p.severity.value) for p in repo.problems] == [("placeholder-text", "warning")]
    view = status.build(repo, parse_quarter("2020/21 Q1"))
    assert (view.errors, view.warnings) == (0, 1)
    assert (view.as_json()["errors"], view.as_json()["warnings"]) == (0, 1)
    broken = {"objectives/updates/2020-21/Q1/objective-2.yaml": "objective: 2\nentries: [\n"}
    view = status.build(validation.validate(make_repo(broken)), parse_quarter("2020/21 Q1"))
    assert (view.errors, view.warnings) == (1, 0)


def test_status_does_not_call_a_warning_an_error(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(PLACEHOLDER_ONLY)
    text = cli("status", "2020/21 Q1", "--root", str(root))
    assert text.exit_code == 0, text.output
    assert "error" not in text.stderr
    assert text.stderr == ""
    assert "2.1 Connect services" in text.stdout
    as_json = cli("status", "2020/21 Q1", "--format", "json", "--root", str(root))
    assert as_json.exit_code == 0, as_json.output
    assert as_json.stderr == ""
    data = json.loads(as_json.stdout)
    assert (data["errors"], data["warnings"]) == (0, 1)
    assert "problems" not in data
