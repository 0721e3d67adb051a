"""analyse() against NHSRplotthedots itself: fixtures/spc/reference.json holds series (chosen for
the rules' edges, and varied random ones) with the figures R computed for them
(fixtures/spc/make_reference.py ran the package's own R code)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from icp_objectives.measures import special_cause, xmr
from icp_objectives.measures.analysis import MINIMUM_POINTS
from icp_objectives.measures.spc import analyse

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "fixtures" / "spc" / "reference.json").read_text()
)
R_RULES = {"Above": "outside_limits", "Below": "outside_limits", "7 Point": "trend"}


def _same(mine: float | None, theirs: float | None) -> bool:
    """Equal to R's figure to 1e-12 (R's NaN limits are None here)."""
    if mine is None or theirs is None:
        return mine is None and theirs is None
    return math.isclose(mine, theirs, rel_tol=1e-12, abs_tol=1e-12)


def _r_cause(label: str) -> tuple[str, int]:
    """R's special_cause_type label as (rule, direction)."""
    if label == "Common Cause":
        return "common_cause", 0
    direction = 1 if ("Above" in label or "Increasing" in label) else -1
    if label.startswith("7 Point Trend"):
        return "trend", direction
    if label.startswith("2 in 3"):
        return "two_of_three", direction
    if label.startswith("7 Points"):
        return "shift", direction
    return "outside_limits", direction


def _run(case: dict[str, Any]) -> Any:
    return analyse(
        case["values"],
        better=case["better"],
        target=case["target"],
        segment_starts=case["segment_starts"],
        baseline_points=case["baseline_points"],
    )


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['note']}" for i, c in enumerate(CASES)])
def test_points_in_long_segments_match_r(case: dict[str, Any]) -> None:
    result = _run(case)
    for point, r in zip(result.points, case["r"], strict=True):
        if point.point_type is None:  # R draws trial limits for short segments; we claim none
            continue
        assert _same(point.mean, r["mean"]), point
        assert _same(point.lower_limit, r["lpl"]), point
        assert _same(point.upper_limit, r["upl"]), point
        assert point.point_type == r["point_type"], point


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['note']}" for i, c in enumerate(CASES)])
def test_assurance_matches_r(case: dict[str, Any]) -> None:
    result = _run(case)
    latest_short = result.points[-1].point_type is None
    assert result.assurance == (None if latest_short else case["assurance"])


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['note']}" for i, c in enumerate(CASES)])
def test_every_segment_short_ones_too_decides_as_r(case: dict[str, Any]) -> None:
    """The rules themselves, over R's trial limits even where a segment is short."""
    values = case["values"]
    for start, end in xmr.segment_bounds(len(values), case["segment_starts"]):
        segment = values[start:end]
        found = xmr.limits(segment, fixed_points=case["baseline_points"])
        lo, hi = found.lower, found.upper
        outside = [lo is not None and hi is not None and (y > hi or y < lo) for y in segment]
        near_lo, near_hi = found.near_lower, found.near_upper
        near = [
            near_lo is not None and near_hi is not None and not o and (y < near_lo or y > near_hi)
            for y, o in zip(segment, outside, strict=True)
        ]
        sides = [special_cause.sign(y - found.mean) for y in segment]
        decided = special_cause.causes(
            segment,
            sides,
            outside=outside,
            trend=special_cause.part_of_run(special_cause.trend_ends(segment)),
            two=special_cause.two_of_three(near, sides),
            shift=special_cause.part_of_run(special_cause.one_side_ends(sides)),
        )
        theirs = case["r"][start:end]
        assert decided == [_r_cause(r["special_cause_type"]) for r in theirs]
        assert _same(found.lower, theirs[0]["lpl"]) and _same(found.upper, theirs[0]["upl"])


def test_the_reference_covers_every_rule_and_short_segments() -> None:
    """The fixture is worth having only if it exercises all of it."""
    labels = {_r_cause(r["special_cause_type"]) for c in CASES for r in c["r"]}
    for rule in ("outside_limits", "trend", "two_of_three", "shift"):
        assert (rule, 1) in labels and (rule, -1) in labels
    lengths = [
        end - start
        for c in CASES
        for start, end in xmr.segment_bounds(len(c["values"]), c["segment_starts"])
    ]
    assert min(lengths) < MINIMUM_POINTS <= max(lengths)
    assert {c["assurance"] for c in CASES} >= {"consistent_pass", "consistent_fail", "inconsistent"}
