"""Where things are in a quarter file's text: its lines and endings, its entries, their
indentation and where each ends. Pure: text in, positions out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from icp_objectives import yamlio
from icp_objectives.domain.errors import EXIT_PROBLEMS, IcpError
from icp_objectives.yamlio import Span

NULLS = {"", "~", "null", "Null", "NULL"}


class SpliceError(IcpError):
    """A file this tool cannot change safely, in words for the person who asked."""

    exit_code = EXIT_PROBLEMS


BOM = "\ufeff"


@dataclass(frozen=True)
class Layout:
    """A file's lines, how it ends them, and whether it starts with a byte-order mark."""

    newline: str
    bom: str
    lines: list[str]  # each with its own line ending, if it has one


def layout_of(text: str) -> Layout:
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    newline = "\r\n" if "\r\n" in body else "\n"
    return Layout(newline, bom, body.splitlines(keepends=True))


def text_of(layout: Layout, lines: list[str]) -> str:
    return layout.bom + "".join(lines)


def outline_of(layout: Layout) -> Span:
    check_final_line_break(layout)
    try:
        root = yamlio.outline("".join(layout.lines))
    except yamlio.YamlFault as fault:
        raise SpliceError(
            f"line {fault.line}: {fault.message}; fix the file first (`icp-obj validate`)"
        ) from None
    if root is not None and root.kind == "map" and root.style == "flow":
        raise SpliceError(
            "the file is written on one line ({...}); write it as block YAML, one key a line"
        )
    if root is None or root.kind != "map":
        raise SpliceError("the file does not hold 'objective:' and 'entries:' keys; fix it first")
    return root


def check_final_line_break(layout: Layout) -> None:
    """A file whose last line has no line break gets one, unless that changes its data."""
    text = "".join(layout.lines)
    if not text or text.endswith(("\n", "\r")):
        return
    try:
        same = yamlio.load(text) == yamlio.load(text + layout.newline)
    except yamlio.YamlFault:
        return  # reported when the file is read
    if not same:
        raise SpliceError(
            "the file's last line has no line break, and adding one would change the text"
            " it ends; end the file with a line break and run again"
        )


def entries_of(root: Span) -> tuple[Span, Span] | None:
    for key, value in root.pairs:
        if key.value == "entries":
            return key, value
    return None


def last_line(span: Span, lines: list[str]) -> int:
    """The last line (from 0) holding part of a node.

    Empty lines after a block scalar are left out, unless the block keeps them (`|+`, `>+`):
    then they are part of its text, and what follows must go after them.
    """
    if is_block(span):
        if keeps_trailing_lines(span, lines):
            return max(block_stop(span, lines) - 1, span.start_line)
        return last_text_line(span, lines)
    if span.kind == "scalar" or span.style == "flow":
        return span.end_line if span.end_column > 0 else max(span.end_line - 1, span.start_line)
    children = [*span.items, *(part for pair in span.pairs for part in pair)]
    return max([span.start_line, *(last_line(child, lines) for child in children)])


def is_block(span: Span) -> bool:
    return span.kind == "scalar" and span.style in {"|", ">"}


def block_stop(span: Span, lines: list[str]) -> int:
    """The line after a block scalar's last line (its empty lines included)."""
    return min(span.end_line if span.end_column == 0 else span.end_line + 1, len(lines))


def keeps_trailing_lines(span: Span, lines: list[str]) -> bool:
    return "+" in lines[span.start_line][span.start_column :].split("#", 1)[0]


def last_text_line(span: Span, lines: list[str]) -> int:
    """A block scalar's last line of text, before the empty lines that may follow it.

    A line of spaces only is text when it reaches past the block's indentation.
    """
    inside = [line.rstrip("\r\n") for line in lines[span.start_line + 1 : block_stop(span, lines)]]
    indents = [len(line) - len(line.lstrip(" ")) for line in inside if line.strip()]
    if not indents:
        return span.start_line
    indent = min(indents)
    for offset in range(len(inside) - 1, -1, -1):
        if len(inside[offset]) > indent:
            return span.start_line + 1 + offset
    return span.start_line  # pragma: no cover - a line with text was found above


@dataclass(frozen=True)
class Indent:
    """Where an entry's dash and its keys start, in columns."""

    key: int  # the column of the 'entries' key
    dash: int
    content: int

    def fragment(self, entry: dict[str, Any]) -> list[str]:
        """The entry as block YAML lines (without line endings) at this indentation."""
        text = yamlio.dump_fragment(
            entry,
            sequence=self.content - self.key,
            offset=self.dash - self.key,
            literal=["body"],
            double_quoted=["covers"],
        )
        lines = text.rstrip("\n").split("\n")
        gap = " " * (self.content - self.dash - 1)
        first = f"{' ' * self.dash}-{gap}{lines[0]}"
        return [first, *(f"{' ' * self.content}{line}" if line else "" for line in lines[1:])]


def dash_column(line: str, content_column: int) -> int | None:
    before = line[:content_column]
    dash = before.rfind("-")
    if dash < 0 or before[:dash].strip() or before[dash + 1 :].strip():
        return None
    return dash


def indent_of(key: Span, items: tuple[Span, ...], lines: list[str]) -> Indent:
    if items:
        first = items[0]
        dash = dash_column(lines[first.start_line], first.start_column)
        if dash is not None and first.start_column > dash:
            return Indent(key.start_column, dash, first.start_column)
    return Indent(key.start_column, key.start_column + 2, key.start_column + 4)


def ended(layout: Layout, lines: list[str]) -> list[str]:
    """`lines` with a line break after the last one (only the file's last line may lack one)."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        return [*lines[:-1], lines[-1] + layout.newline]
    return lines


def line_ended(layout: Layout, lines: list[str]) -> list[str]:
    return [line + layout.newline for line in lines]


def is_empty(value: Span) -> bool:
    if value.kind == "seq":
        return value.style == "flow" and not value.items
    return value.kind == "scalar" and value.style is None and (value.value or "") in NULLS


def past_deep_comments(lines: list[str], at: int, dash: int) -> int:
    """Where to insert after line `at`, past comments indented beyond the dash.

    A new entry ending in a `|` block would otherwise read such a comment as part of its text.
    """
    point = at
    for index in range(at, len(lines)):
        stripped = lines[index].strip()
        if not stripped:
            continue
        indent = len(lines[index]) - len(lines[index].lstrip(" "))
        if not stripped.startswith("#") or indent <= dash:
            break
        point = index + 1
    return point


def separated_by_blank_lines(items: tuple[Span, ...], lines: list[str]) -> bool:
    return len(items) > 1 and all(
        item.start_line > 0 and not lines[item.start_line - 1].strip() for item in items[1:]
    )


def is_comment_at(line: str, column: int) -> bool:
    return line.startswith(" " * column + "#")


def block_entry(layout: Layout, index: int) -> Span:
    found = entries_of(outline_of(layout))
    if found is None or found[1].kind != "seq" or index >= len(found[1].items):
        raise SpliceError("the entry to change is not in the file any more; run again")
    item = found[1].items[index]
    if item.style == "flow" or item.kind != "map":
        raise SpliceError(
            "that entry is written on one line ({...}), which cannot take more lines;"
            " use --replace to rewrite it as a block"
        )
    return item


def entry_body(layout: Layout, index: int) -> tuple[Span, Span]:
    item = block_entry(layout, index)
    for key, value in item.pairs:
        if key.value == "body":
            return key, value
    raise SpliceError("that entry has no body to add to; use --replace to rewrite it")


def block_indent(body: Span, key: Span, lines: list[str]) -> int:
    header = lines[body.start_line][body.start_column :].split("#", 1)[0].strip()
    digits = [c for c in header if c.isdigit()]
    if digits:
        return key.start_column + int(digits[0])
    for line in lines[body.start_line + 1 : last_line(body, lines) + 1]:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return key.start_column + 2
