"""Status words read the same everywhere: `--status`, the prompt and `status:` in a file.

One table of spellings goes through each way in; each spelling names the same rating in all
of them, or is refused in all of them with the same hint, which offers only ratings that are
on the partnership's scale.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from icp_objectives.check import validation
from icp_objectives.domain import ratings
from icp_objectives.domain.ratings import Word
from tests.conftest import MakeRepo, RunCli

SCALE = """
    name: Test Partnership
    partners:
      ncc: Nottinghamshire County Council
    ratings:
      - id: green
        label: Green
        definition: On track.
      - id: amber-green
        label: Amber/Green
        definition: Likely.
      - id: amber
        label: Amber
        definition: Feasible.
      - id: amber-red
        label: Amber/Red
        definition: In doubt.
      - id: red
        label: Red
        definition: Not expected.
      - id: complete
        label: Delivered in full
        definition: Done.
    """
SCALE_IDS = {"green", "amber-green", "amber", "amber-red", "red", "complete"}
OBJECTIVE_1 = "objectives/updates/2020-21/Q1/objective-1.yaml"

SPELLINGS = [  # (as typed, the rating it names or None)
    ("amber", "amber"),
    ("Amber", "amber"),
    ("AMBER", "amber"),
    ("amber-green", "amber-green"),
    ("Amber/Green", "amber-green"),
    ("amber/green", "amber-green"),
    ("Amber / Green", "amber-green"),
    ("amber green", "amber-green"),
    ("AMBER_GREEN", "amber-green"),
    ("Amber\u2013Green", "amber-green"),
    ("Amber-Red", "amber-red"),
    ("delivered in full", "complete"),
    ("Delivered-in-full", "complete"),
    ("ambr", None),
    ("Amber Gren", None),
    ("purple", None),
    ("green amber", None),
]


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo({"objectives/partnership.yaml": SCALE})


def with_status(root: Path, typed: str) -> None:
    (root / OBJECTIVE_1).write_text(
        f'objective: 1\nentries:\n  - covers: "1.1"\n    status: {json.dumps(typed)}\n'
        "    body: x\n",
        encoding="utf-8",
    )


def hint_of(text: str) -> str | None:
    found = re.search(r"('[^\n]*' is not on the rating scale[^\n]*)", text)
    return found[1] if found else None


@pytest.mark.parametrize(("typed", "meant"), SPELLINGS)
def test_a_spelling_means_the_same_on_the_command_line_and_in_a_file(
    repo: Path, cli: RunCli, typed: str, meant: str | None
) -> None:
    with_status(repo, typed)
    in_file = [p for p in validation.validate(repo).problems if p.code == "unknown-rating"]
    shown = cli("status", "Q1", "2020/21", "--format", "json", "--root", str(repo))
    rows = {row["breakthrough"]: row for row in json.loads(shown.stdout)["breakthroughs"]}
    (repo / OBJECTIVE_1).unlink()
    typed_in = cli("update", "1.1", "-q", "2020/21 Q1", "-s", typed, "-b", "x", "--root", str(repo))
    if meant is not None:
        assert not in_file
        assert rows["1.1"]["this_quarter"]["status"] == meant
        assert typed_in.exit_code == 0, typed_in.output
        assert f"    status: {meant}\n" in (repo / OBJECTIVE_1).read_text()
    else:
        assert len(in_file) == 1
        assert typed_in.exit_code == 1
        assert not (repo / OBJECTIVE_1).exists()
        assert hint_of(typed_in.stderr) == in_file[0].message
        offered = re.findall(r"did you mean ([^?]*)\?", in_file[0].message)
        for name in re.findall(r"'([^']*)'", offered[0] if offered else ""):
            assert name in SCALE_IDS


@pytest.mark.parametrize(("typed", "meant"), SPELLINGS)
def test_the_prompt_reads_a_spelling_as_the_command_line_does(
    repo: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch, typed: str, meant: str | None
) -> None:
    monkeypatch.setattr("icp_objectives.cli.updating._stdin_is_terminal", lambda: True)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    answers = f"{typed}\n" + ("" if meant else "amber\n") + "A point\n\n\n\n"
    result = cli("update", "1.2", "-q", "2020/21 Q1", "--root", str(repo), input=answers)
    assert result.exit_code == 0, result.output
    text = (repo / OBJECTIVE_1).read_text()
    if meant is not None:
        assert f"    status: {meant}\n" in text
        assert "is not on the rating scale" not in result.stderr
    else:
        with_status(repo, typed)
        in_file = [p for p in validation.validate(repo).problems if p.code == "unknown-rating"]
        told = hint_of(result.stderr)
        assert told is not None and told.startswith(in_file[0].message)


def test_a_spelling_two_ratings_share_is_refused_naming_both() -> None:
    scale = [Word("ag", "Amber/Green"), Word("amber-green", "Nearly there")]
    assert ratings.rating_id("Amber/Green", scale) == "ag"  # a label as written wins
    assert ratings.rating_id("amber-green", scale) == "amber-green"  # so does an id
    assert ratings.rating_id("amber green", scale) is None
    assert "(did you mean 'ag' or 'amber-green'?)" in ratings.unknown("amber green", scale)


def test_a_hint_never_offers_a_rating_that_is_not_on_the_scale() -> None:
    scale = [Word("on-track", "On track"), Word("off-track", "Off track")]
    assert ratings.guesses("yellow", scale) == []
    assert ratings.unknown("ontrak", scale).startswith(
        "'ontrak' is not on the rating scale (did you mean 'on-track'?); use one of"
        " off-track, on-track"
    )


def test_the_paper_prints_the_label_of_a_status_written_as_a_label(
    repo: Path, cli: RunCli, tmp_path: Path
) -> None:
    with_status(repo, "Amber/Green")
    by_label = cli("report", "Q1", "2020/21", "-f", "md", "-o", "-", "--root", str(repo))
    with_status(repo, "amber-green")
    by_id = cli("report", "Q1", "2020/21", "-f", "md", "-o", "-", "--root", str(repo))
    assert by_label.exit_code == by_id.exit_code == 0, by_label.output
    fingerprint = re.compile(r"fingerprint [0-9a-f]+")  # of the data's bytes, which differ
    assert fingerprint.sub("", by_label.stdout) == fingerprint.sub("", by_id.stdout)
    assert "Amber/Green" in by_id.stdout
