"""Rules that depend on the date: a paper cannot have been presented after today."""

from __future__ import annotations

import datetime as dt

from icp_objectives.check import rules
from icp_objectives.load import disk
from tests.conftest import MakeRepo

REPORT = """
    title: Quarter 1 update
    presented: 2021-07-20
    introduction: The quarter's update.
    """


def _codes(make_repo: MakeRepo, today: dt.date) -> list[str]:
    repo = disk.load(make_repo({"objectives/updates/2020-21/Q1/report.yaml": REPORT}))
    return [p.code for p in rules.check(repo, today=today)]


def test_presented_today_is_fine_and_tomorrow_is_not(make_repo: MakeRepo) -> None:
    assert _codes(make_repo, dt.date(2021, 7, 20)) == []
    assert _codes(make_repo, dt.date(2021, 7, 19)) == ["presented-in-future"]


def test_today_is_the_latest_date_anywhere() -> None:
    utc = dt.datetime.now(dt.UTC).date()
    assert rules.latest_today() in {utc, utc + dt.timedelta(days=1)}
