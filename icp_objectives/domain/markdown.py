"""Markdown from the data files, made safe: text is data, never markup.

HTML: CommonMark with raw HTML off, only http(s) and mailto links, no remote images, and
headings moved down so that they nest under the paper's own. Markdown output gets the same
treatment as source text, so that GitHub shows it the same way.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a text is parsed: most checks of the data never parse one
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markupsafe import Markup

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_link(href: str) -> bool:
    return href.strip().lower().startswith(SAFE_SCHEMES)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.disable(["image"])
    parser.validateLink = is_safe_link  # type: ignore[method-assign,assignment]
    return parser


@cache
def _plain_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    # Addresses as typed, not percent-encoded (S:\Shared, not S:%5CShared): they are found
    # in the file, and shown, as the person wrote them.
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser


def _blocks(text: str) -> list[str]:
    """The kinds of a text's top-level blocks, in order: 'paragraph', 'bullet_list'..."""
    return [
        token.type.removesuffix("_open")
        for token in _plain_parser().parse(text)
        if token.level == 0 and token.nesting >= 0 and token.type != "inline"
    ]


def ends_in_bullet_list(text: str) -> bool:
    """Whether the last thing in a Markdown text is a bullet list."""
    blocks = _blocks(text)
    return bool(blocks) and blocks[-1] == "bullet_list"


def is_bullet_list(text: str) -> bool:
    """Whether a Markdown text is one bullet list and nothing else."""
    return _blocks(text) == ["bullet_list"]


def joined(text: str, addition: str) -> str:
    """`addition` after `text` as Markdown: bullets after a bullet list join that list;
    anything else starts a block of its own, after a blank line, instead of running on
    into the last paragraph or bullet."""
    together = is_bullet_list(addition) and ends_in_bullet_list(text)
    return text + ("\n" if together else "\n\n") + addition


_BLOCK_START = re.compile(
    r"""(?:
        [-+*](?:[ \t]|$)                    # a bullet
      | \#{1,6}(?:[ \t]|$)                 # a heading
      | >                                  # a quotation
      | `{3,} | ~{3,}                      # a code fence
      | ([-*_])[ \t]*(?:\1[ \t]*){2,}$      # a horizontal rule
      | \[[^\]]*\]:                        # a link definition, which would vanish
    )""",
    re.VERBOSE,
)
_UNDER_A_LINE = re.compile(r"(?:=+|-+)[ \t]*$|\|")  # a heading's underline; a table's row
_NUMBERED = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")  # an ordered list


def as_text(line: str, *, first: bool = True) -> str:
    """A line of a bullet that Markdown reads as text in that bullet, never as a new block.

    Only what would start a block is escaped, with a backslash (which Markdown drops), so
    bold, links and other inline Markdown still work. A first line loses its leading spaces,
    which would otherwise make it code; a later line (`first=False`) keeps them.
    """
    text = line.lstrip(" \t") if first else line
    start = len(text) - len(text.lstrip(" \t"))
    head, rest = text[:start], text[start:]
    numbered = _NUMBERED.match(rest)
    if numbered:
        return head + numbered[1] + "\\" + rest[numbered.end(1) :]
    if _BLOCK_START.match(rest) or (not first and _UNDER_A_LINE.match(rest)):
        return head + "\\" + rest
    return text


def unsafe_links(text: str) -> list[str]:
    """The targets of links that are not http(s) or mailto, as a reader would see them."""
    return _parsed_unsafe_links(text) if may_link_unsafely(text) else []


# Every link's target is written after `](` (an inline link or image), `]:` (a reference's
# definition) or `<` (an autolink, when a scheme follows). Text in which each of those is
# followed by a web or email address, as a target may be written (spaces, then perhaps `<`),
# links nowhere else. Each search starts with its one character, so it skips along the text
# to the next `]` or `<` (one search for both would try every character: ten times slower).
# Only the address's scheme is read in any case: a flag for the whole pattern would let
# [A-Za-z] match the Kelvin sign and the long s as well.
_SAFE_TARGET = r"\s*<?\s*(?i:https?://|mailto:)"
_UNSAFE_AFTER_BRACKET = re.compile(rf"\][(:](?!{_SAFE_TARGET})")
_UNSAFE_AUTOLINK = re.compile(rf"<(?=[A-Za-z][A-Za-z0-9+.\-]{{1,31}}:)(?!{_SAFE_TARGET})")


def may_link_unsafely(text: str) -> bool:
    """Whether the text may hold a link that is not http(s) or mailto: False only when none
    can be there, which is quick to tell without parsing the Markdown."""
    return ("]" in text and _UNSAFE_AFTER_BRACKET.search(text) is not None) or (
        "<" in text and _UNSAFE_AUTOLINK.search(text) is not None
    )


def _parsed_unsafe_links(text: str) -> list[str]:
    found = []
    for token in _plain_parser().parse(text):
        for child in token.children or []:
            if child.type in {"link_open", "image"}:
                href = str(child.attrGet("href" if child.type == "link_open" else "src") or "")
                if not is_safe_link(href):
                    found.append(href)
    return found


def to_html(text: str, *, heading_level: int = 4) -> Markup:
    """Safe HTML for a Markdown body; its headings start at `heading_level`."""
    tokens = _parser().parse(text)
    shift = _heading_shift(tokens, heading_level)
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    html = _parser().renderer.render(tokens, _parser().options, {})
    from markupsafe import Markup

    return Markup(html)


def to_markdown(text: str, *, heading_level: int = 4) -> str:
    """A Markdown body ready to sit in the paper: raw HTML and unsafe links shown as text."""
    lines = text.rstrip("\n").split("\n")
    tokens = _plain_parser().parse(text)
    _shift_headings(tokens, lines, heading_level)
    _neutralise_links(tokens, lines)
    return "\n".join(_escape_html(line) for line in lines)


def _heading_shift(tokens: list[Token], level: int) -> int:
    """How far to move headings so the body's top heading sits at `level`, whatever it was."""
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    return level - min(levels) if levels else 0


def _shift_headings(tokens: list[Token], lines: list[str], level: int) -> None:
    shift = _heading_shift(tokens, level)
    for token in tokens:
        if token.type == "heading_open" and token.markup.startswith("#") and token.map:
            row = token.map[0]
            depth = min(6, int(token.tag[1]) + shift)
            stripped = lines[row].lstrip()
            indent = lines[row][: len(lines[row]) - len(stripped)]
            lines[row] = indent + "#" * depth + stripped[len(token.markup) :]
        elif token.type == "heading_open" and token.map:  # a Setext heading: underline it as ATX
            first, last = token.map
            lines[last - 1] = ""
            depth = min(6, int(token.tag[1]) + shift)
            lines[first] = "#" * depth + " " + lines[first].strip()


def _neutralise_links(tokens: list[Token], lines: list[str]) -> None:
    """Break the syntax of any link whose target is not http(s) or mailto, keeping its words."""
    for token in tokens:
        if token.type != "inline" or not token.map:
            continue
        if any(
            (child.type == "link_open" and not is_safe_link(str(child.attrGet("href") or "")))
            or (child.type == "image" and not is_safe_link(str(child.attrGet("src") or "")))
            for child in token.children or []
        ):
            for row in range(*token.map):
                lines[row] = _LINK_TARGET.sub(_break_unsafe, lines[row])
    for row, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("[") and "]:" in stripped:
            target = stripped.split("]:", 1)[1].strip()
            if not is_safe_link(target):
                lines[row] = line.replace("[", "\\[", 1)


_LINK_TARGET = re.compile(r"\]\(\s*<?(?P<href>[^\s)>]*)")


def _break_unsafe(match: re.Match[str]) -> str:
    return match[0] if is_safe_link(match["href"]) else "\\" + match[0]


def _escape_html(line: str) -> str:
    """Raw HTML and autolinks become text: an escaped '<' starts no tag."""
    return line.replace("<", "&lt;")


_INLINE_MARKUP = re.compile(r"[\\`*_\[\]|~]")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START_MARKUP = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[+-](?=\s|$)|[0-9]{1,9}(?=[.)](?:\s|$)))")
_CLOSING_HASHES = re.compile(r"(?:^|(?<=\s))#+\s*$")
# A character any of the escapes above looks for, but for those only at a line's start.
_MARKUP_CHARACTER = re.compile(r"[\\`*_\[\]|~&<#]")


def plain_text(text: str) -> str:
    """Plain text from the data as one line of the Markdown paper, showing exactly as typed.

    Characters that would make emphasis, code, links, tables or strikethrough are escaped,
    as are a leading heading, quote or list marker and a heading's trailing #s; '<' becomes
    &lt;. Text without such characters is left as it is.
    """
    line = " ".join(text.split()) if "\n" in text else text
    if _MARKUP_CHARACTER.search(line) is None and not _LINE_START_MARKUP.match(line):
        return line  # most cells: a period, a figure, a word; nothing to escape
    line = _escape_html(_ENTITY.sub("\\\\&", _INLINE_MARKUP.sub(r"\\\g<0>", line)))
    start = _LINE_START_MARKUP.match(line)
    if start:
        marker = start[0]
        line = marker + "\\" + line[len(marker) :] if marker[0].isdigit() else "\\" + line
    return _CLOSING_HASHES.sub(lambda m: "\\" + m[0], line)


def inline_text(text: str) -> str:
    """One line of plain text for a Markdown table cell."""
    return plain_text(" ".join(text.split()))


_UNSAFE_IN_ADDRESS = re.compile(r"[\s<>|\\()\[\]]")


def inline_link(text: str, href: str | None) -> str:
    """A Markdown link that holds in a table cell; plain text when `href` is no web or email
    address (an anchor of the HTML paper, say, which a Markdown viewer names its own way)."""
    if not href or not is_safe_link(href):
        return inline_text(text)
    address = _UNSAFE_IN_ADDRESS.sub(lambda m: f"%{ord(m[0]):02X}", href.strip())
    return f"[{inline_text(text)}]({address})"
