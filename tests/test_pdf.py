"""`report --format pdf`, read back as a reader's PDF software reads it: A4, tagged, titled, in
British English, with an outline of the headings, page numbers and a running footer, every
sentence of the source paper, its links, and nothing of the data turned into markup or a fetch."""

from __future__ import annotations

import html
import os
import pty
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from icp_objectives.cli import app
from tests import longtext, pdfread
from tests.conftest import PROJECT, MakeRepo, RunCli
from tests.longtext import HOSTILE_TITLE, breakthrough
from tests.test_shipped import _plain, _seed_lines

MISSING = pdfread.weasyprint_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

A4 = (595.28, 841.89)  # points


@dataclass(frozen=True)
class Printed:
    html: str
    reader: pypdf.PdfReader
    data: bytes

    def field(self, pattern: str) -> str:
        """Text of the HTML paper that `pattern`'s one group matches, as a reader sees it."""
        found = re.search(pattern, self.html, re.DOTALL)
        assert found, pattern
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())

    def footer(self) -> str:
        partnership = self.field(r'<p class="partnership">(.*?)</p>')
        title = self.field(r"<h1>(.*?)</h1>")
        period = self.field(r'<span class="period">(.*?)</span>')
        return f"{partnership} · {title} · {period}"

    @cached_property
    def pages(self) -> list[pdfread.Page]:
        return pdfread.pages(self.reader, self.footer().split(" · ")[0])


def _print(root: Path, target: Path) -> Printed:
    runner = CliRunner()
    env = {"NO_COLOR": "1"}
    page = runner.invoke(
        app, ["report", "Q1", "-f", "html", "-o", "-", "--root", str(root)], env=env
    )
    assert page.exit_code == 0, page.output
    made = runner.invoke(app, ["report", "Q1", "-o", str(target), "--root", str(root)], env=env)
    assert made.exit_code == 0, made.output
    data = target.read_bytes()
    return Printed(page.stdout, pypdf.PdfReader(target), data)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _print(PROJECT, tmp_path_factory.mktemp("shipped") / "paper.pdf")


def test_every_page_is_a4(shipped: Printed) -> None:
    assert len(shipped.reader.pages) > 3
    for page in shipped.reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4


def test_the_language_and_title_are_those_of_the_html(shipped: Printed) -> None:
    catalog = pdfread.catalog(shipped.reader)
    assert catalog["/Lang"] == "en-GB"
    assert shipped.reader.metadata is not None
    assert shipped.reader.metadata.title == pdfread.html_title(shipped.html)
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # not the file name


def test_the_pdf_is_tagged_with_headings_lists_and_tables(shipped: Printed) -> None:
    catalog = pdfread.catalog(shipped.reader)
    assert catalog["/MarkInfo"]["/Marked"].value is True
    types = pdfread.structure_types(shipped.reader)
    assert types.count("/H1") == 1
    for kind in ("/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Caption", "/Link"):
        assert kind in types, f"no {kind} in the structure tree"
    assert b'pdfuaid:part="1"' in pdfread.xmp(shipped.reader)  # declared PDF/UA-1


def test_the_outline_is_the_papers_headings_in_order(shipped: Printed) -> None:
    expected = pdfread.headings(shipped.html).found
    assert len(expected) > 10 and {level for level, _ in expected} == {1, 2, 3}
    assert pdfread.outline(shipped.reader) == expected


def test_every_page_has_its_number_and_the_running_footer(shipped: Printed) -> None:
    pages = shipped.pages
    footer = shipped.footer()
    assert footer.startswith("Mid Nottinghamshire Integrated Care Partnership · ICP Objectives")
    for number, page in enumerate(pages, start=1):
        assert page.footer == f"{footer} Page {number} of {len(pages)}"


def test_the_pdf_has_every_sentence_of_the_source_paper(shipped: Printed) -> None:
    text = _plain(pdfread.words(shipped.pages))
    missing = [line for line in _seed_lines() if line not in text]
    assert not missing, f"{len(missing)} lines of the source paper are missing: {missing[:3]}"


def test_links_are_kept_and_screen_only_parts_left_out(shipped: Printed) -> None:
    links = set(pdfread.headings(shipped.html).links)
    assert len(links) >= 4
    assert pdfread.uris(shipped.reader) == links
    text = pdfread.words(shipped.pages)
    assert "Skip to the paper" in shipped.html
    assert "Skip to the paper" not in text


def test_the_same_data_gives_the_same_bytes(shipped: Printed, tmp_path: Path) -> None:
    again = _print(PROJECT, tmp_path / "again.pdf")
    assert again.data == shipped.data
    assert b"/CreationDate" not in again.data  # no clock in the file


def test_fonts_subset_by_fonttools_carry_no_clock(
    shipped: Printed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which would stamp
    each with the time: two papers a day apart are still the same bytes."""
    from fontTools.misc import timeTools
    from weasyprint.pdf import fonts

    from icp_objectives.paper import pdf

    class Clock:
        now = 1_900_000_000.0

        def time(self) -> float:
            self.now += 86_400
            return self.now

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    monkeypatch.setattr(timeTools, "time", Clock())
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = pdf.to_pdf(shipped.html), pdf.to_pdf(shipped.html)
    assert first == second
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the process's environment is left as it was


def test_a_pdf_on_stdout_is_the_pdf(cli: RunCli) -> None:
    result = cli("report", "Q1", "-f", "pdf", "-o", "-", "--root", str(PROJECT))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("%PDF-1.7")


def test_a_pdf_is_not_written_to_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "icp_objectives", "report", "Q1", "-f", "pdf", "-o", "-"],
            cwd=PROJECT,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert done.stderr == (
        "icp-obj: a PDF is not for the terminal: redirect it (> paper.pdf) or give -o paper.pdf\n"
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    root = longtext.write(tmp_path_factory.mktemp("hostile"))
    return _print(root, root / "paper.pdf")


def test_hostile_text_stays_text(hostile: Printed) -> None:
    text = pdfread.words(hostile.pages)
    assert hostile.reader.metadata is not None
    assert HOSTILE_TITLE in str(hostile.reader.metadata.title)
    assert HOSTILE_TITLE in text
    assert '<link rel="stylesheet" href="file:///etc/hostile.css">' in text
    assert "<style>body { display: none }</style> Take-up is recovering." in text
    assert "Best start <img src=x> in life" in text
    assert "See file:///etc/passwd and" in text
    assert pdfread.uris(hostile.reader) == set()  # the file: link is shown as text, not a link
    assert not any(page.images for page in hostile.reader.pages)


def test_a_long_table_repeats_its_header_and_splits_no_row(hostile: Printed) -> None:
    header = "Objective Breakthrough objective Last quarter This quarter Direction of travel"
    pages = [" ".join(page.body.split()) for page in hostile.pages]
    squeezed = ["".join(body.split()) for body in pages]  # a wrapped long word is whole again
    held = set()
    for n in range(1, longtext.BREAKTHROUGHS + 1):
        row = "".join(f"1 1.{n} {breakthrough(n)}".split())
        where = [
            number
            for number, body in enumerate(squeezed, start=1)
            if f"{row}Somerisk" in body or f"{row}Noupdate" in body
        ]
        assert where, f"the summary's row 1.{n} is split across pages"
        held.update(where)
    assert len(held) >= 3, "the summary table should run over several pages"
    for number in held:
        assert header in pages[number - 1], f"page {number} continues the table without its header"


def test_a_long_footer_has_the_page_numbers(hostile: Printed) -> None:
    pages = hostile.pages
    for number, page in enumerate(pages, start=1):
        assert page.footer == f"{hostile.footer()} Page {number} of {len(pages)}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_no_word_runs_off_the_page(hostile: Printed, tmp_path: Path) -> None:
    """Words of 150 and 400 letters, in a paragraph and in a table cell, wrap inside the
    margins (16 mm a side) instead of running off the page."""
    paper = tmp_path / "paper.pdf"
    paper.write_bytes(hostile.data)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(paper), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', boxes)
    assert any(text.startswith("LLLLLLLLLL") for _, _, text in words)
    margin = 16 / 25.4 * 72
    outside = [
        text
        for left, right, text in words
        if float(left) < margin - 1 or float(right) > A4[0] - margin + 1
    ]
    assert not outside, f"{len(outside)} words run into the margin: {outside[:3]}"


def test_nothing_outside_the_paper_is_fetched(make_repo: MakeRepo, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.css").write_text("body::before { content: 'FETCHED-CSS' }", encoding="utf-8")
    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
    root = make_repo(
        {
            "templates/paper.css": f"@import url('file://{outside}/evil.css');\n"
            f"h1::after {{ content: url('file://{outside}/evil.css') }}\n",
            "templates/rating-scale.html.j2": f'<img alt="a file" src="file://{outside}/x.png">'
            f'<img alt="embedded" src="data:image/png;base64,{pixel}">'
            '<img alt="remote" src="http://127.0.0.1:9/x.png">\n',
        }
    )
    printed = _print(root, tmp_path / "paper.pdf")
    assert "FETCHED-CSS" not in pdfread.words(printed.pages)
    # The pages share one set of resources, so each lists every image of the document.
    images = {image.name: image for page in printed.reader.pages for image in page.images}
    sizes = [image.image and image.image.size for image in images.values()]
    assert sizes == [(1, 1)]  # the data: URL's one pixel, and neither the file nor the address


def test_a_template_that_weasyprint_cannot_print_is_one_line(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    deep = "<div>" * 3000 + "{{ paper.title }}" + "</div>" * 3000
    root = make_repo({"templates/rating-scale.html.j2": deep})
    result = cli("report", "Q1", "-o", str(tmp_path / "paper.pdf"), "--root", str(root))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()[-1:]
    assert line.startswith("icp-obj: WeasyPrint could not print the HTML paper as a PDF: ")
    assert line.endswith("check what the repository's templates/ change")
    assert not (tmp_path / "paper.pdf").exists()


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is not installed")
def test_poppler_reads_it_as_a_tagged_a4_paper(shipped: Printed, tmp_path: Path) -> None:
    """A second reader, Debian's poppler, opens the file without complaint and agrees."""
    paper = tmp_path / "paper.pdf"
    paper.write_bytes(shipped.data)
    info = subprocess.run(
        ["pdfinfo", str(paper)], capture_output=True, text=True, check=True, timeout=60
    )
    assert info.stderr == ""
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    assert fields["Title"].strip() == pdfread.html_title(shipped.html)
    assert fields["Tagged"].strip() == "yes"
    assert fields["Page size"].strip().endswith("(A4)")
    assert int(fields["Pages"]) == len(shipped.reader.pages)
    drawn = subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(paper), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert drawn.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == len(shipped.reader.pages)
