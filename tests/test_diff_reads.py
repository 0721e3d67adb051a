"""`icp-obj diff` parses only the files whose blobs differ, and the few unchanged ones that give
them meaning; a long history costs nothing while it stays as it was. Counted here."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from icp_objectives.load import disk, gitrev, memo, parse, revisions, series_csv
from icp_objectives.review import semantic_diff
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

    monkeypatch.setattr(parse, "read", counted_read)  # what read_once parses with
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


# The shipped data over three quarters, and changes of every kind: the diff of the files that
# differ (and their context) must say exactly what the diff of every file says.
SHIPPED_Q = "objectives/updates/2020-21/Q{}"
EDITS: dict[str, Callable[[GitRepo], None]] = {
    "text": lambda r: r.replace(f"{SHIPPED_Q.format(2)}/objective-2.yaml", "Saturday", "Sunday"),
    "reading": lambda r: r.replace(
        f"{SHIPPED_Q.format(3)}/objective-1.yaml", "value: 72", "value: 90"
    ),
    "new quarter": lambda r: r.write(
        {
            f"{SHIPPED_Q.format(4)}/objective-3.yaml": (
                r.root / f"{SHIPPED_Q.format(3)}/objective-3.yaml"
            ).read_text("utf-8")
        }
    ),
    "rated in a new quarter": lambda r: r.write(
        {
            f"{SHIPPED_Q.format(4)}/objective-1.yaml": "objective: 1\nentries:\n"
            "  - covers: '1.1'\n    status: red\n    body: Worse.\n"
        }
    ),
    "correction": lambda r: r.replace(
        f"{SHIPPED_Q.format(1)}/objective-1.yaml",
        "    readings:",
        "    correction: {reason: Misread., date: 2020-08-01}\n    readings:",
    ),
    "series": lambda r: r.write(
        {
            "objectives/measures/link-worker-referrals.csv": (
                r.root / "objectives/measures/link-worker-referrals.csv"
            ).read_text("utf-8")
            + "2021/22 Q1,999,A later figure\n"
        }
    ),
    "target": lambda r: r.replace(
        "objectives/3-ageing-well.yaml", "better: higher", "better: lower"
    ),
    "scale": lambda r: r.replace(
        "objectives/partnership.yaml", "ratings:", "ratings_order: worst-first\nratings:"
    ),
    "removed": lambda r: r.remove(f"{SHIPPED_Q.format(2)}/objective-4.yaml"),
    "a series of 15": lambda r: r.write(
        {
            "objectives/measures/funded-childcare-two-year-olds.csv": "period,value\n"
            + "".join(
                f"{y}/{y - 1999:02d} Q{q},{70 + q}\n"
                for y in (2017, 2018, 2019)
                for q in (1, 2, 3, 4)
            )
        }
    ),
    "renamed": lambda r: r.replace(
        "objectives/1-best-start-in-life.yaml",
        "id: funded-childcare-two-year-olds",
        "id: childcare",
    ),
    "broken": lambda r: r.write({f"{SHIPPED_Q.format(2)}/objective-5.yaml": "objective: [\n"}),
}


@pytest.fixture
def shipped_year(shipped_repo: Path) -> GitRepo:
    """The shipped data with its Q1 copied to Q2 and Q3, the Q1 paper presented, 1.1 rated
    in Q2 (the shipped updates rate nothing)."""
    repo = GitRepo(shipped_repo)
    q1 = shipped_repo / SHIPPED_Q.format(1)
    for n in (2, 3):
        for path in q1.iterdir():
            text = path.read_text("utf-8").replace("2020/21 Q1", f"2020/21 Q{n}")
            repo.write({f"{SHIPPED_Q.format(n)}/{path.name}": text})
    repo.replace(
        f"{SHIPPED_Q.format(1)}/report.yaml", "\nperiod:", "\npresented: 2020-07-21\nperiod:"
    )
    repo.replace(f"{SHIPPED_Q.format(2)}/objective-1.yaml", '"1.1"\n', '"1.1"\n    status: amber\n')
    repo.commit("Three quarters, the first presented")
    return repo


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("committed", [True, False], ids=["commit", "work tree"])
def test_what_differs_reads_as_everything_does(
    shipped_year: GitRepo, edit: str, committed: bool
) -> None:
    EDITS[edit](shipped_year)
    if committed:
        shipped_year.commit(edit)
    root, where = shipped_year.root, gitrev.checkout(shipped_year.root)
    base = gitrev.commit(where, "HEAD~1" if committed else "HEAD")
    whole_head = revisions.at(where, gitrev.commit(where, "HEAD")) if committed else disk.load(root)

    with memo.one_command():
        narrow = revisions.sides(root, base, "HEAD" if committed else None)
        whole = semantic_diff.compare(revisions.at(where, base), whole_head)
    narrowed = semantic_diff.compare(narrow.base, narrow.head)

    assert whole.changes or whole.unreadable, "the edit changes something"
    assert narrowed.changes == whole.changes
    assert narrowed.unreadable == whole.unreadable
    assert narrowed.papers == whole.papers
    assert narrowed.titles == whole.titles
