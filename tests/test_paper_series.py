"""What the board paper says about a measure's series, in each format: the exact words of a
special cause, the chart's numbers as a Markdown table, the Word picture's alt text, the summary's
variation and assurance, and when the fewer-than-12 sentence is printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tests.conftest import MINIMAL, MakeRepo, RunCli
from tests.wordfiles import render

# Four steady rounds around 71.5, then seven points just under the series' mean (71.22) that
# neither rise nor fall seven in a row, nor come near a limit: a shift, and only a shift.
STEADY = [70, 72, 71, 73] * 4
SHIFTED = [71, 70, 71, 70, 71, 70, 71]
MEASURES = (
    "| Breakthrough | Measure | Baseline | Latest | Target | Assessment | Variation | Assurance |"
)
FEWER_THAN_12 = "fewer than 12 readings are too few for statistical process control charts"


def _months(count: int) -> list[str]:
    return [f"{2018 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}" for m in range(count)]


def _repo(values: list[int]) -> dict[str, str]:
    """The minimal repository whose childcare measure (higher is better, baseline 80%, target
    85%) is monthly with these readings, the quarter's update reporting the last of them."""
    files = dict(MINIMAL)
    key = next(k for k, v in files.items() if "id: childcare" in v)
    files[key] = files[key].replace('unit: "%"', 'unit: "%"\n                frequency: monthly', 1)
    months = _months(len(values))
    upd = next(k for k, v in files.items() if "- measure: childcare" in v)
    reading = f"value: {values[-1]}\n{' ' * 16}period: {months[-1]}"
    files[upd] = files[upd].replace("value: 72", reading, 1)
    rows = "".join(f"{p},{v}\n" for p, v in zip(months, values, strict=True))
    return {**files, "objectives/measures/childcare.csv": "period,value\n" + rows}


def _paper(make_repo: MakeRepo, cli: RunCli, values: list[int], fmt: str) -> str:
    root = make_repo(_repo(values))
    result = cli("report", "Q1", "-f", fmt, "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout


def _table_rows(md: str, header: str) -> list[str]:
    """The rows of the Markdown table under `header`."""
    body = md.split(header + "\n", 1)[1].split("\n", 1)[1]  # past the --- line
    return body.split("\n\n", 1)[0].splitlines()


def test_a_series_ending_in_a_shift_says_so_in_exact_words(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    md = _paper(make_repo, cli, STEADY + SHIFTED, "md")
    assert (
        "**Take-up of funded childcare.** Variation: Special cause of concern: 7 points below the"
        " mean. Assurance: Consistently failing the target."
    ) in md
    measures = _table_rows(md, MEASURES)
    assert measures == [
        "| 1.1 | Take-up of funded childcare (higher is better) | 80% (2019/20 Q4) | 71% (2020-02)"
        " | 85% (2021/22 Q4) | Worse than baseline | Special cause of concern: 7 points below the"
        " mean | Consistently failing the target |"
    ]


def test_the_markdown_paper_gives_the_chart_as_a_table(make_repo: MakeRepo, cli: RunCli) -> None:
    md = _paper(make_repo, cli, STEADY + SHIFTED, "md")
    rows = _table_rows(md, "| Period | Value | Mean | Limits | Shows |")
    assert len(rows) == len(STEADY + SHIFTED)
    assert rows[0] == "| April 2018 | 70% | 71.22% | 66.74% to 75.69% | Common cause |"
    assert rows[16] == (
        "| August 2019 | 71% | 71.22% | 66.74% to 75.69% | Special cause of concern: part of 7"
        " points below the mean |"
    )
    assert rows[-1] == (
        "| February 2020 | 71% | 71.22% | 66.74% to 75.69% | Special cause of concern: 7 points"
        " below the mean |"
    )
    assert "<svg" not in md


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_summary_gives_each_breakthrough_its_measures_variation_and_assurance(
    make_repo: MakeRepo, cli: RunCli, fmt: str
) -> None:
    paper = _paper(make_repo, cli, STEADY + SHIFTED, fmt)
    if fmt == "md":
        header = (
            "| Objective | Breakthrough objective | Last quarter | This quarter"
            " | Direction of travel | Variation | Assurance |"
        )
        rows = _table_rows(paper, header)
        assert rows[0].endswith("| New | Concern | Failing |")
        assert rows[1].endswith("| New | No measures | — |")
    else:
        summary = paper.split('<table class="summary">', 1)[1].split("</table>", 1)[0]
        assert '<th scope="col">Variation</th><th scope="col">Assurance</th>' in summary
        assert "<td>Concern</td>\n<td>Failing</td>" in summary
        assert "<td>No measures</td>\n<td>—</td>" in summary


def test_several_measures_of_one_breakthrough_are_counted_in_the_summary(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    files = _repo(STEADY + SHIFTED)
    key = next(k for k, v in files.items() if "id: childcare" in v)
    more = "".join(
        f"\n              - id: {slug}\n                title: {title}\n"
        "                better: higher"
        for slug, title in (("places", "Nursery places"), ("rooms", "Rooms open"))
    )
    files[key] = files[key].replace("value: 85}", "value: 85}" + more, 1)
    for slug in ("places", "rooms"):
        files[f"objectives/measures/{slug}.csv"] = "period,value\n2020/21 Q1,40\n"
    root = make_repo(files)
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    header = (
        "| Objective | Breakthrough objective | Last quarter | This quarter | Direction of travel"
        " | Variation | Assurance |"
    )
    rows = _table_rows(result.stdout, header)
    assert rows[0].endswith("| New | Concern; No limits yet (2) | Failing; No target (2) |")


def test_the_word_papers_chart_names_its_measure_and_variation_in_its_alt_text(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    pytest.importorskip("cairosvg", reason="drawing charts into Word needs CairoSVG")
    document = render(cli, make_repo(_repo(STEADY + SHIFTED)), tmp_path, "-f", "docx")
    pictures = [
        (p.get("title"), p.get("descr")) for p in document.element.body.iter(qn("wp:docPr"))
    ]
    chart = next(descr for title, descr in pictures if title == "Take-up of funded childcare")
    assert "Special cause of concern: 7 points below the mean." in chart
    assert "Consistently failing the target." in chart
    assert "Latest value 71% in February 2020." in chart


def test_eight_readings_show_baseline_latest_and_target_and_say_why(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    md = _paper(make_repo, cli, STEADY[:8], "md")
    assert _table_rows(md, MEASURES) == [
        "| 1.1 | Take-up of funded childcare (higher is better) | 80% (2019/20 Q4) | 73% (2018-11)"
        " | 85% (2021/22 Q4) | Worse than baseline | No limits yet: 8 readings, 12 are needed"
        f" ({FEWER_THAN_12}, so the paper shows baseline, latest and target.)"
        " | No assurance until the limits are drawn |"
    ]
    html = _paper(make_repo, cli, STEADY[:8], "html")
    assert FEWER_THAN_12.capitalize() in html


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_twenty_four_readings_draw_limits_without_the_fewer_than_12_sentence(
    make_repo: MakeRepo, cli: RunCli, fmt: str
) -> None:
    paper = _paper(make_repo, cli, STEADY + SHIFTED + [70], fmt)
    assert FEWER_THAN_12 not in paper.lower()
    assert "No limits yet" not in paper
    assert "Special cause of concern: 8 points below the mean" in paper


def test_a_reading_after_the_quarter_leaves_the_papers_fingerprint_alone(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    def footer(files: dict[str, str]) -> str:
        result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(make_repo(files)))
        assert result.exit_code == 0, result.output
        return result.stdout.rstrip("\n").rsplit("\n", 1)[-1]

    files = _repo(STEADY + SHIFTED)
    csv = "objectives/measures/childcare.csv"
    before = footer(files)
    assert "(fingerprint " in before
    later = {**files, csv: files[csv] + "2020-07,75\n2020-08,76\n"}  # 2020/21 Q2
    assert footer(later) == before
    earlier = {**files, csv: files[csv].replace("2018-04,70\n", "2018-04,69\n")}
    assert footer(earlier) != before
    in_quarter = {**files, csv: files[csv] + "2020-06,71\n"}
    assert footer(in_quarter) != before
