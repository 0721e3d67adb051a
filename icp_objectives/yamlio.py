"""The one module that talks to ruamel.yaml: fast reading, round-trip editing, source positions."""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor, SafeConstructor
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


class BadDate(str):
    """A plain value shaped like a date that names no real day, kept as it was written.

    The reader reports it (see `load_with_faults`); the schema leaves it to that report.
    """


def _value_fault(node: Any, code: str, message: str) -> YamlFault:
    mark = node.start_mark
    return YamlFault(mark.line + 1, mark.column + 1, code, message)


def _bad_date_fault(node: Any) -> YamlFault:
    value = str(node.value)
    return _value_fault(
        node,
        "bad-date",
        f"{value} is not a real date: {_why_not_a_date(value)}; write a real date as"
        " YYYY-MM-DD, or put it in quotes if it is meant as text",
    )


def _bad_number_fault(node: Any) -> YamlFault:
    value = str(node.value)
    if len(value) > 40 and value.lstrip("+-").isdigit():  # Python reads a few thousand digits
        return _value_fault(
            node,
            "bad-value",
            f"a number {len(value)} characters long is too long to read; a reading needs a few"
            " digits at most, so check what was pasted here, or put it in quotes if it is text",
        )
    return _value_fault(
        node,
        "bad-value",
        f"{value} is written like a number but names none; write the number in digits,"
        " or put it in quotes if it is meant as text",
    )


def _why_not_a_date(value: str) -> str:
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not match:  # pragma: no cover - the resolver only tags such values as dates
        return "it names no day"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has {last} days"
    return "the time of day is not a real time"


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


_STR, _MAP, _SEQ, _TIMESTAMP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq", "timestamp")
)


class _Builder:
    """Plain data from a node tree: text, mappings and lists here, other scalars by the
    safe constructor. Twice as fast as the constructor alone, with the same refusals."""

    def __init__(self, scalars: SafeConstructor) -> None:
        self._scalars = scalars
        self._seen: set[int] = set()
        self.faults: list[YamlFault] = []  # values that could be read, but not as written

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
        try:
            return self._scalars.construct_object(node)
        except ValueError:
            if tag != _TIMESTAMP:  # a number that names none, such as 0x_ or -_
                raise _bad_number_fault(node) from None
            self.faults.append(_bad_date_fault(node))  # a date naming no day, as 2020-02-30
            return BadDate(node.value)

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


def _load_pure(text: str) -> tuple[Any, list[YamlFault]]:
    """The pure-Python reader, built up as the fast one is: the same data, refusals and
    faults (an impossible date is reported where it is written, and the file still read)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _SafeConstructor
    node = yaml.compose(text)
    if node is None:
        return None, []
    builder = _Builder(yaml.constructor)
    return builder.build(node), builder.faults


if CParser is not None:

    class _CLoader(CParser, _SafeConstructor, _Resolver12):  # type: ignore[misc]
        """The C parser with the safe constructor, built once: YAML.load builds a class a call."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _SafeConstructor.__init__(self, loader=self)
            _Resolver12.__init__(self, loadumper=self)
            self._composer = self
            self._resolver = self

    def _load_fast(text: str) -> tuple[Any, list[YamlFault]]:
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, []
            builder = _Builder(loader)
            return builder.build(node), builder.faults
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
        raise _not_text(data)
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


_WIDE_BOMS = {
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\xfe\xff": "UTF-16",
    b"\xff\xfe": "UTF-16",
}


def _not_text(data: bytes) -> YamlFault:
    """Why bytes holding NULs are not a data file: saved as UTF-16, a stray NUL, or binary."""
    head = data[:8192]
    encoding = next((name for bom, name in _WIDE_BOMS.items() if head.startswith(bom)), None)
    if encoding is None and head.count(b"\x00") * 3 >= len(head):
        encoding = "UTF-16"  # no mark, but every other byte of plain text is NUL
    if encoding:
        return YamlFault(
            1,
            1,
            "not-utf8",
            f"the file is saved as {encoding}; save it as UTF-8 (in most editors: Save As,"
            " Encoding UTF-8)",
        )
    nul = data.index(b"\x00")
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return YamlFault(1, 1, "not-text", "this is a binary file, not YAML text; remove it")
    line = data.count(b"\n", 0, nul) + 1
    column = len(data[data.rfind(b"\n", 0, nul) + 1 : nul].decode("utf-8", "replace")) + 1
    return YamlFault(
        line,
        column,
        "not-text",
        "a NUL character (byte 0) is here, which text never holds; delete it",
    )


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
    data, faults = load_with_faults(text)
    if faults:
        raise faults[0]
    return data


def load_with_faults(text: str) -> tuple[Any, list[YamlFault]]:
    """Plain data, and the values that could not be read as written (an impossible date).

    Such a value stays in the data as a `BadDate`, so the rest of the file can still be
    checked. A file that cannot be read at all raises a YamlFault.
    """
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
        raise _fault(error, text, _load_fast) from None
    except YAMLError as error:
        raise YamlFault(1, 1, "yaml-syntax", _one_line(str(error))) from None
    except RecursionError:
        raise YamlFault(1, 1, "yaml-too-deep", "the file nests too deeply to read") from None


def _fault(error: MarkedYAMLError, text: str, parse: Callable[[str], object]) -> YamlFault:
    """What the reader's complaint about `text` means to the person who wrote it; `parse` is
    the reader that complained, to try the text again with a suspected slip mended."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = _one_line(error.problem or "")
    context = _one_line(error.context or "")
    odd = _odd_space_at_fault(error, text, parse)
    if odd is not None:
        return odd
    unclosed = _unclosed(error, text)
    if unclosed is not None:
        return unclosed
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
    hint = _hint(error, text)
    if hint is not None:
        return hint
    detail = f"{problem} ({context})" if context else problem
    return YamlFault(
        line,
        column,
        "yaml-syntax",
        f"this is not valid YAML: {detail}; check the indentation and quotes on this line"
        " or the one before",
    )


def _unclosed(error: MarkedYAMLError, text: str) -> YamlFault | None:
    """A quote or bracket left open, located where it opened rather than where the reader
    gave up (often lines later); or a backslash in double quotes, which starts an escape."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    if context_mark is not None and "quoted scalar" in (error.context or ""):
        problem = error.problem or ""
        if problem_mark is not None and ("escape" in problem or "hexdecimal" in problem):
            return _bad_escape(text, problem_mark.line, problem_mark.column, context_mark)
        if _closes_on_its_line(text, context_mark.line, context_mark.column):
            return None  # not a quote left open: something else is wrong
        return _open_quote(context_mark.line, context_mark.column, text, "the end of the file")
    if problem_mark is None or not text:
        return None
    quote, bracket = _open_at(text, problem_mark.line)
    if quote is not None:
        return _open_quote(*quote, text, "the next {quote} in the file")
    if bracket is not None and bracket[0] < problem_mark.line:
        line, column, char = bracket
        closing = "]" if char == "[" else "}"
        return YamlFault(
            line + 1,
            column + 1,
            "yaml-unclosed",
            f"the '{char}' opened here is not closed; add the '{closing}' (and a comma"
            " between items)",
        )
    return None


def _open_at(text: str, line: int) -> tuple[tuple[int, int] | None, tuple[int, int, str] | None]:
    """What is open where the reader gave up on `line`: a quoted value that runs on to it
    from an earlier line (a quote left open, read up to the next quote mark; data files
    write long text as | blocks), and the innermost '[' or '{' not yet closed."""
    quote = None
    brackets: list[tuple[int, int, str]] = []
    try:
        for token in YAML(typ="safe", pure=True).scan(text):
            start, end = token.start_mark, token.end_mark
            if start.line > line:
                break
            name = type(token).__name__
            if name in {"FlowSequenceStartToken", "FlowMappingStartToken"}:
                brackets.append((start.line, start.column, "[" if "Sequence" in name else "{"))
            elif name in {"FlowSequenceEndToken", "FlowMappingEndToken"} and brackets:
                brackets.pop()
            elif getattr(token, "style", None) in {'"', "'"} and start.line < end.line == line:
                quote = (start.line, start.column)
    except YAMLError:
        pass
    return quote, (brackets[-1] if brackets else None)


def _open_quote(line: int, column: int, text: str, reads_to: str) -> YamlFault:
    lines = text.splitlines()
    quote = lines[line][column] if line < len(lines) and column < len(lines[line]) else '"'
    return YamlFault(
        line + 1,
        column + 1,
        "yaml-unclosed-quote",
        f"the {quote} opened here is not closed on this line, so YAML reads on to"
        f" {reads_to.format(quote=quote)}; add the closing {quote} at the end of the value",
    )


def _closes_on_its_line(text: str, line: int, column: int) -> bool:
    """Whether the quote opened at `line`, `column` (from 0) is closed on the same line."""
    lines = text.splitlines()
    written = lines[line] if line < len(lines) else ""
    quote = written[column : column + 1]
    if quote not in {'"', "'"}:
        return False
    index = column + 1
    while index < len(written):
        char = written[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and written[index + 1 : index + 2] == "'":
                index += 2  # '' is an apostrophe inside single quotes
                continue
            return True
        index += 1
    return False


def _bad_escape(text: str, line: int, column: int, opened: Any) -> YamlFault:
    """A backslash in double quotes that starts no escape, as in "C:\\Users": located at
    the backslash, with the value rewritten in single quotes when it can be."""
    lines = text.splitlines()
    written = lines[line] if line < len(lines) else ""
    backslash = written.rfind("\\", 0, column + 1)
    backslash = column if backslash < 0 else backslash
    escape = written[backslash : backslash + 2]
    fix = "write each \\ as \\\\"
    if opened.line == line and written[opened.column : opened.column + 1] == '"':
        end = written.find('"', backslash)
        inside = written[opened.column + 1 : end] if end > 0 else ""
        if inside and "'" not in inside and '"' not in inside:
            fix = f"use single quotes, '{inside}', or {fix}"
    return YamlFault(
        line + 1,
        backslash + 1,
        "yaml-bad-escape",
        f"a backslash in double quotes starts an escape (like \\n), and {escape} is not one; {fix}",
    )


ODD_SPACE = "yaml-odd-space"
# Characters that look like a space, or like nothing, but are not YAML's space: Word and
# Outlook put non-breaking spaces into pasted text.
_ODD_SPACES = {
    "\u00a0": "a non-breaking space (from Word or Outlook)",
    "\u2007": "a figure space (a look-alike space)",
    "\u202f": "a narrow non-breaking space (from Word or Outlook)",
    "\u200b": "a zero-width space (an invisible character)",
    "\u2060": "a word joiner (an invisible character)",
    "\ufeff": "a byte order mark (an invisible character)",
    "\u3000": "an ideographic space (a look-alike space)",
    **{chr(c): "a look-alike space" for c in range(0x2000, 0x200B) if chr(c) != "\u2007"},
}
_ODD_SPACE = re.compile("[" + "".join(_ODD_SPACES) + "]")
_ODD_RUN = _ODD_SPACE.pattern + "+"
# Where such a character is part of the layout, not of a value: the indentation, around a
# list's dash, in or after a key, at the start of a value, and between a flow list's items.
# Where a space may already be, after a key's colon and before a flow list's item (the
# groups `value` and `item`), YAML reads it as the first character of the value.
_LAYOUT = re.compile(
    rf"""^(?:[ \t]*{_ODD_RUN}                                 # indentation
      | [ \t]*(?:-[ \t]*)*-{_ODD_RUN}                         # after a dash
      | [ \t]*(?:-[ \t]+)*[\w-]*{_ODD_RUN}[\w-]*[ \t]*:(?:[ \t]|$)   # in a key
      | [ \t]*(?:-[ \t]+)*[\w-]+:{_ODD_RUN}                   # in place of a key's space
      | (?P<value>[ \t]*(?:-[ \t]+)*[\w-]+:[ \t]+{_ODD_RUN})   # after a key's colon
      | [ \t]*(?:-[ \t]+)*[\w-]+:[ \t]+[|>][-+0-9]*[ \t]*{_ODD_RUN}  # after | or >
      | (?P<item>[ \t]*(?:-[ \t]+)*(?:[\w-]+:[ \t]+)?          # in [...], before an item
          [\[{{][^\n]*?[\[{{,][ \t]*{_ODD_RUN})
    )""",
    re.VERBOSE,
)
_BLOCK_HEADER = re.compile(r"^([ \t]*(?:-[ \t]+)*)[\w-]+:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


def odd_spaces(text: str, *, in_values: bool = True) -> list[YamlFault]:
    """Each line where a non-breaking or invisible space sits in the layout of the YAML,
    located at the character. Such characters in text (a `|` block's lines, a value's words)
    are left alone. Only worth the time for a file that already has problems.

    Without `in_values`, a space where YAML reads it as the first character of a value is
    left out too: whether that harms is for the value's own checks to say.
    """
    found = []
    for number, written, match in _odd_layout(text):
        if not in_values and (match["value"] or match["item"]):
            continue
        at = _ODD_SPACE.search(written, 0, match.end())
        column = at.start() if at is not None else 0
        what = _ODD_SPACES[written[column]]
        fix = "delete it" if _invisible(written[column]) else "replace it with an ordinary space"
        found.append(YamlFault(number + 1, column + 1, ODD_SPACE, f"{what} here; {fix}"))
    return found


def _odd_layout(text: str) -> Iterator[tuple[int, str, re.Match[str]]]:
    """The lines (numbered from 0) with an odd space in their layout, each with the match
    of its layout up to the last such space."""
    if not _ODD_SPACE.search(text):
        return
    for number, written in _layout_lines(text.split("\n")):
        match = _LAYOUT.match(written) if _ODD_SPACE.search(written) else None
        if match is not None:
            yield number, written, match


def _invisible(char: str) -> bool:
    return "invisible" in _ODD_SPACES[char]


def _mended(text: str, only: int | None = None) -> str:
    """The text with the odd spaces of its layout mended as their messages say, an invisible
    character deleted and a look-alike space made an ordinary one; `only` on that line
    (counted from 1), if given."""
    lines = text.split("\n")
    for number, written, match in _odd_layout(text):
        if only is not None and number + 1 != only:
            continue
        layout = _ODD_SPACE.sub(
            lambda found: "" if _invisible(found[0]) else " ", written[: match.end()]
        )
        lines[number] = layout + written[match.end() :]
    return "\n".join(lines)


_Complaint = tuple[int, str]  # the line (from 0, or -1) where a reader gave up, and why
_TRIES = 10  # the spaces above that line tried one by one, nearest first


def _complaint(error: YAMLError | YamlFault) -> _Complaint:
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        return (mark.line if mark is not None else -1, error.problem or "")
    return (-1, str(error))


def _read_again(parse: Callable[[str], object], text: str) -> _Complaint | None:
    """The reader's complaint about `text`, or None when it has none."""
    try:
        parse(text)
    except (YAMLError, YamlFault) as error:
        return _complaint(error)
    except RecursionError:  # mended, the text nests too deeply to read
        return (-1, "too deep")
    return None


def _odd_space_at_fault(
    error: MarkedYAMLError, text: str, parse: Callable[[str], object]
) -> YamlFault | None:
    """The odd space in the layout that the reader's complaint comes from, or None.

    A space pasted from Word can end a list or a block, and the reader often gives up some
    lines further on, past blank lines and comments, or where a value it took as text ends.
    So the text is read again with every such space mended: if the same complaint comes
    from the same line, the spaces are not its cause (one at the start of a heading is part
    of the heading) and the complaint is explained instead. Otherwise the space named is
    the nearest above where the reader gave up whose mending alone changes the complaint,
    as one used as indentation does but not one in the heading below it.
    """
    found = odd_spaces(text)
    if not found:
        return None
    complaint = _complaint(error)
    if _read_again(parse, _mended(text)) == complaint:
        return None
    above = [fault for fault in found if fault.line <= complaint[0] + 1] or found[:1]
    for fault in reversed(above[-_TRIES:]):
        if _read_again(parse, _mended(text, only=fault.line)) != complaint:
            return fault
    return above[-1]  # only mended together do they change it


def _layout_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """The lines (numbered from 0) that are the YAML's own, not the text of a `|` block."""
    block = -1  # the indentation a | block's lines exceed, while in one
    for number, written in enumerate(lines):
        indent = len(written) - len(written.lstrip(" "))
        if block >= 0 and (not written.strip() or indent > block):
            continue
        block = -1
        header = _BLOCK_HEADER.match(written)
        if header:
            block = len(header[1])
        yield number, written


def _hint(error: MarkedYAMLError, text: str) -> YamlFault | None:
    """A plain-English reading of the parser's complaint, for the mistakes hand editing
    makes most: a missing space after a list's dash, a ': ' or a quote inside a value, a
    value starting with a character YAML reserves, and a `|` block's text out of line."""
    mark = error.problem_mark
    if mark is None or not text:
        return None
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    written = lines[mark.line]
    problem = error.problem or ""
    where = (mark.line + 1, mark.column + 1)
    dash = _dash_without_space(lines, mark.line)
    if dash is not None:
        line, column, key = dash
        return YamlFault(
            line + 1,
            column + 1,
            "yaml-syntax",
            f"a list item needs a space after the dash: '- {key}:'",
        )
    if problem.startswith("mapping values are not allowed"):
        value = _VALUE_WITH_COLON.match(written[: mark.column + 1])
        if value is not None:
            return YamlFault(*where, "yaml-syntax", _colon_in_value(value["key"], written))
    char = written[mark.column : mark.column + 1]  # "" past the end, and "" is in any string
    if "cannot start any token" in problem and char and char in "%@`":
        return YamlFault(
            *where,
            "yaml-syntax",
            f"a value cannot start with %, @ or `, and this one starts with {char}; put it in"
            f" quotes: '{_value_at(written, mark.column)}'",
        )
    if "block scalar" in (error.context or "") and mark.line == getattr(
        error.context_mark, "line", -1
    ):
        return YamlFault(
            *where,
            "yaml-syntax",
            "text after `|` must start on the next line: end this line with |, and write the"
            " text below it, indented",
        )
    if "expected" in problem:
        quoted = _ended_early(written, mark.column)
        if quoted is not None:
            return YamlFault(*where, "yaml-syntax", quoted)
        block = _out_of_block(lines, mark.line)
        if block is not None:
            return YamlFault(
                *where,
                "yaml-syntax",
                f"each line of the text under `{block}: |` must be indented at least as much"
                " as the first; indent this line further",
            )
    return None


_DASH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)*-([A-Za-z_][\w-]*):(?:[ \t]|$)")


def _dash_without_space(lines: list[str], last: int) -> tuple[int, int, str] | None:
    """The last line up to `last` written `-key:`, outside `|` blocks: no key of the format
    starts with a dash."""
    found = None
    for number, written in _layout_lines(lines[: last + 1]):
        match = _DASH_KEY.match(written)
        if match:
            found = number, match.start(1) - 1, match[1]
    return found


_VALUE_WITH_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)*(?P<key>[\w-]+):[ \t]+[^\s\"'|>#\[{].*:$")


def _colon_in_value(key: str, written: str) -> str:
    value = written.split(":", 1)[1].strip()
    shown = value if len(value) <= 50 else value[:47] + "..."
    quote = "'" if '"' in value else '"'
    instead = (
        f", or write the text under `{key}: |`, on the lines below"
        if key in {"body", "introduction"}
        else ""
    )
    return (
        f"a ': ' inside a value: put the whole value in quotes ({key}: {quote}{shown}{quote})"
        + instead
    )


def _ended_early(written: str, column: int) -> str | None:
    """Why more follows a quoted value on its line: an apostrophe inside single quotes, or
    several quoted ids where a list belongs. None when no quoted value ends just before."""
    before = written[:column].rstrip()
    quote = before[-1:]
    if quote not in {'"', "'"} or quote not in before[:-1]:
        return None
    if quote == "'":
        start = before.index("'")
        end = written.rfind("'")
        inside = written[start + 1 : end].replace("''", "'")
        fixed = "'" + inside.replace("'", "''") + "'"
        return (
            "the quote ends early: an apostrophe inside single quotes is written '', as in"
            f" {fixed}; or put the value in double quotes"
        )
    ids = re.findall(r'"([^"]*)"', written)
    listed = ", ".join(f'"{i}"' for i in ids)
    return (
        "the quote ends early, and more follows it on the line; for several ids write a list,"
        f' [{listed}]; for text with " in it, put the whole value in single quotes'
    )


def _out_of_block(lines: list[str], number: int) -> str | None:
    """The key of the `|` block that line `number` belongs to by its place but is indented
    less than the block's first line; None when it is no such line."""
    written = lines[number]
    indent = len(written) - len(written.lstrip(" "))
    for above in range(number - 1, -1, -1):
        header = _BLOCK_HEADER.match(lines[above])
        if header:
            key_indent = len(header[1])
            body = [line for line in lines[above + 1 : number] if line.strip()]
            if not body or key_indent >= indent:
                return None
            first = len(body[0]) - len(body[0].lstrip(" "))
            if indent < first and all(len(line) - len(line.lstrip(" ")) >= first for line in body):
                return lines[above].split(":", 1)[0].strip(" -\t")
            return None
        if lines[above].strip() and len(lines[above]) - len(lines[above].lstrip(" ")) < indent:
            return None
    return None


def _value_at(line: str, column: int) -> str:
    """The value starting at `column`: to the end of the line, or inside [...] or {...} to
    the next comma or closing bracket."""
    rest = line[column:].strip()
    if "[" in line[:column] or "{" in line[:column]:
        return re.split(r"\s*[,\]}]", rest, maxsplit=1)[0]
    return rest


def _one_line(text: str) -> str:
    return " ".join(text.split())


def load_roundtrip(text: str) -> Any:
    """Data that remembers where each key and item sits, and the file's comments and layout."""
    return round_trip_yaml().load(text)


class _RoundTripConstructor(RoundTripConstructor):
    """Round-trip reading that keeps an impossible date as the text it is, so that positions
    can still be found in a file holding one."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return BadDate(node.value)


_RoundTripConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _RoundTripConstructor.construct_yaml_timestamp
)


def round_trip_yaml() -> YAML:
    yaml = YAML()
    yaml.Constructor = _RoundTripConstructor
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
            if last and (at_key or node[step] is None):  # an empty value: point at its key
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
            raise _fault(error, text, round_trip_yaml().compose) from None
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


# A number as people type one, and as TypedNumber keeps it: digits, with an optional sign and
# decimal point (72, -3, 72.50); no unit, % sign, exponent or thousands separator.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?\Z")


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
