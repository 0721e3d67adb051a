"""Edits to a quarter file's text that leave every other byte as it was. Pure: text in, text out.

The file is never re-dumped: only the new entry is rendered as YAML and spliced in by lines,
matching the file's own indentation and line endings. Every result is re-read and compared with
the data it should hold before anyone may write it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from icp_objectives import yamlio
from icp_objectives.domain import markdown
from icp_objectives.edit.layout import (
    BOM,
    Indent,
    Layout,
    SpliceError,
    block_entry,
    block_indent,
    dash_column,
    ended,
    entries_of,
    entry_body,
    indent_of,
    is_block,
    is_comment_at,
    is_empty,
    last_line,
    last_text_line,
    layout_of,
    line_ended,
    outline_of,
    past_deep_comments,
    separated_by_blank_lines,
    text_of,
)
from icp_objectives.yamlio import Span


def add_entry(text: str, entry: dict[str, Any]) -> str:
    """The text with `entry` added at the end of its entries."""
    layout = layout_of(text)
    lines = list(layout.lines)
    root = outline_of(layout)
    found = entries_of(root)
    if found is None:
        indent = Indent(0, 2, 4)
        new = ended(layout, lines) + line_ended(layout, ["entries:", *indent.fragment(entry)])
        return _checked(text, text_of(layout, new), _with_entry(text, entry))
    key, value = found
    indent = indent_of(key, value.items, lines)
    fragment = line_ended(layout, indent.fragment(entry))
    if value.kind == "seq" and value.style != "flow" and value.items:
        at = past_deep_comments(lines, last_line(value.items[-1], lines) + 1, indent.dash)
        if separated_by_blank_lines(value.items, lines):
            fragment = [layout.newline, *fragment]
        new = ended(layout, lines[:at]) + fragment + lines[at:]
    elif is_empty(value) and (value.start_line == key.start_line or not value.value):
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
    return _checked(text, text_of(layout, new), _with_entry(text, entry))


def append_to_entry(text: str, index: int, addition: str) -> str:
    """The text with `addition` (Markdown lines) added at the end of entry `index`'s body."""
    layout = layout_of(text)
    lines = list(layout.lines)
    body_key, body = entry_body(layout, index)
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
        indent = block_indent(body, body_key, lines)
        added = [
            (" " * indent + line) if line else "" for line in joined[len(core) + 1 :].split("\n")
        ]
        head = ended(layout, lines[:at])
        try:
            return _checked(
                text, text_of(layout, head + line_ended(layout, added) + lines[at:]), expected
            )
        except SpliceError:
            pass  # text a block cannot hold as it is: the body is rewritten below
    new = _replace_scalar(layout, lines, body_key, body, new_body)
    return _checked(text, text_of(layout, new), expected)


def set_in_entry(text: str, index: int, key: str, value: Any, before: Sequence[str] = ()) -> str:
    """The text with entry `index`'s `key` set to `value`: its lines replaced if it has the key,
    added if not, on the line before the first of the keys `before` that the entry has on a
    line of its own, or else after the entry's last line. Nothing else changes."""
    layout = layout_of(text)
    item = block_entry(layout, index)
    expected = _loaded(text)
    expected["entries"][index][key] = value
    return _set_in_map(text, layout, item, (key, value), before, expected)


def set_in_list_item(
    text: str,
    index: int,
    where: tuple[str, int],
    key: str,
    value: Any,
    before: Sequence[str] = (),
) -> str:
    """The text with `key` set to `value` in item `where` (the list's key and the item's
    place) of entry `index`, as set_in_entry sets an entry's key. A list or item written on
    one line ([...], {...}) is rewritten as a block, the rest of the entry left as it was."""
    name, place = where
    layout = layout_of(text)
    entry = block_entry(layout, index)
    current = listed(text, index, name)
    if place >= len(current) or not isinstance(current[place], dict):
        raise SpliceError(f"the entry's {name} are not as they were read; run again")
    found = [v for k, v in entry.pairs if k.value == name]
    items = found[0].items if found and found[0].kind == "seq" and found[0].style != "flow" else ()
    item = items[place] if place < len(items) else None
    if item is None or item.kind != "map" or item.style == "flow":
        whole = [dict(i) if isinstance(i, dict) else i for i in current]
        whole[place][key] = value
        return set_in_entry(text, index, name, whole)
    expected = _loaded(text)
    expected["entries"][index][name][place][key] = value
    return _set_in_map(text, layout, item, (key, value), before, expected)


def listed(text: str, index: int, key: str) -> list[Any]:
    """Entry `index`'s list under `key`, as the file holds it; empty when it has none."""
    found = _loaded_entries(text)[index].get(key)
    return list(found) if isinstance(found, list) else []


def _set_in_map(
    text: str,
    layout: Layout,
    item: Span,
    pair: tuple[str, Any],
    before: Sequence[str],
    expected: dict[str, Any],
) -> str:
    """The text with the block mapping `item`'s key set (see set_in_entry)."""
    key, value = pair
    lines = list(layout.lines)
    dumped = yamlio.dump_fragment({key: value}).rstrip("\n").split("\n")
    column = item.start_column
    rest = [(" " * column + line) if line else "" for line in dumped[1:]]
    for old_key, old_value in item.pairs:
        if old_key.value == key:
            end = last_line(old_value, lines)
            start_line = lines[old_key.start_line].rstrip("\r\n")
            after = lines[end].rstrip("\r\n")[old_value.end_column :]
            trailing = after if old_value.end_line == end and not is_block(old_value) else ""
            first = start_line[: old_key.start_column] + dumped[0] + trailing
            new = [
                *lines[: old_key.start_line],
                *line_ended(layout, [first, *rest]),
                *lines[end + 1 :],
            ]
            return _checked(text, text_of(layout, new), expected)
    added = line_ended(layout, [" " * column + dumped[0], *rest])
    starts = {
        old_key.value: old_key.start_line
        for old_key, _ in item.pairs
        if old_key.start_line > item.start_line and old_key.start_column == column
    }
    ahead = [starts[name] for name in before if name in starts]
    if ahead:
        at = ahead[0]
        while at - 1 > item.start_line and is_comment_at(lines[at - 1], column):
            at -= 1  # comments just above a key are about that key: the new key goes above them
        new = [*lines[:at], *added, *lines[at:]]
        with contextlib.suppress(SpliceError):
            return _checked(text, text_of(layout, new), expected)
    at = last_line(item, lines) + 1
    new = ended(layout, lines[:at]) + added + lines[at:]
    return _checked(text, text_of(layout, new), expected)


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
    return lines[: value.start_line] + line_ended(layout, [first, *rest]) + lines[end + 1 :]


def replace_entry(text: str, index: int, entry: dict[str, Any]) -> str:
    """The text with entry `index` swapped for `entry`; nothing outside its lines changes."""
    layout = layout_of(text)
    lines = list(layout.lines)
    found = entries_of(outline_of(layout))
    if found is None or found[1].kind != "seq" or found[1].style == "flow":
        raise SpliceError("the entries are not a block list; write one '- covers:' per entry")
    key, value = found
    if index >= len(value.items):
        raise SpliceError("the entry to replace is not in the file any more; run again")
    item = value.items[index]
    dash = dash_column(lines[item.start_line], item.start_column)
    if dash is None:
        raise SpliceError("the entry's '- ' is not on the line where it starts; tidy it and rerun")
    indent = Indent(key.start_column, dash, item.start_column)
    end = last_line(item, lines) + 1
    fragment = line_ended(layout, indent.fragment(entry))
    expected = _loaded(text)
    expected["entries"][index] = entry
    in_place = _spliced(layout, lines, item.start_line, end, end, fragment)
    try:
        return _checked(text, text_of(layout, in_place), expected)
    except SpliceError:
        # A comment indented under the entry would be read as part of a new `|` block:
        # keep such comments where they are and put the new entry after them.
        at = past_deep_comments(lines, end, dash)
        moved = _spliced(layout, lines, item.start_line, end, at, fragment)
        return _checked(text, text_of(layout, moved), expected)


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


def extend_in_entry(
    text: str, index: int, key: str, items: Sequence[dict[str, Any]], before: Sequence[str] = ()
) -> str:
    """The text with `items` added at the end of entry `index`'s list under `key`: after its
    last item, at that item's indentation, when the list is a block list with items; otherwise
    the key is set to the whole list (see set_in_entry). Nothing else changes."""
    layout = layout_of(text)
    lines = list(layout.lines)
    item = block_entry(layout, index)
    found = [(k, v) for k, v in item.pairs if k.value == key]
    current = _loaded_entries(text)[index].get(key)
    if not found or found[0][1].kind != "seq" or found[0][1].style == "flow" or not current:
        whole = [*(current if isinstance(current, list) else []), *items]
        return set_in_entry(text, index, key, whole, before=before)
    key_span, value = found[0]
    last = value.items[-1]
    dash = dash_column(lines[last.start_line], last.start_column)
    if dash is None or last.kind != "map" or last.style == "flow":
        return set_in_entry(text, index, key, [*current, *items], before=before)
    indent = Indent(key_span.start_column, dash, last.start_column)
    fragment = [line for new in items for line in indent.fragment(dict(new))]
    at = past_deep_comments(lines, last_line(last, lines) + 1, dash)
    new_lines = ended(layout, lines[:at]) + line_ended(layout, fragment) + lines[at:]
    expected = _loaded(text)
    expected["entries"][index][key] = [*current, *items]
    return _checked(text, text_of(layout, new_lines), expected)
