"""Whoever changes the templates changes the Word paper too: the HTML templates give its
content, and a reference.docx in templates/ its styles and fonts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from icp_objectives.paper import docx_styles
from tests.conftest import PROJECT, MakeRepo, RunCli
from tests.wordfiles import headings, name, props, render, table_after
from tools import make_reference_docx

PACKAGED = PROJECT / "icp_objectives" / "templates"


def test_an_overridden_html_template_changes_the_word_paper(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    template = (PACKAGED / "summary.html.j2").read_text(encoding="utf-8")
    changed = template.replace("Summary of progress", "Progress at a glance").replace(
        "<table", "<p>Ratings are the leads' own.</p>\n<table"
    )
    assert changed != template
    (root / "templates").mkdir()
    (root / "templates" / "summary.html.j2").write_text(changed, encoding="utf-8")
    document = render(cli, root, tmp_path)
    assert (2, "Progress at a glance") in headings(document)
    assert (2, "Summary of progress") not in headings(document)
    assert "Ratings are the leads' own." in [p.text for p in document.paragraphs]


def _reference(font: str, size: int) -> bytes:
    """A reference document as someone might save one: the packaged one with Normal and the
    headings in another font, and nothing else of the paper's styles but Normal and Heading 1."""
    document = docx.Document(io.BytesIO(docx_styles.packaged()))
    for style_name in ("Normal", "Heading 1"):
        style = document.styles[style_name]
        style.font.name = font
        style.font.size = Pt(size)
    for style in list(document.styles):
        if style.name in ("Hyperlink", "Small Print", "Table Grid", "List Bullet", "Heading 2"):
            style.element.getparent().remove(style.element)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_reference_docx_in_templates_gives_the_fonts(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(_reference("Georgia", 12))
    document = render(cli, root, tmp_path)
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Normal"].font.size == Pt(12)
    assert document.styles["Heading 1"].font.name == "Georgia"
    # What the reference lacked came from the packaged one, so the paper still has it all:
    for needed in ("Hyperlink", "Small Print", "Table Grid", "List Bullet", "Heading 2"):
        assert needed in [s.name for s in document.styles], needed
    copied = document.styles["Heading 2"]  # from the packaged reference, in the repository's font:
    assert copied.font.name is None and props(copied.base_style).name == "Normal"
    bullets = [p for p in document.paragraphs if name(p) == "List Bullet"]
    assert bullets and name(table_after(document, "Cover sheet")) == "Table Grid"
    (root / "templates" / "reference.docx").unlink()
    (tmp_path / "default").mkdir()
    default = render(cli, root, tmp_path / "default")
    assert default.styles["Normal"].font.name == "Arial"


def test_the_packaged_reference_has_what_the_paper_needs(tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(docx_styles.packaged()))
    names = {style.name for style in document.styles}
    for needed in ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"):
        assert needed in names
    assert "Hyperlink" in names and "Table Grid" in names
    assert document.styles["Normal"].font.name == "Arial"
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.top_margin)
    assert [round(props(size).mm) for size in sizes] == [210, 297, 16, 18]
    assert not [p for p in document.paragraphs if p.text.strip()]


def test_the_packaged_reference_is_what_the_tool_makes() -> None:
    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    made = parts(make_reference_docx.make())
    assert made == parts(docx_styles.packaged()), (
        "run `python tools/make_reference_docx.py` and commit icp_objectives/templates/reference.docx"
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"This is not a Word document", "templates/reference.docx is not a Word document"),
        (b"PK\x03\x04 broken zip", "templates/reference.docx is not a Word document"),
    ],
)
def test_a_reference_that_is_not_word_is_one_line_naming_it(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, data: bytes, words: str
) -> None:
    root = make_repo({})
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(data)
    target = tmp_path / "paper.docx"
    result = cli("report", "Q1", "-o", str(target), "--root", str(root))
    assert result.exit_code == 1, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert words in line and "delete templates/reference.docx" in line
    assert not target.exists()


def test_a_reference_that_unpacks_to_too_much_is_refused(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 70_000_000)
    root = make_repo({})
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(stream.getvalue())
    result = cli("report", "Q1", "-f", "docx", "-o", str(tmp_path / "p.docx"), "--root", str(root))
    assert result.exit_code == 1, result.output
    assert "unpacks to more than a reference document holds" in result.stderr


def test_a_reference_linked_out_of_templates_is_not_read(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes(_reference("Georgia", 12))
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").symlink_to(outside)
    result = cli("report", "Q1", "-f", "docx", "-o", str(tmp_path / "p.docx"), "--root", str(root))
    assert result.exit_code == 1, result.output
    assert "templates/reference.docx cannot be read" in result.stderr
    assert "outside" in result.stderr


def test_the_other_formats_never_read_the_reference(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(b"broken")
    result = cli("report", "Q1", "-f", "html", "-o", str(tmp_path / "p.html"), "--root", str(root))
    assert result.exit_code == 0, result.output


def test_the_reference_body_and_header_are_its_own(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    """A reference's own text is not the paper's; its page header (a logo, say) stays."""
    document = docx.Document(io.BytesIO(docx_styles.packaged()))
    document.add_paragraph("Lorem ipsum from the reference")
    document.sections[0].header.paragraphs[0].text = "NHS Trust letterhead"
    stream = io.BytesIO()
    document.save(stream)
    root = make_repo({})
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(stream.getvalue())
    paper = render(cli, root, tmp_path)
    assert "Lorem ipsum from the reference" not in [p.text for p in paper.paragraphs]
    assert paper.sections[0].header.paragraphs[0].text == "NHS Trust letterhead"
    sect = paper.element.body[-1]
    assert sect.tag == qn("w:sectPr")
