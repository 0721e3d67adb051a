"""Which data a paper was built from: a fingerprint of its files and the commit git names. Pure.

A quarter's paper is built from the partnership, the objectives, and the updates of that quarter
and earlier ones (whose corrections it may list); later quarters do not change it, nor does
the outcomes summary (its file, and the series files of the measures only it defines), nor
readings of periods that end after the quarter (a series file's later rows).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from icp_objectives.domain.model import Measure
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.reading_periods import period_or_none
from icp_objectives.load.loaded import (
    DATA_DIR,
    OUTCOMES_FILE,
    REPORT_FILES,
    UPDATES_PATH,
    Repository,
    is_outcomes_file,
    is_series_path,
)
from icp_objectives.load.series_csv import measure_of

LEAD = "Built by icp-obj from "
PRESENTED_LINE = re.compile(rb"(?m)^presented:[^\n]*(\n|$)")
_SENTENCE = re.compile(re.escape(LEAD) + r"[^\n<]*")
_BREAK = re.compile(rb"\r\n|\r|\n")  # as series_csv numbers a file's lines


@dataclass(frozen=True)
class Provenance:
    files: int
    fingerprint: str
    commit: str | None = None
    changed_since_commit: bool = False
    note: str | None = None  # a clause after the rest: what the paper is not, or holds besides

    @property
    def sentence(self) -> str:
        what = f"{LEAD}{self.files} data files in {DATA_DIR}/ (fingerprint {self.fingerprint})"
        if self.commit and self.changed_since_commit:
            what += f", with changes not yet committed after commit {self.commit}"
        elif self.commit:
            what += f", last changed in commit {self.commit}"
        # One line with no markup: the comparison of papers blanks the sentence to its end
        note = (self.note or "").replace("\n", " ").replace("<", "(")
        return f"{what}; {note}." if note else f"{what}."


def without_sentence(text: str) -> str:
    """A paper's text with the provenance sentence blanked.

    Committing a paper changes the commit its footer would name, so two papers that say the
    same are compared without it.
    """
    return _SENTENCE.sub(LEAD, text)


def _folders(repo: Repository, quarter: Quarter) -> list[str]:
    """The update folders of the quarter and the ones before it."""
    return sorted(d.path for q, d in repo.quarters.items() if q <= quarter)


def fingerprint(repo: Repository, quarter: Quarter) -> tuple[int, str]:
    """A short hash of the paths and bytes of the paper's files: same data, same fingerprint.

    A report.yaml's `presented:` line is left out: recording that the paper went to the board
    does not change what it was built from, so the paper rendered again from the data as
    presented has the fingerprint of the paper the board saw.
    """
    wanted = set(_folders(repo, quarter))  # a file's quarter folder: its first four parts
    measures = {m.id: m for o in repo.objectives for b in o.model.breakthroughs for m in b.measures}
    digest = hashlib.sha256()
    count = 0
    for rel, data in sorted(repo.contents.items()):
        if rel.startswith(UPDATES_PATH + "/") and "/".join(rel.split("/", 4)[:4]) not in wanted:
            continue
        if _of_the_summary(repo, rel):
            continue
        if is_series_path(rel):
            data = _up_to(repo, rel, data, measures, quarter)
        count += 1
        if rel.rsplit("/", 1)[-1] in REPORT_FILES:
            data = PRESENTED_LINE.sub(b"", data)
        digest.update(rel.encode() + b"\0" + data + b"\0")
    return count, digest.hexdigest()[:12]


def _up_to(
    repo: Repository, rel: str, data: bytes, measures: dict[str, Measure], quarter: Quarter
) -> bytes:
    """A series file's bytes without the rows of periods that end after the quarter: a month
    added later leaves an older paper's fingerprint alone. The file whole when no row is
    left out (as the fingerprint always read it), or when its rows or measure are not known."""
    measure_id = measure_of(rel.rsplit("/", 1)[-1])
    parsed = repo.series.get(measure_id) if measure_id else None
    measure = measures.get(measure_id) if measure_id else None
    if parsed is None or measure is None:
        return data
    end = quarter.last_day
    late = set()
    for row in parsed.rows:
        period = period_or_none(row.period, measure.frequency)
        if period is not None and period.last_day > end:
            late.add(row.line)
    if not late:
        return data
    lines = _BREAK.split(data)
    return b"\n".join(line for number, line in enumerate(lines, 1) if number not in late)


def _of_the_summary(repo: Repository, rel: str) -> bool:
    """Whether a file is the outcomes summary's alone: the paper shows nothing of it."""
    if is_outcomes_file(rel):
        return True
    if not is_series_path(rel):
        return False
    return measure_of(rel.rsplit("/", 1)[-1]) in _summary_measures(repo)


def _summary_measures(repo: Repository) -> set[str]:
    """The ids of the measures only the outcomes summary defines."""
    if repo.outcomes is None:
        return set()
    return {m.id for p in repo.outcomes.model.programmes for m in p.measures}


def pathspecs(repo: Repository, quarter: Quarter) -> list[str]:
    """The git pathspecs of the paper's files, to ask git which commit last changed them."""
    return [
        f":(glob){DATA_DIR}/*",
        f":(glob){DATA_DIR}/measures/**",
        f":(exclude){DATA_DIR}/{OUTCOMES_FILE}",
        *(
            f":(exclude,literal){DATA_DIR}/measures/{measure}.csv"
            for measure in sorted(_summary_measures(repo))
        ),
        *_folders(repo, quarter),
    ]


def collect(
    repo: Repository, quarter: Quarter, change: tuple[str, bool] | None = None
) -> Provenance:
    """The paper's provenance; `change` is git's last commit of its files and whether they
    have changed since (None outside git)."""
    count, digest = fingerprint(repo, quarter)
    if change is None:
        return Provenance(count, digest)
    return Provenance(count, digest, *change)
