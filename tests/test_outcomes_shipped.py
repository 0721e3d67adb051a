"""The shipped outcomes summary: every figure and sentence of the February 2021 original, and
the rendered summary committed in reports/ is what the data renders now."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx

from tests.conftest import FIXTURES, PROJECT, RunCli
from tests.test_shipped import _plain

SEED = FIXTURES / "seed-outcomes-2021-02.txt"
SUMMARY = "reports/2021-02-outcomes"

# Where the rendered summary writes a figure otherwise than the original, and why: numbers
# always with thousands separated (the original has both 5,256 and 1431), and the baseline
# of EOL identification with its unit, as the current figure beside it has.
HOUSE_STYLE = {
    "1431": "1,431",
    "3000": "3,000",
    "2992": "2,992",
    "baseline of 0.5 to": "baseline of 0.5% to",
}


def _as_rendered(text: str) -> str:
    for written, rendered in HOUSE_STYLE.items():
        text = re.sub(rf"(?<![\d,.]){re.escape(written)}(?![\d,])", rendered, text)
    return text


def _seed_lines() -> list[str]:
    lines = [_plain(_as_rendered(line)) for line in SEED.read_text("utf-8").splitlines()]
    return [line for line in lines if line]


def _seed_figures() -> list[str]:
    """The figures the original prints in bold, as the summary writes them."""
    return [_as_rendered(f) for f in re.findall(r"\*\*(.+?)\*\*", SEED.read_text("utf-8"))]


def _summary(cli: RunCli, fmt: str, *args: str) -> str:
    result = cli("report", "outcomes", "-f", fmt, "-o", "-", "--root", str(PROJECT), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_summary_has_every_line_of_the_original(cli: RunCli) -> None:
    summary = _plain(_summary(cli, "md"))
    missing = [line for line in _seed_lines() if line not in summary]
    assert not missing, f"{len(missing)} lines of the original are missing: {missing[:3]}"
    assert len(_seed_lines()) > 30  # the check is only as good as what it checks


def test_every_bold_figure_of_the_original_is_bold_in_both_formats(cli: RunCli) -> None:
    figures = _seed_figures()
    assert len(figures) == 17
    md, html = _summary(cli, "md"), _summary(cli, "html")
    for figure in figures:
        assert f"**{figure}**" in md or f"**over {figure}**" in md, figure
        assert f"<strong>{figure}</strong>" in html or f"<strong>over {figure}</strong>" in html
    for as_written in ("£175,000", "115", "118", "0.75%", "87%", "5,256", "36", "13", "20"):
        assert f"**{as_written}**" in md
    assert "**over 11,000** first vaccination doses" in md
    assert "From October 2018-March 2019 **19,841** elective admissions avoided" in md


def test_title_and_sign_off_carry_the_month(cli: RunCli) -> None:
    md = _summary(cli, "md")
    assert md.startswith(
        "# Outcomes and Impacts directly attributable to the MN ICP Collaboration February 2021\n"
    )
    assert "**MN ICP Executive February 2021**" in md
    html = _summary(cli, "html")
    assert '<html lang="en-GB">' in html
    assert '<h2 id="programme-6">East Midlands Ambulance Service [EMAS] Non-conveyance</h2>' in html
    assert '<p class="sign-off">MN ICP Executive February 2021</p>' in html


def test_default_month_is_the_latest_reading_and_as_of_gives_the_same(cli: RunCli) -> None:
    assert _summary(cli, "md") == _summary(cli, "md", "--as-of", "Feb 2021")


def test_committed_summary_is_what_the_data_renders(cli: RunCli) -> None:
    result = cli("report", "outcomes", "--check", "--root", str(PROJECT))
    assert result.exit_code == 0, "run `icp-obj report outcomes` and commit reports/\n" + (
        result.stderr
    )


def test_check_fails_after_a_reading_changes(cli: RunCli, tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "objectives", tmp_path / "objectives")
    shutil.copytree(PROJECT / "reports", tmp_path / "reports")
    series = tmp_path / "objectives" / "measures" / "ecrt-swabbing-contract.csv"
    series.write_text(series.read_text("utf-8").replace(",175000,", ",180000,"), "utf-8")

    result = cli("report", "outcomes", "--check", "--root", str(tmp_path))

    assert result.exit_code == 1
    assert f"icp-obj: {SUMMARY}.md differs from what the data renders" in result.stderr
    assert f"icp-obj: {SUMMARY}.html differs from what the data renders" in result.stderr
    assert f"icp-obj: {SUMMARY}.docx " in result.stderr
    assert "Run `icp-obj report outcomes --as-of 2021-02` and commit the paper." in result.stderr


def test_the_committed_word_summary_holds_the_figures_in_bold() -> None:
    document = docx.Document(str(PROJECT / f"{SUMMARY}.docx"))
    core = document.core_properties
    assert core.title == (
        "Outcomes and Impacts directly attributable to the MN ICP Collaboration February 2021"
    )
    assert core.author == "MN ICP Executive"
    paragraphs = document.paragraphs
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert "East Midlands Ambulance Service [EMAS] Non-conveyance" in headings
    bold = {run.text for p in paragraphs for run in p.runs if run.bold}
    figures = _seed_figures()
    missing = [f for f in figures if f not in bold and f"over {f}" not in bold]
    assert not missing, f"figures not in bold in the Word summary: {missing}"
    for as_written in ("£175,000", "115", "118", "0.75%", "87%", "5,256", "20", "13"):
        assert as_written in bold
    text = "\n".join(p.text for p in paragraphs)
    assert "In January 2021 of 118 calls made 115 were converted to a more clinically" in text
