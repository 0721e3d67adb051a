"""The paper's HTML tree as Word paragraphs, lists and tables, in the HTML's order. Pure.

h1 to h6 are Heading 1 to 6; ul and ol are List Bullet and List Number (2 and 3 when nested);
a table's caption is a Caption paragraph before it; the footer is Small Print; blockquote is
Quote. Sections and other containers add nothing of their own; an element the converter does
not know keeps its text. An element's id becomes a bookmark, for the paper's own links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from icp_objectives.paper import docx_pictures, docx_runs, docx_styles, docx_tables
from icp_objectives.paper.docx_runs import Look, Span
from icp_objectives.paper.docx_tree import Node

_HEADINGS = {f"h{level}": f"Heading {level}" for level in range(1, 7)}
_PARAGRAPHS = frozenset({"p", "dt", "dd", "address", "summary", "legend", "figcaption"})
_CONTAINERS = frozenset(
    {"root", "html", "body", "div", "section", "article", "header", "main", "nav", "aside",
     "figure", "dl", "details", "fieldset", "form", "li", "hgroup", "search"}
)  # fmt: skip
_BLOCKS = _PARAGRAPHS | _CONTAINERS | frozenset(_HEADINGS) | {
    "ul", "ol", "table", "pre", "blockquote", "footer", "hr", "svg", "caption"
}  # fmt: skip
_NAME = re.compile(r"[^A-Za-z0-9_]")


@dataclass(frozen=True)
class Context:
    """Where blocks go: the paragraph style they take, and the list they are inside."""

    style: str = "Normal"
    list_level: int = -1


@dataclass
class Box:
    """The document or a table cell; a cell's first, empty paragraph is used before any new."""

    target: Any
    fresh: Paragraph | None = None

    def paragraph(self, style_id: str | None) -> Paragraph:
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
        else:
            paragraph = self.target.add_paragraph()
        paragraph._p.style = style_id  # by id: python-docx's lookup by name is slow
        return paragraph


@dataclass
class Walker:
    """Writes the HTML tree into the document, keeping the bookmarks and numbering it needs."""

    document: Document
    numbering: docx_styles.Numbering
    styles: docx_styles.StyleIds
    anchors: dict[str, str]
    width: Emu
    pending: list[str] = field(default_factory=list)  # bookmarks for the next paragraph
    bookmark_id: int = 0

    def blocks(self, node: Node, box: Box, context: Context) -> None:
        """Write a container's children: block elements in turn, inline runs as paragraphs."""
        inline: list[Node | str] = []
        for child in node.children:
            if isinstance(child, str) or child.tag not in _BLOCKS:
                inline.append(child)
                continue
            self._inline_paragraph(inline, box, context)
            inline = []
            self.block(child, box, context)
        self._inline_paragraph(inline, box, context)

    def _inline_paragraph(self, inline: list[Node | str], box: Box, context: Context) -> None:
        """Inline content between blocks, as a paragraph of its own when it has any text."""
        found = docx_runs.spans(inline, Look(), self.anchors)
        if docx_runs.has_content(found):
            self.paragraph(box, context.style, found)

    def block(self, node: Node, box: Box, context: Context) -> None:
        """One block element, by what its tag means on paper."""
        if "id" in node.attrs and node.attrs["id"] in self.anchors:
            self.pending.append(self.anchors[node.attrs["id"]])
        tag = node.tag
        if tag in _HEADINGS:
            self.paragraph(box, _HEADINGS[tag], self._spans(node))
        elif tag in _PARAGRAPHS:
            style = docx_styles.CAPTION if tag == "figcaption" else context.style
            self.paragraph(box, style, self._spans(node))
        elif tag in ("ul", "ol"):
            self._list(node, box, context, ordered=tag == "ol")
        elif tag == "table":
            self._table(node, box)
        elif tag == "pre":
            self.paragraph(box, context.style, self._spans(node, Look(code=True, pre=True)))
        elif tag == "svg":
            self.paragraph(box, context.style, [Span("", Look(), picture=node)])
        elif tag == "blockquote":
            self.blocks(node, box, replace(context, style=docx_styles.QUOTE))
        elif tag == "footer":
            self.blocks(node, box, replace(context, style=docx_styles.SMALL_PRINT))
        elif tag in _CONTAINERS:
            self.blocks(node, box, context)
        # hr, and a caption outside a table, have nothing to print

    def _spans(self, node: Node, look: Look | None = None) -> list[Span]:
        """An element's inline content as runs to write."""
        return docx_runs.spans(node.children, look or Look(), self.anchors)

    def paragraph(
        self, box: Box, style: str, found: list[Span], numbering: tuple[int, int] | None = None
    ) -> Paragraph:
        paragraph = box.paragraph(self.styles.paragraph(style))
        if numbering is not None:
            _number(paragraph, *numbering)
        docx_runs.write(paragraph, docx_runs.tidy(found), self._draw, self.styles.hyperlink)
        for name in self.pending:
            self._bookmark(paragraph, name)
        self.pending = []
        return paragraph

    def _draw(self, run: Run, svg: Node) -> None:
        """An svg as a picture no wider than the text."""
        docx_pictures.draw(run, svg, self.width)

    def _bookmark(self, paragraph: Paragraph, name: str) -> None:
        """Mark the paragraph as the place a link of the paper leads to."""
        self.bookmark_id += 1
        number = str(self.bookmark_id)
        start = OxmlElement("w:bookmarkStart", {qn("w:id"): number, qn("w:name"): name})
        properties = paragraph._p.pPr
        if properties is None:
            paragraph._p.insert(0, start)
        else:
            properties.addnext(start)
        paragraph._p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): number}))

    def _list(self, node: Node, box: Box, context: Context, ordered: bool) -> None:
        """A ul or ol: its items at one level deeper than the list it is in."""
        level = context.list_level + 1
        styles = docx_styles.NUMBERS if ordered else docx_styles.BULLETS
        style = styles[min(level, len(styles) - 1)]
        sequence = self.numbering.numbered(_start(node)) if ordered else self.numbering.bullets
        inner = Context(context.style, level)
        for item in node.elements():
            if item.tag != "li":
                self.block(item, box, inner)
                continue
            self._item(item, box, inner, style, (sequence, level))

    def _item(
        self, item: Node, box: Box, context: Context, style: str, numbering: tuple[int, int]
    ) -> None:
        """One list item: its first paragraph numbered, any more indented under it."""
        marked = False
        inline: list[Node | str] = []

        def flush(found: list[Span]) -> None:
            nonlocal marked
            if docx_runs.has_content(found):
                self.paragraph(box, style, found, numbering if not marked else (0, numbering[1]))
                marked = True

        for child in item.children:
            if isinstance(child, str) or child.tag not in _BLOCKS:
                inline.append(child)
                continue
            flush(docx_runs.spans(inline, Look(), self.anchors))
            inline = []
            if child.tag in _PARAGRAPHS:
                flush(self._spans(child))
            else:
                self.block(child, box, context)
        flush(docx_runs.spans(inline, Look(), self.anchors))

    def _table(self, node: Node, box: Box) -> None:
        """A table, after its caption; the caption also titles the table for screen readers."""
        title = next((c for c in node.elements() if c.tag == "caption"), None)
        text = " ".join(title.text().split()) if title is not None else ""
        if title is not None and text:
            caption = self.paragraph(box, docx_styles.CAPTION, self._spans(title))
            caption.paragraph_format.keep_with_next = True
        if box.fresh is not None:  # a table first in a cell: its empty paragraph stays
            box.fresh = None
        table = docx_tables.add(box.target, node, self._fill, self.width)
        if table is not None and text:
            docx_tables.caption(table, text)

    def _fill(self, node: Node, cell: _Cell, look: Look, shade_status: bool) -> None:
        """A table cell's content, as the body's, in the cell's own look (th bold)."""
        box = Box(cell, cell.paragraphs[0])
        inline: list[Node | str] = []
        for child in node.children:
            if isinstance(child, str) or child.tag not in _BLOCKS:
                inline.append(child)
                continue
            self._cell_paragraph(inline, box, look, shade_status)
            inline = []
            self.block(child, box, Context())
        self._cell_paragraph(inline, box, look, shade_status)

    def _cell_paragraph(
        self, inline: list[Node | str], box: Box, look: Look, shade_status: bool
    ) -> None:
        """A paragraph in a cell, close to the next: the cell's margins give the room."""
        found = docx_runs.spans(inline, look, self.anchors, shade_status)
        if docx_runs.has_content(found):
            paragraph = self.paragraph(box, "Normal", found)
            paragraph.paragraph_format.space_after = Pt(2)  # the cell's margins space it


def _start(ordered: Node) -> int:
    """The number an `ol` counts from (its `start`, 1 by default)."""
    try:
        return max(0, min(int(ordered.attrs.get("start", "1")), 32767))
    except ValueError:
        return 1


def _number(paragraph: Paragraph, sequence: int, level: int) -> None:
    """Number the paragraph in `sequence` at `level`; sequence 0 indents it without a mark."""
    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    numbering.append(OxmlElement("w:ilvl", {qn("w:val"): str(level)}))
    numbering.append(OxmlElement("w:numId", {qn("w:val"): str(sequence)}))
    style = properties.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numbering)
    else:
        properties.insert(0, numbering)
    if sequence == 0:
        left = str(360 * (level + 1) + 360 * level)
        properties.append(OxmlElement("w:ind", {qn("w:left"): left}))


def bookmark_names(tree: Node) -> dict[str, str]:
    """A Word bookmark name for each id in the paper that a link of the paper points to."""
    targets = set()
    ids = []

    def visit(node: Node) -> None:
        if "id" in node.attrs:
            ids.append(node.attrs["id"])
        href = node.attrs.get("href", "") if node.tag == "a" else ""
        if href.startswith("#"):
            targets.add(href[1:])
        for child in node.elements():
            visit(child)

    visit(tree)
    names: dict[str, str] = {}
    used: set[str] = set()
    for identifier in ids:
        if identifier not in targets or identifier in names:
            continue
        base = _NAME.sub("_", identifier)[:36]
        name = base if base[:1].isalpha() else f"b_{base}"[:36]
        suffix = 1
        while name in used:
            suffix += 1
            name = f"{base[:32]}_{suffix}"
        used.add(name)
        names[identifier] = name
    return names
