"""A located problem in a data file, and the formats that print a list of them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from enum import StrEnum

from icp_objectives.domain.wording import count, visible


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with the place to fix it (line and column count from 1)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # A message quotes the data, and a path may be any name git carries: both are shown
        # on one line, with nothing in them that can act on a terminal or a workflow log.
        object.__setattr__(self, "path", visible(self.path))
        object.__setattr__(self, "message", visible(self.message))

    def text(self) -> str:
        place = f"{self.path}:{self.line}:{self.column}"
        return f"{place}: {self.severity.value} {self.code}: {self.message}"

    def github(self, prefix: str = "") -> str:
        """A workflow annotation; `prefix` leads from the top of the checkout to the repository."""
        title = f"icp-obj {self.code}"
        return (
            f"::{self.severity.value} file={_escape_property(prefix + self.path)},line={self.line},"
            f"col={self.column},title={_escape_property(title)}::{_escape_data(self.message)}"
        )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


FORMATS = ("text", "json", "github")


def render(problems: Iterable[Problem], fmt: str, prefix: str = "") -> str:
    """All problems, sorted by file and position, in one of FORMATS.

    `prefix` (like "data/") is put before each path in GitHub annotations, which name files
    from the top of the checkout.
    """
    ordered = sorted(problems)
    if fmt == "json":
        rows = [asdict(p) | {"severity": p.severity.value} for p in ordered]
        return json.dumps({"problems": rows, "count": len(rows)}, indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.github(prefix) for p in ordered)
    return "\n".join(p.text() for p in ordered)


def counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """How many of the problems are errors, and how many warnings."""
    severities = [p.severity for p in problems]
    errors = severities.count(Severity.ERROR)
    return errors, len(severities) - errors


def summary(problems: list[Problem], files: int) -> str:
    """The last line of `validate`: how many problems, in how many of the files checked.

    A problem may be at a place that is no file checked (a missing partnership file, a folder
    that cannot be listed), so the files with problems can outnumber the files checked.
    """
    checked = f"{count(files, 'file', none='No' if not problems else 'no')} checked"
    if not problems:
        return f"{checked}: no problems."
    found = problem_count(problems)
    touched = len({p.path for p in problems})
    if touched > files:
        return f"{found}; {checked}."
    return f"{found} in {touched} of {count(files, 'file', none='0')} checked."


def problem_count(problems: Iterable[Problem]) -> str:
    """'1 error', '2 errors and 1 warning', '3 warnings'; 'no problems' for none."""
    errors, warnings = counts(problems)
    parts = [count(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n]
    return " and ".join(parts) or "no problems"


def only_under(problems: Iterable[Problem], folders: Iterable[str]) -> list[Problem]:
    """The problems in the given files or folders (paths relative to the repository, `/`-separated).

    No folders, or the repository itself (`.`), keeps every problem.
    """
    wanted = [f.strip("/") for f in folders]
    if not wanted or any(w in {".", ""} for w in wanted):
        return list(problems)
    return [p for p in problems if any(p.path == w or p.path.startswith(w + "/") for w in wanted)]


def new_since(before: Iterable[Problem], after: Iterable[Problem]) -> list[Problem]:
    """The problems of `after` that `before` did not have (the same file, code and message;
    an edit elsewhere in the file may move an old problem's line)."""
    known = {(p.path, p.code, p.message) for p in before}
    return [p for p in after if (p.path, p.code, p.message) not in known]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


MORE = "more-problems"  # the code of a problem standing for those of a file not listed
MOST_CHECKED = 1_000  # of one file's problems that the cross-file rules find: then they stop
STOPPED = f"checking this file stopped after {MOST_CHECKED:,} problems; fix those and run again"


def at_most(found: Iterable[Problem], limit: int = MOST_CHECKED) -> Iterator[Problem]:
    """The first `limit` of one file's problems, and then, when there are more, one standing
    for the rest (code more-problems, message STOPPED) at the next: finding and placing each
    problem costs, and a file with 100,000 of them is answered in a second."""
    for number, problem in enumerate(found):
        if number == limit:
            yield replace(problem, code=MORE, message=STOPPED)
            return
        yield problem
