"""Reading a Word paper back in tests: python-docx for what Word shows, the XML for the rest."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table

from tests.conftest import PROJECT, RunCli

COMMITTED = PROJECT / "reports" / "2020-21-Q1-board-report.docx"
COMMITTED_HTML = PROJECT / "reports" / "2020-21-Q1-board-report.html"


def render(cli: RunCli, root: Path, tmp_path: Path, *options: str) -> Document:
    """The Q1 paper of `root` written as Word and opened."""
    target = tmp_path / "paper.docx"
    result = cli("report", "Q1", "-o", str(target), *options, "--root", str(root))
    assert result.exit_code == 0, result.output
    return docx.Document(str(target))


def opened(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def headings(document: Document) -> list[tuple[int, str]]:
    """Each heading's level and text, in order."""
    found = []
    for paragraph in document.paragraphs:
        style = name(paragraph)
        if style.startswith("Heading "):
            found.append((int(style.split()[1]), paragraph.text))
    return found


def html_headings(html: str) -> list[tuple[int, str]]:
    """Each heading of an HTML paper, its tags removed and entities read."""
    import html as entities

    found = []
    for level, inner in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, flags=re.DOTALL):
        text = entities.unescape(re.sub(r"<[^>]+>", "", inner))
        found.append((int(level), " ".join(text.split())))
    return found


def table_after(document: Document, caption: str) -> Table:
    """The table whose caption (its title for assistive technology) starts with `caption`."""
    for table in document.tables:
        title = table._tbl.tblPr.find(qn("w:tblCaption"))
        if title is not None and title.get(qn("w:val"), "").startswith(caption):
            return table
    raise AssertionError(f"no table with the caption {caption!r}")


def rows_text(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def links(document: Document) -> list[tuple[str, str]]:
    """Every hyperlink's text and where it goes: an address, or #bookmark."""
    found = []
    rels = document.part.rels
    for link in document.element.body.iter(qn("w:hyperlink")):
        text = "".join(t.text or "" for t in link.iter(qn("w:t")))
        rel_id = link.get(qn("r:id"))
        found.append((text, rels[rel_id].target_ref if rel_id else "#" + link.get(qn("w:anchor"))))
    return found


def bookmarks(document: Document) -> set[str]:
    return {b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))}


def name(item: Any) -> str:
    """The name of a paragraph's, run's or table's style ("" for none)."""
    style = item.style
    return str(style.name) if style is not None else ""


def props(element: Any) -> Any:
    """An element's properties (pPr, rPr, trPr), which the test expects it to have."""
    assert element is not None
    return element
