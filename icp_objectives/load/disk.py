"""Finds the objectives repository, discovers its files and loads each one on its own."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from icp_objectives.domain.model import (
    Objective,
    Outcomes,
    Partnership,
    QuarterReport,
    QuarterUpdates,
)
from icp_objectives.domain.periods import FinancialYear, PeriodError, Quarter, parse_year
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.domain.progress import Step, quiet
from icp_objectives.domain.wording import count
from icp_objectives.load import bounded, series_csv, snapshot, status_words
from icp_objectives.load.bounded import Refusal
from icp_objectives.load.loaded import (
    DATA_DIR,
    OUTCOMES_FILE,
    PARTNERSHIP_FILE,
    REPORT_FILES,
    SERIES_PATH,
    UPDATES_DIR,
    UPDATES_FILE,
    Loaded,
    Parsed,
    QuarterData,
    Repository,
    Sniff,
    Unfit,
    is_catalog_file,
    is_data_name,
    is_outcomes_file,
    is_partnership_file,
    is_series_path,
)
from icp_objectives.load.memo import remembered
from icp_objectives.load.parse import read_once
from icp_objectives.load.series_csv import SERIES_SUFFIX, measure_of

_YEAR_DIR = re.compile(r"^\d{4}-\d{2}$")
_QUARTER_DIR = re.compile(r"^Q[1-4]$")
M = TypeVar("M", bound=BaseModel)


def data_files(root: Path) -> list[Path]:
    """Every YAML file under objectives/, in a stable order."""
    return [path for path in all_files(root) if is_data_name(path.name)]


def all_files(root: Path) -> list[Path]:
    """Every file under objectives/ but hidden ones (and folders), in a stable order."""
    return bounded.walk(root / DATA_DIR, bounded.home(root, DATA_DIR)).files


_SYSTEM_FILES = {"thumbs.db", "desktop.ini"}  # written by Windows Explorer, never by people
_YAML_IN_NAME = re.compile(r"(?i)\.(ya?ml)")


def stray_problem(rel: str, siblings: Iterable[str] = ()) -> Problem | None:
    """What is wrong with a file under objectives/ that is not read as data, or None for one
    that Windows or Office writes on its own. `siblings` are the names of the files beside it.

    A name that says YAML but does not end in exactly .yaml or .yml (Notepad's
    `objective-1.yaml.txt`, `objective-1.YAML`) is an error: the edits in it would be lost
    without a word. Any other file is a warning that it is not read.
    """
    name = rel.rsplit("/", 1)[-1]
    if name.lower() in _SYSTEM_FILES or name.startswith("~$"):
        return None
    match = _YAML_IN_NAME.search(name)
    if match is None and name.lower().endswith(SERIES_SUFFIX):
        return Problem(
            rel,
            1,
            1,
            "unread-file",
            f"'{name}' is not read: a measure's readings go in"
            f" {SERIES_PATH}/<measure-id>{SERIES_SUFFIX} (the suffix in lower case)",
            Severity.WARNING,
        )
    if match is None:
        return Problem(
            rel,
            1,
            1,
            "unread-file",
            f"'{name}' is not read: the paper is built from the .yaml files alone; write what"
            " it says into the quarter's objective-<n>.yaml, and keep other documents outside"
            f" {DATA_DIR}/",
            Severity.WARNING,
        )
    meant = name[: match.start()] + "." + match[1].lower()
    why = f"'{name}' is not read: only names ending in .yaml or .yml are data files"
    if meant in siblings:
        fix = (
            f"; {meant} is next to it: if this file holds the latest edits, replace {meant}"
            " with it, otherwise delete it"
        )
    else:
        fix = f"; rename it {meant}"
        if name.lower().endswith(".txt"):
            fix += " (Notepad adds .txt: in Save As, choose 'All files' as the type)"
    return Problem(rel, 1, 1, "unknown-file", why + fix)


def load(
    root: Path,
    files: Iterable[Path] | None = None,
    overrides: Mapping[Path, bytes | Refusal] | None = None,
    progress: Step = quiet,
) -> Repository:
    """Read every data file; a bad file is reported and the rest are still read.

    `progress` is told of each file as it is read (see domain/progress).

    `overrides` gives the text of files as they would be after an edit, read instead of the
    disk (a file that does not exist yet is added), so an edit is checked before it is written;
    or, for a file read from git, why it was refused.
    """
    if files is None:
        return _from(snapshot.take(root, overrides), progress=progress)
    paths = sorted({*files, *(overrides or {})})
    return _loaded(Repository(root=root), paths, overrides or {}, progress=progress)


Wanted = Callable[[Quarter], bool]


def loaded(
    taken: snapshot.Snapshot, updates_of: Wanted | None = None, progress: Step = quiet
) -> Repository:
    """The repository from the files a snapshot holds, as `load` reads it.

    With `updates_of`, only the quarters it accepts have their updates files parsed; every
    quarter's folder and report.yaml are still there (which quarter is meant needs them).
    """
    return _from(taken, updates_of, progress)


Choose = Callable[[Repository], Iterable[Quarter]]


def for_quarters(taken: snapshot.Snapshot, choose: Choose) -> tuple[Repository, frozenset[Quarter]]:
    """The repository with only the updates of the quarters `choose` names read, and those
    quarters. `choose` is given the repository with no updates read (every quarter's folder
    and report.yaml are there, which is what choosing a quarter takes); the files are parsed
    once (`parse.read_once`)."""
    wanted = frozenset(choose(_from(taken, lambda quarter: False)))
    return _from(taken, wanted.__contains__), wanted


def _from(
    taken: snapshot.Snapshot, updates_of: Wanted | None = None, progress: Step = quiet
) -> Repository:
    repo = Repository(root=taken.root, problems=list(taken.problems))
    return _loaded(repo, taken.paths, taken.contents, updates_of, progress)


def _loaded(
    repo: Repository,
    paths: list[Path],
    overrides: Mapping[Path, bytes | Refusal],
    updates_of: Wanted | None = None,
    progress: Step = quiet,
) -> Repository:
    root = repo.root
    siblings: dict[Path, set[str]] = {}
    for path in paths:
        siblings.setdefault(path.parent, set()).add(path.name)
    misnamed: dict[str, tuple[str, list[str]]] = {}
    for number, path in enumerate(paths, 1):
        rel = _relative(path, root)
        progress(rel, number, len(paths))
        repo.files += 1
        if is_series_path(rel) and path.suffix == SERIES_SUFFIX:
            _load_series(repo, path, overrides.get(path), rel)
            continue
        if not is_data_name(path.name):
            stray = stray_problem(rel, siblings[path.parent])
            if stray is None:
                repo.files -= 1
            else:
                repo.problems.append(stray)
            continue
        _load_one(repo, path, overrides.get(path), misnamed, updates_of, rel)
    for why, rels in misnamed.values():
        others = len(rels) - 1
        unread = (
            f" (this file and {count(others, 'other')} in it are not checked until it is renamed)"
            if others
            else " (this file is not checked until it is renamed)"
        )
        repo.problems.append(Problem(rels[0], 1, 1, "bad-folder", why + unread))
    status_words.as_ids(repo)
    return repo


def _load_one(
    repo: Repository,
    path: Path,
    override: bytes | Refusal | None = None,
    misnamed: dict[str, tuple[str, list[str]]] | None = None,
    updates_of: Wanted | None = None,
    rel: str = "",
) -> None:
    misnamed = {} if misnamed is None else misnamed
    rel = rel or _relative(path, repo.root)
    parts = tuple(rel.split("/")[1:])
    data = _read_file(repo, path) if override is None else override
    if isinstance(data, Refusal):
        repo.problems.append(Problem(rel, 1, 1, data.code, data.message))
        if is_partnership_file(rel):
            repo.unfit_partnership = Unfit(rel)
        elif is_outcomes_file(rel):
            repo.unfit_outcomes = Unfit(rel)
        elif is_catalog_file(rel):
            repo.unfit_objectives.append(Unfit(rel))
        elif len(parts) == 4 and parts[0] == UPDATES_DIR:
            _load_quarter_file(repo, rel, parts, None, misnamed, updates_of)
        return
    repo.contents[rel] = data
    if is_partnership_file(rel):
        partnership = _read(rel, data, Partnership)
        repo.partnership = _take(repo, partnership)
        repo.unfit_partnership = partnership.unfit
    elif is_outcomes_file(rel):
        outcomes = _read(rel, data, Outcomes, sniff=_not_outcomes)
        repo.outcomes = _take(repo, outcomes)
        repo.unfit_outcomes = outcomes.unfit
    elif is_catalog_file(rel):
        objective = _read(rel, data, Objective, sniff=_not_an_objective)
        loaded = _take(repo, objective)
        if loaded:
            repo.objectives.append(loaded)
        if objective.unfit:
            repo.unfit_objectives.append(objective.unfit)
    elif len(parts) == 4 and parts[0] == UPDATES_DIR:
        _load_quarter_file(repo, rel, parts, data, misnamed, updates_of)
    else:
        repo.problems.append(Problem(rel, 1, 1, "unknown-file", _misplaced(parts)))


def _read_file(repo: Repository, path: Path) -> bytes | Refusal:
    return snapshot.read_file(bounded.home(repo.root, DATA_DIR), path)


def _relative(path: Path, root: Path) -> str:
    """`path`, which is under `root`, relative to it with forward slashes: a thousand files'
    worth of `Path.relative_to` is a noticeable part of reading a long history."""
    whole, base = path.as_posix(), root.as_posix().rstrip("/")
    if whole.startswith(base + "/"):
        return whole[len(base) + 1 :]
    return path.relative_to(root).as_posix()


def _load_series(
    repo: Repository, path: Path, override: bytes | Refusal | None, rel: str = ""
) -> None:
    """Read a series file, objectives/measures/<measure-id>.csv, like any data file."""
    rel = rel or _relative(path, repo.root)
    measure = measure_of(path.name)
    if measure is None:
        repo.problems.append(
            Problem(
                rel,
                1,
                1,
                "unknown-file",
                f"'{path.name}' is not named after a measure; name a series file after its"
                " measure's id (lower-case letters, digits and hyphens), like dta-delays.csv",
            )
        )
        return
    data = _read_file(repo, path) if override is None else override
    if isinstance(data, Refusal):
        repo.problems.append(Problem(rel, 1, 1, data.code, data.message))
        return
    repo.contents[rel] = data
    series, problems = remembered(("series", rel, data), lambda: series_csv.parse(rel, data))
    repo.problems.extend(problems)
    if series is not None:
        repo.series[measure] = series


def _load_quarter_file(
    repo: Repository,
    rel: str,
    parts: tuple[str, ...],
    data: bytes | None,
    misnamed: dict[str, tuple[str, list[str]]],
    updates_of: Wanted | None = None,
) -> None:
    """Read a file of a quarter's folder (`data` None: it could not be read); a folder that
    names no quarter is noted in `misnamed` (folder: why, files), to be reported once; an
    updates file of a quarter `updates_of` refuses is left unparsed."""
    _, year_dir, quarter_dir, name = parts
    quarter = _folder_quarter(year_dir, quarter_dir)
    if isinstance(quarter, str):
        bad = year_dir if quarter.startswith(f"the folder '{year_dir}'") else quarter_dir
        folder = "/".join(rel.split("/")[: 3 if bad == year_dir else 4])
        misnamed.setdefault(folder, (quarter, []))[1].append(rel)
        return
    slot = repo.quarters.setdefault(quarter, QuarterData(quarter, f"{year_dir}/{quarter_dir}"))
    if name in REPORT_FILES:
        report = _read_quarter_file(rel, data, QuarterReport)
        slot.report = _take(repo, report)
        slot.unfit_report = report.unfit
        return
    match = UPDATES_FILE.match(name)
    if not match:
        repo.problems.append(Problem(rel, 1, 1, "unknown-file", _not_a_quarter_file(name)))
        return
    if updates_of is not None and not updates_of(quarter):
        return
    outcome = _read_quarter_file(rel, data, QuarterUpdates)
    loaded = _take(repo, outcome)
    if loaded:
        slot.updates[match["n"]] = loaded
    if outcome.unfit:
        slot.unfit_updates[match["n"]] = outcome.unfit


def _read_quarter_file(rel: str, data: bytes | None, kind: type[M]) -> Parsed[M]:
    return Parsed(unfit=Unfit(rel)) if data is None else _read(rel, data, kind)


def _read(rel: str, data: bytes, kind: type[M], sniff: Sniff | None = None) -> Parsed[M]:
    return read_once(rel, data, kind, sniff)


def _not_a_quarter_file(name: str) -> str:
    number = re.search(r"[0-9]+", name)
    if number and int(number[0]) and re.match(r"(?i)^objective", name):
        return (
            f"'{name}' is not a quarter file name; name it objective-{int(number[0])}.yaml"
            " (objective-<number>.yaml, the number without leading zeros)"
        )
    return (
        f"'{name}' is not a quarter file; name it objective-<number>.yaml"
        " (for example objective-2.yaml) or report.yaml"
    )


@lru_cache(maxsize=4096)
def _folder_quarter(year_dir: str, quarter_dir: str) -> Quarter | str:
    """The quarter a folder names, or a message saying why it names none (once per folder:
    each of its files asks)."""
    if not _YEAR_DIR.match(year_dir):
        return (
            f"the folder '{year_dir}' is not a financial year; name it like 2020-21"
            " (objectives/updates/2020-21/Q1/)"
        )
    try:
        year: FinancialYear = parse_year(year_dir)
    except PeriodError:
        start = int(year_dir[:4])
        if not 1900 <= start <= 2199:
            return f"the folder '{year_dir}' is outside the years this tool accepts (1900 to 2199)"
        return (
            f"the folder '{year_dir}' is not a financial year: the second year must follow"
            f" the first; name it {start}-{(start + 1) % 100:02d}"
        )
    if not _QUARTER_DIR.match(quarter_dir):
        return f"the folder '{quarter_dir}' is not a quarter; name it Q1, Q2, Q3 or Q4"
    return Quarter(year, int(quarter_dir[1]))


def _not_outcomes(raw: object) -> str | None:
    """An objective file named outcomes.yaml (before the summary had that name) is one."""
    if isinstance(raw, dict) and "breakthroughs" in raw and "programmes" not in raw:
        return (
            f"objectives/{OUTCOMES_FILE} is the outcomes summary, but this is an objective"
            " file; rename it <number>-outcomes.yaml (like 6-outcomes.yaml)"
        )
    return None


def _not_an_objective(raw: object) -> str | None:
    """A quarter's file dropped straight into objectives/ is common; say where it goes."""
    if not isinstance(raw, dict) or "breakthroughs" in raw:
        return None
    if "programmes" in raw:
        return f"this is the outcomes summary; name it objectives/{OUTCOMES_FILE}"
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


def _take(repo: Repository, outcome: Parsed[M]) -> Loaded[M] | None:
    repo.problems.extend(outcome.problems)
    return outcome.loaded
