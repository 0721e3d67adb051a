"""Whether a quarter's paper is ready to go to the board: the cover fields a board needs are
filled in and every breakthrough objective has its update. Pure: warnings, each located where
the fix goes; `report` prints them (and `--strict` refuses to write the paper while any remain).

Example text left from `new-quarter` is found by `validate` (`placeholder-text`), whose
warnings `report` prints with these.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from icp_objectives.domain.model import QuarterReport
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.load.loaded import REPORT_FILE, Loaded, Repository, Source, quarter_folder

# The cover fields without which a board secretary would not send the paper, and what to write.
REQUIRED = {
    "meeting": "the meeting the paper goes to, like 'meeting: {board}'",
    "date": "the meeting's date, as 'date: YYYY-MM-DD'",
    "author": "who wrote the paper, like 'author: A. Name, ICP programme manager'",
    "purpose": "why the board gets it: 'purpose: decision', assurance, discussion or information",
    "recommendation": "what the board is asked to do, like 'recommendation: The Board is asked"
    " to note the update'",
    "session": "whether it goes to the meeting in public or in private: 'session: public' or"
    " 'session: private'",
}
ORDER = tuple(QuarterReport.model_fields)  # where each key goes: the order new-quarter writes


def warnings(repo: Repository, quarter: Quarter) -> list[Problem]:
    """Every reason the quarter's paper is not ready yet, as located warnings."""
    data = repo.quarters.get(quarter)
    report = data.report if data else None
    board = repo.partnership.model.board if repo.partnership else "Partnership Board"
    found = list(_cover(report, quarter, board) if report else [_no_report(quarter)])
    found += _missing_updates(repo, quarter)
    return found


def _no_report(quarter: Quarter) -> Problem:
    return Problem(
        f"{quarter_folder(quarter)}/{REPORT_FILE}",
        1,
        1,
        "cover-field-missing",
        f"{quarter.label} has no {REPORT_FILE}, so the cover sheet names only the partnership"
        f' and the period; run `icp-obj new-quarter "{quarter.label}"` and fill it in',
        Severity.WARNING,
    )


def _cover(report: Loaded[QuarterReport], quarter: Quarter, board: str) -> Iterator[Problem]:
    source, model = report.source, report.model
    written = model.model_fields_set
    for name, pattern in REQUIRED.items():
        hint = pattern.replace("{board}", board)
        if getattr(model, name) is not None:
            continue
        if name in written:  # the key is there with nothing after it
            message = f"'{name}' is empty, and the cover sheet needs it: write {hint}"
            yield source.problem([name], "cover-field-missing", message, severity=Severity.WARNING)
            continue
        line, column = _where_it_goes(source, name, written)
        message = f"the cover sheet has no '{name}' for {quarter.label}: add {hint}"
        yield Problem(source.rel, line, column, "cover-field-missing", message, Severity.WARNING)


def _where_it_goes(source: Source, name: str, written: set[str]) -> tuple[int, int]:
    """The place a missing key goes: new-quarter's commented prompt for it, when that is
    still there; else the line after the nearest key that comes before it."""
    prompt = re.search(rf"^#[ \t]*{re.escape(name)}[ \t]*:", source.text, re.MULTILINE)
    if prompt is not None:
        return source.line_and_column(prompt.start())
    before = ORDER[: ORDER.index(name)]
    for key in reversed(before):
        if key in written and (line := source.line_after(key)) is not None:
            return line, 1
    return 1, 1  # nothing comes before it: the top of the file


def _missing_updates(repo: Repository, quarter: Quarter) -> Iterator[Problem]:
    """Each breakthrough objective with no update; an objective with none under it needs one
    on the objective itself."""
    data = repo.quarters.get(quarter)
    covered = {t for _, entry in data.entries() for t in entry.targets} if data else set()
    terms = repo.terms
    for loaded in sorted(repo.objectives, key=lambda o: o.model.id):
        objective = loaded.model
        parts: list[tuple[list[str | int], str, str, str]] = [
            (["breakthroughs", i], terms.breakthrough, b.id, b.short_title or b.title)
            for i, b in enumerate(objective.breakthroughs)
        ]
        if not parts:
            parts = [(["id"], terms.objective, str(objective.id), objective.title)]
        for path, word, key, name in parts:
            if key in covered:
                continue
            yield loaded.source.problem(
                path,
                "no-update",
                f"{word} {key} ({name}) has no update for"
                f" {quarter.label}, so the paper says none was received; add one with"
                f' `icp-obj update {key} --quarter "{quarter.label}"`',
                severity=Severity.WARNING,
            )
