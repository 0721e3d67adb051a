"""LibreOffice opens the Word paper: its text holds every sentence of the seed paper, and its
PDF has numbered pages. Skipped, saying why, where LibreOffice is not installed (.ci/run
installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT, RunCli
from tests.test_shipped import _plain, _seed_lines

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)


def _convert(source: Path, to: str, tmp_path: Path) -> Path:
    """`source` converted by LibreOffice, with a profile of its own so runs never share one."""
    assert SOFFICE is not None
    out = tmp_path / "converted"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = list(out.iterdir())
    assert len(converted) == 1, converted
    return converted[0]


@pytest.fixture
def paper(cli: RunCli, tmp_path: Path) -> Path:
    target = tmp_path / "paper.docx"
    assert cli("report", "Q1", "-o", str(target), "--root", str(PROJECT)).exit_code == 0
    return target


def test_libreoffice_reads_every_sentence_of_the_seed_paper(paper: Path, tmp_path: Path) -> None:
    text = _convert(paper, "txt:Text", tmp_path).read_text(encoding="utf-8-sig")
    words = _plain(text.replace("•", " "))
    missing = [line for line in _seed_lines() if line not in words]
    assert not missing, f"{len(missing)} lines of the seed paper are missing: {missing[:3]}"
    assert "Skip to the paper" not in words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_libreoffice_prints_it_with_page_numbers_and_the_footer(
    paper: Path, tmp_path: Path
) -> None:
    pdf = _convert(paper, "pdf", tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Mid Nottinghamshire Integrated Care Partnership ·" in page
    assert "ICP Objectives Quarter 1 update Report for 20/21" in pages[0]
