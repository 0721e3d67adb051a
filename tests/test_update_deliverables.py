"""`update --deliverable ID=STATUS[:PROGRESS]` sets a status table row's status for a quarter:
in a new entry, or with --append in the entry already there, changing only the lines it must;
the status is read in the partnership's words as a rating is, and a word that names none is
refused with the same kind of hint, before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from icp_objectives import yamlio
from tests.conftest import PROJECT, RunCli

Q4 = ("-q", "2019/20 Q4")
Q4_6 = "objectives/updates/2019-20/Q4/objective-6.yaml"
Q4_8 = "objectives/updates/2019-20/Q4/objective-8.yaml"
Q1_6 = "objectives/updates/2020-21/Q1/objective-6.yaml"


@pytest.fixture
def south_notts(tmp_path: Path) -> Path:
    root = tmp_path / "south-notts"
    shutil.copytree(PROJECT / "examples" / "south-notts", root)
    return root


def _text(root: Path, rel: str) -> str:
    return (root / rel).read_bytes().decode("utf-8")


def _update(cli: RunCli, root: Path, *args: str) -> tuple[int, str]:
    result = cli("update", *args, "--root", str(root))
    return result.exit_code, result.output


def test_append_changes_only_the_status_and_progress_lines(south_notts: Path, cli: RunCli) -> None:
    before = _text(south_notts, Q4_6)
    code, output = _update(
        cli,
        south_notts,
        "6.2",
        *Q4,
        "--append",
        "--deliverable",
        "service-specifications=In place:Agreed in March",
        "-d",
        "workforce-roles=IN-PLACE:10 SPs in post",
        "-d",
        "additional-roles=under review",
    )
    assert code == 0, output
    expected = (
        before.replace(
            "      - id: service-specifications\n        status: under-review\n",
            "      - id: service-specifications\n        status: in-place\n"
            "        progress: Agreed in March\n",
        )
        .replace("progress: 9 SPs in post, 8.5 CPs in post", "progress: 10 SPs in post")
        .replace(
            "      - id: additional-roles\n        status: in-development\n",
            "      - id: additional-roles\n        status: under-review\n",
        )
    )
    assert _text(south_notts, Q4_6) == expected
    checked = cli("validate", "--root", str(south_notts))
    assert checked.exit_code == 0, checked.output


def test_append_adds_a_deliverable_the_entry_does_not_update(
    south_notts: Path, cli: RunCli
) -> None:
    path = south_notts / Q4_8
    path.write_text(
        _text(south_notts, Q4_8).replace(
            "      - id: locality-team-move\n        progress: Move date expected imminently\n",
            "",
        ),
        encoding="utf-8",
    )
    before = _text(south_notts, Q4_8)
    code, output = _update(
        cli, south_notts, "8", *Q4, "--append", "-d", "locality-team-move=:Moved in March"
    )
    assert code == 0, output
    assert _text(south_notts, Q4_8) == before + (
        "      - id: locality-team-move\n        progress: Moved in March\n"
    )


def test_a_new_entry_carries_its_deliverables(south_notts: Path, cli: RunCli) -> None:
    code, output = _update(
        cli,
        south_notts,
        "6.2",
        "-q",
        "2020/21 Q1",
        "--create",
        "-b",
        "Year 2 under way",
        "-d",
        "service-specifications=In Place",
        "-d",
        "additional-roles=in development:FCPs recruited",
    )
    assert code == 0, output
    data = yamlio.load(_text(south_notts, Q1_6))
    assert data["entries"] == [
        {
            "covers": "6.2",
            "body": "- Year 2 under way\n",
            "deliverables": [
                {"id": "service-specifications", "status": "in-place"},
                {
                    "id": "additional-roles",
                    "status": "in-development",
                    "progress": "FCPs recruited",
                },
            ],
        }
    ]
    paper = cli(
        "report", "Q1", "--year", "2020/21", "-f", "md", "-o", "-", "--root", str(south_notts)
    )
    assert "| Service specifications | In place |" in paper.stdout


def test_a_status_that_names_none_is_refused_with_a_hint(south_notts: Path, cli: RunCli) -> None:
    before = _text(south_notts, Q4_6)
    code, output = _update(
        cli, south_notts, "6.2", *Q4, "--append", "-d", "service-specifications=in plce"
    )
    assert code == 2
    assert (
        "--deliverable service-specifications=in plce: 'in plce' is not a deliverable status"
        " (did you mean 'in-place'?); use one of detail-awaited, in-development, in-place,"
        " under-review, or a status's label"
    ) in output
    assert _text(south_notts, Q4_6) == before


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("service-specifications", "needs a deliverable's id and its status"),
        ("Service Specs=in-place", "is not a deliverable id"),
        ("service-specifications=", "gives no status"),
        ("service-specifications=in-place:", "has no progress after ':'"),
    ],
)
def test_a_deliverable_typed_wrongly_is_a_usage_error(
    south_notts: Path, cli: RunCli, typed: str, said: str
) -> None:
    before = _text(south_notts, Q4_6)
    code, output = _update(cli, south_notts, "6.2", *Q4, "--append", "-d", typed)
    assert code == 2
    assert said in output
    assert _text(south_notts, Q4_6) == before


def test_an_unknown_or_misplaced_deliverable_is_a_located_problem(
    south_notts: Path, cli: RunCli
) -> None:
    before = _text(south_notts, Q4_6)
    code, output = _update(
        cli, south_notts, "6.1", *Q4, "--append", "-d", "service-specifications=in-place"
    )
    assert code == 1
    assert (
        "error deliverable-elsewhere: the deliverable 'service-specifications' belongs to 6.2"
    ) in output
    assert "nothing was written" in output
    assert _text(south_notts, Q4_6) == before


def test_a_deliverable_written_on_one_line_is_rewritten_as_a_block(
    south_notts: Path, cli: RunCli
) -> None:
    path = south_notts / Q4_6
    path.write_text(
        _text(south_notts, Q4_6).replace(
            "      - id: service-specifications\n        status: under-review\n",
            "      - {id: service-specifications, status: under-review}  # to check\n",
        ),
        encoding="utf-8",
    )
    code, output = _update(
        cli, south_notts, "6.2", *Q4, "--append", "-d", "service-specifications=in-place"
    )
    assert code == 0, output
    updates = yamlio.load(_text(south_notts, Q4_6))["entries"][1]["deliverables"]
    assert {"id": "service-specifications", "status": "in-place"} in updates
    assert updates[0] == {
        "id": "practices-sign-up",
        "status": "in-place",
        "progress": "All 41 practices signed and aligned to 6 PCNs",
    }


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr("icp_objectives.cli.updating._stdin_is_terminal", lambda: True)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return monkeypatch


def test_the_prompt_asks_each_deliverables_status(
    south_notts: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    rows = [
        "",  # practices-sign-up: skipped
        "in plce",  # not a status: asked again
        "In place:Agreed in March",  # clinical-directors
        "",
        "",
        "",
        "",
        "",
    ]
    answers = "\n".join(["", "Year 2 under way", "", *rows, "Ann Lee", ""])
    result = cli(
        "update", "6.2", "-q", "2020/21 Q1", "--create", "--root", str(south_notts), input=answers
    )
    assert result.exit_code == 0, result.output
    assert "Deliverable statuses: in-place (In place), in-development (In development)" in (
        result.stderr
    )
    assert result.stderr.count("Status of PCN DES: Clinical directors (CD) identified") == 2
    assert "'in plce' is not a deliverable status (did you mean 'in-place'?)" in result.stderr
    entry = yamlio.load(_text(south_notts, Q1_6))["entries"][0]
    assert entry["deliverables"] == [
        {"id": "clinical-directors", "status": "in-place", "progress": "Agreed in March"}
    ]
    assert entry["author"] == "Ann Lee"


def test_a_deliverable_given_on_the_command_line_is_not_asked_for(
    south_notts: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    answers = "\n".join(["", "A point", "", *[""] * 6, "", ""])
    result = cli("update", "6.2", "-q", "2020/21 Q1", "--create", "-d",
                 "service-specifications=in-place", "--root", str(south_notts),
                 input=answers)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Status of PCN DES: Service specifications" not in result.stderr
    assert result.stderr.count("Status of PCN DES:") == 6
    entry = yamlio.load(_text(south_notts, Q1_6))["entries"][0]
    assert entry["deliverables"] == [{"id": "service-specifications", "status": "in-place"}]
