"""The semantic diff on two loaded repositories, without git: each kind of change, in words."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from icp_objectives.load import disk
from icp_objectives.review import diff_render, semantic_diff
from tests.conftest import MINIMAL

Q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"


def _lines(tmp_path: Path, changes: dict[str, str | None]) -> list[str]:
    base, head = tmp_path / "base", tmp_path / "head"
    for rel, text in MINIMAL.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    shutil.copytree(base, head)
    for rel, new in changes.items():
        if new is None:
            (head / rel).unlink()
        else:
            (head / rel).parent.mkdir(parents=True, exist_ok=True)
            (head / rel).write_text(textwrap.dedent(new).lstrip("\n"), encoding="utf-8")
    diff = semantic_diff.compare(disk.load(base), disk.load(head))
    return [c.text for c in diff.changes]


def _edit(rel: str, old: str, new: str) -> str:
    text = textwrap.dedent(MINIMAL[rel]).lstrip("\n")
    assert old in text
    return text.replace(old, new)


def test_partnership_partners_and_ratings(tmp_path: Path) -> None:
    rel = "objectives/partnership.yaml"
    text = _edit(rel, "name: Test Partnership", "name: Mid Notts ICP")
    text = text.replace("  ncc: Nottinghamshire County Council", "  sfh: Sherwood Forest Hospitals")
    text = text.replace("label: Some risk", "label: At risk")
    text += "  - id: blue\n    label: Complete\n    definition: Done.\n"
    assert _lines(tmp_path, {rel: text}) == [
        'Partnership name: "Test Partnership" → "Mid Notts ICP"',
        'Partner ncc removed: "Nottinghamshire County Council"',
        'Partner sfh added: "Sherwood Forest Hospitals"',
        "Rating blue (Complete) added to the scale",
        'Rating amber label: "Some risk" → "At risk"',
    ]


def test_measures_added_removed_and_changed(tmp_path: Path) -> None:
    rel = "objectives/1-start.yaml"
    text = _edit(rel, 'unit: "%"', 'unit: "% of children"')
    text = text.replace("baseline: {period: 2019/20 Q4, value: 80}", "")
    text = text.replace(
        "title: Healthy pregnancies",
        "title: Healthy pregnancies\n    measures:\n      - id: smoking\n        title: Smoking at delivery\n"
        "        unit: '%'\n        target: {period: 2021/22 Q4, value: 10}",
    )
    lines = _lines(tmp_path, {rel: text})
    assert lines == [
        '1.2 measure smoking added: "Smoking at delivery", target 10% (2021/22 Q4)',
        "1.1 measure childcare baseline: 80% (2019/20 Q4) → (none)",
        '1.1 measure childcare unit: "%" → "% of children"',
    ]


def test_entries_added_with_the_earlier_rating(tmp_path: Path) -> None:
    q2 = """
        objective: 1
        entries:
          - covers: "1.1"
            status: red
            body: Worse.
            readings:
              - {measure: childcare, value: 60, note: lockdown}
          - covers: ["1.1", "1.2"]
            body: Both.
        """
    lines = _lines(tmp_path, {"objectives/updates/2020-21/Q2/objective-1.yaml": q2})
    assert lines == [
        "1.1 update added for 2020/21 Q2: status red (Off track), was amber (Some risk) in"
        " 2020/21 Q1; readings: childcare 60% (lockdown)",
        "1.1 and 1.2 update added for 2020/21 Q2: not rated",
    ]


def test_readings_added_and_removed_and_front_matter(tmp_path: Path) -> None:
    text = _edit(Q1, "value: 72", "value: 72\n        period: 2020/21 Q1")
    report = "objectives/updates/2020-21/Q1/report.yaml"
    front = _edit(report, "title: Quarter 1 update", "title: Q1\npresented: 2020-07-21")
    assert _lines(tmp_path, {Q1: text, report: front}) == [
        "2020/21 Q1 paper marked as presented to the board on 21 July 2020",
        "2020/21 Q1 paper's front matter edited: title",
        "1.1 reading of childcare for 2020/21 Q1 added in 2020/21 Q1: 72%",
        "1.1 reading of childcare removed from 2020/21 Q1 (was 72%)",
    ]


def test_an_objective_renumbered_and_a_quarter_file_removed(tmp_path: Path) -> None:
    moved = _edit("objectives/2-choices.yaml", "id: 2", "id: 3")
    moved = moved.replace('"2.1"', '"3.1"').replace('"2.2"', '"3.2"')
    lines = _lines(
        tmp_path,
        {"objectives/2-choices.yaml": None, "objectives/3-choices.yaml": moved, Q1: None},
    )
    assert lines == [
        'Objective 2 renumbered to 3: "Healthy choices"',
        '2.1 renumbered to 3.1: "Connect services"',
        '2.2 renumbered to 3.2: "Stop smoking"',
        "1.1 update for 2020/21 Q1 removed",
    ]


def test_an_objective_retitled(tmp_path: Path) -> None:
    text = _edit("objectives/2-choices.yaml", "title: Healthy choices", "title: Choices")
    lines = _lines(tmp_path, {"objectives/2-choices.yaml": text})
    assert lines == ['Objective 2 retitled: "Healthy choices" → "Choices"']


def test_text_format_groups_by_objective(tmp_path: Path) -> None:
    base = tmp_path / "base"
    for rel, text in MINIMAL.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    head = tmp_path / "head"
    shutil.copytree(base, head)
    (head / Q1).write_text((base / Q1).read_text().replace("amber", "red"), encoding="utf-8")
    diff = semantic_diff.compare(disk.load(base), disk.load(head))
    assert diff_render.render(diff, "text", "main", "pr") == (
        "1 change in meaning from main to pr.\n\n"
        "Objective 1: Best start in life\n"
        "  1.1 status in 2020/21 Q1: amber → red (Some risk → Off track)"
    )
    assert diff_render.affected_quarters(diff) == ["2020-21-Q1"]


def test_the_rating_scale_reordered_or_read_from_its_other_end(tmp_path: Path) -> None:
    rel = "objectives/partnership.yaml"
    text = textwrap.dedent(MINIMAL[rel]).lstrip("\n")
    red = text.index("  - id: red")
    amber = text.index("  - id: amber")
    swapped = text[:amber] + text[red:] + text[amber:red]
    assert not swapped.endswith("\n\n")
    assert _lines(tmp_path, {rel: swapped + "ratings_order: worst-first\n"}) == [
        "Rating scale reordered: green, amber, red → green, red, amber",
        "Rating scale order: best first → worst first",
    ]


def test_a_rating_added_at_the_end_is_no_reorder(tmp_path: Path) -> None:
    rel = "objectives/partnership.yaml"
    text = textwrap.dedent(MINIMAL[rel]).lstrip("\n")
    text += "  - id: black\n    label: Stopped\n    definition: Halted.\n"
    assert _lines(tmp_path, {rel: text}) == ["Rating black (Stopped) added to the scale"]
