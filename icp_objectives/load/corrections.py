"""Corrections to papers already presented, and which later paper lists each one. Pure.

A paper lists the corrections to earlier quarters dated after the last earlier paper was
presented, and no later than its own presentation if it has been presented: so each correction
appears in exactly one paper, the first to go to the board after it was made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.wording import long_date
from icp_objectives.load.loaded import Repository


@dataclass(frozen=True)
class CorrectionRow:
    quarter: str
    covers: str
    reason: str
    date: str


def listed_in(repo: Repository, quarter: Quarter) -> tuple[CorrectionRow, ...]:
    """The corrections the paper for `quarter` must list, oldest quarter first."""
    earlier = sorted(q for q in repo.quarters if q < quarter)
    after = max((d for q in earlier if (d := _presented(repo, q)) is not None), default=None)
    until = _presented(repo, quarter)
    rows = []
    for corrected in earlier:
        entries = sorted(repo.quarters[corrected].entries(), key=lambda found: int(found[0]))
        for _, entry in entries:
            correction = entry.correction
            if correction is None:
                continue
            if after is not None and correction.date <= after:
                continue
            if until is not None and correction.date > until:
                continue
            rows.append(
                CorrectionRow(
                    corrected.label,
                    " and ".join(entry.targets),
                    correction.reason,
                    long_date(correction.date),
                )
            )
    return tuple(rows)


def _presented(repo: Repository, quarter: Quarter) -> dt.date | None:
    return repo.quarters[quarter].presented.date
