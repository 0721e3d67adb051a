"""Where things sit in a file's text: a path's line and column, a scalar as typed, the layout."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from icp_objectives.yamlio import complaints
from icp_objectives.yamlio.faults import YamlFault, one_line
from icp_objectives.yamlio.read import compose_fast
from icp_objectives.yamlio.roundtrip import round_trip_yaml

PathItem = str | int


class Places:
    """Where each node of a document that reads sits, from one parse by the C reader: the
    line and column of a path, found through an index of each mapping's keys, so that a file
    with thousands of problems is placed as quickly as one with a few."""

    def __init__(self, text: str, root: Any = None) -> None:
        """`root` is the node tree the text was read from, when the reader kept it."""
        try:
            self._root: Any = root if root is not None else compose_fast(text)
        except YAMLError:  # the fast loader already accepted the text; places are a bonus
            self._root = None
        self._keys: dict[int, dict[object, tuple[Any, Any]]] = {}
        self._text = text
        self._widths: list[int] | None = None

    @property
    def root(self) -> Any:
        """The node tree (None for a text the C reader cannot compose)."""
        return self._root

    def _within(self, line: int, column: int) -> tuple[int, int]:
        """A place kept inside the text: the reader puts an empty value at the end of a file
        (or of its line) on a line or column past what an editor shows."""
        if self._widths is None:
            lines = _LINES.split(self._text)
            if len(lines) > 1 and not lines[-1]:
                lines.pop()  # a final line break ends the last line; none comes after it
            self._widths = [len(each) for each in lines] or [0]
        if line > len(self._widths):
            return len(self._widths), self._widths[-1] + 1
        return line, min(column, self._widths[line - 1] + 1)

    def locate(self, path: Sequence[PathItem], *, at_key: bool = False) -> tuple[int, int]:
        """The line and column (from 1) of the node at `path`, or of its nearest parent; with
        `at_key`, a mapping key's own place rather than its value's."""
        return self._within(*self._locate(path, at_key=at_key))

    def _locate(self, path: Sequence[PathItem], *, at_key: bool) -> tuple[int, int]:
        node = self._root
        if not isinstance(node, MappingNode | SequenceNode):
            return 1, 1
        line, column = _mark(node)
        for index, step in enumerate(path):
            last = index == len(path) - 1
            pair = self._pair(node, step) if isinstance(node, MappingNode) else None
            if pair is not None:
                key, value = pair
                if last and (at_key or _is_null(value)):  # an empty value: point at its key
                    return _mark(key)
                line, column = _mark(value)
                node = value
            elif (
                isinstance(node, SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                node = node.value[step]
                line, column = _mark(node)
            else:
                break
        return line, column

    def line_after(self, key: str) -> int | None:
        """The line (from 1) just after a top-level key's value ends: where a key written next
        would go. None when the document has no such key; one past the last line at the end."""
        node = self._root
        pair = self._pair(node, key) if isinstance(node, MappingNode) else None
        if pair is None:
            return None
        end = pair[1].end_mark
        line: int = end.line + 1 if end.column == 0 else end.line + 2
        self._within(1, 1)  # the line widths, worked out once
        return min(line, len(self._widths or [0]) + 1)

    def is_literal_block(self, path: Sequence[PathItem]) -> bool:
        node = self._root
        for step in path:
            if isinstance(node, MappingNode) and (pair := self._pair(node, step)) is not None:
                node = pair[1]
            elif (
                isinstance(node, SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                node = node.value[step]
            else:
                return False
        return isinstance(node, ScalarNode) and node.style == "|"

    def _pair(self, node: MappingNode, step: PathItem) -> tuple[Any, Any] | None:
        keys = self._keys.get(id(node))
        if keys is None:
            keys = {}
            for key, value in node.value:
                keys.setdefault(_key_of(key), (key, value))
            self._keys[id(node)] = keys
        return keys.get(step)


_LINES = re.compile(r"\r\n|\r|\n")  # how YAML ends a line


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tag(node: Any) -> str:
    """A node's tag as text; a resolved tag's suffix is the whole tag, and str(tag) is slow."""
    ctag = node.ctag
    if ctag is None:
        return ""
    return str(ctag.suffix) if ctag.handle is None else str(ctag)


def _is_null(node: Any) -> bool:
    return isinstance(node, ScalarNode) and _tag(node).endswith(":null")


def _key_of(node: Any) -> object:
    """A key as the reader gives it (text, or a number, true or null when written so)."""
    if not isinstance(node, ScalarNode):
        return id(node)  # a list or mapping as a key: refused when read, never on a path
    tag, value = _tag(node), node.value
    try:
        if tag.endswith(":int"):
            return int(value.replace("_", ""), 0)
        if tag.endswith(":float"):
            return float(value.replace("_", ""))
    except ValueError:
        return value
    if tag.endswith(":bool"):
        return value.lower() in {"true", "yes", "on"}
    if tag.endswith(":null"):
        return None
    return value


def compose(text: str) -> Any:
    """The node tree of a document (with source positions), or None if it cannot be read."""
    try:
        return round_trip_yaml().compose(text)
    except YAMLError:
        return None


def value_range(root: Any, path: Sequence[PathItem]) -> tuple[int, int] | None:
    """Where the scalar at `path` of a node tree sits in the text: its start and end index."""
    node = root
    for step in path:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return None
    if not isinstance(node, ScalarNode):
        return None
    return node.start_mark.index, node.end_mark.index


def written(text: str, path: Sequence[PathItem]) -> str | None:
    """The scalar at `path` exactly as the person typed it (`4.10`, not 4.1), or None."""
    found = value_range(compose(text), path)
    return None if found is None else text[found[0] : found[1]]


@dataclass(frozen=True)
class Span:
    """Where a node of the text sits: lines and columns from 0, the end being exclusive."""

    kind: str  # "map", "seq" or "scalar"
    style: str | None  # a scalar's style: None (plain), "'", '"', "|" or ">"; "flow" for [...]
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    value: str | None = None  # a scalar's value
    items: tuple[Span, ...] = ()  # a sequence's items
    pairs: tuple[tuple[Span, Span], ...] = ()  # a mapping's keys and values


def outline(text: str) -> Span | None:
    """The layout of a document's nodes, for editing its text in place; None for an empty one."""
    try:
        node = round_trip_yaml().compose(text)
    except YAMLError as error:
        if isinstance(error, MarkedYAMLError):
            raise complaints.explain(error, text, round_trip_yaml().compose) from None
        raise YamlFault(1, 1, "yaml-syntax", one_line(str(error))) from None
    return None if node is None else _span(node)


def _span(node: Any) -> Span:
    start, end = node.start_mark, node.end_mark
    place = (start.line, start.column, end.line, end.column)
    if isinstance(node, MappingNode):
        pairs = tuple((_span(k), _span(v)) for k, v in node.value)
        return Span("map", "flow" if node.flow_style else None, *place, pairs=pairs)
    if isinstance(node, SequenceNode):
        items = tuple(_span(item) for item in node.value)
        return Span("seq", "flow" if node.flow_style else None, *place, items=items)
    return Span("scalar", node.style, *place, value=str(node.value))
