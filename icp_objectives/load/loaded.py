"""The loaded repository and its files, and where each kind of file lives. Reads nothing.

The checks, the paper and the review work on these; only `disk` and `revisions` make them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from icp_objectives import yamlio
from icp_objectives.domain.model import (
    Entry,
    Objective,
    Outcomes,
    Partnership,
    QuarterReport,
    QuarterUpdates,
    Rating,
)
from icp_objectives.domain.partnership import Terms
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.load.series_csv import SERIES_DIR, SeriesFile
from icp_objectives.load.snapshot import DATA_DIR as DATA_DIR
from icp_objectives.load.snapshot import YAML_SUFFIXES as YAML_SUFFIXES

M = TypeVar("M", bound=BaseModel)

UPDATES_DIR = "updates"
UPDATES_PATH = f"{DATA_DIR}/{UPDATES_DIR}"  # relative to the repository root
PARTNERSHIP_FILE = "partnership.yaml"
OUTCOMES_FILE = "outcomes.yaml"  # the outcomes and impacts summary
REPORT_FILE = "report.yaml"
REPORT_FILES = (REPORT_FILE, "report.yml")  # the name new ones get, and the other accepted
UPDATES_FILE = re.compile(r"^objective-(?P<n>[1-9][0-9]?)\.ya?ml$")
# The number an objective file's name may start with (02-housing.yaml): that objective's.
OBJECTIVE_FILE_NUMBER = re.compile(r"^(?P<n>[1-9][0-9]?)[-_.]")


@dataclass
class Source:
    """A file's text and where it lives, able to say where any node of it sits."""

    rel: str
    written: str | bytes  # the text, or the file's bytes, decoded when first asked for
    nodes: Any = field(default=None, repr=False, compare=False)  # the reader's node tree

    @cached_property
    def text(self) -> str:
        """The file's text. A file read cleanly keeps only its bytes (the repository holds
        them anyway), so that a long history does not hold every text as well."""
        written = self.written
        return written if isinstance(written, str) else written.decode("utf-8-sig")

    @cached_property
    def _places(self) -> yamlio.Places:
        return yamlio.Places(self.text, self.nodes)

    def position(self, path: Sequence[yamlio.PathItem], *, at_key: bool = False) -> tuple[int, int]:
        return self._places.locate(path, at_key=at_key)

    def line_after(self, key: str) -> int | None:
        """The line after a top-level key's value, where a key written next would go."""
        return self._places.line_after(key)

    def find_in_value(self, path: Sequence[yamlio.PathItem], needle: str, start: int = 0) -> int:
        """Where `needle` is first written, from index `start`, in the scalar at `path`; -1
        when it is not there as written (an escape in quotes, say)."""
        found = yamlio.value_range(self._places.root, path)  # the C reader's tree
        if found is None or not needle:
            return -1
        return self.text.find(needle, max(found[0], start), found[1])

    def line_and_column(self, index: int) -> tuple[int, int]:
        """The line and column (from 1) of a character of the text."""
        return yamlio.place(self.text, index)

    def text_line(self, path: Sequence[yamlio.PathItem], offset: int) -> tuple[int, int]:
        """Where line `offset` (from 0) of the text at `path` is written.

        Exact for a `|` block, whose lines are the text's own; otherwise where the text starts.
        """
        line, column = self.position(path)
        if not self._places.is_literal_block(path):
            return line, column
        lines = self.text.splitlines()
        line += 1 + offset
        written = lines[line - 1] if line <= len(lines) else ""
        return line, len(written) - len(written.lstrip(" ")) + 1

    def problem(
        self,
        path: Sequence[yamlio.PathItem],
        code: str,
        message: str,
        *,
        at_key: bool = False,
        severity: Severity = Severity.ERROR,
        text_line: int | None = None,
    ) -> Problem:
        """A problem at the node at `path`, or at line `text_line` of the text there."""
        if text_line is None:
            line, column = self.position(path, at_key=at_key)
        else:
            line, column = self.text_line(path, text_line)
        return Problem(self.rel, line, column, code, message, severity)


@dataclass
class Loaded(Generic[M]):
    """A file that parsed and fitted its model."""

    source: Source
    model: M


@dataclass
class Unfit:
    """A file of a known kind that did not load: what could be read of it, for the checks
    that can still use part of it. `source` is None when the file is not readable YAML."""

    rel: str
    source: Source | None = None
    raw: Any = None


@dataclass
class Parsed(Generic[M]):
    """What reading one file gave: its model, or what could be read of it, and its problems."""

    loaded: Loaded[M] | None = None
    problems: list[Problem] = field(default_factory=list)
    unfit: Unfit | None = None  # set when the file is of the kind asked for but did not load


Sniff = Callable[[Any], str | None]


@dataclass(frozen=True)
class PresentedMark:
    """Whether a quarter's paper was presented to the board, as its report.yaml says: the one
    answer the files give (what git recorded is `as_presented.presented`).

    Each use reads it its own way: `date` where only a real date counts (the paper, its
    corrections, diff's LOCKED), `may_be` where a report.yaml that did not load might say so
    (the lock's warnings), `unknown` and `written` where an edit must know (update).
    """

    rel: str | None = None  # the report.yaml; None when the quarter has none
    fitted: bool = False  # whether it loaded
    mapping: bool = False  # whether it read as a YAML mapping (always so when it loaded)
    given: bool = False  # whether it has a `presented` key
    written: object = None  # what that key holds, as read: a date, normally

    @classmethod
    def of(cls, report: Loaded[QuarterReport] | None, unfit: Unfit | None) -> PresentedMark:
        if report is not None:
            when = report.model.presented
            return cls(report.source.rel, True, True, when is not None, when)
        if unfit is None:
            return cls()  # no report.yaml: nothing has been presented
        raw = unfit.raw
        if not isinstance(raw, dict):
            return cls(unfit.rel)
        return cls(unfit.rel, False, True, "presented" in raw, raw.get("presented"))

    @property
    def date(self) -> dt.date | None:
        """The date a report.yaml that loaded records; None otherwise."""
        return self.written if self.fitted and isinstance(self.written, dt.date) else None

    @property
    def may_be(self) -> bool:
        """Whether the paper is, or may be, recorded as presented: its report.yaml says so, or
        did not load and is not known to say otherwise."""
        if self.fitted:
            return self.written is not None
        return self.rel is not None and (not self.mapping or self.given)

    @property
    def unknown(self) -> bool:
        """Whether the report.yaml is there but cannot tell: it does not read as a mapping, or
        its `presented` is no real date (other problems in it do not matter here)."""
        if self.rel is None or self.fitted:
            return False
        return not self.mapping or isinstance(self.written, yamlio.BadDate)


@dataclass
class QuarterData:
    """What one quarter's folder holds: the paper's front matter and each objective's updates."""

    quarter: Quarter
    folder: str
    report: Loaded[QuarterReport] | None = None
    updates: dict[str, Loaded[QuarterUpdates]] = field(default_factory=dict)
    unfit_report: Unfit | None = None
    unfit_updates: dict[str, Unfit] = field(default_factory=dict)  # by objective number

    @property
    def path(self) -> str:
        """The folder relative to the repository root, as it is named on disk."""
        return f"{UPDATES_PATH}/{self.folder}"

    @property
    def presented(self) -> PresentedMark:
        """What the quarter's report.yaml says under `presented`."""
        return PresentedMark.of(self.report, self.unfit_report)

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """(objective number, entry) of every entry in the files that loaded, file by file."""
        for number, loaded in self.updates.items():
            for entry in loaded.model.entries:
                yield number, entry


@dataclass
class Repository:
    """Everything that loaded, and the problems of everything that did not."""

    root: Path
    partnership: Loaded[Partnership] | None = None
    objectives: list[Loaded[Objective]] = field(default_factory=list)
    quarters: dict[Quarter, QuarterData] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    contents: dict[str, bytes] = field(default_factory=dict)  # each data file's bytes, by path
    unfit_partnership: Unfit | None = None
    unfit_objectives: list[Unfit] = field(default_factory=list)
    # Each series file that could be read, by the measure its name gives (see series_csv).
    series: dict[str, SeriesFile] = field(default_factory=dict)
    outcomes: Loaded[Outcomes] | None = None
    unfit_outcomes: Unfit | None = None
    # What is worked out from the loaded files once and asked for many times (an index of
    # the entries that give readings, say); filled on first use, after loading.
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ratings(self) -> Sequence[Rating]:
        """The rating scale, best first; empty when the partnership file did not load."""
        return self.partnership.model.ratings if self.partnership else []

    @property
    def terms(self) -> Terms:
        """What the partnership calls its levels; the defaults when its file did not load."""
        return self.partnership.model.terms if self.partnership else Terms()


def quarter_folder(quarter: Quarter) -> str:
    """Where a quarter's files go, relative to the root: objectives/updates/2020-21/Q1."""
    return f"{UPDATES_PATH}/{quarter.year.slug}/{quarter.name}"


REPORTS_DIR = "reports"  # where the committed papers are kept, the record of what was presented


def paper_file(quarter: Quarter, suffix: str = ".md") -> str:
    """A quarter's committed paper, relative to the root: reports/2020-21-Q1-board-report.md."""
    return f"{REPORTS_DIR}/{quarter.slug}-board-report{suffix}"


SERIES_PATH = f"{DATA_DIR}/{SERIES_DIR}"


def is_series_path(rel: str) -> bool:
    """Whether a repository-relative path is in objectives/measures/, where series files go."""
    parts = rel.split("/")
    return len(parts) == 3 and f"{parts[0]}/{parts[1]}" == SERIES_PATH


def is_partnership_file(rel: str) -> bool:
    """Whether a repository-relative path is the partnership file."""
    return rel == f"{DATA_DIR}/{PARTNERSHIP_FILE}"


def is_outcomes_file(rel: str) -> bool:
    """Whether a repository-relative path is the outcomes summary."""
    return rel == f"{DATA_DIR}/{OUTCOMES_FILE}"


def is_catalog_file(rel: str) -> bool:
    """Whether a repository-relative path is the partnership, the outcomes summary or an
    objective file: a file directly in objectives/."""
    parts = rel.split("/")
    return len(parts) == 2 and parts[0] == DATA_DIR


def is_objective_file(rel: str) -> bool:
    """Whether a repository-relative path is an objective file."""
    return is_catalog_file(rel) and not is_partnership_file(rel) and not is_outcomes_file(rel)


def is_data_name(name: str) -> bool:
    """Whether a file's name makes it a data file: it ends in exactly .yaml or .yml."""
    return name.endswith(YAML_SUFFIXES)
