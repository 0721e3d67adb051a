"""The cover sheet: every field an NHS board expects, printed as a table with the empty ones left
out, and new-quarter's prompts for each, which validate once uncommented."""

from __future__ import annotations

import re
from pathlib import Path

from icp_objectives.domain.model import QuarterReport
from tests.conftest import MakeRepo, RunCli

REPORT = "objectives/updates/2020-21/Q1/report.yaml"
FULL = """\
title: Quarter 1 update
meeting: ICP Board
date: 2020-07-21
agenda_item: "7"
author: Ann Example, programme manager
lead_director: Bea Example, director
purpose: decision
recommendation: The Board is asked to approve the plan.
previously_considered_by: ICP Executive Group
strategic_objectives: [2, 1]
baf_risks:
  - id: 3
    title: Partners do not deliver | the shared objectives
    link: https://example.org/baf(3)?a=1|2
  - id: BAF 7
    title: Health inequalities widen
equality_impact: No adverse impact.
quality_impact: None identified.
session: private
introduction: |
  The quarter's update.
"""


def _paper(cli: RunCli, root: Path, fmt: str) -> str:
    result = cli("report", "Q1", "-f", fmt, "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout


def _cover_rows(md: str) -> list[str]:
    block = md.split("| Cover sheet | |\n| --- | --- |\n", 1)[1].split("\n\n", 1)[0]
    return block.splitlines()


def test_every_cover_field_is_a_row_of_the_markdown_table(make_repo: MakeRepo, cli: RunCli) -> None:
    rows = _cover_rows(_paper(cli, make_repo({REPORT: FULL}), "md"))
    assert rows == [
        "| Partnership | Test Partnership |",
        "| Period | 2020/21 Q1 |",
        "| Meeting | ICP Board |",
        "| Date | 21 July 2020 |",
        "| Agenda item | 7 |",
        "| Report title | Quarter 1 update |",
        "| Author | Ann Example, programme manager |",
        "| Lead director | Bea Example, director |",
        "| Purpose | For decision |",
        "| Recommendation | The Board is asked to approve the plan. |",
        "| Previously considered by | ICP Executive Group |",
        "| Strategic objectives | Objective 2 \N{EN DASH} Healthy choices<br>Objective 1 \N{EN DASH} Best start in"
        " life |",
        "| Board Assurance Framework risks | [3: Partners do not deliver \\| the shared"
        " objectives](https://example.org/baf%283%29?a=1%7C2)<br>BAF 7: Health inequalities"
        " widen |",
        "| Equality impact | No adverse impact. |",
        "| Quality impact | None identified. |",
        "| Session | Private |",
    ]


def test_the_html_cover_links_objectives_to_their_sections_and_risks_to_their_pages(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    html = _paper(cli, make_repo({REPORT: FULL}), "html")
    cover = html.split('<table class="cover">', 1)[1].split("</table>", 1)[0]
    assert '<li><a href="#objective-2">Objective 2 \N{EN DASH} Healthy choices</a></li>' in cover
    assert 'id="objective-2"' in html  # the link leads somewhere
    assert (
        '<li><a href="https://example.org/baf(3)?a=1|2">3: Partners do not deliver | the shared'
        " objectives</a></li>"
    ) in cover
    assert "<li>BAF 7: Health inequalities widen</li>" in cover
    assert '<tr><th scope="row">Session</th><td>Private</td></tr>' in cover
    labels = re.findall(r'<th scope="row">([^<]+)</th>', cover)
    assert len(labels) == 16


def test_empty_fields_are_left_out_in_both_formats(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({REPORT: "title: Q1\nauthor:\nbaf_risks: []\nintroduction: Intro.\n"})
    rows = _cover_rows(_paper(cli, root, "md"))
    assert [row.split(" | ")[0] for row in rows] == ["| Partnership", "| Period", "| Report title"]
    cover = _paper(cli, root, "html").split('<table class="cover">', 1)[1].split("</table>")[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>', cover) == [
        "Partnership",
        "Period",
        "Report title",
    ]


def test_a_risk_link_from_the_data_cannot_become_markup(make_repo: MakeRepo, cli: RunCli) -> None:
    hostile = FULL.replace(
        "https://example.org/baf(3)?a=1|2", '"https://x.org/a\\"onclick=alert(1)><b>"'
    )
    root = make_repo({REPORT: hostile})
    html = _paper(cli, root, "html")
    assert "onclick=alert(1)>" not in html and "<b>" not in html
    assert 'href="https://x.org/a&#34;onclick=alert(1)&gt;&lt;b&gt;"' in html
    md = _paper(cli, root, "md")
    assert '(https://x.org/a"onclick=alert%281%29%3E%3Cb%3E)' in md


def _uncommented(text: str) -> str:
    """A report.yaml from new-quarter with every prompt taken in, as a person would."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    body = [re.sub(r"^# ", "", line) for line in lines[header:]]
    return "\n".join(lines[:header] + body) + "\n"


def test_new_quarter_prompts_for_every_cover_field(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    assert cli("new-quarter", "2020/21 Q2", "--root", str(root)).exit_code == 0
    text = (root / "objectives/updates/2020-21/Q2/report.yaml").read_text()
    keys = {
        match
        for match in re.findall(r"^(?:# )?([a-z_]+):", text, re.MULTILINE)
        if match in QuarterReport.model_fields
    }
    assert keys == set(QuarterReport.model_fields) - {"presented"}
    assert "# strategic_objectives: [1, 2]" in text  # the repository's own objectives
    assert "# meeting: ICP Board\n" in text  # the partnership's board


def test_new_quarter_prompts_validate_once_uncommented_and_warn_until_replaced(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    cli("new-quarter", "2020/21 Q2", "--root", str(root))
    path = root / "objectives/updates/2020-21/Q2/report.yaml"
    path.write_text(_uncommented(path.read_text()))
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 0, result.output
    example = [line for line in result.stdout.splitlines() if "placeholder-text" in line]
    # agenda item, author, lead director, recommendation, previously considered by, the
    # risk's id and title, equality and quality impact, and the introduction
    assert len(example) == 10, result.stdout
    report = cli("report", "2020/21 Q2", "--root", str(root))
    assert report.exit_code == 0, report.output
    assert "warning cover-field-missing: 'date' is empty" in report.stderr


def test_the_shipped_cover_sheet_says_only_what_the_seed_paper_says(cli: RunCli) -> None:
    from tests.conftest import PROJECT

    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(PROJECT)).stdout
    labels = [row.split(" | ")[0].lstrip("| ") for row in _cover_rows(md)]
    assert labels == [
        "Partnership",
        "Period",
        "Meeting",
        "Report title",
        "Purpose",
        "Strategic objectives",
    ]
