"""What an update checks: the files its edit can reach. An entry without readings reaches
its own quarter's file alone; a reading joins its measure's series, which every quarter's
readings make, so it is checked against all of them."""

from __future__ import annotations

from pathlib import Path

from icp_objectives.domain.periods import parse_quarter
from icp_objectives.edit import entries, update
from icp_objectives.edit.entries import Content
from tests.conftest import MakeRepo

MEASURE = "childcare"  # a measure of 1.1 in the small repository
LATER = "objectives/updates/2020-21/Q3/objective-1.yaml"
LATER_TEXT = (
    'objective: 1\nentries:\n  - covers: "1.1"\n    body: Later.\n    readings:\n'
    f"      - measure: {MEASURE}\n        period: 2020/21 Q2\n        value: 60\n"
)


def _dry_run(root: Path, content: Content) -> update.UpdateOutcome:
    quarter = parse_quarter("2020/21 Q2")
    return update.run(update.Request(root, quarter, ("1.1",), content, dry_run=True))


def test_a_reading_is_checked_against_every_quarters_readings(make_repo: MakeRepo) -> None:
    """The later quarter gives this quarter's period 60; the edit says 70 with no note, so
    the later file's reading becomes a revision the board was not told of."""
    root = make_repo({LATER: LATER_TEXT})
    reading = entries.parse_reading(f"{MEASURE}=70", parse_quarter("2020/21 Q2"))
    outcome = _dry_run(root, Content(body="x", readings=(reading,)))
    assert [(p.path, p.code) for p in outcome.problems] == [(LATER, "revised-reading")]


def test_an_entry_without_readings_parses_no_other_quarter(
    make_repo: MakeRepo, parsed: list[str]
) -> None:
    root = make_repo({LATER: LATER_TEXT})
    outcome = _dry_run(root, Content(body="x"))
    assert outcome.problems == []
    assert LATER not in parsed
    assert "objectives/updates/2020-21/Q1/objective-1.yaml" not in parsed


def test_an_entry_without_readings_is_still_refused_for_its_own_problems(
    make_repo: MakeRepo,
) -> None:
    root = make_repo({LATER: LATER_TEXT})
    outcome = _dry_run(root, Content(body="x", status="purple"))
    assert [p.code for p in outcome.problems] == ["unknown-rating"]


def test_replacing_an_entry_that_had_readings_checks_every_file(shipped_repo: Path) -> None:
    """Replacing 1.1's entry drops its reading; a figure of the outcomes summary that showed
    that measure's latest reading then has none, and the edit is refused."""
    summary = shipped_repo / "objectives/outcomes.yaml"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(
        text.replace(
            "has successfully delivered {latest:covid-first-doses}",
            "has successfully delivered {latest:covid-first-doses}"
            " ({latest:funded-childcare-two-year-olds})",
            1,
        ),
        encoding="utf-8",
    )
    quarter = parse_quarter("2020/21 Q1")
    content = Content(body="Replaced text.")
    request = update.Request(
        shipped_repo, quarter, ("1.1",), content, update.Mode.REPLACE, dry_run=True
    )
    outcome = update.run(request)
    assert [(p.path, p.code) for p in outcome.problems] == [
        ("objectives/outcomes.yaml", "missing-figure")
    ]
