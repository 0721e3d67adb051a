"""Text a reader may be given: a data file's bytes decoded, and what no reader should see.

The size cap, the encoding, an empty file, the characters YAML never allows, and nesting so
deep that the C parser, which recurses, would crash.
"""

from __future__ import annotations

import re

from icp_objectives.domain import limits
from icp_objectives.yamlio.faults import YamlFault, place, place_in_bytes

MAX_DEPTH = 200
_BRACKETS = re.compile(r"[\[\]{}]")
_INDICATOR_RUN = re.compile(rf"^[ \t]*(?:[-?][ \t]+){{{MAX_DEPTH},}}", re.MULTILINE)


def decode(data: bytes) -> str:
    """The text of a data file, or a YamlFault saying why it is not text."""
    if len(data) > limits.MAX_BYTES:
        raise YamlFault(
            1,
            1,
            "file-too-large",
            f"the file is {len(data) / 1e6:.1f} MB; a data file should be far smaller than"
            f" {limits.MAX_BYTES / 1e6:.0f} MB, so split it or remove what does not belong",
        )
    if b"\x00" in data[:8192]:
        raise _not_text(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = place_in_bytes(data, error.start)
        raise YamlFault(
            line, column, "not-utf8", "this byte is not UTF-8 text; save the file as UTF-8"
        ) from None
    if not _has_content(text):
        raise YamlFault(1, 1, "empty-file", "the file is empty; fill it in or remove it")
    return text


# Where a line ends, as str.splitlines sees it (YAML's own breaks are among them).
_LINE_END = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _has_content(text: str) -> bool:
    """Whether any line holds more than space and comments. Only the comments before the
    first content are looked at (most files open with one or two), not every line."""
    rest = text.lstrip()  # blank lines too: every line break is space
    while rest.startswith("#"):
        end = _LINE_END.search(rest)
        if end is None:
            return False
        rest = rest[end.end() :].lstrip()
    return bool(rest)


def unprintable_in(text: str) -> YamlFault | None:
    """The fault at the first character YAML never allows, if the text has one.

    The reader refuses every such character (libyaml's and ruamel's own alike), but gives
    its place as an index and names no character. So a text that reads has none, and the
    search runs only once reading has failed: this reason comes before any other.
    """
    unprintable = _UNPRINTABLE.search(text)
    return None if unprintable is None else _unprintable(text, unprintable.start())


# What YAML never lets a file hold, even inside quotes: control characters other than tab and
# line breaks, and the two non-characters. The reader would only give the position as an index.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
_CONTROL_NAMES = {
    "\x0c": "a form feed",
    "\x0b": "a vertical tab",
    "\x1b": "an escape",
    "\x7f": "a delete",
}


def visible_char(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _unprintable(text: str, index: int) -> YamlFault:
    char = text[index]
    name = _CONTROL_NAMES.get(char, "the control character")
    return YamlFault(
        *place(text, index),
        "control-character",
        f"{name} ({visible_char(char)}) is here, which a YAML file may not hold; delete it"
        " (editors often show it as a box or not at all)",
    )


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
    line, column = place_in_bytes(data, nul)
    return YamlFault(
        line,
        column,
        "not-text",
        "a NUL character (byte 0) is here, which text never holds; delete it",
    )


def few_indicators(text: str | bytes) -> bool:
    """Whether the text holds too few nesting indicators to nest MAX_DEPTH deep, which is
    nearly always so. Each is an ASCII character, so UTF-8 bytes count as their text does."""
    if isinstance(text, bytes):  # one pass, keeping only the marks: 3 times quicker
        return len(text.translate(None, _BUT_MARKS)) < MAX_DEPTH
    return sum(map(text.count, _MARKS)) < MAX_DEPTH


# Each "- " or "? " holds a "-" or "?": counting those single characters first is three times
# quicker than counting the pairs, and only a text with many of them is counted exactly.
_MARKS = ("[", "{", "-", "?")
_BUT_MARKS = bytes(sorted(set(range(256)) - set("".join(_MARKS).encode())))


def plain_utf8(data: bytes) -> bool:
    """Whether bytes (a file's, without its first UTF-8 byte-order mark, and within the cap)
    may go to the C parser as they are, undecoded: with no UTF-16 or UTF-32 byte-order mark
    (libyaml would read those encodings), and few nesting indicators. libyaml checks the UTF-8
    as strictly as `decode` does and refuses a NUL as any control character; what it refuses
    is decoded then, for `decode`'s words."""
    return data[:1] not in _WIDE_STARTS and few_indicators(data)


_WIDE_STARTS = (b"\xfe", b"\xff")  # no UTF-8 holds these bytes; wide marks start so


def too_deep(text: str) -> bool:
    """Nesting past MAX_DEPTH crashes the C parser, which recurses; no data file nests so deep.

    Counting is quick; the exact scan runs only for text with many nesting indicators.
    """
    if few_indicators(text):
        return False
    opened = text.count("[") + text.count("{")
    if opened + text.count("- ") + text.count("? ") < MAX_DEPTH:
        return False
    if _INDICATOR_RUN.search(text):
        return True
    if opened < MAX_DEPTH:  # flow collections cannot nest deeper than there are openings
        return False
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest >= MAX_DEPTH
