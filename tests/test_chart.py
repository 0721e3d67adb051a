"""The XmR chart as a reader, a screen reader and a PDF or Word converter meet it."""

from __future__ import annotations

import itertools
import random
import re
import time
import xml.etree.ElementTree as ET

import pytest

from icp_objectives.measures.analysis import Analysis
from icp_objectives.measures.chart import xmr_chart
from icp_objectives.measures.svg import width_of
from tests.spc_builders import Stretch, build, months, special

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def group(root: ET.Element, kind: str) -> list[ET.Element]:
    """The markers in the group of class `kind` (none when the group is absent)."""
    found = [g for g in root.iter(f"{NS}g") if g.get("class") == kind]
    return list(found[0]) if found else []


def classed(root: ET.Element, kind: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == kind]


def delays() -> tuple[Analysis, list[str]]:
    """24 months of delays (lower is better): 12 common cause, then 9 below the mean, a point
    above the upper limit, and 2 more below the mean."""
    values = [20, 22, 19, 21, 23, 20, 18, 21, 22, 20, 19, 21]
    values += [17, 16, 15, 17, 16, 15, 14, 16, 15, 30, 15, 14]
    marked = {i: special("special_cause_improvement", "shift") for i in range(12, 24)}
    marked[21] = special("special_cause_concern", "outside_limits")
    analysis = build(
        [Stretch(values, 18, 10, 26)],
        marked=marked,
        better="lower",
        target=20,
        assurance="inconsistent",
    )
    return analysis, months(24, 2021)


def chart(**overrides: object) -> str:
    analysis, periods = delays()
    options: dict[str, object] = {
        "periods": periods,
        "title": "DTA delays",
        "unit": "people",
        "target": 20.0,
    }
    options.update(overrides)
    return xmr_chart(analysis, **options)  # type: ignore[arg-type]


def test_the_chart_names_itself_to_a_screen_reader_with_a_title_and_a_description() -> None:
    root = parse(chart())
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    assert by_id[title_id].tag == f"{NS}title"
    assert by_id[title_id].text == "DTA delays"
    assert by_id[desc_id].tag == f"{NS}desc"
    desc = by_id[desc_id].text or ""
    assert "Latest value 14 people in 2022-12." in desc
    assert "Special cause of improvement: 2 points below the mean." in desc
    assert "Hit and miss: the target lies within the limits." in desc
    assert "mean 18 people, process limits 10 people to 26 people" in desc


def test_special_cause_points_are_marked_by_shape_as_well_as_colour() -> None:
    root = parse(chart())
    improvement = group(root, "points-improvement")
    concern = group(root, "points-concern")
    common = group(root, "points-common")
    assert [e.tag for e in improvement] == [f"{NS}circle"] * 11
    assert [e.tag for e in concern] == [f"{NS}rect"]
    assert [e.tag for e in common] == [f"{NS}circle"] * 12
    assert float(improvement[0].get("r", 0)) > float(common[0].get("r", 0))
    fills = {kind: g.get("fill") for g in root.iter(f"{NS}g") if (kind := g.get("class"))}
    assert len({fills["points-improvement"], fills["points-concern"], fills["points-common"]}) == 3


def test_neutral_special_causes_are_triangles_pointing_the_way_they_went() -> None:
    values = [50.0] * 12 + [60.0] * 7 + [40.0] * 7
    marked = {i: special("special_cause_neutral_high", "shift") for i in range(12, 19)}
    marked.update({i: special("special_cause_neutral_low", "shift") for i in range(19, 26)})
    analysis = build([Stretch(values, 50, 30, 70)], marked=marked, better="neutral")
    root = parse(xmr_chart(analysis, periods=months(26), title="T", unit="", target=None))
    high, low = group(root, "points-neutral-high"), group(root, "points-neutral-low")
    assert len(high) == len(low) == 7
    assert all(e.tag == f"{NS}path" for e in high + low)
    legend = " ".join(t.text or "" for t in classed(root, "legend")[0].iter(f"{NS}text"))
    assert "Special cause: high" in legend and "Special cause: low" in legend


def test_the_legend_says_in_words_what_each_line_and_marker_means() -> None:
    root = parse(chart())
    words = [t.text for t in classed(root, "legend")[0].iter(f"{NS}text")]
    assert words == [
        "Readings, common cause",
        "Mean",
        "Process limits",
        "Target",
        "Special cause: improvement",
        "Special cause: concern",
    ]


def test_a_short_series_shows_its_points_and_target_but_no_limits_and_says_why() -> None:
    analysis = build([Stretch([150000, 160000, 175000, 170000, 180000, 176000, 181000, 175000])])
    svg = xmr_chart(analysis, periods=months(8), title="Funding secured", unit="£", target=200000)
    root = parse(svg)
    assert not classed(root, "mean") and not classed(root, "limits")
    assert len(group(root, "points-no-limits")) == 8
    hollow = next(g for g in root.iter(f"{NS}g") if g.get("class") == "points-no-limits")
    assert hollow.get("fill") == "#FFFFFF"  # an outline: not judged common cause yet
    assert classed(root, "target")
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert "No limits yet: 8 readings, 12 are needed." in (desc.text or "")
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "No limits yet: 8 readings, 12 are needed." in texts
    assert "£200,000" in texts and "Target £200,000" in texts


def test_the_target_line_is_drawn_only_when_there_is_a_target() -> None:
    with_target, without = parse(chart()), parse(chart(target=None))
    assert len(classed(with_target, "target")) == 1
    assert [t.text for t in classed(with_target, "target-label")] == ["Target 20 people"]
    assert not classed(without, "target") and not classed(without, "target-label")
    dash = classed(with_target, "target")[0].get("stroke-dasharray")
    assert dash and dash != classed(with_target, "limits")[0].get("stroke-dasharray")


def test_a_recalculation_starts_new_lines_with_a_gap_and_a_divider() -> None:
    values = [80.0 + (i % 3) for i in range(14)] + [60.0 + (i % 3) for i in range(14)]
    analysis = build([Stretch(values[:14], 81, 75, 87), Stretch(values[14:], 61, 55, 67)])
    root = parse(xmr_chart(analysis, periods=months(28), title="T", unit="%", target=None))
    lines = group(root, "series")
    assert len(lines) == 2
    ends = [line.get("points", "").split() for line in lines]
    assert float(ends[0][-2]) < float(ends[1][0])  # the first stretch stops before the next
    mean = classed(root, "mean")[0].get("d", "")
    assert mean.count("M") == 2
    assert classed(root, "limits")[0].get("d", "").count("M") == 4
    assert len(classed(root, "recalculated")) == 1
    desc = root.find(f"{NS}desc")
    assert desc is not None and "limits recalculated from 2020-03" in (desc.text or "")


def test_everything_from_the_data_is_escaped() -> None:
    title = '<script>alert("x")</script> & Co'
    analysis, _ = delays()
    periods = [f"<b>{p}</b>&" for p in months(24)]
    svg = xmr_chart(analysis, periods=periods, title=title, unit="<i>people</i>", target=20)
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag in (f"{NS}script", f"{NS}b", f"{NS}i", "script")]
    title_element = root.find(f"{NS}title")
    assert title_element is not None and title_element.text == title
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    labels = [t.text for t in classed(root, "period")]
    assert labels and all(label and label.startswith("<b>") for label in labels)


def test_the_same_input_gives_the_same_bytes_and_different_charts_different_ids() -> None:
    assert chart() == chart()
    first, second = parse(chart()), parse(chart(title="Another measure"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")
    given = parse(chart(id_prefix="measure dta-delays"))
    assert given.get("aria-labelledby") == "measure-dta-delays-title measure-dta-delays-desc"


def test_coordinates_are_rounded_so_files_stay_small() -> None:
    svg = chart()
    numbers = re.findall(r'="([-\d. ]+)"', svg)
    assert numbers
    assert not [n for n in numbers if re.search(r"\.\d\d", n)]


def test_only_plain_svg_that_pdf_and_word_converters_draw() -> None:
    svg = chart()
    for feature in ("<script", "foreignObject", "var(", "<style", "style=", "href", "@import"):
        assert feature not in svg
    assert 'font-family="sans-serif"' in svg


@pytest.mark.parametrize("count", [12, 24, 60, 10_000])
def test_period_labels_are_thinned_to_a_readable_few_that_do_not_overlap(count: int) -> None:
    values = [50.0 + (i % 5) for i in range(count)]
    analysis = build([Stretch(values, 52, 40, 64)])
    periods = months(count, 2000) if count < 1000 else [f"P{i}" for i in range(count)]
    root = parse(xmr_chart(analysis, periods=periods, title="T", unit="", target=None))
    labels = classed(root, "period")
    assert 4 <= len(labels) <= 12
    texts = [label.text for label in labels]
    step = periods.index(texts[1]) - periods.index(texts[0])  # type: ignore[arg-type]
    assert texts == periods[::step][: len(texts)]
    xs = [float(label.get("x", 0)) for label in labels]
    widest = max(width_of(text or "", 11) for text in texts)
    assert min(b - a for a, b in itertools.pairwise(xs)) > widest


def test_value_ticks_are_round_numbers_with_the_unit() -> None:
    values = [86.0, 87.5, 88.0, 85.5] * 3
    analysis = build([Stretch(values, 86.75, 83.1, 90.4)])
    root = parse(xmr_chart(analysis, periods=months(12), title="T", unit="%", target=None))
    ticks = [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
    assert ticks == ["82%", "84%", "86%", "88%", "90%", "92%"]
    money = build([Stretch([175000.0, 181000.0, 169000.0])])
    root = parse(xmr_chart(money, periods=months(3), title="T", unit="£", target=None))
    ticks = [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
    assert "£175,000" in ticks and all((t or "").startswith("£") for t in ticks)


def test_a_unit_in_words_is_the_value_axis_caption() -> None:
    root = parse(chart())
    captions = [t for t in root.iter(f"{NS}text") if "rotate" in t.get("transform", "")]
    assert [t.text for t in captions] == ["people"]
    assert not [t for t in parse(chart(unit="%")).iter(f"{NS}text") if t.get("transform")]


def test_a_flat_series_and_an_empty_one_still_draw() -> None:
    flat = build([Stretch([5.0] * 12, 5, 5, 5)])
    root = parse(xmr_chart(flat, periods=months(12), title="Flat", unit="", target=None))
    assert len(group(root, "points-common")) == 12
    empty = build([])
    root = parse(xmr_chart(empty, periods=[], title="Nothing", unit="", target=3))
    desc = root.find(f"{NS}desc")
    assert desc is not None and desc.text == "No readings yet. Target 3."


def test_periods_must_name_the_points_one_for_one() -> None:
    analysis, periods = delays()
    with pytest.raises(ValueError, match="23 periods for 24 points"):
        xmr_chart(analysis, periods=periods[:-1], title="T", unit="", target=None)


def test_ten_thousand_points_render_quickly_into_a_reasonable_file() -> None:
    rng = random.Random(7)
    values = [50 + rng.gauss(0, 5) for _ in range(10_000)]
    marked = {i: special("special_cause_concern", "outside_limits") for i in range(0, 10_000, 50)}
    analysis = build([Stretch(values, 50, 35, 65)], marked=marked, target=55)
    periods = [f"P{i}" for i in range(10_000)]
    start = time.perf_counter()
    svg = xmr_chart(analysis, periods=periods, title="Long", unit="", target=55)
    assert time.perf_counter() - start < 0.5  # about 0.04 s alone; the machine is shared
    assert len(svg) < 150_000
    root = parse(svg)
    assert not group(root, "points-common")  # no room for a dot on every point
    assert 0 < len(group(root, "points-concern")) <= 200


def test_the_chart_rasterises_for_word() -> None:
    cairosvg = pytest.importorskip("cairosvg")
    png = cairosvg.svg2png(bytestring=chart().encode())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
