"""Make the packaged reference.docx, the default styles of the Word paper.

Run: python tools/make_reference_docx.py [OUTPUT]  (default icp_objectives/templates/reference.docx)

It starts from python-docx's own template and sets what the board paper looks like, the NHS way
the HTML paper does: Arial throughout, NHS blues for headings and links, grey table borders, A4
with the print stylesheet's margins, British English. The same python-docx gives the same bytes;
tests/test_docx_reference.py checks that the committed file is what this script makes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from icp_objectives.paper import docx_build, docx_styles

OUTPUT = Path(__file__).resolve().parent.parent / "icp_objectives" / "templates" / "reference.docx"
FONT = "Arial"
TEXT, SECONDARY, BLUE, DARK_BLUE, BORDER = "212B32", "4C6272", "005EB8", "003087", "AEB7BD"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
MADE = dt.datetime(2020, 4, 1, tzinfo=dt.UTC)
# Heading level: size in points, colour, space before and after in points.
HEADINGS = {1: (20, DARK_BLUE, 0, 12), 2: (15, DARK_BLUE, 18, 6), 3: (13, TEXT, 14, 4)}
MINOR_HEADING = (11, TEXT, 10, 2)


def make() -> bytes:
    """The reference document's bytes."""
    document = docx.Document()
    _prune(document)
    _fonts(document)
    _page(document)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT  # as the defaults say, but where Word's style dialog shows it
    normal.font.color.rgb = RGBColor.from_string(TEXT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level in range(1, 7):
        size, colour, before, after = HEADINGS.get(level, MINOR_HEADING)
        heading = styles[f"Heading {level}"]
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = RGBColor.from_string(colour)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(after)
    _rule_under(styles["Heading 2"].element)
    caption = styles[docx_styles.CAPTION]
    caption.font.size, caption.font.bold, caption.font.italic = Pt(10), True, False
    caption.font.color.rgb = RGBColor.from_string(SECONDARY)
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(8), Pt(3)
    link = styles.add_style(docx_styles.HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(BLUE)
    link.font.underline = True
    small = styles.add_style(docx_styles.SMALL_PRINT, WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    small.font.color.rgb = RGBColor.from_string(SECONDARY)
    small.paragraph_format.space_before = Pt(18)
    footer = styles["Footer"]
    footer.font.size = Pt(9)
    footer.font.color.rgb = RGBColor.from_string(SECONDARY)
    footer.paragraph_format.space_after = Pt(0)
    for name in (*docx_styles.BULLETS, *docx_styles.NUMBERS):
        styles[name].paragraph_format.space_after = Pt(3)
    _table_style(styles[docx_styles.TABLE].element)
    docx_styles.set_language(document)
    _properties(document)
    stream = io.BytesIO()
    document.save(stream)
    return docx_build.fixed_zip(stream.getvalue(), MADE)


def _prune(document: Document) -> None:
    """Leave out what a reference does not need: the thumbnail of an empty page, the second
    copy of the styles, and the table styles the paper never uses."""
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            document.part.drop_rel(rel_id)
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in ("Normal Table", "Table Grid"):
            style.element.getparent().remove(style.element)


def _fonts(document: Document) -> None:
    """Arial everywhere: the defaults say Arial and no style names a font of its own, so each
    follows Normal, in a repository's reference too when a style is copied from this one; the
    theme says Arial as well."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    for fonts in list(styles.iter(qn("w:rFonts"))):
        for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{name}"), None)
        if defaults is not None and fonts in defaults.iter(qn("w:rFonts")):
            for name in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(qn(f"w:{name}"), FONT)
        elif not fonts.attrib:
            fonts.getparent().remove(fonts)
    for rel in document.part.rels.values():
        if rel.reltype == RT.THEME:
            theme = rel.target_part
            text = theme.blob.decode("utf-8")
            text = re.sub(r'(<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\g<2>", text)
            theme._blob = text.encode("utf-8")  # a plain Part: its bytes are all it has


def _page(document: Document) -> None:
    """A4, with the HTML print stylesheet's margins (18 mm top and bottom, 16 mm sides)."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(18)
        section.left_margin = section.right_margin = Mm(16)
        section.header_distance = section.footer_distance = Mm(8)


def _rule_under(style: object) -> None:
    """A blue rule under Heading 2, as the HTML draws one."""
    properties = style.get_or_add_pPr()  # type: ignore[attr-defined]
    border = OxmlElement("w:pBdr")
    border.append(
        OxmlElement(
            "w:bottom",
            {qn("w:val"): "single", qn("w:sz"): "12", qn("w:space"): "2", qn("w:color"): BLUE},
        )
    )
    spacing = properties.find(qn("w:spacing"))
    if spacing is not None:
        spacing.addprevious(border)
    else:
        properties.append(border)


def _table_style(style: object) -> None:
    """Grey borders on every cell, and room around the text."""
    properties = style.find(qn("w:tblPr"))  # type: ignore[attr-defined]
    for border in properties.find(qn("w:tblBorders")):
        border.set(qn("w:color"), BORDER)
    margins = properties.find(qn("w:tblCellMar"))
    for side in margins:
        side.set(qn("w:w"), "85" if side.tag in (qn("w:top"), qn("w:bottom")) else "113")


def _properties(document: Document) -> None:
    core = document.core_properties
    for name in ("title", "subject", "keywords", "comments", "category", "identifier"):
        setattr(core, name, "")
    core.author = core.last_modified_by = "icp-obj"
    core.language = docx_styles.LANGUAGE
    core.revision = 1
    core.created = core.modified = core.last_printed = MADE


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    target.write_bytes(make())
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
