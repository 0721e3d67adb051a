"""Edits to a quarter file's text that leave every other byte as it was. Pure: text in, text out.

The file is never re-dumped: only the new entry is rendered as YAML and spliced in by lines,
matching the file's own indentation and line endings. Every result is re-read and compared with
the data it should hold before anyone may write it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from icp_objectives import yamlio
from icp_objectives.domain import markdown
from icp_objectives.domain.errors import EXIT_PROBLEMS, IcpError
from icp_objectives.yamlio import Span

BOM = "\ufeff"
NULLS = {"", "~", "null", "Null", "NULL"}


class SpliceError(IcpError):
    """A file this tool cannot change safely, in words for the person who asked."""

    exit_code = EXIT_PROBLEMS


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


def _text(layout: Layout, lines: list[str]) -> str:
    return layout.bom + "".join(lines)


def _outline(layout: Layout) -> Span:
    _check_final_line_break(layout)
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


def _check_final_line_break(layout: Layout) -> None:
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


def _entries(root: Span) -> tuple[Span, Span] | None:
    for key, value in root.pairs:
        if key.value == "entries":
            return key, value
    return None


def last_line(span: Span, lines: list[str]) -> int:
    """The last line (from 0) holding part of a node.

    Empty lines after a block scalar are left out, unless the block keeps them (`|+`, `>+`):
    then they are part of its text, and what follows must go after them.
    """
    if _is_block(span):
        if _keeps_trailing_lines(span, lines):
            return max(_block_stop(span, lines) - 1, span.start_line)
        return last_text_line(span, lines)
    if span.kind == "scalar" or span.style == "flow":
        return span.end_line if span.end_column > 0 else max(span.end_line - 1, span.start_line)
    children = [*span.items, *(part for pair in span.pairs for part in pair)]
    return max([span.start_line, *(last_line(child, lines) for child in children)])


def _is_block(span: Span) -> bool:
    return span.kind == "scalar" and span.style in {"|", ">"}


def _block_stop(span: Span, lines: list[str]) -> int:
    """The line after a block scalar's last line (its empty lines included)."""
    return min(span.end_line if span.end_column == 0 else span.end_line + 1, len(lines))


def _keeps_trailing_lines(span: Span, lines: list[str]) -> bool:
    return "+" in lines[span.start_line][span.start_column :].split("#", 1)[0]


def last_text_line(span: Span, lines: list[str]) -> int:
    """A block scalar's last line of text, before the empty lines that may follow it.

    A line of spaces only is text when it reaches past the block's indentation.
    """
    inside = [line.rstrip("\r\n") for line in lines[span.start_line + 1 : _block_stop(span, lines)]]
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


def _dash_column(line: str, content_column: int) -> int | None:
    before = line[:content_column]
    dash = before.rfind("-")
    if dash < 0 or before[:dash].strip() or before[dash + 1 :].strip():
        return None
    return dash


def _indent(key: Span, items: tuple[Span, ...], lines: list[str]) -> Indent:
    if items:
        first = items[0]
        dash = _dash_column(lines[first.start_line], first.start_column)
        if dash is not None and first.start_column > dash:
            return Indent(key.start_column, dash, first.start_column)
    return Indent(key.start_column, key.start_column + 2, key.start_column + 4)


def _ended(layout: Layout, lines: list[str]) -> list[str]:
    """`lines` with a line break after the last one (only the file's last line may lack one)."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        return [*lines[:-1], lines[-1] + layout.newline]
    return lines


def _ending(layout: Layout, lines: list[str]) -> list[str]:
    return [line + layout.newline for line in lines]


def add_entry(text: str, entry: dict[str, Any]) -> str:
    """The text with `entry` added at the end of its entries."""
    layout = layout_of(text)
    lines = list(layout.lines)
    root = _outline(layout)
    found = _entries(root)
    if found is None:
        indent = Indent(0, 2, 4)
        new = _ended(layout, lines) + _ending(layout, ["entries:", *indent.fragment(entry)])
        return _checked(text, _text(layout, new), _with_entry(text, entry))
    key, value = found
    indent = _indent(key, value.items, lines)
    fragment = _ending(layout, indent.fragment(entry))
    if value.kind == "seq" and value.style != "flow" and value.items:
        at = past_deep_comments(lines, last_line(value.items[-1], lines) + 1, indent.dash)
        if _separated_by_blank_lines(value.items, lines):
            fragment = [layout.newline, *fragment]
        new = _ended(layout, lines[:at]) + fragment + lines[at:]
    elif _is_empty(value) and (value.start_line == key.start_line or not value.value):
        line = lines[key.start_line]
        ending = line[len(line.rstrip("\r\n")) :] or layout.newline
        content = line.rstrip("\r\n")
        if value.start_line == key.start_line and value.end_column > value.start_column:
            head = content[: value.start_column].rstrip()
            content = head + content[value.end_column :]
        new = [*lines[: key.start_line], content + ending, *fragment, *lines[key.start_line + 1 :]]
    elif value.kind == "seq" and value.style == "flow":
        raise SpliceError(
            "the entries are written as a flow list ([...]); write them as a block list"
            " (one '- covers:' per entry) so update can add to it safely"
        )
    else:
        raise SpliceError("'entries' is not a list; make it a list of entries and run again")
    return _checked(text, _text(layout, new), _with_entry(text, entry))


def _is_empty(value: Span) -> bool:
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


def _separated_by_blank_lines(items: tuple[Span, ...], lines: list[str]) -> bool:
    return len(items) > 1 and all(
        item.start_line > 0 and not lines[item.start_line - 1].strip() for item in items[1:]
    )


def append_to_entry(text: str, index: int, addition: str) -> str:
    """The text with `addition` (Markdown lines) added at the end of entry `index`'s body."""
    layout = layout_of(text)
    lines = list(layout.lines)
    body_key, body = _entry_body(layout, index)
    old_body = _loaded_entries(text)[index]["body"]
    if not isinstance(old_body, str):
        raise SpliceError("that entry's body is not text; use --replace to rewrite the entry")
    core = old_body.rstrip("\n")
    joined = markdown.joined(core, addition.rstrip("\n"))
    new_body = joined + old_body[len(core) :]
    expected = _loaded(text)
    expected["entries"][index]["body"] = new_body
    if body.style == "|":
        at = last_text_line(body, lines) + 1
        indent = _block_indent(body, body_key, lines)
        added = [
            (" " * indent + line) if line else "" for line in joined[len(core) + 1 :].split("\n")
        ]
        head = _ended(layout, lines[:at])
        try:
            return _checked(
                text, _text(layout, head + _ending(layout, added) + lines[at:]), expected
            )
        except SpliceError:
            pass  # text a block cannot hold as it is: the body is rewritten below
    new = _replace_scalar(layout, lines, body_key, body, new_body)
    return _checked(text, _text(layout, new), expected)


def set_in_entry(text: str, index: int, key: str, value: Any, before: Sequence[str] = ()) -> str:
    """The text with entry `index`'s `key` set to `value`: its lines replaced if it has the key,
    added if not, on the line before the first of the keys `before` that the entry has on a
    line of its own, or else after the entry's last line. Nothing else changes."""
    layout = layout_of(text)
    lines = list(layout.lines)
    item = _block_entry(layout, index)
    expected = _loaded(text)
    expected["entries"][index][key] = value
    dumped = yamlio.dump_fragment({key: value}).rstrip("\n").split("\n")
    column = item.start_column
    rest = [(" " * column + line) if line else "" for line in dumped[1:]]
    for old_key, old_value in item.pairs:
        if old_key.value == key:
            end = last_line(old_value, lines)
            start_line = lines[old_key.start_line].rstrip("\r\n")
            after = lines[end].rstrip("\r\n")[old_value.end_column :]
            trailing = after if old_value.end_line == end and not _is_block(old_value) else ""
            first = start_line[: old_key.start_column] + dumped[0] + trailing
            new = [
                *lines[: old_key.start_line],
                *_ending(layout, [first, *rest]),
                *lines[end + 1 :],
            ]
            return _checked(text, _text(layout, new), expected)
    added = _ending(layout, [" " * column + dumped[0], *rest])
    starts = {
        old_key.value: old_key.start_line
        for old_key, _ in item.pairs
        if old_key.start_line > item.start_line and old_key.start_column == column
    }
    ahead = [starts[name] for name in before if name in starts]
    if ahead:
        at = ahead[0]
        while at - 1 > item.start_line and _is_comment_at(lines[at - 1], column):
            at -= 1  # comments just above a key are about that key: the new key goes above them
        new = [*lines[:at], *added, *lines[at:]]
        with contextlib.suppress(SpliceError):
            return _checked(text, _text(layout, new), expected)
    at = last_line(item, lines) + 1
    new = _ended(layout, lines[:at]) + added + lines[at:]
    return _checked(text, _text(layout, new), expected)


def _is_comment_at(line: str, column: int) -> bool:
    return line.startswith(" " * column + "#")


def _block_entry(layout: Layout, index: int) -> Span:
    found = _entries(_outline(layout))
    if found is None or found[1].kind != "seq" or index >= len(found[1].items):
        raise SpliceError("the entry to change is not in the file any more; run again")
    item = found[1].items[index]
    if item.style == "flow" or item.kind != "map":
        raise SpliceError(
            "that entry is written on one line ({...}), which cannot take more lines;"
            " use --replace to rewrite it as a block"
        )
    return item


def _entry_body(layout: Layout, index: int) -> tuple[Span, Span]:
    item = _block_entry(layout, index)
    for key, value in item.pairs:
        if key.value == "body":
            return key, value
    raise SpliceError("that entry has no body to add to; use --replace to rewrite it")


def _block_indent(body: Span, key: Span, lines: list[str]) -> int:
    header = lines[body.start_line][body.start_column :].split("#", 1)[0].strip()
    digits = [c for c in header if c.isdigit()]
    if digits:
        return key.start_column + int(digits[0])
    for line in lines[body.start_line + 1 : last_line(body, lines) + 1]:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return key.start_column + 2


def _replace_scalar(
    layout: Layout, lines: list[str], key: Span, value: Span, text: str
) -> list[str]:
    """Lines with one scalar's text swapped for `text` as a block, keeping what follows it."""
    dumped = yamlio.dump_fragment({"body": text}, literal=["body"]).rstrip("\n").split("\n")
    head = dumped[0][len("body: ") :]
    rest = [(" " * key.start_column + line) if line else "" for line in dumped[1:]]
    end = last_line(value, lines)
    start_line = lines[value.start_line].rstrip("\r\n")
    end_line = lines[end].rstrip("\r\n")
    trailing = end_line[value.end_column :] if value.style not in {"|", ">"} else ""
    first = start_line[: value.start_column] + head + trailing
    return lines[: value.start_line] + _ending(layout, [first, *rest]) + lines[end + 1 :]


def replace_entry(text: str, index: int, entry: dict[str, Any]) -> str:
    """The text with entry `index` swapped for `entry`; nothing outside its lines changes."""
    layout = layout_of(text)
    lines = list(layout.lines)
    found = _entries(_outline(layout))
    if found is None or found[1].kind != "seq" or found[1].style == "flow":
        raise SpliceError("the entries are not a block list; write one '- covers:' per entry")
    key, value = found
    if index >= len(value.items):
        raise SpliceError("the entry to replace is not in the file any more; run again")
    item = value.items[index]
    dash = _dash_column(lines[item.start_line], item.start_column)
    if dash is None:
        raise SpliceError("the entry's '- ' is not on the line where it starts; tidy it and rerun")
    indent = Indent(key.start_column, dash, item.start_column)
    end = last_line(item, lines) + 1
    fragment = _ending(layout, indent.fragment(entry))
    expected = _loaded(text)
    expected["entries"][index] = entry
    in_place = _spliced(layout, lines, item.start_line, end, end, fragment)
    try:
        return _checked(text, _text(layout, in_place), expected)
    except SpliceError:
        # A comment indented under the entry would be read as part of a new `|` block:
        # keep such comments where they are and put the new entry after them.
        at = past_deep_comments(lines, end, dash)
        moved = _spliced(layout, lines, item.start_line, end, at, fragment)
        return _checked(text, _text(layout, moved), expected)


def _spliced(
    layout: Layout, lines: list[str], start: int, end: int, at: int, fragment: list[str]
) -> list[str]:
    """Lines with [start, end) removed and `fragment` put where line `at` was."""
    head, kept, tail = lines[:start], lines[end:at], lines[at:]
    if kept and not kept[-1].endswith(("\n", "\r")):
        kept = [*kept[:-1], kept[-1] + layout.newline]
    return head + kept + fragment + tail


def new_file(header: str, objective: int, period: str) -> str:
    """A quarter file with no entries yet, in the shipped files' style."""
    return f"# {header}\nobjective: {objective}\nperiod: {period}\nentries: []\n"


def _loaded(text: str) -> dict[str, Any]:
    data = yamlio.load(text.removeprefix(BOM))
    if not isinstance(data, dict):
        raise SpliceError("the file does not hold 'objective:' and 'entries:' keys; fix it first")
    return data


def _loaded_entries(text: str) -> list[dict[str, Any]]:
    entries = _loaded(text).get("entries") or []
    if not isinstance(entries, list):
        raise SpliceError("'entries' is not a list; make it a list of entries and run again")
    return entries


def _with_entry(text: str, entry: dict[str, Any]) -> dict[str, Any]:
    data = _loaded(text)
    data["entries"] = [*(data.get("entries") or []), entry]
    return data


def _checked(old: str, new: str, expected: dict[str, Any]) -> str:
    """`new`, once it reads back as exactly the data intended; otherwise a refusal."""
    try:
        got = yamlio.load(new.removeprefix(BOM))
    except yamlio.YamlFault as fault:
        raise SpliceError(
            f"the edited file would not read back (line {fault.line}: {fault.message});"
            " nothing was written. Please report this with the file attached"
        ) from None
    if got != expected:
        raise SpliceError(
            "the edited file would not read back as the data intended; nothing was written."
            " Please report this with the file attached"
        )
    if old.startswith(BOM) != new.startswith(BOM):
        raise SpliceError("the edit would change the file's byte-order mark; nothing was written")
    return new
