"""The Word paper as Word shows it: real headings, lists, tables, links, footer and properties."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx.document import Document
from docx.oxml.ns import qn

from icp_objectives.paper.view import contrast
from tests.conftest import PROJECT, MakeRepo, RunCli
from tests.test_shipped import _plain, _seed_lines
from tests.wordfiles import (
    bookmarks,
    headings,
    html_headings,
    links,
    name,
    props,
    render,
    rows_text,
    table_after,
)


@pytest.fixture
def shipped_word(cli: RunCli, tmp_path: Path) -> Document:
    return render(cli, PROJECT, tmp_path)


@pytest.fixture
def shipped_html(cli: RunCli) -> str:
    return cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(PROJECT)).stdout


def test_the_heading_outline_is_the_html_papers(shipped_word: Document, shipped_html: str) -> None:
    outline = headings(shipped_word)
    assert outline == html_headings(shipped_html)
    assert outline[0] == (1, "ICP Objectives Quarter 1 update Report for 20/21")
    assert [level for level, _ in outline].count(1) == 1
    assert (4, "Key points") in outline  # a body's own heading, nested under its entry
    assert "Heading 3" in {name(p) for p in shipped_word.paragraphs}


def test_the_word_paper_holds_every_line_of_the_seed_paper_in_order(
    shipped_word: Document,
) -> None:
    words = _plain(" ".join(p.text for p in shipped_word.paragraphs))
    place = 0
    for line in _seed_lines():
        found = words.find(line, place)
        assert found >= 0, f"missing, or out of the seed paper's order: {line[:80]}"
        place = found + len(line)


def test_every_list_item_is_a_numbered_list_paragraph(
    shipped_word: Document, shipped_html: str
) -> None:
    in_cells = [
        p for t in shipped_word.tables for r in t.rows for c in r.cells for p in c.paragraphs
    ]
    everywhere = [*shipped_word.paragraphs, *in_cells]  # the cover sheet lists the objectives
    items = [p for p in everywhere if name(p).startswith("List Bullet")]
    assert len(items) == shipped_html.count("<li>") + shipped_html.count("<li ")
    for item in items:
        numbering = props(item._p.pPr).find(qn("w:numPr"))
        assert numbering is not None and numbering.find(qn("w:numId")).get(qn("w:val")) != "0"
    assert not [p.text for p in shipped_word.paragraphs if p.text.startswith(("- ", "* "))]


def test_nested_and_numbered_lists_keep_their_levels_and_restart(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    body = (
        "      - Outer point\n        - Inner point\n"
        "      \n      1. First step\n      2. Second step\n"
        "      \n      Between the lists.\n      \n      1. Another first\n"
        "      \n      Then a list that goes on.\n      \n      4. Fourth step\n"
    )
    updates = 'objective: 1\nentries:\n  - covers: "1.1"\n    status: amber\n    body: |\n' + body
    root = make_repo({"objectives/updates/2020-21/Q1/objective-1.yaml": updates})
    document = render(cli, root, tmp_path)
    styles = {p.text: name(p) for p in document.paragraphs}
    assert styles["Outer point"] == "List Bullet"
    assert styles["Inner point"] == "List Bullet 2"
    assert styles["First step"] == styles["Another first"] == "List Number"

    def numbering(text: str) -> tuple[str, str]:
        paragraph = next(p for p in document.paragraphs if p.text == text)
        found = props(paragraph._p.pPr).find(qn("w:numPr"))
        return (
            found.find(qn("w:numId")).get(qn("w:val")),
            found.find(qn("w:ilvl")).get(qn("w:val")),
        )

    assert numbering("Inner point")[1] == "1"
    assert numbering("First step") == numbering("Second step")
    assert numbering("First step")[0] != numbering("Another first")[0]  # starts again at 1
    overrides = document.part.numbering_part.element.findall(f".//{qn('w:startOverride')}")
    assert [o.get(qn("w:val")) for o in overrides] == ["4"]  # "4." in Markdown counts from 4


def test_tables_have_borders_and_a_header_row_repeated_on_each_page(
    shipped_word: Document,
) -> None:
    grid = shipped_word.styles["Table Grid"].element
    borders = grid.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert borders is not None
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    assert len(borders) == 6  # the four sides and the lines inside
    summary = table_after(shipped_word, "Status of each breakthrough objective this quarter")
    for table in shipped_word.tables:
        assert name(table) == "Table Grid"
    header = summary.rows[0]
    assert props(header._tr.trPr).find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells] == [
        "Objective",
        "Breakthrough objective",
        "Last quarter",
        "This quarter",
        "Direction of travel",
        "Variation",
        "Assurance",
    ]
    assert all(r.bold for c in header.cells for r in c.paragraphs[0].runs)
    assert all(props(row._tr.trPr).find(qn("w:tblHeader")) is None for row in summary.rows[1:])
    assert all(props(row._tr.trPr).find(qn("w:cantSplit")) is not None for row in summary.rows)


def test_the_cover_sheet_is_a_table_of_labels_and_values(shipped_word: Document) -> None:
    cover = table_after(shipped_word, "Cover sheet")
    assert rows_text(cover)[:2] == [
        ["Partnership", "Mid Nottinghamshire Integrated Care Partnership"],
        ["Period", "2020/21 Q1"],
    ]
    assert ["Meeting", "ICP Board"] in rows_text(cover)
    assert all(
        props(row._tr.trPr).find(qn("w:tblHeader")) is None for row in cover.rows
    )  # no header
    first_table = shipped_word.element.body.find(qn("w:tbl"))
    assert first_table is cover._tbl  # straight after the title, as in the HTML
    labels = [row.cells[0] for row in cover.rows]
    assert all(cell.paragraphs[0].runs[0].bold for cell in labels)


def _fill(cell: object) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd"))  # type: ignore[attr-defined]
    return None if shading is None else shading.get(qn("w:fill"))


def _text_colour(cell: object) -> str:
    run = cell.paragraphs[0].runs[0]  # type: ignore[attr-defined]
    return str(run.font.color.rgb) if run.font.color.rgb is not None else "212B32"


def test_statuses_are_words_on_a_colour_whose_text_keeps_contrast(
    shipped_repo: Path, cli: RunCli, tmp_path: Path
) -> None:
    updates = shipped_repo / "objectives/updates/2020-21/Q1/objective-1.yaml"
    text = updates.read_text(encoding="utf-8")
    updates.write_text(
        text.replace('  - covers: "1.1"\n', '  - covers: "1.1"\n    status: amber\n')
    )
    document = render(cli, shipped_repo, tmp_path)
    summary = table_after(document, "Status of each breakthrough objective this quarter")
    row = next(r for r in summary.rows if r.cells[1].text == "1.1 School Readiness")
    assert row.cells[3].text == "Amber"
    assert _fill(row.cells[3]) == "FFB81C"
    legend = table_after(document, "What each rating means")
    shaded = [row.cells[0] for row in legend.rows[1:] if _fill(row.cells[0])]
    assert [c.text for c in shaded] == ["Blue", "Green", "Amber/Green", "Amber", "Amber/Red", "Red"]
    for cell in shaded:
        ratio = contrast("#" + str(_fill(cell)), "#" + _text_colour(cell))
        assert ratio >= 4.5, f"{cell.text}: {ratio:.2f}"
    status_line = next(p for p in document.paragraphs if p.text == "Status: Amber")
    badge = status_line.runs[-1]
    assert badge.bold and props(badge._r.rPr).find(qn("w:shd")).get(qn("w:fill")) == "FFB81C"


def test_links_are_real_and_go_where_the_html_pointed(
    shipped_word: Document, shipped_html: str
) -> None:
    found = links(shipped_word)
    outside = [(text, target) for text, target in found if not target.startswith("#")]
    in_html = [
        (" ".join(re.sub(r"<[^>]+>", "", text).split()).replace("&amp;", "&"), href)
        for href, text in re.findall(r'<a href="(http[^"]+)">(.*?)</a>', shipped_html)
    ]
    assert outside == in_html and len(outside) == 4
    for rel in shipped_word.part.rels.values():
        if rel.is_external:
            assert rel.reltype.endswith("/hyperlink")
    inside = [target[1:] for _, target in found if target.startswith("#")]
    assert len(inside) == 15  # the cover's objectives and the summary's rows lead to sections
    assert set(inside) <= bookmarks(shipped_word)
    runs = [r for link in shipped_word.element.body.iter(qn("w:hyperlink")) for r in link]
    assert {r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) for r in runs} == {
        shipped_word.styles["Hyperlink"].style_id
    }


def test_the_footer_names_the_paper_and_numbers_the_pages(shipped_word: Document) -> None:
    footer = shipped_word.sections[0].footer
    words = "\n".join(p.text for p in footer.paragraphs)
    assert "Mid Nottinghamshire Integrated Care Partnership" in words
    assert "ICP Objectives Quarter 1 update Report for 20/21" in words
    assert "2020/21 Q1" in words
    fields = [" ".join((c.text or "").split()) for c in footer._element.iter(qn("w:instrText"))]
    assert [f.split()[0] for f in fields] == ["PAGE", "NUMPAGES"]
    assert re.search(r"Page \d+ of \d+", words)


def test_the_document_says_its_title_author_and_language(shipped_word: Document) -> None:
    core = shipped_word.core_properties
    assert core.title == "ICP Objectives Quarter 1 update Report for 20/21"
    assert core.author == "Mid Nottinghamshire Integrated Care Partnership"  # no author named
    assert core.language == "en-GB"
    assert (
        core.created == core.modified == dt.datetime(2020, 6, 30, tzinfo=dt.UTC)
    )  # the quarter's last day
    defaults = shipped_word.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"


def test_the_author_in_report_yaml_is_the_documents(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    report = (
        "title: Quarter 1 update\nperiod: 2020/21 Q1\nauthor: Jo Bloggs, ICP programme office\n"
        "date: 2020-07-21\nintroduction: |\n  The quarter's update.\n"
    )
    document = render(
        cli, make_repo({"objectives/updates/2020-21/Q1/report.yaml": report}), tmp_path
    )
    assert document.core_properties.author == "Jo Bloggs, ICP programme office"
    assert document.core_properties.created == dt.datetime(
        2020, 7, 21, tzinfo=dt.UTC
    )  # the meeting's day


def test_screen_only_parts_are_left_out_and_the_provenance_is_small_print(
    shipped_word: Document, shipped_html: str
) -> None:
    assert "Skip to the paper" in shipped_html
    texts = [p.text for p in shipped_word.paragraphs]
    assert not [t for t in texts if "Skip to" in t]
    last = shipped_word.paragraphs[-1]
    assert last.text.startswith("Built by icp-obj from ")
    assert name(last) == "Small Print"


def test_the_same_data_gives_the_same_file(cli: RunCli, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for target in (first, second):
        assert cli("report", "Q1", "-o", str(target), "--root", str(PROJECT)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
