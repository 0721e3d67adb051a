"""The reference document that gives the Word paper its styles and fonts, as pandoc's does.

The repository's `templates/reference.docx` if it has one, else the one shipped in the package.
A style the paper needs that the reference lacks is copied from the shipped one, so a reference
saved from Word with only its fonts and headings changed still works. Its text is ignored.
"""

from __future__ import annotations

import copy
import io
import zipfile
from importlib import resources

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from icp_objectives.domain.errors import EXIT_PROBLEMS, IcpError

REFERENCE = "reference.docx"
LANGUAGE = "en-GB"
HEADINGS = tuple(f"Heading {level}" for level in range(1, 7))
BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
NUMBERS = ("List Number", "List Number 2", "List Number 3")
TABLE = "Table Grid"
HYPERLINK = "Hyperlink"
CAPTION = "Caption"
SMALL_PRINT = "Small Print"
QUOTE = "Quote"
CODE = "Courier New"
NEEDED = (
    ("Normal", *HEADINGS, *BULLETS, *NUMBERS, CAPTION, QUOTE, SMALL_PRINT, "Footer"),
    (HYPERLINK,),
    (TABLE,),
)
_KINDS = (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE)
_MAX_PARTS, _MAX_UNPACKED = 2_000, 64_000_000  # a reference is a few hundred kB unpacked


class ReferenceFailed(IcpError):
    """A reference.docx that cannot be used, in words for the person who saved it."""

    exit_code = EXIT_PROBLEMS  # the repository's own file, like its templates


def packaged() -> bytes:
    """The reference document shipped in the package (made by tools/make_reference_docx.py)."""
    return resources.files("icp_objectives").joinpath("templates", REFERENCE).read_bytes()


def open_reference(data: bytes, name: str) -> Document:
    """The reference as a document to write into, its body emptied; ReferenceFailed naming
    `name` when it is not a Word document, or unpacks to far more than any reference does."""
    hint = f"; save it from Word as a .docx document, or delete {name} to use the packaged one"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > _MAX_PARTS or sum(p.file_size for p in parts) > _MAX_UNPACKED:
                raise ReferenceFailed(
                    f"{name} unpacks to more than a reference document holds{hint}"
                )
        document = docx.Document(io.BytesIO(data))
    except ReferenceFailed:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise ReferenceFailed(f"{name} is not a Word document ({error}){hint}") from None
    except Exception as error:  # python-docx raises its own kinds for a package it cannot read
        raise ReferenceFailed(
            f"{name} is not a Word document ({type(error).__name__}: {error}){hint}"
        ) from None
    _empty_body(document)
    return document


def _empty_body(document: Document) -> None:
    """Everything but the last section's properties (page size, margins) goes."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def complete(document: Document, default: Document) -> None:
    """Copy into `document` each style the paper uses that it lacks, from `default`."""
    styles = document.styles.element
    for names, kind in zip(NEEDED, _KINDS, strict=True):
        for name in names:
            if _has(document, name, kind):
                continue
            source = default.styles[name].element
            style = copy.deepcopy(source)
            for numbering in style.findall(f"{qn('w:pPr')}/{qn('w:numPr')}"):
                numbering.getparent().remove(numbering)  # its numbering is not in this document
            for ref in ("w:link", "w:next", "w:basedOn"):
                for element in style.findall(qn(ref)):
                    target = element.get(qn("w:val"))
                    if styles.get_by_id(target) is None:
                        style.remove(element)
            styles.append(style)


def _has(document: Document, name: str, kind: WD_STYLE_TYPE) -> bool:
    """Whether the document has a style of that name and kind."""
    try:
        found: WD_STYLE_TYPE = document.styles[name].type
    except KeyError:
        return False
    return found == kind


def set_language(document: Document, language: str = LANGUAGE) -> None:
    """The language on the default run properties, so spelling and screen readers use it."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = _child(defaults, "w:rPrDefault", first=True)
    properties = _child(run_default, "w:rPr")
    _child(properties, "w:lang").set(qn("w:val"), language)


def _child(parent: etree._Element, tag: str, first: bool = False) -> etree._Element:
    """The child element `tag` of `parent`, added when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


class StyleIds:
    """The ids of the styles the paper uses, looked up once (python-docx looks a name up by
    reading every style)."""

    def __init__(self, document: Document) -> None:
        self.ids = {
            style.name: style.style_id
            for style in document.styles
            if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER)
        }
        self.hyperlink = self.ids[HYPERLINK]

    def paragraph(self, name: str) -> str | None:
        """A paragraph style's id; None for Normal, which a paragraph has by default."""
        return None if name == "Normal" else self.ids[name]


class Numbering:
    """The document's list numbering: one bullet definition shared by every bulleted list,
    and a fresh number sequence for each numbered list, so that each starts at 1."""

    _BULLETS = ("•", "◦", "▪")

    def __init__(self, document: Document) -> None:
        self.root = document.part.numbering_part.element
        self.next_abstract = 1 + max(
            (int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))),
            default=-1,
        )
        self.next_num = 1 + max(
            (int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))), default=0
        )
        self.bullet_abstract = self._abstract(ordered=False)
        self.number_abstract = self._abstract(ordered=True)
        self.bullets = self._num(self.bullet_abstract)

    def numbered(self, start: int = 1) -> int:
        """A new number sequence, for one numbered list, counting from `start`."""
        return self._num(self.number_abstract, start)

    def _abstract(self, ordered: bool) -> int:
        """A nine-level list definition, bullets or decimal numbers, indented by level."""
        number = self.next_abstract
        self.next_abstract += 1
        abstract = OxmlElement("w:abstractNum", {qn("w:abstractNumId"): str(number)})
        kind = OxmlElement("w:multiLevelType", {qn("w:val"): "hybridMultilevel"})
        abstract.append(kind)
        for level in range(9):
            lvl = OxmlElement("w:lvl", {qn("w:ilvl"): str(level)})
            lvl.append(OxmlElement("w:start", {qn("w:val"): "1"}))
            fmt, text = (
                ("decimal", f"%{level + 1}.")
                if ordered
                else ("bullet", self._BULLETS[level % len(self._BULLETS)])
            )
            lvl.append(OxmlElement("w:numFmt", {qn("w:val"): fmt}))
            lvl.append(OxmlElement("w:lvlText", {qn("w:val"): text}))
            lvl.append(OxmlElement("w:lvlJc", {qn("w:val"): "left"}))
            indent = OxmlElement("w:pPr")
            left = str(360 * (level + 1) + 360 * level)
            indent.append(OxmlElement("w:ind", {qn("w:left"): left, qn("w:hanging"): "360"}))
            lvl.append(indent)
            abstract.append(lvl)
        first_num = self.root.find(qn("w:num"))
        if first_num is None:
            self.root.append(abstract)
        else:
            first_num.addprevious(abstract)
        return number

    def _num(self, abstract: int, start: int = 1) -> int:
        """A list instance of a definition; each numbered list gets its own, so it restarts."""
        number = self.next_num
        self.next_num += 1
        num = OxmlElement("w:num", {qn("w:numId"): str(number)})
        num.append(OxmlElement("w:abstractNumId", {qn("w:val"): str(abstract)}))
        if start != 1:
            override = OxmlElement("w:lvlOverride", {qn("w:ilvl"): "0"})
            override.append(OxmlElement("w:startOverride", {qn("w:val"): str(start)}))
            num.append(override)
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))  # must stay last
        if cleanup is None:
            self.root.append(num)
        else:
            cleanup.addprevious(num)
        return number
