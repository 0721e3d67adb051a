"""The shipped data: it validates, the paper carries every sentence of the source paper, and the
rendered paper committed in reports/ is what the data renders now."""

from __future__ import annotations

import re

from tests.conftest import FIXTURES, PROJECT, RunCli

SEED = FIXTURES / "seed-q1-2020-21.txt"


def _plain(text: str) -> str:
    """Words only: no Markdown marks, no link targets, one space between words."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:[-*]|#+|\d+\.)\s+", "", text, flags=re.MULTILINE)
    text = text.replace("**", "").replace("\\", "")
    return " ".join(text.split())


def _seed_lines() -> list[str]:
    lines = [_plain(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


def test_shipped_data_is_valid(cli: RunCli) -> None:
    result = cli("validate", "--root", str(PROJECT))
    assert result.exit_code == 0, result.output


def test_paper_has_every_line_of_the_source_paper(cli: RunCli) -> None:
    paper = _plain(cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(PROJECT)).stdout)
    missing = [line for line in _seed_lines() if line not in paper]
    assert not missing, f"{len(missing)} lines of the source paper are missing: {missing[:3]}"


def test_source_paper_lines_are_many(cli: RunCli) -> None:
    assert len(_seed_lines()) > 60  # the check above is only as good as what it checks


def test_paper_keeps_bold_labels_links_and_key_points(cli: RunCli) -> None:
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(PROJECT)).stdout
    assert "- **Smoking in Pregnancy:** Sherwood Forest Hospitals" in md
    assert "[Healthy Start](https://" in md
    assert "#### Key points" in md
    assert "### 4.1 and 4.2" in md
    html = cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(PROJECT)).stdout
    assert "<strong>Smoking in Pregnancy:</strong>" in html
    assert "<h4>Key points</h4>" in html


def test_committed_paper_is_what_the_data_renders(cli: RunCli) -> None:
    result = cli("report", "Q1", "--check", "--root", str(PROJECT))
    assert result.exit_code == 0, "run `icp-obj report Q1` and commit reports/\n" + result.stderr
