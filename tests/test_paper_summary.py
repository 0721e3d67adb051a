"""The summary's direction of travel, the order of the entries, the footer, and a report.yaml in
the old format rendering as before apart from what is new."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from icp_objectives.paper.provenance import without_sentence
from tests.conftest import MakeRepo, RunCli

Q1 = "objectives/updates/2020-21/Q1"
Q2 = "objectives/updates/2020-21/Q2"
GOLDEN = Path(__file__).parent / "golden" / "paper"


def _rows(md: str) -> list[str]:
    """The summary table's rows, whole."""
    table = md.split("| --- | --- | --- | --- | --- | --- | --- |\n", 1)[1].split("\n\n", 1)[0]
    return table.splitlines()


def _summary(md: str) -> list[str]:
    """The rows up to the direction of travel, without the measures' two columns."""
    return [row.rsplit(" | ", 2)[0] + " |" for row in _rows(md)]


def _q2(entries: str) -> dict[str, str]:
    return {
        f"{Q2}/report.yaml": "title: Quarter 2\nintroduction: Intro.\n",
        f"{Q2}/objective-1.yaml": f"objective: 1\nentries:\n{entries}",
    }


def test_the_summary_compares_with_last_quarter_in_words_and_symbols(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    """Q1 rates 1.1 amber (the middle of green, amber, red) and gives 1.2 an unrated update."""
    q1 = (
        "objective: 1\nentries:\n  - covers: '1.1'\n    status: amber\n    body: A.\n"
        "  - covers: '1.2'\n    body: B.\n"
    )
    q2 = (
        "  - covers: '1.1'\n    status: green\n    body: Better.\n"
        "  - covers: '1.2'\n    status: red\n    body: Rated at last.\n"
    )
    root = make_repo({f"{Q1}/objective-1.yaml": q1, **_q2(q2)})
    md = cli("report", "2020/21 Q2", "-f", "md", "-o", "-", "--root", str(root)).stdout
    assert "beside last quarter's (2020/21 Q1)" in md
    assert _rows(md)[:2] == [
        "| 1 | 1.1 School readiness | Some risk | On track | ▲ Improved | No readings yet"
        " | No readings yet |",
        "| 1 | 1.2 Healthy pregnancies | Not rated | Off track | No previous rating"
        " | No measures | — |",
    ]
    html = cli("report", "2020/21 Q2", "-f", "html", "-o", "-", "--root", str(root)).stdout
    assert (
        '<td class="travel travel-improved"><span aria-hidden="true">▲</span> Improved</td>'
    ) in html


@pytest.mark.parametrize(
    ("before", "after", "travel"),
    [
        ("green", "amber", "▼ Worse"),
        ("amber", "amber", "▶ Same"),
        ("red", "green", "▲ Improved"),
        ("amber", None, "No rating this quarter"),
    ],
)
def test_each_direction_of_travel(
    make_repo: MakeRepo, cli: RunCli, before: str, after: str | None, travel: str
) -> None:
    q1 = f"objective: 1\nentries:\n  - covers: '1.1'\n    status: {before}\n    body: A.\n"
    status = f"    status: {after}\n" if after else ""
    root = make_repo(
        {f"{Q1}/objective-1.yaml": q1, **_q2(f"  - covers: '1.1'\n{status}    body: B.\n")}
    )
    md = cli("report", "2020/21 Q2", "-f", "md", "-o", "-", "--root", str(root)).stdout
    assert _summary(md)[0].endswith(f"| {travel} |")


def test_a_scale_written_worst_first_reads_the_other_way(make_repo: MakeRepo, cli: RunCli) -> None:
    partnership = (
        "name: Test Partnership\npartners: {ncc: A council}\nratings_order: worst-first\n"
        "ratings:\n"
        "  - {id: red, label: Off track, definition: Not expected.}\n"
        "  - {id: amber, label: Some risk, definition: Issues.}\n"
        "  - {id: green, label: On track, definition: On plan.}\n"
    )
    q2 = "  - covers: '1.1'\n    status: green\n    body: Better.\n"
    root = make_repo({"objectives/partnership.yaml": partnership, **_q2(q2)})
    result = cli("report", "2020/21 Q2", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert _summary(result.stdout)[0] == (
        "| 1 | 1.1 School readiness | Some risk | On track | ▲ Improved |"
    )


def test_without_a_previous_quarter_every_row_is_new(make_repo: MakeRepo, cli: RunCli) -> None:
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(make_repo({}))).stdout
    assert "beside last quarter's (2019/20 Q4)" in md
    assert all(row.endswith("| New |") for row in _summary(md))
    assert all("| No update |" in row for row in _summary(md))


def test_entries_print_in_the_order_of_the_objective_file(make_repo: MakeRepo, cli: RunCli) -> None:
    """However the leads added them: the whole objective first, one on several at its first."""
    three = (
        "id: 2\ntitle: Healthy choices\nbreakthroughs:\n"
        "  - {id: '2.1', title: Connect services}\n"
        "  - {id: '2.2', title: Stop smoking}\n"
        "  - {id: '2.3', title: Move more}\n"
    )
    entries = (
        "objective: 2\nentries:\n"
        "  - {covers: '2.3', body: Third.}\n"
        "  - {covers: ['2.2', '2.1'], body: First two.}\n"
        "  - {covers: '2', body: Whole.}\n"
    )
    root = make_repo({"objectives/2-choices.yaml": three, f"{Q1}/objective-2.yaml": entries})
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root)).stdout
    objective = md.split("## Objective 2", 1)[1].split("## Measures", 1)[0]
    headings = re.findall(r"^### (.+)$", objective, re.MULTILINE)
    assert headings == ["Objective 2 as a whole", "2.2 and 2.1", "2.3 Move more"]
    html = cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(root)).stdout
    assert html.index("Whole.") < html.index("First two.") < html.index("Third.")


def test_the_footer_is_small_print_and_can_be_switched_off(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root)).stdout
    html = cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(root)).stdout
    assert md.rstrip().endswith("</small>") and "\n<small>Built by icp-obj from " in md
    assert '<footer>\n<p class="provenance"><small>Built by icp-obj from ' in html
    public = make_repo(
        {f"{Q1}/report.yaml": "title: Q1\nprovenance: false\nintroduction: Intro.\n"}
    )
    for fmt in ("md", "html"):
        paper = cli("report", "Q1", "-f", fmt, "-o", "-", "--root", str(public)).stdout
        assert "Built by icp-obj" not in paper and "<footer>" not in paper
        assert "fingerprint" not in paper
    assert cli("report", "Q1", "--root", str(public)).exit_code == 0
    assert cli("report", "Q1", "--check", "--root", str(public)).exit_code == 0


# The old format's report.yaml and a second objective's entries, as in tests/golden/paper/,
# rendered by the paper before the cover fields, the direction of travel and the footer's
# small print came in.
OLD_FORMAT = {
    f"{Q1}/report.yaml": """\
title: Quarter 1 update
period: 2020/21 Q1
meeting: ICP Board
date: 2020-07-21
agenda_item: "7"
author: Ann Example, ICP programme manager
lead_director: Bea Example, ICP director
purpose: assurance
recommendation: The Board is asked to note the update.
previously_considered_by: ICP Executive Group
introduction: |
  The quarter's update.
""",
    f"{Q1}/objective-2.yaml": """\
objective: 2
entries:
  - covers: "2"
    body: |
      - The objective as a whole.
  - covers: "2.1"
    status: green
    body: |
      - Services connected.
""",
}
NEW_COVER_ROW = "Report title"


def _sections(text: str, mark: str) -> dict[str, str]:
    parts = text.split(mark)
    return {part.split("\n", 1)[0]: part for part in parts}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_old_report_yaml_renders_as_before_apart_from_what_is_new(
    make_repo: MakeRepo, cli: RunCli, fmt: str
) -> None:
    root = make_repo(OLD_FORMAT)
    new = cli("report", "Q1", "-f", fmt, "-o", "-", "--root", str(root)).stdout
    old = (GOLDEN / f"old-format.{fmt}").read_text(encoding="utf-8")
    mark = "\n## " if fmt == "md" else "\n<section "
    before, after = _sections(without_sentence(old), mark), _sections(without_sentence(new), mark)
    assert before.keys() == after.keys()
    changed = [name for name in before if before[name] != after[name]]
    first, summary, last = next(iter(before)), "Summary of progress", list(before)[-1]
    measures = "Measures"
    if fmt == "html":
        summary, measures = 'aria-labelledby="summary">', 'aria-labelledby="measures">'
    # the cover sheet, the summary, the measures (variation and assurance), the footer
    assert changed == [first, summary, measures, last]
    # The cover sheet gains one row, the report title; every other row is as it was.
    row = re.compile(r"^\| .* \|$|^<tr><th scope=\"row\">.*</tr>$", re.MULTILINE)
    old_rows, new_rows = row.findall(before[first]), row.findall(after[first])
    assert [r for r in new_rows if NEW_COVER_ROW not in r] == old_rows
    assert len(new_rows) == len(old_rows) + 1
    # The summary keeps each breakthrough objective and its status this quarter.
    for name in ("1.1 School readiness", "1.2 Healthy pregnancies", "2.1 Connect services"):
        assert name in after[summary]
    # The footer says the same, in small print.
    assert "Built by icp-obj from" in after[last]
    assert (
        after[last]
        .replace("<small>", "")
        .replace("</small>", "")
        .replace(' class="provenance"', "")
        == before[last]
    )
