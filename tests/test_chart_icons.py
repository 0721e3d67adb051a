"""The Making Data Count icons: one for every variation and assurance, each named in words."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from icp_objectives.measures import palette
from icp_objectives.measures.analysis import Assurance, Better, PointType
from icp_objectives.measures.icons import assurance_icon, variation_icon
from tests.spc_builders import Stretch, build, special

NS = "{http://www.w3.org/2000/svg}"


def with_variation(kind: PointType, better: Better) -> ET.Element:
    values = [50.0] * 11 + [85.0]
    marked = {} if kind == "common_cause" else {11: special(kind, "outside_limits")}
    analysis = build([Stretch(values, 50, 20, 80)], marked=marked, better=better)
    assert analysis.variation == kind
    return ET.fromstring(variation_icon(analysis))


def name(icon: ET.Element) -> str:
    title = icon.find(f"{NS}title")
    assert title is not None and title.text
    assert icon.get("role") == "img"
    assert icon.get("aria-label") == title.text
    return title.text


def letter(icon: ET.Element) -> str:
    return "".join(t.text or "" for t in icon.iter(f"{NS}text"))


def ring(icon: ET.Element) -> str:
    circle = icon.find(f"{NS}circle")
    assert circle is not None
    return circle.get("stroke", "")


@pytest.mark.parametrize(
    ("kind", "better", "title", "mark", "colour"),
    [
        ("common_cause", "higher", "Common cause variation", "", palette.GREY),
        (
            "special_cause_improvement",
            "higher",
            "Special cause of improvement (high)",
            "H",
            palette.BLUE,
        ),
        (
            "special_cause_improvement",
            "lower",
            "Special cause of improvement (low)",
            "L",
            palette.BLUE,
        ),
        ("special_cause_concern", "higher", "Special cause of concern (low)", "L", palette.ORANGE),
        ("special_cause_concern", "lower", "Special cause of concern (high)", "H", palette.ORANGE),
        (
            "special_cause_neutral_high",
            "neutral",
            "Special cause variation, high: neither direction is better",
            "H",
            palette.PURPLE,
        ),
        (
            "special_cause_neutral_low",
            "neutral",
            "Special cause variation, low: neither direction is better",
            "L",
            palette.PURPLE,
        ),
    ],
)
def test_each_variation_has_its_colour_letter_and_words(
    kind: PointType, better: Better, title: str, mark: str, colour: str
) -> None:
    icon = with_variation(kind, better)
    assert name(icon) == title
    assert letter(icon) == mark
    assert ring(icon) == colour


def test_no_limits_yet_is_a_dashed_grey_ring_that_says_why() -> None:
    icon = ET.fromstring(variation_icon(build([Stretch([1.0] * 8)])))
    assert name(icon) == "No limits yet: 8 readings, 12 are needed"
    circle = icon.find(f"{NS}circle")
    assert circle is not None and circle.get("stroke-dasharray")


@pytest.mark.parametrize(
    ("assurance", "title", "mark", "colour"),
    [
        ("consistent_pass", "Consistently passing the target", "P", palette.BLUE),
        ("consistent_fail", "Consistently failing the target", "F", palette.ORANGE),
        ("inconsistent", "Hit and miss: the target lies within the limits", "?", palette.GREY),
    ],
)
def test_each_assurance_has_its_colour_letter_and_words(
    assurance: Assurance, title: str, mark: str, colour: str
) -> None:
    analysis = build([Stretch([50.0] * 12, 50, 20, 80)], target=60, assurance=assurance)
    icon = ET.fromstring(assurance_icon(analysis))
    assert (name(icon), letter(icon), ring(icon)) == (title, mark, colour)
    assert [p for p in icon.iter(f"{NS}path") if p.get("stroke") == palette.RED]  # the target


def test_no_assurance_draws_nothing() -> None:
    assert assurance_icon(build([Stretch([50.0] * 12, 50, 20, 80)])) == ""


def test_icons_take_a_size_and_are_the_same_every_time() -> None:
    analysis = build([Stretch([50.0] * 12, 50, 20, 80)], assurance="consistent_pass")
    icon = ET.fromstring(variation_icon(analysis, size=24))
    assert (icon.get("width"), icon.get("height")) == ("24", "24")
    assert variation_icon(analysis) == variation_icon(analysis)
    assert assurance_icon(analysis) == assurance_icon(analysis)
