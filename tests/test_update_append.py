"""`update --append` adds readings and an author to an entry, and the prompt asks for both.

Each addition changes only the lines it must: readings follow the entry's last reading at its
indentation, an author replaces the author line or is added where a new entry has it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_objectives import yamlio
from icp_objectives.check import validation
from tests.conftest import MakeRepo, RunCli
from tests.test_update import OBJECTIVE_1, OBJECTIVE_2, SMOKING, only_added, put, snapshot

Q1 = ("-q", "2020/21 Q1")

COMMENTED = (
    "# Objective 1, kept by the lead.\r\n"
    "objective: 1\r\n"
    "entries:\r\n"
    '    -   covers: "1.1"   # school readiness\r\n'
    "        status: amber\r\n"
    "        body: |\r\n"
    "            - Take-up is recovering.\r\n"
    "        readings:\r\n"
    "            # from the dashboard\r\n"
    "            -   measure: childcare\r\n"
    "                value: 72.0   # as typed\r\n"
    "        author: 'O''Brien'   # the lead\r\n"
    "# the end\r\n"
)


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo({"objectives/2-choices.yaml": SMOKING})


def entry(root: Path, rel: str, index: int = 0) -> dict[str, object]:
    data = yamlio.load((root / rel).read_text(encoding="utf-8"))
    return dict(data["entries"][index])


def test_a_reading_follows_the_last_reading_and_nothing_else_changes(
    repo: Path, cli: RunCli
) -> None:
    path = put(repo, OBJECTIVE_1, COMMENTED.encode())
    result = cli("update", "1.1", *Q1, "--append", "-r", "childcare=75@2020/21 Q2:Up again",
                 "--root", str(repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    new = path.read_bytes().decode()
    added = only_added(COMMENTED, new)
    assert added == [
        "            -   measure: childcare\r\n",
        "                value: 75\r\n",
        "                period: 2020/21 Q2\r\n",
        "                note: Up again\r\n",
    ]
    assert new.index("note: Up again") < new.index("author: 'O''Brien'")
    assert "+            -   measure: childcare" in result.stdout
    assert not validation.validate(repo).problems


def test_an_author_replaces_only_the_author_and_keeps_its_comment(repo: Path, cli: RunCli) -> None:
    path = put(repo, OBJECTIVE_1, COMMENTED.encode())
    result = cli("update", "1.1", *Q1, "--append", "--author", "Ann Lee", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert (
        path.read_bytes()
        == COMMENTED.replace(
            "author: 'O''Brien'   # the lead", "author: Ann Lee   # the lead"
        ).encode()
    )
    again = cli("update", "1.1", *Q1, "--append", "--author", "Ann Lee", "--root", str(repo))
    assert again.exit_code == 0
    assert "Nothing to change" in again.stderr


def test_readings_and_an_author_go_where_a_new_entry_has_them(repo: Path, cli: RunCli) -> None:
    old = (
        'objective: 1\nentries:\n  - covers: "1.1"\n    status: green\n'
        "    body: |\n      - First\n"
        '  - covers: "1.2"\n    body: Other\n'
    )
    path = put(repo, OBJECTIVE_1, old.encode())
    result = cli(
        "update", "1.1", *Q1, "--append", "-b", "Second", "-r", "childcare=70@Q1",
        "--author", "Ann", "--root", str(repo),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert path.read_text() == (
        'objective: 1\nentries:\n  - covers: "1.1"\n    status: green\n'
        "    body: |\n      - First\n      - Second\n"
        "    readings:\n      - measure: childcare\n        value: 70\n"
        "        period: 2020/21 Q1\n    author: Ann\n"
        '  - covers: "1.2"\n    body: Other\n'
    )
    assert not validation.validate(repo).problems


def test_readings_added_to_a_flow_list_or_an_empty_one(repo: Path, cli: RunCli) -> None:
    old = 'objective: 1\nentries:\n  - covers: "1.1"\n    body: x\n    readings: []\n'
    path = put(repo, OBJECTIVE_1, old.encode())
    result = cli("update", "1.1", *Q1, "--append", "-r", "childcare=70", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert entry(repo, OBJECTIVE_1)["readings"] == [{"measure": "childcare", "value": 70}]
    assert path.read_text().startswith(old.removesuffix("    readings: []\n"))


def test_an_addition_that_would_be_invalid_writes_nothing(repo: Path, cli: RunCli) -> None:
    before = snapshot(repo)
    unknown = cli("update", "1.1", *Q1, "--append", "-r", "childcar=70", "--root", str(repo))
    assert unknown.exit_code == 1
    assert "error unknown-measure" in unknown.stderr or "no measure" in unknown.stderr
    assert "Did you mean childcare?" in unknown.stderr
    twice = cli("update", "1.1", *Q1, "--append", "-r", "childcare=70", "--root", str(repo))
    assert twice.exit_code == 1
    assert "'childcare' is already read for 2020/21 Q1" in twice.stderr
    dry = cli("update", "1.1", *Q1, "--append", "-r", "childcare=70@Q2", "--dry-run",
              "--root", str(repo))  # fmt: skip
    assert dry.exit_code == 0, dry.output
    assert "+        period: 2020/21 Q2" in dry.stdout
    assert snapshot(repo) == before


def test_append_still_refuses_a_heading_and_an_empty_addition(repo: Path, cli: RunCli) -> None:
    heading = cli("update", "1.1", *Q1, "--append", "--heading", "H", "-r", "childcare=70",
                  "--root", str(repo))  # fmt: skip
    assert heading.exit_code == 2
    assert "--heading cannot be used with it" in heading.stderr


# --- At a terminal: the prompt asks for readings and the author ------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr("icp_objectives.cli.updating._stdin_is_terminal", lambda: True)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return monkeypatch


def test_the_prompt_asks_for_each_measure_and_the_author(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    answers = "amber\nFirst point\n\n12.5@Q1:Fewer smokers\nAnn Lee\n"
    result = cli("update", "2.2", *Q1, "--root", str(repo), input=answers)
    assert result.exit_code == 0, result.output
    assert "Reading of smoking-at-delivery (Smoking at time of delivery, %)" in result.stderr
    assert "Author of the update" in result.stderr
    assert entry(repo, OBJECTIVE_2) == {
        "covers": "2.2",
        "status": "amber",
        "body": "- First point\n",
        "readings": [
            {
                "measure": "smoking-at-delivery",
                "value": 12.5,
                "period": "2020/21 Q1",
                "note": "Fewer smokers",
            }
        ],
        "author": "Ann Lee",
    }


def test_enter_skips_the_readings_and_the_author(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    result = cli("update", "2.2", *Q1, "--root", str(repo), input="\nA point\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert entry(repo, OBJECTIVE_2) == {"covers": "2.2", "body": "- A point\n"}


def test_a_reading_that_is_not_a_number_is_explained_and_asked_again(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    answers = "\nA point\n\n12%\n11\n\n"
    result = cli("update", "2.2", *Q1, "--root", str(repo), input=answers)
    assert result.exit_code == 0, result.output
    assert "'12%' is not a number" in result.stderr
    assert result.stderr.count("Reading of smoking-at-delivery") == 2
    readings = entry(repo, OBJECTIVE_2)["readings"]
    assert readings == [{"measure": "smoking-at-delivery", "value": 11}]


def test_a_measure_given_on_the_command_line_is_not_asked_for(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    result = cli("update", "2.2", *Q1, "-r", "smoking-at-delivery=9", "--author", "Bo",
                 "--root", str(repo), input="\nA point\n\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Reading of" not in result.stderr
    assert "Author of" not in result.stderr
    assert entry(repo, OBJECTIVE_2)["author"] == "Bo"


def test_append_with_only_a_reading_at_a_terminal_asks_for_nothing(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    terminal.setenv("EDITOR", "false")  # would fail if it were opened
    result = cli("update", "1.1", *Q1, "--append", "-r", "childcare=75@Q2", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "Reading of" not in result.stderr
    assert len(entry(repo, OBJECTIVE_1)["readings"]) == 2  # type: ignore[arg-type]
