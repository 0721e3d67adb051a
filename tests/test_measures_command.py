"""`icp-obj measures`: each measure's points, limits, variation and assurance, as the Making Data
Count rules read them, in words, JSON and CSV."""

from __future__ import annotations

import csv
import io
import itertools
import json
from typing import Any

from tests.conftest import MINIMAL, MakeRepo, RunCli

STEADY = [70, 72, 71, 73, 70, 72, 71, 73, 70, 72, 71, 73, 70, 72, 71, 73, 70]
LOW = [60] * 7  # seven in a row below the mean, and beyond the lower limit


def _months(count: int) -> list[str]:
    return [f"{2018 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}" for m in range(count)]


def _repo(values: list[int]) -> dict[str, str]:
    """The minimal repository whose childcare measure is monthly, with these readings only."""
    files = dict(MINIMAL)
    key = next(k for k, v in files.items() if "id: childcare" in v)
    files[key] = files[key].replace('unit: "%"', 'unit: "%"\n                frequency: monthly', 1)
    upd = next(k for k, v in files.items() if "- measure: childcare" in v)
    files[upd] = files[upd].replace("value: 72", "value: 60\n" + " " * 16 + "period: 2018-04", 1)
    rows = "".join(f"{p},{v}\n" for p, v in zip(_months(len(values)), values, strict=True))
    return {**files, "objectives/measures/childcare.csv": "period,value\n" + rows}


def _limits(values: list[int]) -> tuple[float, float, float]:
    """The mean and process limits by the Making Data Count formula, worked out here."""
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    average = sum(ranges) / len(ranges)
    kept = [r for r in ranges if r < 3.267 * average]
    average = sum(kept) / len(kept)
    return mean, mean - 2.66 * average, mean + 2.66 * average


def _measure(cli: RunCli, root: object, *extra: str) -> Any:
    result = cli("measures", "-f", "json", "-m", "childcare", *extra, "--root", str(root))
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [m["id"] for m in found] == ["childcare"]
    return found[0]


def test_json_gives_each_point_its_type_and_the_limits(make_repo: MakeRepo, cli: RunCli) -> None:
    values = [60, *STEADY[1:], *LOW]
    root = make_repo(_repo(values))
    measure = _measure(cli, root)
    mean, lower, upper = _limits(values)
    assert abs(measure["mean"] - mean) < 1e-9
    assert abs(measure["lower_limit"] - lower) < 1e-9
    assert abs(measure["upper_limit"] - upper) < 1e-9
    points = measure["points"]
    assert [p["period"] for p in points] == _months(24)
    assert [p["value"] for p in points] == values
    lows = [p["point_type"] for p in points][-7:]
    assert set(lows) == {"special_cause_concern"}  # higher is better, and these fell
    assert measure["variation"] == "special_cause_concern"
    assert upper < 85  # the target is above the upper limit, where higher is better
    assert measure["assurance"] == "consistent_fail"


def test_under_twelve_points_no_limits_are_claimed(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(_repo([60, 72, 71, 73, 70, 72, 71, 73]))
    measure = _measure(cli, root)
    assert measure["mean"] is None and measure["lower_limit"] is None
    assert measure["upper_limit"] is None and measure["variation"] is None
    assert all(p["point_type"] is None for p in measure["points"])
    assert "at least 12" in str(measure["no_limits_reason"])


def test_a_period_cuts_the_series_off(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(_repo([60, *STEADY[1:], *LOW]))
    measure = _measure(cli, root, "2019-08")
    assert [p["period"] for p in measure["points"]][-1] == "2019-08"
    assert len(measure["points"]) == 17


def test_csv_has_a_row_per_point_and_text_says_it_in_words(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo(_repo([60, *STEADY[1:], *LOW]))
    table = cli("measures", "-f", "csv", "--root", str(root))
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len([r for r in rows if r["measure"] == "childcare"]) == 24
    assert rows[-1]["point_type"] == "special_cause_concern"
    words = cli("measures", "--root", str(root))
    assert words.exit_code == 0
    assert "Special cause of concern" in words.stdout


def test_an_unknown_measure_or_format_is_a_usage_error(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(_repo([60, *STEADY[1:]]))
    unknown = cli("measures", "-m", "childcar", "--root", str(root))
    assert unknown.exit_code == 2 and "did you mean 'childcare'" in unknown.stderr
    assert cli("measures", "-f", "xml", "--root", str(root)).exit_code == 2
