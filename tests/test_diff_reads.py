"""`icp-obj diff` parses only the files whose blobs differ, and the few unchanged ones that give
them meaning; a long history costs nothing while it stays as it was. Counted here."""

from __future__ import annotations

import shutil
from collections import Counter
from typing import Any

import pytest

from icp_objectives.load import disk, parse, series_csv
from tests.conftest import RunCli
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

UPDATES = "objectives/updates/2020-21"
CONTEXT = {"objectives/partnership.yaml", "objectives/1-start.yaml", "objectives/2-choices.yaml"}


@pytest.fixture
def year(git_repo: GitRepo) -> GitRepo:
    """Four quarters of updates, each rating 1.1 and reading childcare."""
    for number, status in ((2, "green"), (3, "amber"), (4, "green")):
        q1 = (git_repo.root / f"{UPDATES}/Q1/objective-1.yaml").read_text("utf-8")
        report = (git_repo.root / f"{UPDATES}/Q1/report.yaml").read_text("utf-8")
        git_repo.write(
            {
                f"{UPDATES}/Q{number}/objective-1.yaml": q1.replace("amber", status),
                f"{UPDATES}/Q{number}/report.yaml": report.replace("Q1", f"Q{number}"),
            }
        )
    git_repo.commit("A year of updates")
    return git_repo


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Each file parsed (YAML or a series file's CSV), by path, as often as it is parsed."""
    seen: Counter[str] = Counter()
    read, parse_csv = parse.read, series_csv.parse

    def counted_read(rel: str, data: bytes, *args: Any) -> Any:
        seen[rel] += 1
        return read(rel, data, *args)

    def counted_csv(rel: str, data: bytes) -> Any:
        seen[rel] += 1
        return parse_csv(rel, data)

    monkeypatch.setattr(disk, "read", counted_read)
    monkeypatch.setattr(series_csv, "parse", counted_csv)
    return seen


def _diff(repo: GitRepo, cli: RunCli, parsed: Counter[str], *revs: str) -> list[str]:
    parsed.clear()
    result = cli("diff", *revs, "--root", str(repo.root))
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]


def test_a_one_file_change_parses_that_file_and_its_context(
    year: GitRepo, cli: RunCli, parsed: Counter[str]
) -> None:
    year.replace(f"{UPDATES}/Q2/objective-1.yaml", "is recovering", "is falling")
    year.commit("Q2 reworded")

    assert _diff(year, cli, parsed, "HEAD~1", "HEAD") == ["1.1 update for 2020/21 Q2 edited: body"]
    assert parsed == Counter(
        {
            f"{UPDATES}/Q2/objective-1.yaml": 2,  # as it was, and as it is
            f"{UPDATES}/Q2/report.yaml": 1,  # is the Q2 paper presented (locked)?
            f"{UPDATES}/Q4/report.yaml": 1,  # the latest paper
            **dict.fromkeys(CONTEXT, 1),  # rating words, titles, units, measures
        }
    )


def test_the_work_tree_is_compared_by_blob_too(
    year: GitRepo, cli: RunCli, parsed: Counter[str]
) -> None:
    year.replace(f"{UPDATES}/Q2/objective-1.yaml", "is recovering", "is falling")

    assert _diff(year, cli, parsed, "HEAD") == ["1.1 update for 2020/21 Q2 edited: body"]
    assert parsed[f"{UPDATES}/Q1/objective-1.yaml"] == 0
    assert parsed[f"{UPDATES}/Q2/objective-1.yaml"] == 2


def test_a_changed_reading_reads_the_measures_whole_series(
    year: GitRepo, cli: RunCli, parsed: Counter[str]
) -> None:
    year.replace(f"{UPDATES}/Q2/objective-1.yaml", "value: 72", "value: 75")
    year.commit("Q2 revised")

    assert _diff(year, cli, parsed, "HEAD~1", "HEAD") == [
        "1.1 reading of childcare in 2020/21 Q2: 72% → 75%"
    ]
    # its variation and assurance are read from every reading of it, each file parsed once
    for quarter in ("Q1", "Q3", "Q4"):
        assert parsed[f"{UPDATES}/{quarter}/objective-1.yaml"] == 1


def test_an_added_entry_reads_back_to_the_last_rating(
    year: GitRepo, cli: RunCli, parsed: Counter[str]
) -> None:
    new = "objective: 1\nentries:\n  - covers: '1.1'\n    status: red\n    body: Worse.\n"
    year.write({"objectives/updates/2021-22/Q1/objective-1.yaml": new})
    year.commit("2021/22 Q1 updates")

    assert _diff(year, cli, parsed, "HEAD~1", "HEAD") == [
        "1.1 update added for 2021/22 Q1: status red (Off track), was green (On track) in"
        " 2020/21 Q4"
    ]
    assert parsed[f"{UPDATES}/Q4/objective-1.yaml"] == 1
    assert parsed[f"{UPDATES}/Q3/objective-1.yaml"] == 0  # Q4 rated it: no need to look further
