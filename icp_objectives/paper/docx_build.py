"""The Word paper: the rendered HTML paper written into a copy of the reference document. Pure.

The reference gives styles, fonts, page size, margins and any page header (a logo, say); the
converter adds the body, a footer with the paper's name and page numbers, and the document's
properties. The same HTML and reference give the same bytes: the dates are the paper's own and
every zip entry carries the same time.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph

from icp_objectives.paper import docx_from_html, docx_styles, docx_tree
from icp_objectives.paper.docx_from_html import Box, Context, Walker

PACKAGED_NAME = "the packaged reference.docx"


@dataclass(frozen=True)
class Details:
    """What the document says about itself: its properties and its running footer."""

    title: str
    author: str
    partnership: str
    period: str
    when: dt.datetime  # created and last modified, so that the file is reproducible
    subject: str = ""
    keywords: str = ""
    language: str = docx_styles.LANGUAGE


def build(html: str, details: Details, reference: bytes | None = None, name: str = "") -> bytes:
    """The .docx bytes of the paper `html`, styled by `reference` (a .docx's bytes, named
    `name` in errors), or by the packaged reference when None."""
    default = docx_styles.open_reference(docx_styles.packaged(), PACKAGED_NAME)
    document = default if reference is None else docx_styles.open_reference(reference, name)
    docx_styles.complete(document, default)
    docx_styles.set_language(document, details.language)
    tree = docx_tree.parse(html)
    walker = Walker(
        document,
        docx_styles.Numbering(document),
        docx_styles.StyleIds(document),
        docx_from_html.bookmark_names(tree),
        text_width(document),
    )
    walker.blocks(tree, Box(document), Context())
    _footer(document, details)
    _properties(document, details)
    stream = io.BytesIO()
    document.save(stream)
    return fixed_zip(stream.getvalue(), details.when)


def text_width(document: Document) -> Emu:
    """The width between the margins of the last section (the one the body ends in)."""
    section = document.sections[-1]
    if section.page_width and section.left_margin is not None and section.right_margin is not None:
        width = section.page_width - section.left_margin - section.right_margin
        if width > Cm(2):
            return Emu(width)
    return Emu(Cm(17.8))  # A4 less the paper's 16 mm margins


def _footer(document: Document, details: Details) -> None:
    """Partnership, title and period, and "Page n of m", on every page of every section."""
    words = " · ".join(
        part for part in (details.partnership, details.title, details.period) if part
    )
    for section in document.sections:
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        if document.settings.odd_and_even_pages_header_footer:
            footers.append(section.even_page_footer)
        for footer in footers:
            footer.is_linked_to_previous = False
            for old in list(footer._element):
                footer._element.remove(old)
            footer.add_paragraph(words, style="Footer")
            page = footer.add_paragraph(style="Footer")
            page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            page.add_run("Page ")
            _field(page, "PAGE", "1")
            page.add_run(" of ")
            _field(page, "NUMPAGES", "1")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field Word and LibreOffice work out as they lay out the pages."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("shown", shown),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
            code.text = f" {text} \\* MERGEFORMAT "
            run._r.append(code)
        elif kind == "shown":
            run.text = text or ""
        else:
            run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


def _properties(document: Document, details: Details) -> None:
    """Title, author, language and dates in docProps/core.xml, where Word's Info pane shows them."""
    core = document.core_properties
    core.title = details.title
    core.author = details.author
    core.last_modified_by = details.author
    core.language = details.language
    core.subject = details.subject
    core.keywords = details.keywords
    core.category = "Board paper"
    core.comments = ""
    core.revision = 1
    core.created = details.when
    core.modified = details.when
    core.last_printed = details.when


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same archive with every entry dated `when` and stored the same way."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
