"""Reading a PDF paper back as a reader's software does, for the PDF tests: its outline, its
structure tags, its links, and the text of each page split from the running footer."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pypdf


def weasyprint_missing() -> str | None:
    """Why WeasyPrint cannot be used here, or None when it can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        return f"WeasyPrint cannot be imported ({error}); pip install 'icp-objectives[pdf]'"
    return None


class Headings(HTMLParser):
    """The h1 to h3 headings of an HTML paper, with their levels and text, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self.links: list[str] = []
        self._level: int | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3"}:
            self._level, self._text = int(tag[1]), ""
        href = dict(attrs).get("href")
        if tag == "a" and href and not href.startswith("#"):
            self.links.append(href)

    def handle_data(self, data: str) -> None:
        if self._level is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if self._level is not None and tag == f"h{self._level}":
            self.found.append((self._level, " ".join(self._text.split())))
            self._level = None


def headings(paper: str) -> Headings:
    parser = Headings()
    parser.feed(paper)
    return parser


def html_title(paper: str) -> str:
    found = re.search(r"<title>(.*?)</title>", paper, re.DOTALL)
    assert found, "the HTML paper has no <title>"
    return html.unescape(found.group(1)).strip()


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str]]:
    """The bookmarks, depth first, with their levels (1 for the top)."""
    found: list[tuple[int, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, " ".join(str(item.title).split())))

    walk(reader.outline, 1)
    return found


def structure_types(reader: pypdf.PdfReader) -> list[str]:
    """The structure elements' types (/H1, /Table, /TH...), depth first."""
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
            return
        if not isinstance(node, pypdf.generic.DictionaryObject):
            return  # a marked-content id
        if "/S" in node:
            found.append(str(node["/S"]))
        if "/K" in node:
            walk(node["/K"])

    walk(catalog(reader)["/StructTreeRoot"])
    return found


def catalog(reader: pypdf.PdfReader) -> Any:
    """The document catalog, for reading nested entries without a cast at each step."""
    return reader.root_object


def xmp(reader: pypdf.PdfReader) -> bytes:
    """The document's XMP metadata, as stored."""
    return bytes(catalog(reader)["/Metadata"].get_object().get_data())


def uris(reader: pypdf.PdfReader) -> set[str]:
    """Every address a link in the PDF opens."""
    found = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                found.add(str(action["/URI"]))
    return found


@dataclass(frozen=True)
class Page:
    body: str
    footer: str  # one space between words


def pages(reader: pypdf.PdfReader, footer_start: str) -> list[Page]:
    """Each page's text, split where its running footer (starting `footer_start`) begins."""
    found = []
    for page in reader.pages:
        text = page.extract_text()
        at = text.rfind(footer_start)
        assert at >= 0, f"no footer starting {footer_start!r} on the page: {text[-200:]!r}"
        found.append(Page(text[:at], " ".join(text[at:].split())))
    return found


def words(pages: list[Page]) -> str:
    """The pages' text as a reader reads it: the footers, list bullets and the addresses
    printed after links left out, words broken at a line's end joined, one space between."""
    text = " ".join(page.body for page in pages).replace("•", " ")
    text = re.sub(r"(?<=\w)-\n(?=\w)", "-", text)  # "co-production", broken after its hyphen
    text = re.sub(r"\s*\(\s*(?:https?|mailto):[^)]*\)", "", text)
    return " ".join(text.split())
