"""Any series the statistics can hand over draws a well-formed chart with its words."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from icp_objectives.measures.analysis import Analysis, PointType
from icp_objectives.measures.chart import xmr_chart
from icp_objectives.measures.icons import assurance_icon, variation_icon
from icp_objectives.measures.labels import variation_label
from icp_objectives.measures.rows import chart_rows
from tests.spc_builders import Special, Stretch, build

NS = "{http://www.w3.org/2000/svg}"
KINDS: list[PointType] = [
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
]
RULES = ["outside_limits", "trend", "two_of_three", "shift"]
values = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@st.composite
def analyses(draw: st.DrawFn) -> tuple[Analysis, list[str], float | None]:
    stretches = []
    for _ in range(draw(st.integers(0, 3))):
        readings = draw(st.lists(values, min_size=1, max_size=30))
        if draw(st.booleans()):
            mean, spread = draw(values), draw(st.floats(0, 1e12))
            stretches.append(Stretch(readings, mean, mean - spread, mean + spread))
        else:
            stretches.append(Stretch(readings))
    count = sum(len(s.values) for s in stretches)
    marked = {
        i: Special(draw(st.sampled_from(KINDS)), frozenset(draw(st.sets(st.sampled_from(RULES)))))
        for i in draw(st.sets(st.integers(0, max(0, count - 1)), max_size=count))
    }
    target = draw(st.none() | values)
    periods = [draw(st.text(max_size=12)) for _ in range(count)]
    return build(stretches, marked=marked, target=target), periods, target


@settings(max_examples=150, deadline=None)
@given(analyses(), st.text(max_size=80), st.sampled_from(["", "%", "£", "people", "<&>"]))
def test_any_analysis_draws_a_well_formed_chart(
    drawn: tuple[Analysis, list[str], float | None], title: str, unit: str
) -> None:
    analysis, periods, target = drawn
    svg = xmr_chart(analysis, periods=periods, title=title, unit=unit, target=target)
    root = ET.fromstring(svg)
    assert root.find(f"{NS}desc") is not None
    assert variation_label(analysis)
    ET.fromstring(variation_icon(analysis))
    if assurance_icon(analysis):
        ET.fromstring(assurance_icon(analysis))
    assert len(chart_rows(analysis, periods, unit=unit)) == len(periods)
