"""Whether two Word papers say the same: compared by content, not bytes. Pure.

The content is what a reader meets, in order: the document's title, author and language, the
footer, each paragraph's style and text, each table row's cells, every link's target and every
picture's alt text. Zip dates, compression and XML layout are left out, and so is the commit in
the provenance sentence, as for the other formats.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from icp_objectives.domain.errors import EXIT_PROBLEMS, IcpError
from icp_objectives.domain.wording import visible
from icp_objectives.paper.provenance import without_sentence

_MAX_PARTS, _MAX_UNPACKED = 5_000, 200_000_000
_SHOWN = 70  # characters of a differing line to show


class Unreadable(IcpError):
    """A file that is not a Word document python-docx can read."""

    exit_code = EXIT_PROBLEMS  # a committed paper, like the data


def content(data: bytes) -> list[str]:
    """The document's content as lines, in reading order (see the module's note)."""
    document = _open(data)
    core = document.core_properties
    lines = [f"title: {core.title}", f"author: {core.author}", f"language: {core.language}"]
    for section in document.sections:
        for paragraph in section.footer._element.iter(qn("w:p")):
            lines.append(f"footer: {_text(paragraph)}{_fields(paragraph)}")
    styles = {style.style_id: style.name for style in document.styles}
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            lines.append(f"{_style(block, styles)}: {_text(block)}")
        elif block.tag == qn("w:tbl"):
            lines += _table(block)
        else:
            continue
        lines += _links_and_pictures(block, document)
    return [without_sentence(line) for line in lines]


def difference(committed: bytes, rendered: bytes) -> str | None:
    """None when the two say the same; else, in words, the first place they part."""
    try:
        old = content(committed)
    except Unreadable as error:
        return f"cannot be read as a Word document ({error})"
    new = content(rendered)
    if old == new:
        return None
    lead = "differs from what the data renders:"
    for said, renders in zip(old, new, strict=False):
        if said != renders:
            return f"{lead} it says {_shown(said)} where the data renders {_shown(renders)}"
    if len(old) < len(new):
        return f"{lead} it ends before {_shown(new[len(old)])}"
    return f"{lead} it goes on after the end, with {_shown(old[len(new)])}"


def _shown(line: str) -> str:
    """A line as the message quotes it: escaped, and cut short."""
    text = visible(line)
    return f'"{text[:_SHOWN]}…"' if len(text) > _SHOWN else f'"{text}"'


def _open(data: bytes) -> Document:
    """The document, or Unreadable saying why; a zip that unpacks to far too much is not opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > _MAX_PARTS or sum(p.file_size for p in parts) > _MAX_UNPACKED:
                raise Unreadable("it unpacks to far more than a paper holds")
        return docx.Document(io.BytesIO(data))
    except Unreadable:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise Unreadable(str(error) or type(error).__name__) from None
    except Exception as error:  # python-docx has kinds of its own for a broken package
        raise Unreadable(f"{type(error).__name__}: {error}") from None


def _text(element: etree._Element) -> str:
    """The text inside an element, line breaks and tabs included."""
    pieces = []
    for node in element.iter(qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:p")):
        if node.tag == qn("w:t"):
            pieces.append(node.text or "")
        elif node.tag == qn("w:br"):
            pieces.append("\n")
        elif node.tag == qn("w:tab"):
            pieces.append("\t")
        elif pieces and node is not element:
            pieces.append(" / ")  # a new paragraph inside a cell
    return "".join(pieces).removeprefix(" / ")


def _fields(paragraph: etree._Element) -> str:
    """The paragraph's field codes (PAGE, NUMPAGES), which its text alone does not show."""
    codes = [" ".join((code.text or "").split()) for code in paragraph.iter(qn("w:instrText"))]
    return "".join(f" [field {code}]" for code in codes)


def _style(paragraph: etree._Element, styles: dict[str, str]) -> str:
    """The name of a paragraph's style, as Word shows it."""
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if found is None:
        return "Normal"
    style_id = found.get(qn("w:val")) or ""
    return styles.get(style_id, style_id)


def _table(table: etree._Element) -> list[str]:
    """A table's caption, and each row's cells, marking the rows that repeat on each page."""
    caption = table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
    lines = [f"table: {caption.get(qn('w:val')) if caption is not None else ''}"]
    for row in table.iterchildren(qn("w:tr")):
        header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        cells = " | ".join(_text(cell) for cell in row.iterchildren(qn("w:tc")))
        lines.append(f"row{' (repeated header)' if header else ''}: {cells}")
    return lines


def _links_and_pictures(block: etree._Element, document: Document) -> list[str]:
    """Where each link in a block goes, and each picture's alt text."""
    lines = []
    rels = document.part.rels
    for node in block.iter(qn("w:hyperlink"), qn("wp:docPr")):
        if node.tag == qn("w:hyperlink"):
            rel_id = node.get(qn("r:id"))
            target = (
                rels[rel_id].target_ref if rel_id in rels else f"#{node.get(qn('w:anchor'), '')}"
            )
            lines.append(f"link to {target}: {_text(node)}")
        else:
            lines.append(f"picture: {node.get('title', '')} / {node.get('descr', '')}")
    return lines
