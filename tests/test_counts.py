"""Every count a command prints agrees with its number: none, one and many."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_objectives.check.scope import Reach
from icp_objectives.domain.problems import Problem, Severity, problem_count, summary
from icp_objectives.domain.wording import count
from icp_objectives.review.changes import Change, Diff
from icp_objectives.review.diff_render import render as render_diff
from icp_objectives.review.diff_render import summary_line
from tests.conftest import MakeRepo, RunCli


def _problems(errors: int, warnings: int, files: int = 1) -> list[Problem]:
    """`errors` errors and `warnings` warnings, spread over `files` files."""
    found = [Problem(f"objectives/{i % files}.yaml", 1, 1, "x", "y") for i in range(errors)]
    found += [
        Problem(f"objectives/{i % files}.yaml", 2, 1, "x", "y", Severity.WARNING)
        for i in range(warnings)
    ]
    return found


def test_count_agrees_with_its_number() -> None:
    assert [count(n, "file") for n in (0, 1, 2)] == ["no files", "1 file", "2 files"]
    assert count(0, "change", none="No") == "No changes"
    assert count(3, "entry", "entries") == "3 entries"
    assert count(1, "entry", "entries") == "1 entry"


@pytest.mark.parametrize(
    ("problems", "files", "line"),
    [
        ([], 0, "No files checked: no problems."),
        ([], 1, "1 file checked: no problems."),
        ([], 5, "5 files checked: no problems."),
        # A missing partnership file, in a repository with no files at all.
        (_problems(1, 0), 0, "1 error; no files checked."),
        (_problems(2, 0, files=2), 1, "2 errors; 1 file checked."),
        (_problems(1, 0), 1, "1 error in 1 of 1 file checked."),
        (_problems(1, 0), 5, "1 error in 1 of 5 files checked."),
        (_problems(3, 0, files=2), 5, "3 errors in 2 of 5 files checked."),
        (_problems(0, 1), 5, "1 warning in 1 of 5 files checked."),
        (_problems(0, 2), 5, "2 warnings in 1 of 5 files checked."),
        (_problems(1, 1), 5, "1 error and 1 warning in 1 of 5 files checked."),
        (_problems(2, 3, files=3), 5, "2 errors and 3 warnings in 3 of 5 files checked."),
    ],
)
def test_validate_summary(problems: list[Problem], files: int, line: str) -> None:
    assert summary(problems, files) == line


def test_problem_count() -> None:
    assert problem_count([]) == "no problems"
    assert problem_count(_problems(1, 0)) == "1 error"
    assert problem_count(_problems(0, 4)) == "4 warnings"


@pytest.mark.parametrize(
    ("changed", "files", "line"),
    [
        ((), frozenset(), "No files changed since main; no files in reach."),
        (("a",), frozenset({"a"}), "1 file changed since main; 1 file in reach."),
        (("a", "b"), frozenset({"a", "b", "c"}), "2 files changed since main; 3 files in reach."),
        (("a",), None, "1 file changed since main; all files in reach."),
    ],
)
def test_changed_since_sentence(
    changed: tuple[str, ...], files: frozenset[str] | None, line: str
) -> None:
    assert Reach("main", changed, files).sentence() == line


def _diff(changes: int, *, locked: bool = False) -> Diff:
    made = [
        Change(
            1, "2020/21 Q1", f"1.{i}", "status", f"1.{i} status", "presented" if locked else None
        )
        for i in range(changes)
    ]
    return Diff(made, [])


@pytest.mark.parametrize(
    ("changes", "line"),
    [(0, "No changes"), (1, "1 change"), (3, "3 changes")],
)
def test_diff_summary(changes: int, line: str) -> None:
    assert summary_line(_diff(changes), "main", "HEAD") == f"{line} in meaning from main to HEAD"


@pytest.mark.parametrize(("changes", "words"), [(1, "1 change to a paper"), (2, "2 changes to")])
def test_diff_locked_warning(changes: int, words: str) -> None:
    assert f"> {words}" in render_diff(_diff(changes, locked=True), "md", "main", "HEAD")


@pytest.mark.parametrize(
    ("others", "words"),
    [
        (0, "(this file is not checked until it is renamed)"),
        (1, "(this file and 1 other in it are not checked until it is renamed)"),
        (2, "(this file and 2 others in it are not checked until it is renamed)"),
    ],
)
def test_misnamed_folder(make_repo: MakeRepo, cli: RunCli, others: int, words: str) -> None:
    files = {
        f"objectives/updates/2020-21/q2/objective-{n}.yaml": "x: 1\n" for n in range(1, 2 + others)
    }
    root = make_repo(files)
    result = cli("validate", "--root", str(root))
    assert words in result.stdout


@pytest.mark.parametrize(
    ("errors", "words"),
    [
        (
            1,
            "1 error in later quarters, which the 2020/21 Q1 paper does not read;"
            " `icp-obj validate` lists it.",
        ),
        (
            2,
            "2 errors in later quarters, which the 2020/21 Q1 paper does not read;"
            " `icp-obj validate` lists them.",
        ),
    ],
)
def test_report_counts_the_errors_it_leaves(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, errors: int, words: str
) -> None:
    entries = "".join(f'  - covers: "1.{n}"\n    status: yelow\n' for n in range(1, errors + 1))
    root = make_repo(
        {"objectives/updates/2026-27/Q3/objective-1.yaml": f"objective: 1\nentries:\n{entries}"}
    )
    result = cli("report", "Q1 2020/21", "-o", str(tmp_path / "out/"), "--root", str(root))
    assert result.exit_code == 0, result.output
    assert f"icp-obj: warning: {words}" in result.stderr


@pytest.mark.parametrize(
    ("errors", "words"),
    [
        (1, "Note: the data has 1 error, so this may be incomplete; run `icp-obj validate` to"
            " see it."),
        (2, "Note: the data has 2 errors, so this may be incomplete; run `icp-obj validate` to"
            " see them."),
    ],
)  # fmt: skip
def test_status_counts_the_errors_that_may_hide_updates(
    make_repo: MakeRepo, cli: RunCli, errors: int, words: str
) -> None:
    entries = "".join(f'  - covers: "2.{n}"\n    status: yelow\n' for n in range(1, errors + 1))
    root = make_repo(
        {"objectives/updates/2020-21/Q1/objective-2.yaml": f"objective: 2\nentries:\n{entries}"}
    )
    result = cli("status", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert words in result.stderr
