"""A measure's series file, objectives/measures/<measure-id>.csv, parsed into rows. Pure.

The header names the columns, in any order: `period` and `value`, or `period`, `numerator`
and `denominator` for a ratio (with `value` too, if wanted: the percentage), and optionally
`note` and `qualifier`. A period is kept as written: what it means depends on the measure's
frequency, which the objective file gives (see `measures.series`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import get_args

from icp_objectives.domain.model import SLUG, Qualifier
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.wording import close_matches, listing
from icp_objectives.load.csv_cells import Cell, CsvFault, cells, decode, lines

SERIES_DIR = "measures"  # under objectives/
SERIES_SUFFIX = ".csv"
COLUMNS = ("period", "value", "numerator", "denominator", "qualifier", "note")
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
_PLAIN = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")  # 1,234 (quoted in CSV)
_LONGEST_NUMBER = 40
_UNITS = "£$€%"


@dataclass(frozen=True)
class SeriesRow:
    """One reading of a series file, as written; `columns` says where each value starts."""

    line: int
    period: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    qualifier: str | None = None
    note: str | None = None
    columns: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def figure(self) -> float:
        """The value the row stands for: its own, or the percentage of its ratio."""
        if self.value is not None:
            return self.value
        if self.numerator is not None and self.denominator:
            return 100 * self.numerator / self.denominator
        return 0.0

    def column(self, name: str) -> int:
        """Where the value of column `name` starts (1 when the file has no such column)."""
        return self.columns.get(name, 1)


@dataclass(frozen=True)
class SeriesFile:
    """A series file that could be read: its measure (named by the file), columns and rows."""

    rel: str
    measure: str
    header: tuple[str, ...]
    rows: tuple[SeriesRow, ...]


def measure_of(name: str) -> str | None:
    """The measure a series file's name gives (dta-delays.csv: dta-delays), or None."""
    if not name.endswith(SERIES_SUFFIX):
        return None
    stem = name.removesuffix(SERIES_SUFFIX)
    return stem if SLUG.match(stem) else None


def parse(rel: str, data: bytes) -> tuple[SeriesFile | None, list[Problem]]:
    """The file's rows, and a problem at each line that cannot be read (those rows are left
    out). None when the file as a whole cannot be read: not UTF-8, a BOM, a bad header."""
    measure = measure_of(rel.rsplit("/", 1)[-1]) or ""
    try:
        text = decode(data)
        numbered = lines(text)
        if not numbered:
            raise CsvFault(
                1, 1, "empty-file", "the file is empty; its first line is the header period,value"
            )
        header = _header(*numbered[0])
    except CsvFault as fault:
        return None, [_problem(rel, fault)]
    rows, problems = [], []
    for number, line in numbered[1:]:
        try:
            rows.append(_row(header, number, line))
        except CsvFault as fault:
            problems.append(_problem(rel, fault))
    names = tuple(cell.text for cell in header)
    return SeriesFile(rel, measure, names, tuple(rows)), problems


def _problem(rel: str, fault: CsvFault) -> Problem:
    return Problem(rel, fault.line, fault.column, fault.code, fault.message)


def _header(number: int, line: str) -> list[Cell]:
    found = cells(number, line)
    seen: set[str] = set()
    for cell in found:
        name = cell.text.strip()
        if name not in COLUMNS:
            raise CsvFault(cell.line, cell.column, "bad-header", _unknown_column(name))
        if name in seen:
            raise CsvFault(
                cell.line, cell.column, "bad-header", f"the column '{name}' is named twice"
            )
        seen.add(name)
    fixed = [Cell(c.text.strip(), c.line, c.column) for c in found]
    ratio = {"numerator", "denominator"} & seen
    missing = [
        name
        for name, needed in (
            ("period", True),
            ("value", not ratio),
            ("numerator", bool(ratio)),
            ("denominator", bool(ratio)),
        )
        if needed and name not in seen
    ]
    if missing:
        raise CsvFault(
            number,
            len(line) + 1,
            "bad-header",
            f"the header has no {listing(missing)} column; the first line names the columns,"
            " like period,value (or period,numerator,denominator for a ratio)",
        )
    return fixed


def _unknown_column(name: str) -> str:
    if not name:
        return "a column has no name; name each column: period, value and optionally note"
    shown = name if len(name) <= 40 else name[:40] + "..."
    close = close_matches(name.lower(), COLUMNS)
    guess = f" (did you mean '{close[0]}'?)" if close else ""
    return (
        f"unknown column '{shown}'{guess}; a series file's columns are {listing(COLUMNS)},"
        " in lower case (to load a spreadsheet's export with other columns, use"
        " `icp-obj readings import`)"
    )


def _row(header: list[Cell], number: int, line: str) -> SeriesRow:
    found = cells(number, line)
    if len(found) != len(header):
        extra = found[len(header)] if len(found) > len(header) else None
        raise CsvFault(
            number,
            extra.column if extra else len(line) + 1,
            "ragged-row",
            f"this row has {len(found)} value{'s' if len(found) != 1 else ''} but the header"
            f" has {len(header)} columns ({','.join(c.text for c in header)}); a number or note"
            ' with a comma in it goes in quotes, like "1,234"',
        )
    return row_of({column.text: cell for column, cell in zip(header, found, strict=True)}, number)


def row_of(by_name: Mapping[str, Cell], number: int) -> SeriesRow:
    """The reading of line `number`, from its cells by column name (`period` and `value` or
    `numerator` and `denominator`, and any of the others), or a CsvFault at what is wrong."""
    period = by_name["period"]
    if not period.text.strip():
        raise CsvFault(number, period.column, "missing-value", "this row has no period")
    numbers: dict[str, float | None] = {
        name: _number(by_name[name])
        for name in ("value", "numerator", "denominator")
        if name in by_name
    }
    _check_ratio(by_name, numbers, number)
    qualifier = by_name.get("qualifier")
    if qualifier is not None and qualifier.text.strip() not in ("", *QUALIFIERS):
        raise CsvFault(
            number,
            qualifier.column,
            "bad-choice",
            f"'{qualifier.text}' is not a qualifier; use one of {listing(QUALIFIERS, last=', ')},"
            " or leave it empty",
        )
    note = by_name.get("note")
    return SeriesRow(
        line=number,
        period=" ".join(period.text.split()),
        value=numbers.get("value"),
        numerator=numbers.get("numerator"),
        denominator=numbers.get("denominator"),
        qualifier=(qualifier.text.strip() or None) if qualifier else None,
        note=(note.text.strip() or None) if note else None,
        columns={name: cell.column for name, cell in by_name.items()},
    )


def _check_ratio(
    by_name: Mapping[str, Cell], numbers: dict[str, float | None], number: int
) -> None:
    """A row gives a value, or a numerator and a denominator (more than 0), or all three in
    agreement."""
    value, top, bottom = (numbers.get(n) for n in ("value", "numerator", "denominator"))
    if "numerator" in by_name and (top is None) != (bottom is None):
        empty = by_name["numerator" if top is None else "denominator"]
        raise CsvFault(
            number,
            empty.column,
            "missing-value",
            "a ratio needs both its numerator and its denominator; give both, or neither",
        )
    if bottom is not None and bottom == 0:
        cell = by_name["denominator"]
        raise CsvFault(
            number,
            cell.column,
            "zero-denominator",
            "the denominator is 0, so there is no percentage; give the number counted (more"
            " than 0), or leave the row out",
        )
    for name in ("numerator", "denominator"):
        given = numbers.get(name)
        if given is not None and given < 0:
            cell = by_name[name]
            raise CsvFault(number, cell.column, "out-of-range", f"the {name} is a count: 0 or more")
    if value is None and top is None:
        cell = by_name.get("value") or by_name["numerator"]
        raise CsvFault(
            number,
            cell.column,
            "missing-value",
            "this row has no value; give a number, or leave the row out",
        )
    if value is not None and top is not None and bottom:
        share = 100 * top / bottom
        if abs(value - share) > 0.5:
            raise CsvFault(
                number,
                by_name["value"].column,
                "ratio-mismatch",
                f"the value {value:g} does not agree with {top:g} of {bottom:g}"
                f" ({share:.1f}%); give the percentage, or leave the value empty",
            )


def _number(cell: Cell) -> float | None:
    """The number a cell holds, None when it is empty, or a CsvFault saying how to write it."""
    text = cell.text.strip()
    if not text:
        return None
    if len(text) <= _LONGEST_NUMBER and (_PLAIN.match(text) or _GROUPED.match(text)):
        value = float(text.replace(",", ""))
        if math.isfinite(value):
            return value
    shown = text if len(text) <= 40 else text[:40] + "..."
    unit = next((char for char in _UNITS if char in text), None)
    if unit is not None:
        digits = text.replace(unit, "").strip()
        message = (
            f"'{shown}' has the unit in it; write the number alone ({digits}) and give the"
            f' measure its unit in the objective file (unit: "{unit}")'
        )
    else:
        message = (
            f"'{shown}' is not a number; write digits, with a sign or a decimal point if need"
            ' be (72, -3, 97.5; thousands with commas only inside quotes: "1,234")'
        )
    raise CsvFault(cell.line, cell.column, "not-a-number", message)
