"""Writing and checking the Word paper from the command line; hostile text and charts in it."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from icp_objectives.paper import docx_build
from tests.conftest import PROJECT, MakeRepo, RunCli
from tests.wordfiles import links, name, opened, render

DOCX = "reports/2020-21-Q1-board-report.docx"


@pytest.fixture
def rendered_repo(shipped_repo: Path, cli: RunCli) -> Path:
    """A copy of the shipped data with its papers rendered into reports/."""
    shutil.copytree(PROJECT / "reports", shipped_repo / "reports")
    result = cli("report", "Q1", "--root", str(shipped_repo))
    assert result.exit_code == 0, result.output
    return shipped_repo


def test_the_committed_word_paper_is_what_the_data_renders(cli: RunCli) -> None:
    result = cli("report", "Q1", "-f", "docx", "--check", "--root", str(PROJECT))
    assert result.exit_code == 0, result.stderr


def test_check_names_what_differs_after_a_content_edit(rendered_repo: Path, cli: RunCli) -> None:
    updates = rendered_repo / "objectives/updates/2020-21/Q1/objective-3.yaml"
    text = updates.read_text(encoding="utf-8")
    updates.write_text(text.replace("21 social prescribing", "22 social prescribing"))
    result = cli("report", "Q1", "-f", "docx", "--check", "--root", str(rendered_repo))
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if DOCX in x)
    assert line.startswith(f"icp-obj: {DOCX} differs from what the data renders: it says")
    assert '"List Bullet: We currently have 21 social prescribing' in line
    assert '"List Bullet: We currently have 22 social prescribing' in line


def _rezipped(data: bytes, date: tuple[int, int, int, int, int, int], level: int) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target,
    ):
        for info in reversed(source.infolist()):  # another order, too
            target.writestr(zipfile.ZipInfo(info.filename, date_time=date), source.read(info))
    return out.getvalue()


def test_check_passes_when_only_the_zip_differs(rendered_repo: Path, cli: RunCli) -> None:
    paper = rendered_repo / DOCX
    original = paper.read_bytes()
    paper.write_bytes(_rezipped(original, (2031, 1, 2, 3, 4, 5), 1))
    assert paper.read_bytes() != original
    result = cli("report", "Q1", "--check", "--root", str(rendered_repo))
    assert result.exit_code == 0, result.stderr


def test_check_fails_on_an_edit_made_in_word(rendered_repo: Path, cli: RunCli) -> None:
    paper = rendered_repo / DOCX
    with zipfile.ZipFile(paper) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"Frailty", b"Frailty!", 1)
    with zipfile.ZipFile(paper, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = cli("report", "Q1", "--check", "--root", str(rendered_repo))
    assert result.exit_code == 1
    assert "Frailty!" in result.stderr
    assert "board-report.md" not in result.stderr and "board-report.html" not in result.stderr


def test_check_says_a_broken_word_paper_cannot_be_read(rendered_repo: Path, cli: RunCli) -> None:
    (rendered_repo / DOCX).write_bytes(b"\x1b[31m not a zip")
    result = cli("report", "Q1", "--check", "--root", str(rendered_repo))
    assert result.exit_code == 1
    assert f"{DOCX} cannot be read as a Word document" in result.stderr
    assert "\x1b" not in result.stderr


def test_format_docx_writes_only_the_word_paper(shipped_repo: Path, cli: RunCli) -> None:
    result = cli("report", "Q1", "--format", "docx", "--root", str(shipped_repo))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (shipped_repo / "reports").iterdir()) == [
        "2020-21-Q1-board-report.docx"
    ]
    assert f"wrote {DOCX}" in result.stderr


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (("-o", "-", "-f", "docx"), "a Word document is not text; give -o paper.docx"),
        (("-o", "paper.docx", "-f", "md"), "names a Word file but --format is md"),
        (("-o", "paper.docx", "-f", "all"), "--format all writes three papers"),
    ],
)
def test_word_options_that_clash_are_usage_errors(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, options: tuple[str, ...], words: str
) -> None:
    result = cli("report", "Q1", *options, "--root", str(make_repo({})), cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert not (tmp_path / "paper.docx").exists()


def test_hostile_text_stays_text(make_repo: MakeRepo, cli: RunCli, tmp_path: Path) -> None:
    report = (
        'title: "R&D <b>Board</b> & <script>alert(1)</script>"\nperiod: 2020/21 Q1\n'
        "introduction: |\n  Text with <script>alert(2)</script> and <w:t>xml</w:t>.\n"
    )
    root = make_repo({"objectives/updates/2020-21/Q1/report.yaml": report})
    document = render(cli, root, tmp_path)
    texts = [p.text for p in document.paragraphs]
    assert "R&D <b>Board</b> & <script>alert(1)</script>" in texts
    assert document.core_properties.title == "R&D <b>Board</b> & <script>alert(1)</script>"
    intro = next(t for t in texts if t.startswith("Text with"))
    assert "<script>alert(2)</script>" in intro and "<w:t>xml</w:t>" in intro


def test_only_web_mail_and_paper_links_become_links() -> None:
    """A template may write any link; Word gets only those the paper's HTML itself allows."""
    html = (
        '<body><h2 id="here">Here</h2><p><a href="javascript:alert(1)">script</a>'
        ' <a href="file:///etc/passwd">file</a> <a href="#nowhere">missing</a>'
        ' <a href="#here">back</a> <a href="mailto:board@example.org">mail</a></p></body>'
    )
    details = docx_build.Details("T", "A", "P", "Q", dt.datetime(2020, 6, 30, tzinfo=dt.UTC))
    document = opened(docx_build.build(html, details))
    assert links(document) == [("back", "#here"), ("mail", "mailto:board@example.org")]
    assert document.paragraphs[-1].text == "script file missing back mail"


def test_control_characters_are_refused_before_any_paper(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    report = 'title: "Board \\x1b[31mpaper"\nperiod: 2020/21 Q1\nintroduction: Text.\n'
    root = make_repo({"objectives/updates/2020-21/Q1/report.yaml": report})
    target = tmp_path / "paper.docx"
    result = cli("report", "Q1", "-o", str(target), "--root", str(root))
    assert result.exit_code == 1
    assert not target.exists()


CHART = """<figure>
<svg role="img" aria-labelledby="chart-title chart-desc" width="320" height="160" viewBox="0 0 320 160">
<title id="chart-title">Take-up of funded childcare</title>
<desc id="chart-desc">Take-up fell from 80% to 72% in 2020/21 Q1.</desc>
<rect x="0" y="0" width="320" height="160" fill="#FFFFFF"/>
<polyline points="10,20 160,80 310,60" fill="none" stroke="#005EB8" stroke-width="3"/>
</svg>
<figcaption>Chart: take-up by quarter</figcaption>
</figure>
<svg aria-hidden="true" width="10" height="10"><rect width="10" height="10"/></svg>
"""


def _with_chart(root: Path, svg: str) -> None:
    template = (PROJECT / "icp_objectives/templates/measures.html.j2").read_text(encoding="utf-8")
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "measures.html.j2").write_text(
        template.replace("</section>", svg + "</section>"), encoding="utf-8"
    )


def test_an_svg_chart_is_a_picture_with_its_alt_text(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    _with_chart(root, CHART)
    document = render(cli, root, tmp_path)
    assert len(document.inline_shapes) == 1  # the aria-hidden one is decoration, left out
    shape = document.inline_shapes[0]
    described = shape._inline.docPr
    assert described.get("title") == "Take-up of funded childcare"
    assert described.get("descr") == "Take-up fell from 80% to 72% in 2020/21 Q1."
    picture = next(r.target_part for r in document.part.rels.values() if "image" in r.reltype)
    assert picture.blob.startswith(b"\x89PNG")
    assert abs(shape.width.inches - 320 / 96) < 0.01
    texts = [p.text for p in document.paragraphs]
    assert "Chart: take-up by quarter" in texts
    assert not [t for t in texts if "Take-up fell" in t]  # alt text, not body text
    caption = next(p for p in document.paragraphs if p.text == "Chart: take-up by quarter")
    assert name(caption) == "Caption"
    body = document.element.body
    assert body.find(f".//{qn('wp:inline')}") is not None


def test_a_chart_may_not_fetch_anything(make_repo: MakeRepo, cli: RunCli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the paper")
    svg = (
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" role="img" width="20" height="20">'
        f'<title>x</title><image xlink:href="file://{secret}" width="20" height="20"/></svg>'
    )
    root = make_repo({})
    _with_chart(root, svg)
    target = tmp_path / "paper.docx"
    result = cli("report", "Q1", "-o", str(target), "--root", str(root))
    assert result.exit_code == 1
    assert "a chart may not fetch anything" in result.stderr
    assert not target.exists()


def test_a_template_may_write_characters_xml_cannot_hold(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    _with_chart(root, "<p>Bell\x07 and null\x00 here</p>")
    document = render(cli, root, tmp_path)
    assert "Bell\ufffd and null\ufffd here" in [p.text for p in document.paragraphs]


def test_charts_without_cairo_say_what_to_install(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cairosvg.surface", None)  # as if it cannot be loaded
    root = make_repo({})
    _with_chart(root, CHART)
    target = tmp_path / "paper.docx"
    result = cli("report", "Q1", "-o", str(target), "--root", str(root))
    assert result.exit_code == 2
    assert "needs the Cairo library" in result.stderr and "libcairo2" in result.stderr
    said = [line for line in result.stderr.splitlines() if " warning " not in line]
    assert len(said) <= 2  # besides the paper's readiness warnings: the quarter used, and this
    assert not target.exists()
    html = cli("report", "Q1", "-f", "html", "-o", str(tmp_path / "p.html"), "--root", str(root))
    assert html.exit_code == 0  # the other formats never need it
