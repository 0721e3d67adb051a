"""Inline HTML (text, strong, em, links, status badges, line breaks) as Word runs. Pure.

Whitespace collapses as a browser collapses it, except in `pre`. A link to a web or mail
address becomes a real hyperlink (a relationship, in the Hyperlink style); a link to an id in
the paper becomes a link to the bookmark at that place; any other link stays text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import groupby

from docx.enum.text import WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from icp_objectives.domain.markdown import is_safe_link
from icp_objectives.paper import docx_styles
from icp_objectives.paper.docx_tree import Node
from icp_objectives.paper.view import DARK_TEXT, LIGHT_TEXT, contrast

MIN_CONTRAST = 4.5  # WCAG AA for normal text
_SPACES = re.compile(r"[ \t\n\r\f]+")
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


@dataclass(frozen=True)
class Look:
    """How a stretch of text is set."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    underline: bool = False
    code: bool = False
    pre: bool = False  # whitespace as written
    script: str | None = None  # "superscript" or "subscript"
    colour: str | None = None  # RRGGBB
    shade: str | None = None  # RRGGBB behind the text
    link: str | None = None  # an address outside the paper
    anchor: str | None = None  # a bookmark inside it


@dataclass(frozen=True)
class Span:
    """A stretch of text in one look; "\n" is a line break; `picture` an svg drawn there."""

    text: str
    look: Look
    picture: Node | None = None


_LOOKS: dict[str, dict[str, object]] = {
    "strong": {"bold": True},
    "b": {"bold": True},
    "th": {"bold": True},
    "em": {"italic": True},
    "i": {"italic": True},
    "cite": {"italic": True},
    "s": {"strike": True},
    "del": {"strike": True},
    "strike": {"strike": True},
    "u": {"underline": True},
    "ins": {"underline": True},
    "code": {"code": True},
    "kbd": {"code": True},
    "samp": {"code": True},
    "sup": {"script": "superscript"},
    "sub": {"script": "subscript"},
}


def spans(
    children: Iterable[Node | str],
    look: Look,
    anchors: dict[str, str],
    shade_status: bool = True,
) -> list[Span]:
    """The text of inline content in order, each stretch with its look. An element the
    converter does not know keeps its text; an `img` shows its alt text."""
    found: list[Span] = []
    for child in children:
        if isinstance(child, str):
            found.append(Span(child, look))
        elif child.tag == "br":
            found.append(Span("\n", look))
        elif child.tag == "svg":
            found.append(Span("", look, picture=child))
        elif child.tag == "img":
            found.append(Span(child.attrs.get("alt", ""), look))
        else:
            inner = _look_of(child, look, anchors, shade_status)
            found.extend(spans(child.children, inner, anchors, shade_status))
    return found


def _look_of(node: Node, look: Look, anchors: dict[str, str], shade_status: bool) -> Look:
    """How an element changes the look of the text inside it."""
    changed = replace(look, **_LOOKS.get(node.tag, {}))  # type: ignore[arg-type]
    if node.tag == "a":
        href = node.attrs.get("href", "").strip()
        if href.startswith("#") and href[1:] in anchors:
            changed = replace(changed, anchor=anchors[href[1:]])
        elif href and is_safe_link(href):
            changed = replace(changed, link=href)
    if "status" in node.classes:
        background, text = status_colours(node)
        changed = replace(
            changed, bold=True, colour=text, shade=background if shade_status else None
        )
    return changed


def status_colours(node: Node) -> tuple[str | None, str | None]:
    """A status badge's background and text colours (RRGGBB) from its inline style, the text
    colour changed to dark or white when the pair would not meet 4.5:1."""
    declarations = {
        name.strip().lower(): value.strip()
        for name, _, value in (
            part.partition(":") for part in node.attrs.get("style", "").split(";")
        )
    }
    background = _colour(declarations.get("background-color") or declarations.get("background"))
    text = _colour(declarations.get("color"))
    if background is None:
        return None, text
    if text is None or contrast("#" + background, "#" + text) < MIN_CONTRAST:
        text = max((DARK_TEXT, LIGHT_TEXT), key=lambda c: contrast("#" + background, c))[1:]
        if contrast("#" + background, "#" + text) < MIN_CONTRAST:
            text = "000000"
    return background, text


def _colour(value: str | None) -> str | None:
    """A CSS colour (#RRGGBB or #RGB) as RRGGBB; None for any other."""
    match = _HEX.search(value or "")
    if match is None:
        return None
    digits = match.group(1)
    return (digits if len(digits) == 6 else "".join(c * 2 for c in digits)).upper()


def tidy(found: list[Span]) -> list[Span]:
    """Whitespace as a browser shows it: runs of it one space, none at either end."""
    out: list[Span] = []
    after_space = True
    for span in found:
        if span.picture is not None or span.text == "\n":
            out.append(span)
            after_space = True
            continue
        text = span.text if span.look.pre else _SPACES.sub(" ", span.text)
        if after_space and not span.look.pre:
            text = text.lstrip(" ")
        if text:
            out.append(replace(span, text=text))
            after_space = text.endswith(" ")
    while out and out[-1].picture is None and not out[-1].look.pre:
        last = out[-1].text.rstrip(" ") if out[-1].text != "\n" else ""
        if last:
            out[-1] = replace(out[-1], text=last)
            break
        out.pop()
    return out


def has_content(found: list[Span]) -> bool:
    """Whether spans hold anything to show, so that no empty paragraph is written."""
    return any(s.picture is not None or s.text.strip() for s in found)


Drawer = Callable[[Run, Node], None]


def write(paragraph: Paragraph, found: list[Span], draw: Drawer, link_style: str) -> None:
    """Append the spans to `paragraph` as runs, links grouped into one hyperlink each (their
    runs in the character style whose id is `link_style`)."""
    for (link, anchor), group in groupby(found, key=lambda s: (s.look.link, s.look.anchor)):
        holder = None
        if link is not None:
            rel = paragraph.part.relate_to(link, RT.HYPERLINK, is_external=True)
            holder = OxmlElement("w:hyperlink", {qn("r:id"): rel})
        elif anchor is not None:
            holder = OxmlElement("w:hyperlink", {qn("w:anchor"): anchor})
        if holder is not None:
            paragraph._p.append(holder)
        for span in group:
            run = paragraph.add_run()
            _set(run, span, draw)
            if holder is not None:
                run._r.style = link_style
                holder.append(run._r)


def _set(run: Run, span: Span, draw: Drawer) -> None:
    """One run's text (or picture) and character formatting."""
    if span.picture is not None:
        draw(run, span.picture)
        return
    look = span.look
    if look.pre and "\n" in span.text:
        for index, line in enumerate(span.text.split("\n")):
            if index:
                run.add_break()
            if line:
                run.add_text(line)
    elif span.text == "\n":
        run.add_break()
    else:
        run.text = span.text
    font = run.font
    font.bold = look.bold or None
    font.italic = look.italic or None
    font.strike = look.strike or None
    if look.underline:
        font.underline = WD_UNDERLINE.SINGLE
    if look.code:
        font.name = docx_styles.CODE
    if look.colour:
        font.color.rgb = RGBColor.from_string(look.colour)
    if look.shade:
        shading = OxmlElement(
            "w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): look.shade}
        )
        run._r.get_or_add_rPr().append(shading)
    if look.script == "superscript":  # after the shading: w:vertAlign comes after w:shd
        font.superscript = True
    elif look.script == "subscript":
        font.subscript = True
