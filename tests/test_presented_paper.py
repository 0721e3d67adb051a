"""A presented paper stays the paper the board saw: rendered from git's record of its data,
never overwritten without --force, its definitions' later changes warned about, and its
corrections shown in a copy of its own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

REPORT = "objectives/updates/2020-21/Q1/report.yaml"
ENTRIES = "objectives/updates/2020-21/Q1/objective-1.yaml"
START = "objectives/1-start.yaml"
PARTNERSHIP = "objectives/partnership.yaml"
PAPER = "reports/2020-21-Q1-board-report"
CORRECTED = f"{PAPER}-corrected"


def _presented(repo: GitRepo, cli: RunCli) -> str:
    """Record the Q1 paper as presented, commit that, write its paper and commit it too; the
    commit that recorded `presented`."""
    repo.replace(REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    recorded = repo.commit("The Q1 paper went to the board")
    result = cli("report", "Q1", "--root", str(repo.root))
    assert result.exit_code == 0, result.output
    repo.commit("The Q1 paper as presented")
    return recorded


def _redefine(repo: GitRepo) -> None:
    """Later edits to what the paper printed: a breakthrough, a measure and a rating."""
    repo.replace(START, "title: School readiness", "title: Ready for school")
    repo.replace(START, "title: Take-up of funded childcare", "title: Funded childcare take-up")
    repo.replace(PARTNERSHIP, "label: Some risk", "label: At risk")


def _committed(repo: GitRepo, rel: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo.root), "show", f"HEAD:{rel}"], capture_output=True, check=True
    ).stdout


def _footer(paper: str) -> str:
    return next(line for line in paper.splitlines() if "Built by icp-obj" in line)


def _md(cli: RunCli, root: Path, *args: str) -> tuple[str, str]:
    result = cli("report", "Q1", "-f", "md", "-o", "-", *args, "--root", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_check_passes_after_the_definitions_changed(git_repo: GitRepo, cli: RunCli) -> None:
    recorded = _presented(git_repo, cli)
    _redefine(git_repo)
    git_repo.commit("New names")

    result = cli("report", "Q1", "--check", "--root", str(git_repo.root))

    assert result.exit_code == 0, result.output
    assert f"rendering the data as it was at commit {recorded[:8]}" in result.stderr
    assert "The committed paper matches the data as presented" in result.stderr
    paper, _ = _md(cli, git_repo.root)
    assert "School readiness" in paper and "Ready for school" not in paper
    assert "Take-up of funded childcare" in paper and "Funded childcare take-up" not in paper
    assert "Some risk" in paper and "At risk" not in paper


def test_the_next_quarter_shows_the_new_definitions(git_repo: GitRepo, cli: RunCli) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)
    git_repo.write({"objectives/updates/2020-21/Q2/report.yaml": "title: Q2\nintroduction: Q2.\n"})
    result = cli("report", "2020/21 Q2", "-f", "md", "-o", "-", "--root", str(git_repo.root))
    assert result.exit_code == 0, result.output
    assert "Ready for school" in result.stdout and "At risk" in result.stdout


def test_a_paper_that_differs_is_not_overwritten_without_force(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)
    git_repo.commit("New names")
    record = git_repo.root / f"{PAPER}.md"
    record.write_text(
        record.read_text(encoding="utf-8").replace("School readiness", "Ready for school"),
        encoding="utf-8",
    )  # as an earlier version of icp-obj would have rewritten it
    changed = record.read_bytes()

    refused = cli("report", "Q1", "--root", str(git_repo.root))

    assert refused.exit_code == 1
    assert record.read_bytes() == changed
    [line] = [x for x in refused.stderr.splitlines() if "--force" in x]
    assert line.startswith(f"icp-obj: {PAPER}.md is the record of the paper presented")
    assert f"{PAPER}.html already says what the data as presented" in refused.stderr

    forced = cli("report", "Q1", "--force", "--root", str(git_repo.root))

    assert forced.exit_code == 0, forced.output
    assert record.read_bytes() == _committed(git_repo, f"{PAPER}.md")
    assert git_repo.git("status", "--porcelain") == ""


def test_a_rendering_gives_the_presented_paper_byte_for_byte(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)
    git_repo.commit("New names")
    for suffix in (".md", ".html", ".docx"):
        (git_repo.root / f"{PAPER}{suffix}").unlink()

    result = cli("report", "Q1", "--root", str(git_repo.root))

    assert result.exit_code == 0, result.output
    for suffix in (".md", ".html", ".docx"):
        written = (git_repo.root / f"{PAPER}{suffix}").read_bytes()
        assert written == _committed(git_repo, f"{PAPER}{suffix}"), suffix


def test_the_footer_names_the_data_commit_even_with_later_edits(
    git_repo: GitRepo, cli: RunCli
) -> None:
    data = git_repo.head()
    _presented(git_repo, cli)  # recording `presented` is not a change to what the paper read
    _redefine(git_repo)  # not committed
    paper, _ = _md(cli, git_repo.root)
    assert f"last changed in commit {data[:7]}." in _footer(paper)
    assert "not yet committed" not in paper


def test_a_paper_written_before_it_was_presented_renders_byte_for_byte(
    git_repo: GitRepo, cli: RunCli
) -> None:
    """The usual order: the paper is written and committed, goes to the board, and then
    `presented` is recorded in a commit of its own."""
    root = str(git_repo.root)
    assert cli("report", "Q1", "--root", root).exit_code == 0
    git_repo.commit("The Q1 paper for the board pack")
    git_repo.replace(REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    git_repo.commit("The Q1 paper went to the board")
    _redefine(git_repo)
    git_repo.commit("New names")
    for suffix in (".md", ".html", ".docx"):
        (git_repo.root / f"{PAPER}{suffix}").unlink()

    assert cli("report", "Q1", "--root", root).exit_code == 0

    for suffix in (".md", ".html", ".docx"):
        written = (git_repo.root / f"{PAPER}{suffix}").read_bytes()
        assert written == _committed(git_repo, f"{PAPER}{suffix}"), suffix


def test_validate_warns_at_each_changed_definition_naming_the_paper(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)

    result = cli("validate", "--root", str(git_repo.root))

    assert result.exit_code == 0, result.output
    warned = [line for line in result.stdout.splitlines() if "presented-definition-changed" in line]
    assert len(warned) == 3, result.stdout
    places = [line.split(": warning")[0] for line in warned]
    assert places == [
        f"{START}:{git_repo.line_of(START, 'Ready for school')}:12",
        f"{START}:{git_repo.line_of(START, 'Funded childcare take-up')}:16",
        f"{PARTNERSHIP}:{git_repo.line_of(PARTNERSHIP, 'At risk')}:12",
    ]
    assert all(f"since {PAPER}.md was presented to the board" in line for line in warned)
    assert "the title of breakthrough objective 1.1 has changed since" in warned[0]
    assert '(it was "School readiness"); that paper keeps what was presented' in warned[0]
    assert "the title of measure childcare has changed" in warned[1]
    assert "the label of rating amber has changed" in warned[2]
    assert '(it was "Some risk")' in warned[2]


def test_a_later_paper_presented_with_the_change_ends_the_warning(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)
    git_repo.write(
        {
            "objectives/updates/2020-21/Q2/report.yaml": (
                "title: Q2\npresented: 2020-10-20\nintroduction: Q2.\n"
            )
        }
    )
    git_repo.commit("The Q2 paper, with the new names, went to the board")
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 0, result.output
    assert "presented-definition-changed" not in result.output


def test_an_added_breakthrough_is_warned_about(git_repo: GitRepo, cli: RunCli) -> None:
    _presented(git_repo, cli)
    git_repo.replace(
        START,
        '  - id: "1.2"\n    title: Healthy pregnancies\n',
        '  - id: "1.2"\n    title: Healthy pregnancies\n  - id: "1.3"\n    title: Reading\n',
    )
    result = cli("validate", "--root", str(git_repo.root))
    line = git_repo.line_of(START, '"1.3"')
    assert f"{START}:{line}:5: warning presented-definition-changed" in result.stdout
    assert "breakthrough objective 1.3 was added since" in result.stdout


def test_outside_git_todays_data_is_rendered_and_marked(
    git_repo: GitRepo, cli: RunCli, tmp_path: Path
) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)
    (git_repo.root / ".git").rename(tmp_path / "hidden.git")

    paper, said = _md(cli, git_repo.root)

    assert "may not be the paper as presented: this copy of the repository is not in git" in said
    assert "Ready for school" in paper
    assert "; not necessarily the paper as presented to the board" in _footer(paper)
    check = cli("report", "Q1", "--check", "--root", str(git_repo.root))
    assert check.exit_code == 1
    assert "Check it in a full clone of the repository" in check.stderr
    assert "--force" not in check.stderr


def test_a_shallow_clone_without_the_commit_renders_todays_data_marked(
    git_repo: GitRepo, cli: RunCli, tmp_path: Path
) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)
    git_repo.commit("New names")
    clone = tmp_path / "shallow"
    git_repo.git("clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(clone))

    paper, said = _md(cli, clone)

    assert "the commit that recorded `presented` is not in this shallow clone" in said
    assert "git fetch --unshallow" in said
    assert "Ready for school" in paper
    assert "not necessarily the paper as presented to the board" in paper


def test_a_presented_date_not_yet_committed_renders_todays_data(
    git_repo: GitRepo, cli: RunCli
) -> None:
    git_repo.replace(REPORT, "introduction:", "presented: 2020-07-21\nintroduction:")
    paper, said = _md(cli, git_repo.root)
    assert "its `presented:` date is not committed yet; commit it" in said
    assert "not necessarily" not in paper


CORRECTION = "status: red\n    correction: {reason: The rating was misread., date: 2020-08-03}"


def test_corrected_marks_each_correction_in_place(git_repo: GitRepo, cli: RunCli) -> None:
    _presented(git_repo, cli)
    git_repo.replace(ENTRIES, "status: amber", CORRECTION)
    git_repo.commit("Correct the Q1 rating")
    root = str(git_repo.root)

    as_presented, _ = _md(cli, git_repo.root)
    assert "Corrected on" not in as_presented
    assert "**Status:** Some risk" in as_presented and "**Status:** Off track" not in as_presented
    assert cli("report", "Q1", "--check", "--root", root).exit_code == 0

    result = cli("report", "Q1", "--corrected", "--root", root)

    assert result.exit_code == 0, result.output
    assert "with 1 correction made since marked in place" in result.stderr
    corrected = (git_repo.root / f"{CORRECTED}.md").read_text(encoding="utf-8")
    heading = corrected.index("### 1.1 School readiness")
    mark = corrected.index(
        "**Corrected on 3 August 2020, after the paper was presented:** The rating was misread."
    )
    assert heading < mark < corrected.index("**Status:** Off track", heading)
    assert "with the corrections made since marked in place." in _footer(corrected)
    html = (git_repo.root / f"{CORRECTED}.html").read_text(encoding="utf-8")
    assert '<p class="entry-correction"><strong>Corrected on 3 August 2020' in html
    assert (git_repo.root / f"{CORRECTED}.docx").is_file()
    assert git_repo.git("status", "--porcelain", "--", "reports/2020-21-Q1-board-report.*") == ""


def test_corrected_never_writes_over_the_record(git_repo: GitRepo, cli: RunCli) -> None:
    _presented(git_repo, cli)
    root = str(git_repo.root)
    result = cli("report", "Q1", "--corrected", "-o", f"{root}/{PAPER}.md", "--root", root)
    assert result.exit_code == 2
    assert "never over the paper as presented" in result.stderr
    assert git_repo.git("status", "--porcelain") == ""


def test_corrected_needs_a_presented_quarter(git_repo: GitRepo, cli: RunCli) -> None:
    result = cli("report", "Q1", "--corrected", "--root", str(git_repo.root))
    assert result.exit_code == 2
    assert "has not been presented, so nothing in it has been corrected" in result.stderr


def test_help_says_where_the_corrected_copy_goes(cli: RunCli) -> None:
    text = cli("report", "--help").stdout
    shown = " ".join(text.replace("-\n", "-").split()).replace("- ", "-")  # a wrap at a hyphen
    assert "reports/<yyyy-yy>-Q<n>-board-report-corrected.md" in shown
    assert "never over the paper as presented" in shown
    assert "--force" in shown


def test_the_footer_names_the_data_commit_when_only_the_paper_is_uncommitted(
    git_repo: GitRepo, cli: RunCli
) -> None:
    data = git_repo.head()
    root = str(git_repo.root)
    expected = f"last changed in commit {data[:7]}."
    for _ in range(2):  # the paper files now uncommitted are not the data
        assert cli("report", "Q1", "--root", root).exit_code == 0
        footer = _footer((git_repo.root / f"{PAPER}.md").read_text(encoding="utf-8"))
        assert expected in footer and "not yet committed" not in footer
    git_repo.commit("The Q1 paper")
    assert cli("report", "Q1", "--root", root).exit_code == 0
    assert git_repo.git("status", "--porcelain") == ""  # still the data's commit, not the paper's


def test_templates_changed_later_leave_the_presented_paper(git_repo: GitRepo, cli: RunCli) -> None:
    _presented(git_repo, cli)
    git_repo.write({"templates/board-report.md.j2": "# {{ paper.title }}, redesigned\n"})
    git_repo.commit("A new look for later papers")
    assert cli("report", "Q1", "--check", "--root", str(git_repo.root)).exit_code == 0
    paper, _ = _md(cli, git_repo.root)
    assert "redesigned" not in paper


def test_an_unmarked_edit_since_does_not_stop_the_presented_paper(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    git_repo.replace(ENTRIES, "status: amber", "status: red")  # a locked-quarter error
    paper, said = _md(cli, git_repo.root)
    assert "**Status:** Some risk" in paper
    assert "1 error in today's data, which the paper as presented does not read" in said


def test_diff_marks_a_definition_a_presented_paper_printed(git_repo: GitRepo, cli: RunCli) -> None:
    _presented(git_repo, cli)
    _redefine(git_repo)
    git_repo.replace(START, '- id: "1.2"', '- id: "1.3"\n    title: New work\n  - id: "1.2"')
    git_repo.commit("Retitles and a new breakthrough objective")
    text = cli("diff", "HEAD~1", "HEAD", "--root", str(git_repo.root)).stdout
    mark = " [presented: the 2020/21 Q1 paper keeps the old; later papers show this]"
    retitled = next(line for line in text.splitlines() if "Ready for school" in line)
    assert retitled.endswith(mark), text
    assert any("At risk" in line and line.endswith(mark) for line in text.splitlines()), text
    added = next(line for line in text.splitlines() if "New work" in line)
    assert mark not in added  # no paper printed what is new
    data = cli("diff", "HEAD~1", "HEAD", "-f", "json", "--root", str(git_repo.root)).stdout
    assert '"presented": [\n        "2020/21 Q1"\n      ]' in data


def test_a_file_that_does_not_read_is_not_told_as_definitions_removed(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    git_repo.replace(START, "title: Best start in life", "title: Best\x01start in life")
    result = cli("validate", "--root", str(git_repo.root))
    assert result.exit_code == 1
    assert "control-character" in result.stdout, result.stdout
    assert "presented-definition-changed" not in result.stdout, result.stdout


def test_a_presented_paper_is_not_told_what_it_lacks_to_be_ready(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    result = cli("report", "Q1", "--check", "--root", str(git_repo.root))
    assert result.exit_code == 0, result.output
    assert "cover-field-missing" not in result.stderr
    assert "no-update" not in result.stderr


def test_renaming_the_levels_is_not_told_as_every_definition_removed(
    git_repo: GitRepo, cli: RunCli
) -> None:
    _presented(git_repo, cli)
    git_repo.replace(
        PARTNERSHIP,
        "name: Test Partnership",
        "name: Test Partnership\nterms:\n  objective: priority",
    )
    result = cli("validate", "--root", str(git_repo.root))
    assert "was removed" not in result.stdout and "was added" not in result.stdout, result.stdout
