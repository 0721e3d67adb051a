"""Finds the objectives repository, discovers its files and loads each one on its own."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from icp_objectives.model import Objective, Partnership, QuarterReport, QuarterUpdates
from icp_objectives.periods import FinancialYear, PeriodError, Quarter, parse_year
from icp_objectives.problems import Problem
from icp_objectives.sources import Loaded, Outcome, read

DATA_DIR = "objectives"
UPDATES_DIR = "updates"
PARTNERSHIP_FILE = "partnership.yaml"
REPORT_FILE = "report.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
UPDATES_FILE = re.compile(r"^objective-(?P<n>[1-9][0-9]?)\.ya?ml$")
_YEAR_DIR = re.compile(r"^\d{4}-\d{2}$")
_QUARTER_DIR = re.compile(r"^Q[1-4]$")
M = TypeVar("M", bound=BaseModel)


class RootNotFound(Exception):
    """No folder with an objectives/ folder was found."""


def find_root(start: Path) -> Path:
    """The nearest folder, from `start` upwards, that holds an objectives/ folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / DATA_DIR).is_dir():
            return folder
    raise RootNotFound(
        f"no '{DATA_DIR}/' folder in {start} or any folder above it; run this inside an"
        " objectives repository or pass --root DIR"
    )


@dataclass
class QuarterData:
    """What one quarter's folder holds: the paper's front matter and each objective's updates."""

    quarter: Quarter
    folder: str
    report: Loaded[QuarterReport] | None = None
    updates: dict[str, Loaded[QuarterUpdates]] = field(default_factory=dict)


@dataclass
class Repository:
    """Everything that loaded, and the problems of everything that did not."""

    root: Path
    partnership: Loaded[Partnership] | None = None
    objectives: list[Loaded[Objective]] = field(default_factory=list)
    quarters: dict[Quarter, QuarterData] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def data_files(root: Path) -> list[Path]:
    """Every YAML file under objectives/, in a stable order."""
    base = root / DATA_DIR
    found = [
        path
        for path in base.rglob("*")
        if path.suffix in YAML_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(base).parts)
    ]
    return sorted(found)


def load(
    root: Path,
    files: Iterable[Path] | None = None,
    overrides: Mapping[Path, bytes] | None = None,
) -> Repository:
    """Read every data file; a bad file is reported and the rest are still read.

    `overrides` gives the text of files as they would be after an edit, read instead of the
    disk (a file that does not exist yet is added), so an edit is checked before it is written.
    """
    repo = Repository(root=root)
    overrides = overrides or {}
    paths = data_files(root) if files is None else sorted(files)
    paths = sorted({*paths, *overrides})
    for path in paths:
        repo.files += 1
        _load_one(repo, path, overrides.get(path))
    return repo


def _load_one(repo: Repository, path: Path, override: bytes | None = None) -> None:
    rel_path = path.relative_to(repo.root)
    rel = rel_path.as_posix()
    parts = rel_path.parts[1:]
    try:
        data = path.read_bytes() if override is None else override
    except OSError as error:
        repo.problems.append(Problem(rel, 1, 1, "unreadable", f"cannot read the file: {error}"))
        return
    if len(parts) == 1 and parts[0] == PARTNERSHIP_FILE:
        repo.partnership = _take(repo, read(rel, data, Partnership))
    elif len(parts) == 1:
        loaded = _take(repo, read(rel, data, Objective, sniff=_not_an_objective))
        if loaded:
            repo.objectives.append(loaded)
    elif len(parts) == 4 and parts[0] == UPDATES_DIR:
        _load_quarter_file(repo, rel, parts, data)
    else:
        repo.problems.append(Problem(rel, 1, 1, "unknown-file", _misplaced(parts)))


def _load_quarter_file(repo: Repository, rel: str, parts: tuple[str, ...], data: bytes) -> None:
    _, year_dir, quarter_dir, name = parts
    quarter = _folder_quarter(year_dir, quarter_dir)
    if isinstance(quarter, str):
        repo.problems.append(Problem(rel, 1, 1, "bad-folder", quarter))
        return
    slot = repo.quarters.setdefault(quarter, QuarterData(quarter, f"{year_dir}/{quarter_dir}"))
    if name in {REPORT_FILE, "report.yml"}:
        slot.report = _take(repo, read(rel, data, QuarterReport))
        return
    match = UPDATES_FILE.match(name)
    if not match:
        repo.problems.append(
            Problem(
                rel,
                1,
                1,
                "unknown-file",
                f"'{name}' is not a quarter file; name it objective-<number>.yaml"
                " (for example objective-2.yaml) or report.yaml",
            )
        )
        return
    loaded = _take(repo, read(rel, data, QuarterUpdates))
    if loaded:
        slot.updates[match["n"]] = loaded


def _folder_quarter(year_dir: str, quarter_dir: str) -> Quarter | str:
    """The quarter a folder names, or a message saying why it names none."""
    if not _YEAR_DIR.match(year_dir):
        return (
            f"the folder '{year_dir}' is not a financial year; name it like 2020-21"
            " (objectives/updates/2020-21/Q1/)"
        )
    try:
        year: FinancialYear = parse_year(year_dir)
    except PeriodError as error:
        return f"the folder '{year_dir}' is not a financial year: {error}"
    if not _QUARTER_DIR.match(quarter_dir):
        return f"the folder '{quarter_dir}' is not a quarter; name it Q1, Q2, Q3 or Q4"
    return Quarter(year, int(quarter_dir[1]))


def _not_an_objective(raw: object) -> str | None:
    """A quarter's file dropped straight into objectives/ is common; say where it goes."""
    if not isinstance(raw, dict) or "breakthroughs" in raw:
        return None
    if "entries" in raw:
        number = raw.get("objective", "<n>")
        return (
            "this is a quarter's updates file, not an objective; move it to"
            f" objectives/updates/<yyyy-yy>/Q<n>/objective-{number}.yaml"
        )
    if "introduction" in raw:
        return (
            "this is a quarter's report.yaml, not an objective; move it to"
            " objectives/updates/<yyyy-yy>/Q<n>/report.yaml"
        )
    if "ratings" in raw:
        return f"this is the partnership file; name it objectives/{PARTNERSHIP_FILE}"
    return None


def _misplaced(parts: tuple[str, ...]) -> str:
    if parts and parts[0] == UPDATES_DIR:
        return (
            "this file is not where quarter files go; move it to"
            " objectives/updates/<yyyy-yy>/Q<n>/ (for example objectives/updates/2020-21/Q1/)"
        )
    return (
        "this file is none of the known kinds; objective files sit directly in objectives/,"
        " quarterly updates in objectives/updates/<yyyy-yy>/Q<n>/"
    )


def _take(repo: Repository, outcome: Outcome[M]) -> Loaded[M] | None:
    repo.problems.extend(outcome.problems)
    return outcome.loaded
