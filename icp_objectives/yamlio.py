"""The one module that talks to ruamel.yaml: fast reading, round-trip editing, source positions."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

PathItem = str | int


@dataclass(frozen=True)
class YamlFault(Exception):
    """A file that is not readable YAML, located at a line and column counted from 1."""

    line: int
    column: int
    code: str
    message: str


class _SafeConstructor(SafeConstructor):
    """The safe constructor, refusing aliases: none is needed, and they make alias bombs."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(
                None, None, "an alias (*name) repeats an anchored value", node.start_mark
            )
        return super().construct_object(node, deep=deep)


class _Resolver12(VersionedResolver):
    """YAML 1.2 rules, as the editing loader uses ('no' is text, not false), with the rule
    table built once for all files rather than looked up for every scalar. Resolving only
    reads the table (1.2 has no rules for every first character, which ruamel would append)."""

    _shared: Any = None

    def __init__(self, loadumper: Any) -> None:
        super().__init__(version=(1, 2), loadumper=loadumper)
        if _Resolver12._shared is None:
            _Resolver12._shared = super().versioned_resolver
        self._table = _Resolver12._shared

    @property
    def processing_version(self) -> tuple[int, int]:
        return (1, 2)

    @property
    def versioned_resolver(self) -> Any:
        return self._table


_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq"))


class _Builder:
    """Plain data from a node tree: text, mappings and lists here, other scalars by the
    safe constructor. Twice as fast as the constructor alone, with the same refusals."""

    def __init__(self, scalars: SafeConstructor) -> None:
        self._scalars = scalars
        self._seen: set[int] = set()

    def build(self, node: Any) -> Any:
        if id(node) in self._seen:
            raise ConstructorError(
                None, None, "an alias (*name) repeats an anchored value", node.start_mark
            )
        self._seen.add(id(node))
        ctag = node.ctag  # a resolved tag's suffix is the whole tag; str(tag) is slow
        tag = ctag.suffix if ctag is not None and ctag.handle is None else node.tag
        if tag == _STR and isinstance(node, ScalarNode):
            return node.value
        if tag == _MAP and isinstance(node, MappingNode):
            return self._mapping(node)
        if tag == _SEQ and isinstance(node, SequenceNode):
            return [self.build(item) for item in node.value]
        return self._scalars.construct_object(node)

    def _mapping(self, node: Any) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConstructorError(
                    None, None, "a merge key (<<) needs an alias", key_node.start_mark
                )
            key = self.build(key_node)
            if not isinstance(key, str | int | float | bool | None):
                raise ConstructorError(
                    None, None, "found a key that is not plain text", key_node.start_mark
                )
            if key in out:
                raise ConstructorError(
                    None, None, f'found duplicate key "{key}"', key_node.start_mark
                )
            out[key] = self.build(value_node)
        return out


try:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - without the C extension, the pure parser serves
    CParser = None


def _load_pure(text: str) -> Any:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _SafeConstructor
    return yaml.load(text)


if CParser is not None:

    class _CLoader(CParser, _SafeConstructor, _Resolver12):  # type: ignore[misc]
        """The C parser with the safe constructor, built once: YAML.load builds a class a call."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _SafeConstructor.__init__(self, loader=self)
            _Resolver12.__init__(self, loadumper=self)
            self._composer = self
            self._resolver = self

    def _load_fast(text: str) -> Any:
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else _Builder(loader).build(node)
        finally:
            loader.dispose()

else:  # pragma: no cover
    _load_fast = _load_pure


MAX_BYTES = 5_000_000
MAX_DEPTH = 200
_INDICATOR_RUN = re.compile(rf"^[ \t]*(?:[-?][ \t]+){{{MAX_DEPTH},}}", re.MULTILINE)


def decode(data: bytes) -> str:
    """The text of a data file, or a YamlFault saying why it is not text."""
    if len(data) > MAX_BYTES:
        raise YamlFault(
            1,
            1,
            "file-too-large",
            f"the file is {len(data) / 1e6:.1f} MB; a data file should be far smaller than"
            f" {MAX_BYTES / 1e6:.0f} MB, so split it or remove what does not belong",
        )
    if b"\x00" in data[:8192]:
        raise YamlFault(1, 1, "not-text", "this is a binary file, not YAML text; remove it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlFault(
            line, column, "not-utf8", "this byte is not UTF-8 text; save the file as UTF-8"
        ) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlFault(1, 1, "empty-file", "the file is empty; fill it in or remove it")
    return text


def _too_deep(text: str) -> bool:
    """Nesting past MAX_DEPTH crashes the C parser, which recurses; no data file nests so deep.

    Counting is quick; the exact scan runs only for text with many nesting indicators.
    """
    indicators = text.count("[") + text.count("{") + text.count("- ") + text.count("? ")
    if indicators < MAX_DEPTH:
        return False
    if _INDICATOR_RUN.search(text):
        return True
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest >= MAX_DEPTH


def load(text: str) -> Any:
    """Plain Python data from YAML text (dicts, lists, str, int, float, bool, date, None)."""
    if _too_deep(text):
        raise YamlFault(
            1,
            1,
            "yaml-too-deep",
            f"the file nests lists or blocks more than {MAX_DEPTH} deep; data files need a few"
            " levels at most",
        )
    try:
        return _load_fast(text)
    except MarkedYAMLError as error:
        raise _fault(error) from None
    except YAMLError as error:
        raise YamlFault(1, 1, "yaml-syntax", _one_line(str(error))) from None
    except RecursionError:
        raise YamlFault(1, 1, "yaml-too-deep", "the file nests too deeply to read") from None


def _fault(error: MarkedYAMLError) -> YamlFault:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = _one_line(error.problem or "")
    context = _one_line(error.context or "")
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else "a key"
        return YamlFault(
            line,
            column,
            "duplicate-key",
            f'"{key}" appears twice in the same block; keep one and merge what they say',
        )
    if "not plain text" in problem:
        return YamlFault(
            line,
            column,
            "yaml-complex-key",
            "a key here is a list or a block ('? ...'); write keys as plain words",
        )
    if "merge key" in problem:
        return YamlFault(
            line,
            column,
            "yaml-merge",
            "merge keys (<<) are not allowed; write the keys out in full",
        )
    if "alias" in problem:
        return YamlFault(
            line,
            column,
            "yaml-alias",
            "this value is anchored (&name) and repeated elsewhere (*name); anchors and aliases"
            " are not allowed, so write each value out in full",
        )
    if "constructor for the tag" in problem:
        return YamlFault(
            line, column, "yaml-tag", f"{problem}; remove the '!' tag and write a plain value"
        )
    if "another document" in problem:
        return YamlFault(
            line,
            column,
            "yaml-documents",
            "a second document ('---') starts here; keep one document per file",
        )
    detail = f"{problem} ({context})" if context else problem
    return YamlFault(
        line,
        column,
        "yaml-syntax",
        f"this is not valid YAML: {detail}; check the indentation and quotes on this line"
        " or the one before",
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def load_roundtrip(text: str) -> Any:
    """Data that remembers where each key and item sits, and the file's comments and layout."""
    return round_trip_yaml().load(text)


def round_trip_yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def dump_roundtrip(data: Any, yaml: YAML | None = None) -> str:
    stream = io.StringIO()
    (yaml or round_trip_yaml()).dump(data, stream)
    return stream.getvalue()


def locate(root: Any, path: Sequence[PathItem], *, at_key: bool = False) -> tuple[int, int]:
    """The line and column (from 1) of the node at `path` in round-trip data, or its nearest parent.

    With `at_key`, a mapping key's own position is given rather than its value's.
    """
    node = root
    line, column = _start(root)
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, CommentedMap) and step in node:
            key_line, key_col, value_line, value_col = node.lc.data[step]
            if last and at_key:
                return key_line + 1, key_col + 1
            line, column = value_line + 1, value_col + 1
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            item_line, item_col = node.lc.data[step]
            line, column = item_line + 1, item_col + 1
            node = node[step]
        else:
            break
    return line, column


def is_literal_block(root: Any, path: Sequence[PathItem]) -> bool:
    """Whether the node at `path` in round-trip data is a `|` block, whose lines are the text's."""
    node = root
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, LiteralScalarString)


def _start(node: Any) -> tuple[int, int]:
    if isinstance(node, CommentedMap | CommentedSeq) and node.lc.line is not None:
        return node.lc.line + 1, node.lc.col + 1
    return 1, 1


def source_token(text: str, line: int, column: int) -> str:
    """The scalar as written at a position, for messages that quote what the person typed."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    rest = lines[line - 1][column - 1 :]
    token = rest.split(" #", 1)[0].strip()
    return token.rstrip(",]}").strip()


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
            raise _fault(error) from None
        raise YamlFault(1, 1, "yaml-syntax", _one_line(str(error))) from None
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


class TypedNumber(float):
    """A number that is written exactly as it was typed: 72.50 stays 72.50, not 72.5.

    It equals the number it reads back as, so an edit holding it can be checked by value.
    """

    text: str

    def __new__(cls, text: str) -> TypedNumber:
        number = super().__new__(cls, float(text))
        number.text = text
        return number


def _represent_typed(representer: RoundTripRepresenter, number: TypedNumber) -> Any:
    kind = "float" if "." in number.text else "int"
    return representer.represent_scalar(f"tag:yaml.org,2002:{kind}", number.text)


RoundTripRepresenter.add_representer(TypedNumber, _represent_typed)


def dump_fragment(
    data: dict[str, Any],
    *,
    mapping: int = 2,
    sequence: int = 4,
    offset: int = 2,
    literal: Sequence[str] = (),
    double_quoted: Sequence[str] = (),
) -> str:
    """Block YAML for one small mapping, to splice into a file; never a whole document.

    Text under a key in `literal` is written as a `|` block when it has several lines;
    text under a key in `double_quoted` is written in double quotes, as ids are.
    """
    yaml = round_trip_yaml()
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return dump_roundtrip(_styled(data, set(literal), set(double_quoted)), yaml)


_BLOCK_UNSAFE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


_TAB_INDENT = re.compile(r"(^|\n) *\t")  # a block line may not start with a tab


def _block_safe(text: str) -> bool:
    """Whether a `|` block can hold the text as it is: no control characters or odd line breaks.

    Text that cannot is written in double quotes, where every character can be escaped.
    """
    return not _BLOCK_UNSAFE.search(text) and not _TAB_INDENT.search(text)


def _styled(value: Any, literal: set[str], double_quoted: set[str], key: str = "") -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _styled(v, literal, double_quoted, str(k))
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_styled(item, literal, double_quoted, key) for item in value)
        if key in double_quoted and all(isinstance(item, str) for item in value):
            seq.fa.set_flow_style()  # a list of ids reads best on one line: ["4.1", "4.2"]
        return seq
    if isinstance(value, str) and key in literal and "\n" in value and _block_safe(value):
        return LiteralScalarString(value)
    if isinstance(value, str) and (key in double_quoted or not _block_safe(value)):
        return DoubleQuotedScalarString(value)
    return value
