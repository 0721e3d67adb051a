"""An HTML table of the paper as a Word table. Pure.

Borders come from the reference document's table style. The rows of `thead` repeat at the top
of each page; no row splits across pages; `th` cells are bold on a pale grey, as in the HTML;
a cell that holds only a status badge takes the badge's colour, its text kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.table import Table, _Cell

from icp_objectives.paper import docx_styles
from icp_objectives.paper.docx_runs import Look, status_colours
from icp_objectives.paper.docx_tree import Node

HEADER_FILL = "E8EDEE"  # the HTML's pale grey behind table headers
_CHARACTER, _PADDING = Cm(0.21), Cm(0.5)  # an average bold character at 11 pt; cell margins
_LONGEST = 60  # characters: a cell with more wraps anyway
_SECTIONS = ("thead", "tbody", "tfoot")

Fill = Callable[[Node, _Cell, Look, bool], None]  # a cell's content; False: no badge shading


def rows(table: Node) -> list[tuple[Node, bool]]:
    """The table's rows in order, each with whether it is a header row (in thead)."""
    found = []
    for child in table.elements():
        if child.tag == "tr":
            found.append((child, False))
        elif child.tag in _SECTIONS:
            found += [(tr, child.tag == "thead") for tr in child.elements() if tr.tag == "tr"]
    return found


def cells(row: Node) -> list[Node]:
    """A row's cells, header and data, in order."""
    return [c for c in row.elements() if c.tag in ("th", "td")]


def _span(cell: Node) -> int:
    """How many columns a cell spans (colspan, within sane bounds)."""
    try:
        return max(1, min(int(cell.attrs.get("colspan", "1")), 50))
    except ValueError:
        return 1


def add(target: Any, node: Node, fill: Fill, width: Emu) -> Table | None:
    """Add the table to `target` (the document or a cell); None when it has no cells."""
    found = [(tr, head) for tr, head in rows(node) if cells(tr)]
    if not found:
        return None
    columns = max(sum(_span(c) for c in cells(tr)) for tr, _ in found)
    table: Table = target.add_table(rows=len(found), cols=columns)
    table.style = docx_styles.TABLE
    widths = _widths(found, columns, width)
    _set_width(table, widths)
    for (tr, head), row in zip(found, table._tbl.tr_lst, strict=True):
        _row_properties(row, head)
        grid = [_Cell(tc, table) for tc in row.tc_lst]  # table.cell() reads every cell: slow
        column = 0
        for cell_node in cells(tr):
            if column >= columns:
                break
            span = min(_span(cell_node), columns - column)
            cell = grid[column]
            if span > 1:
                cell = cell.merge(grid[column + span - 1])
            _fill_cell(cell, cell_node, fill)
            column += span
    return table


def _fill_cell(cell: _Cell, node: Node, fill: Fill) -> None:
    """A cell's shading (header grey, or its status badge's colour) and its content."""
    badge = only_status(node)
    fill_colour = HEADER_FILL if node.tag == "th" else None
    if badge is not None:
        background, _ = status_colours(badge)
        fill_colour = background or fill_colour
    if fill_colour:
        cell._tc.get_or_add_tcPr().append(
            OxmlElement(
                "w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill_colour}
            )
        )
    fill(node, cell, Look(bold=node.tag == "th"), badge is None)


def only_status(cell: Node) -> Node | None:
    """The status badge that is all a cell holds, if it is."""
    elements = cell.elements()
    text_outside = "".join(c for c in cell.children if isinstance(c, str)).strip()
    if len(elements) == 1 and "status" in elements[0].classes and not text_outside:
        return elements[0]
    return None


def _row_properties(row: Any, head: bool) -> None:
    """No row splits across pages, and header rows repeat at the top of each."""
    properties = row.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if head:
        properties.append(OxmlElement("w:tblHeader"))


def _widths(found: list[tuple[Node, bool]], columns: int, width: Emu) -> list[int]:
    """Column widths in EMU, as a browser would share them out: each column at least as wide
    as its longest word, the rest of the width shared by how much text each holds."""
    least = [0] * columns  # in characters
    wanted = [0] * columns
    for tr, _ in found:
        column = 0
        for cell in cells(tr):
            if column >= columns:
                break
            if _span(cell) == 1:
                words = cell.text().split()
                least[column] = max(least[column], max(map(len, words), default=0))
                wanted[column] = max(wanted[column], min(len(" ".join(words)), _LONGEST))
            column += _span(cell)
    minimum = [_CHARACTER * n + _PADDING for n in least]
    desired = [max(_CHARACTER * n + _PADDING, low) for n, low in zip(wanted, minimum, strict=True)]
    if sum(desired) <= width:
        return [int(width * d / sum(desired)) for d in desired]
    if sum(minimum) >= width:
        return [int(width * m / sum(minimum)) for m in minimum]
    spare, extra = width - sum(minimum), sum(desired) - sum(minimum)
    return [int(m + spare * (d - m) / extra) for m, d in zip(minimum, desired, strict=True)]


def _set_width(table: Table, widths: list[int]) -> None:
    """Fixed column widths, in the grid and on each cell, for Word and LibreOffice alike."""
    table.autofit = False
    properties = table._tbl.tblPr
    preferred = properties.find(qn("w:tblW"))
    if preferred is not None:
        preferred.set(qn("w:type"), "dxa")
        preferred.set(qn("w:w"), str(sum(widths) // 635))  # EMU to twentieths of a point
    for column, size in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Emu(size)
    for row in table._tbl.tr_lst:
        for cell, size in zip(row.tc_lst, widths, strict=True):
            cell.width = Emu(size)


def caption(table: Table, text: str) -> None:
    """The table's caption as its title for assistive technology (w:tblCaption)."""
    table._tbl.tblPr.append(OxmlElement("w:tblCaption", {qn("w:val"): text}))
