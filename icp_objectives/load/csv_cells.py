"""A CSV file's text split into cells, each with the line and column it starts at. Pure.

The dialect is the one spreadsheets write: commas between values, a value in double quotes
where it holds a comma, a quote doubled inside quotes, lines ending in LF or CRLF. A value may
not run over a line break: a reading is one line, and its problems are located by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from icp_objectives.domain.errors import EXIT_PROBLEMS, IcpError

BOM = b"\xef\xbb\xbf"
# Characters no series file holds: control characters (a tab, a lone carriage return, a
# terminal escape), DEL, C1 codes and the Unicode line and paragraph separators.
_BREAK = re.compile("\r\n|\r|\n")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Cell:
    """One value of a row as written (quotes removed), and where it starts (from 1)."""

    text: str
    line: int
    column: int
    quoted: bool = False


class CsvFault(IcpError):
    """Why a line or a file cannot be read as CSV, located, with the problem code."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, line: int, column: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.code, self.message = line, column, code, message


def decode(data: bytes) -> str:
    """The text of a CSV file, or a CsvFault: a byte-order mark, bytes that are not UTF-8."""
    if data.startswith(BOM):
        raise CsvFault(
            1,
            1,
            "byte-order-mark",
            "the file starts with a byte-order mark (Excel's 'CSV UTF-8' writes one); save it"
            " as plain CSV, or load it with `icp-obj readings import`, which leaves it out",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        start = before.rfind(b"\n") + 1
        column = len(before[start:].decode("utf-8", "replace")) + 1
        raise CsvFault(
            before.count(b"\n") + 1,
            column,
            "not-utf8",
            "this byte is not UTF-8 text; save the file as CSV in UTF-8",
        ) from None


def lines(text: str) -> list[tuple[int, str]]:
    """Each line of the text with its number (a line ends in LF, CRLF or, as old Mac
    spreadsheets wrote, a lone CR); blank lines (and lines of commas only, which spreadsheets
    write for empty rows) are left out."""
    found = []
    for number, line in enumerate(_BREAK.split(text), 1):
        if line.strip(" ,"):
            found.append((number, line))
    return found


def cells(number: int, line: str) -> list[Cell]:
    """The cells of line `number`, or a CsvFault at the first thing that is not CSV."""
    control = _CONTROL.search(line)
    if control is not None:
        raise CsvFault(
            number,
            control.start() + 1,
            "control-character",
            f"{_named(control[0])} is not allowed in a series file; remove it"
            + (" (or save the file as comma-separated CSV)" if control[0] == "\t" else ""),
        )
    found: list[Cell] = []
    index = 0
    while True:
        if line.startswith('"', index):
            cell, index = _quoted(number, line, index)
        else:
            end = line.find(",", index)
            end = len(line) if end < 0 else end
            text = line[index:end]
            if '"' in text:
                raise CsvFault(
                    number,
                    index + text.index('"') + 1,
                    "bad-quote",
                    "a quote inside a value that does not start with one; put the whole value"
                    ' in quotes and double the quote inside ("a ""quoted"" word")',
                )
            cell, index = Cell(text, number, index + 1), end
        found.append(cell)
        if index >= len(line):
            return found
        index += 1  # past the comma


def _quoted(number: int, line: str, start: int) -> tuple[Cell, int]:
    parts = []
    index = start + 1
    while True:
        end = line.find('"', index)
        if end < 0:
            raise CsvFault(
                number,
                start + 1,
                "bad-quote",
                "this quoted value is not closed on its line; close the quote (a value may not"
                " run over a line break)",
            )
        parts.append(line[index:end])
        if line.startswith('"', end + 1):
            parts.append('"')
            index = end + 2
            continue
        index = end + 1
        break
    if index < len(line) and line[index] != ",":
        raise CsvFault(
            number,
            index + 1,
            "bad-quote",
            "text after the closing quote; put the whole value in the quotes",
        )
    return Cell("".join(parts), number, start + 1, quoted=True), index


def _named(char: str) -> str:
    names = {"\t": "a tab", "\x1b": "an escape character"}
    return names.get(char) or f"the control character U+{ord(char):04X}"
