"""A file with thousands of problems lists its first 200 and one line counting the rest, so
the answer stays readable and quick; problems across files are counted the same way as
schema problems."""

from __future__ import annotations

from icp_objectives.check.validation import validate
from tests.conftest import MakeRepo, RunCli

UPDATES = "objectives/updates/2020-21/Q1/objective-1.yaml"


def _unknown_breakthroughs(count: int) -> str:
    entries = '  - covers: "1.9"\n    body: Text.\n' * count
    return "objective: 1\nperiod: 2020/21 Q1\nentries:\n" + entries


def test_a_file_with_more_cross_file_problems_than_listed_lists_200_and_counts_the_rest(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({UPDATES: _unknown_breakthroughs(300)})
    found = [p for p in validate(root).problems if p.path == UPDATES]
    assert len(found) == 201
    more = [p for p in found if p.code == "more-problems"]
    assert len(more) == 1
    listed = [p for p in found if p.code != "more-problems"]
    assert all(p <= more[0] for p in listed), "the count comes after the problems listed"
    # 300 unknown breakthrough objectives and 299 entries repeating one: 599, 200 listed
    assert "(up to 399 more)" in more[0].message
    assert more[0].severity == "error"
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert result.stdout.count(f"{UPDATES}:") == 201


def test_a_file_with_a_few_problems_lists_them_all(make_repo: MakeRepo) -> None:
    root = make_repo({UPDATES: _unknown_breakthroughs(3)})
    found = [p for p in validate(root).problems if p.path == UPDATES]
    assert len(found) == 5 and not any(p.code == "more-problems" for p in found)


def test_past_a_thousand_problems_checking_the_file_stops_and_says_at_least(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    """Placing each problem costs: after 1,000 in one file the cross-file rules stop, and the
    count says how many at least (5,999 here), since the rest were never looked for."""
    root = make_repo({UPDATES: _unknown_breakthroughs(3_000)})
    found = [p for p in validate(root).problems if p.path == UPDATES]
    assert len(found) == 201
    (more,) = [p for p in found if p.code == "more-problems"]
    assert "(at least 801 more)" in more.message
    assert more.severity == "error"
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1 and "at least 801 more" in result.stdout


def test_checking_stops_in_each_file_on_its_own(make_repo: MakeRepo) -> None:
    other = "objectives/updates/2020-21/Q1/objective-2.yaml"
    root = make_repo(
        {
            UPDATES: _unknown_breakthroughs(3_000),
            other: 'objective: 2\nperiod: 2020/21 Q1\nentries:\n  - covers: "2.9"\n    body: x\n',
        }
    )
    found = validate(root).problems
    assert [p.code for p in found if p.path == other] == ["unknown-breakthrough"]
