"""`icp-obj update`: the file changes by exactly the lines added, and every refusal writes nothing."""

from __future__ import annotations

import difflib
import re
import stat
import sys
from pathlib import Path

import pytest

from icp_objectives.check import validation
from icp_objectives.domain.periods import parse_quarter
from icp_objectives.edit import update
from icp_objectives.edit.entries import Content
from tests.conftest import CHOICES, SHIPPED, MakeRepo, Result, RunCli

GOLDEN = Path(__file__).resolve().parent / "golden" / "update"
Q1 = "objectives/updates/2020-21/Q1"
OBJECTIVE_2 = f"{Q1}/objective-2.yaml"
OBJECTIVE_1 = f"{Q1}/objective-1.yaml"

SMOKING = (  # objective 2 with a measure on 2.2
    CHOICES
    + """\
        measures:
          - id: smoking-at-delivery
            title: Smoking at time of delivery
            unit: "%"
            better: lower
"""
)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the repository, to show that a refusal wrote nothing at all."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def only_added(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if any line of `old` was changed or removed."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    added = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        assert tag in {"equal", "insert"}, (tag, before[a1:a2], after[b1:b2])
        if tag == "insert":
            added += after[b1:b2]
    return added


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo({"objectives/2-choices.yaml": SMOKING})


def put(root: Path, rel: str, data: bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


ADD_2_2 = (
    "update", "2.2", "-q", "2020/21 Q1", "-s", "red",
    "-b", "Quit rates: up 5%", "-b", "See [the plan](https://example.org/plan)",
)  # fmt: skip


# --- Byte-exact edits of a heavily commented file -------------------------------------------


def test_add_to_a_commented_file_only_adds_lines(repo: Path, cli: RunCli) -> None:
    old = (GOLDEN / "commented.yaml").read_bytes()
    path = put(repo, OBJECTIVE_2, old)
    result = cli(*ADD_2_2, "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (GOLDEN / "commented.add.yaml").read_bytes()
    added = only_added(old.decode(), path.read_text())
    assert added[0] == '    -   covers: "2.2"\n'
    assert f"changed {OBJECTIVE_2}" in result.stderr
    assert '+    -   covers: "2.2"' in result.stdout
    assert not validation.validate(repo).problems


def test_crlf_file_keeps_crlf_everywhere(repo: Path, cli: RunCli) -> None:
    old = (GOLDEN / "commented.yaml").read_bytes().replace(b"\n", b"\r\n")
    path = put(repo, OBJECTIVE_2, old)
    result = cli(*ADD_2_2, "--root", str(repo))
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / "commented.add.yaml").read_bytes().replace(b"\n", b"\r\n")
    assert path.read_bytes() == expected
    assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")


def test_append_adds_bullets_at_the_end_of_the_body(repo: Path, cli: RunCli) -> None:
    old = (GOLDEN / "commented.yaml").read_bytes()
    path = put(repo, OBJECTIVE_2, old)
    result = cli(
        "update", "2.1", "-q", "2020/21 Q1", "--append", "-b", 'Second wave: "planned"',
        "--root", str(repo),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (GOLDEN / "commented.append.yaml").read_bytes()
    assert only_added(old.decode(), path.read_text()) == ['            - Second wave: "planned"\n']


def rendered(cli: RunCli, root: Path, quarter: str = "2020/21 Q1") -> str:
    """The quarter's paper as HTML, without line breaks between tags."""
    result = cli("report", quarter, "-f", "html", "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout.replace(">\n<", "><")


@pytest.mark.parametrize("block", ["|", "|+"])
@pytest.mark.parametrize(
    ("old", "added", "html"),
    [
        ("- a bullet", ["--body", "A new paragraph."],
         "<li>a bullet</li></ul><p>A new paragraph.</p>"),
        ("- a bullet", ["-b", "another"], "<ul><li>a bullet</li><li>another</li></ul>"),
        ("A paragraph.", ["--body", "More."], "<p>A paragraph.</p><p>More.</p>"),
        ("A paragraph.", ["-b", "a bullet"], "<p>A paragraph.</p><ul><li>a bullet</li></ul>"),
    ],
)  # fmt: skip
def test_appended_text_is_a_paragraph_of_its_own_and_bullets_join_the_list(
    repo: Path, cli: RunCli, block: str, old: str, added: list[str], html: str
) -> None:
    kept = "\n" if block == "|+" else ""
    path = put(
        repo,
        OBJECTIVE_1,
        f'objective: 1\nentries:\n  - covers: "1.1"\n    body: {block}\n      {old}\n{kept}'.encode(),
    )
    result = cli("update", "1.1", "-q", "2020/21 Q1", "--append", *added, "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert html in rendered(cli, repo)
    assert path.read_text().endswith("\n" + kept)


def test_append_with_a_status_changes_only_the_status_line(repo: Path, cli: RunCli) -> None:
    old = (GOLDEN / "commented.yaml").read_text()
    path = put(repo, OBJECTIVE_2, old.encode())
    result = cli("update", "2.1", "-q", "2020/21 Q1", "--append", "-s", "Some risk",
                 "--root", str(repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert path.read_text() == old.replace("-   status:    green\n", "-   status: amber\n")
    again = cli("update", "2.1", "-q", "2020/21 Q1", "--append", "-s", "amber", "--root", str(repo))
    assert again.exit_code == 0, again.output
    assert f"Nothing to change: {OBJECTIVE_2} already says that." in again.stderr
    assert again.stdout == ""


def test_append_with_a_status_adds_one_before_the_body_and_the_text_after_it(
    repo: Path, cli: RunCli
) -> None:
    old = (
        'objective: 1\nentries:\n  - covers: "1.2"   # no status yet\n    heading: Pregnancy\n'
        "    # the lead's notes\n    body: |\n      - First\n    author: Ann\n"
    )
    path = put(repo, OBJECTIVE_1, old.encode())
    result = cli("update", "1.2", "-q", "2020/21 Q1", "--append", "-s", "red", "-b", "Second",
                 "--root", str(repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert only_added(old, path.read_text()) == ["    status: red\n", "      - Second\n"]
    assert "    status: red\n    # the lead's notes\n    body: |\n" in path.read_text()
    assert not validation.validate(repo).problems


def test_append_with_a_status_at_a_terminal_asks_for_nothing(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    terminal.setenv("EDITOR", "false")  # would fail if it were opened
    result = cli("update", "1.1", "-q", "2020/21 Q1", "--append", "-s", "red", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "Status of" not in result.stderr
    assert "    status: red\n" in (repo / OBJECTIVE_1).read_text()


def test_replace_changes_only_that_entrys_lines(repo: Path, cli: RunCli) -> None:
    old = (GOLDEN / "commented.yaml").read_text()
    path = put(repo, OBJECTIVE_2, old.encode())
    result = cli(
        "update", "2", "-q", "2020/21 Q1", "--replace", "--heading", "Ambition 2: Healthy Choices",
        "-s", "amber", "--body", "Two paragraphs.\n\nThe second one.", "--root", str(repo),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    new = path.read_text()
    assert new == (GOLDEN / "commented.replace.yaml").read_text()
    old_lines, new_lines = old.splitlines(), new.splitlines()
    assert new_lines[:10] == old_lines[:10]
    assert new_lines[17:] == old_lines[11:]


def test_updates_reproduce_a_shipped_style_file(repo: Path, cli: RunCli) -> None:
    root = ["--root", str(repo), "--quarter", "Q1 2020/21"]
    steps = [
        ["2", "--heading", "Ambition 2 Healthy Choices",
         "--body", "We have agreed one approach to prevention across the partnership."],
        ["2.1", "-s", "amber", "-b", "**Social prescribing:** 12 link workers are now in post.",
         "-b", "Referrals fell during lockdown and are recovering."],
        ["2.2", "-s", "green", "-b", "**Smoking in pregnancy:** the rate at delivery fell to 14.9%.",
         "-b", "See the [tobacco control plan](https://example.org/tobacco).",
         "-r", "smoking-at-delivery=14.9@2020-21-Q1:Down from 16.1%: the lowest yet",
         "--author", "Jane Smith"],
    ]  # fmt: skip
    for step in steps:
        result = cli("update", *step, *root)
        assert result.exit_code == 0, result.output
    written = (repo / OBJECTIVE_2).read_bytes()
    assert written == (GOLDEN / "shipped-style.yaml").read_bytes()


def test_byte_order_mark_and_missing_final_newline(repo: Path, cli: RunCli) -> None:
    old = "\ufeff# kept\nobjective: 2\nentries:\n  - covers: '2.1'\n    body: x"
    path = put(repo, OBJECTIVE_2, old.encode())
    result = cli("update", "2.2", "-q", "2020/21 Q1", "-b", "y", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (old + '\n  - covers: "2.2"\n    body: |\n      - y\n').encode()


def test_final_line_break_that_would_change_a_text_is_refused(repo: Path, cli: RunCli) -> None:
    old = b"objective: 2\nentries:\n  - covers: '2.1'\n    body: |\n      - x"
    path = put(repo, OBJECTIVE_2, old)
    result = cli("update", "2.2", "-q", "2020/21 Q1", "-b", "y", "--root", str(repo))
    assert result.exit_code == 1
    assert "end the file with a line break and run again" in result.stderr
    assert path.read_bytes() == old


def test_entries_written_empty_become_a_list(repo: Path, cli: RunCli) -> None:
    old = "objective: 2\nentries: []   # none yet\n# trailing comment\n"
    path = put(repo, OBJECTIVE_2, old.encode())
    result = cli("update", "2.1", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert path.read_text() == (
        'objective: 2\nentries:   # none yet\n  - covers: "2.1"\n    body: |\n      - x\n'
        "# trailing comment\n"
    )


def test_new_file_has_the_shipped_header(repo: Path, cli: RunCli) -> None:
    result = cli("update", "2.1", "-q", "2021/22 Q3", "-b", "x", "--create", "--root", str(repo))
    assert result.exit_code == 0, result.output
    path = repo / "objectives/updates/2021-22/Q3/objective-2.yaml"
    assert path.read_text() == (
        "# 2021/22 Q3 updates for Objective 2. One lead edits this file.\n"
        "objective: 2\nperiod: 2021/22 Q3\nentries:\n"
        '  - covers: "2.1"\n    body: |\n      - x\n'
    )
    assert f"created {path.relative_to(repo).as_posix()}" in result.stderr
    assert "--- /dev/null" in result.stdout
    assert [p.name for p in path.parent.iterdir()] == ["objective-2.yaml"]  # no lock left


def test_combined_entry_and_objective_as_a_whole(repo: Path, cli: RunCli) -> None:
    result = cli("update", "2.1,2.2", "-q", "2020/21 Q1", "-b", "Joint", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert 'covers: ["2.1", "2.2"]\n' in (repo / OBJECTIVE_2).read_text()
    again = cli("update", "2.2", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert again.exit_code == 1
    assert "2.2 already has an entry" in again.stderr


def test_file_mode_is_kept(repo: Path, cli: RunCli) -> None:
    path = repo / OBJECTIVE_1
    path.chmod(0o640)
    result = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_default_quarter_is_the_open_one_not_todays(
    repo: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    monkeypatch.setattr("icp_objectives.cli.updating._today", lambda: dt.date(2022, 8, 1))
    result = cli("update", "2.1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "Using the open quarter, 2020/21 Q1." in result.stderr
    assert "2.1" in (repo / "objectives/updates/2020-21/Q1/objective-2.yaml").read_text()
    assert not (repo / "objectives/updates/2022-23").exists()


def test_the_outcome_says_whether_the_quarter_has_its_report_yaml(repo: Path) -> None:
    def outcome(quarter: str, target: str) -> update.UpdateOutcome:
        content = Content(bullets=("x",))
        request = update.Request(repo, parse_quarter(quarter), (target,), content, dry_run=True)
        return update.run(request)

    assert outcome("2020/21 Q1", "1.2").has_report
    assert not outcome("2022/23 Q2", "2.1").has_report
    folder = repo / "objectives/updates/2022-23/Q2"
    folder.mkdir(parents=True)
    (folder / "report.yml").write_text("title: x\n")  # the other name accepted
    assert outcome("2022/23 Q2", "2.1").has_report


def test_an_update_to_a_quarter_without_report_yaml_notes_it(repo: Path, cli: RunCli) -> None:
    note = "Note: 2022/23 Q2 has no report.yaml yet; `icp-obj new-quarter"
    started = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert started.exit_code == 0, started.output
    assert "no report.yaml" not in started.stderr
    for extra in (["--dry-run"], []):
        result = cli(
            "update", "2.1", "-q", "2022/23 Q2", "-b", "x", "--create", *extra, "--root", str(repo)
        )
        assert result.exit_code == 0, result.output
        assert f'{note} "2022/23 Q2"` adds it and a file for each objective.' in result.stderr


def test_dry_run_prints_the_diff_and_writes_nothing(repo: Path, cli: RunCli) -> None:
    before = snapshot(repo)
    result = cli(
        "update", "2.1", "-q", "2022/23 Q2", "-b", "x", "--create", "--dry-run", "--root", str(repo)
    )
    assert result.exit_code == 0, result.output
    assert '+  - covers: "2.1"' in result.stdout
    assert "dry run: nothing written" in result.stderr
    assert "would create objectives/updates/2022-23/Q2/objective-2.yaml" in result.stderr
    assert snapshot(repo) == before
    assert not (repo / "objectives/updates/2022-23").exists()
    existing = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--dry-run", "--root", str(repo))
    assert existing.exit_code == 0, existing.output
    assert f"would change {OBJECTIVE_1} (dry run: nothing written)" in existing.stderr
    assert snapshot(repo) == before


def test_diff_is_coloured_unless_no_color(
    repo: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("update", "2.1", "-q", "2020/21 Q1", "-b", "x", "--dry-run", "--root", str(repo))
    assert "\x1b[" not in cli(*args).stdout  # the fixture sets NO_COLOR
    monkeypatch.setenv("FORCE_COLOR", "1")  # as in a terminal
    assert "\x1b[" not in cli(*args).stdout  # NO_COLOR: no bold either
    monkeypatch.setenv("NO_COLOR", "")  # set but empty counts as not set
    assert "\x1b[32m+" in cli(*args).stdout
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[32m+" in cli(*args).stdout
    monkeypatch.delenv("FORCE_COLOR")
    assert "\x1b[" not in cli(*args).stdout  # not a terminal


# --- Refusals: each says why, and writes nothing ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["1.1", "-b", "x"], 1, "1.1 already has an entry for 2020/21 Q1"),
        (["1.1", "-b", "x"], 1, "add --append to add your text to it, or --replace"),
        (["1.2", "--append", "-b", "x"], 1, "1.2 has no entry for 2020/21 Q1"),
        (["1.2", "-s", "purple", "-b", "x"], 1,
         f"{OBJECTIVE_1}:11:13: error unknown-rating: 'purple' is not on the rating scale"),
        (["1.2", "-b", "x", "-r", "childcare=3"], 1, "error measure-elsewhere"),
        (["1.2", "-b", "x", "-r", "nurseries=3"], 1, "error unknown-measure"),
        (["1.1", "--replace", "-b", "x", "-r", "childcare=3@2020/21 Q7"], 1, "error bad-period"),
        (["1.3", "-b", "x"], 1, "error unknown-breakthrough: there is no breakthrough objective 1.3"),
        (["1.2", "-b", "[link](javascript:alert(1))"], 1, "error unsafe-link"),
        (["1.1", "--append", "--heading", "H", "-b", "x"], 2, "--heading cannot be used with it"),
        (["1.1", "--append", "-r", "childcare=1", "-s", "red"], 1, "'childcare' is already read for 2020/21 Q1"),
        (["2.1", "--replace", "-b", "x"], 1, "also covers 2.2; to replace it, name everything it covers (2.1,2.2)"),
        (["1.1", "--append", "--replace", "-b", "x"], 2, "choose one"),
        (["1.1,2.2", "-b", "x"], 2, "mixes objectives 1, 2"),
        (["1.x", "-b", "x"], 2, "'1.x' is not an objective or breakthrough objective"),
        (["1.2", "-b", "  "], 2, "a --bullet is empty"),
        (["1.2", "-b", "x", "-r", "childcare=72%"], 2, "'72%' is not a number"),
        (["1.2", "-b", "x", "-r", "childcare"], 2, "needs a measure and a value"),
        (["1.2", "-b", "x", "-q", "Q5"], 2, "not a quarter"),
        (["1.2", "-b", "x", "-q", "2020/21 Q1", "-y", "2021/22"], 2, "give one"),
        (["1.2", "-b", "x", "-q", ""], 2, "--quarter is empty"),
        (["1.2", "-b", "x", "-y", ""], 2, "--year is empty"),
        (["1.2", "--body", "x", "--body-file", "f"], 2, "not both"),
        (["1.2", "--body-file", "missing.md"], 2, "cannot read --body-file missing.md"),
        (["1.2", "-b", "caf\udce9"], 2, "--bullet is not UTF-8 text (the byte 0xE9)"),
        (["1.2", "-b", "x", "--heading", "caf\udce9"], 2, "--heading is not UTF-8 text"),
        (["1.2", "-b", "x", "--author", "caf\udce9"], 2, "--author is not UTF-8 text"),
        (["1.2", "--body", "caf\udce9"], 2, "--body is not UTF-8 text"),
        (["1.2", "-b", "x", "-r", "childcare=1:caf\udce9"], 2, "--reading is not UTF-8 text"),
        (["1.2", "-b", "a\x1b[31mred"], 2, "--bullet holds a control character, U+001B ('\\x1b')"),
        (["1.2", "--body", "a\x00"], 2, "--body holds a control character, U+0000"),
        (["1.2", "-b", "x", "--heading", "a\x7f"], 2, "--heading holds a control character, U+007F"),
        (["1.2", "-b", "x", "--author", "a\x08"], 2, "--author holds a control character, U+0008"),
        (["1.2", "-b", "x", "-s", "re\x07d"], 2, "--status holds a control character, U+0007"),
        (["1.2", "-b", "x", "-r", "childcare=1:\x0c"], 2, "--reading holds a control character, U+000C"),
    ],
)  # fmt: skip
def test_refusals_say_why_and_write_nothing(
    repo: Path, cli: RunCli, args: list[str], code: int, message: str
) -> None:
    put(repo, OBJECTIVE_2, b'objective: 2\nentries:\n  - covers: ["2.1", "2.2"]\n    body: x\n')
    before = snapshot(repo)
    quarter = [] if "-q" in args else ["-q", "2020/21 Q1"]
    result = cli("update", *args, *quarter, "--root", str(repo))
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert snapshot(repo) == before


def test_a_refusal_shows_the_lines_its_line_numbers_count_in(repo: Path, cli: RunCli) -> None:
    new = "objectives/updates/2020-21/Q3/objective-2.yaml"
    result = cli(
        *("update", "2.1", "-q", "2020/21 Q3", "-s", "purple", "-b", "x", "--create"),
        *("--root", str(repo)),
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{new}:6:13: error unknown-rating: 'purple' is not on the rating scale; use one of amber, green, red, or a rating's label",
        f"{new} does not exist yet: the line numbers are those of the file the update would create, which would be:",
        "  1 | # 2020/21 Q3 updates for Objective 2. One lead edits this file.",
        "  2 | objective: 2",
        "  3 | period: 2020/21 Q3",
        "  4 | entries:",
        '  5 |   - covers: "2.1"',
        "> 6 |     status: purple",
        "  7 |     body: |",
        "  8 |       - x",
        f"icp-obj: nothing was written to {new}: the update would make the data invalid (problems above)",
    ]
    assert not (repo / new).exists()


def test_a_refusal_in_an_existing_file_shows_the_part_that_would_change(
    repo: Path, cli: RunCli
) -> None:
    result = cli("update", "1.1", "-q", "2020/21 Q1", "--replace", "-s", "purple", "-b", "x",
                 "-r", "nurseries=3", "--root", str(repo))  # fmt: skip
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("The line numbers"))
    assert lines[start : start + 7] == [
        f"The line numbers of {OBJECTIVE_1} are those of the file as the update would leave it;"
        " the part the update would change:",
        "> 4 |     status: purple",
        "  5 |     body: |",
        "  6 |       - x",
        "  7 |     readings:",
        "> 8 |       - measure: nurseries",
        "  9 |         value: 3",
    ]


def test_lines_far_apart_are_shown_with_a_gap() -> None:
    from icp_objectives.cli.terminal import _filled

    assert _filled([3, 6, 20]) == [3, 4, 5, 6, 0, 20]


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["1.1", "--replace", "-r", "nurseries=3"],
         "--reading nurseries: the measures of 1.1 (what this entry covers) are: childcare."),
        (["1.2", "-r", "childcar=3"],
         "--reading childcar: 1.2 (what this entry covers) has no measures."
         " Did you mean childcare (a measure of 1.1)?"),
        (["1", "-r", "nurseries=3"],
         "--reading nurseries: the measures of 1.1, 1.2 (what this entry covers) are: childcare."),
    ],
)  # fmt: skip
def test_an_unknown_measure_is_told_the_measures_it_could_be(
    repo: Path, cli: RunCli, args: list[str], hint: str
) -> None:
    before = snapshot(repo)
    result = cli("update", *args, "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 1
    assert "error unknown-measure" in result.stderr
    assert hint in result.stderr.splitlines()
    assert snapshot(repo) == before


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="the shipped objectives/ are not in this checkout")
def test_a_shipped_measure_is_suggested(shipped_repo: Path, cli: RunCli) -> None:
    result = cli("update", "1.1", "-q", "2020/21 Q2", "-r", "childcare=72", "-b", "x", "--create",
                 "--root", str(shipped_repo))  # fmt: skip
    assert result.exit_code == 1
    assert (
        "--reading childcare: the measures of 1.1 (what this entry covers) are:"
        " funded-childcare-two-year-olds. Did you mean funded-childcare-two-year-olds?"
    ) in result.stderr


PRESENTED_REPORT = (
    "title: Quarter 1 update\npresented: 2020-07-21\nintroduction: The quarter's update.\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["1.2", "-b", "Late news"],
        ["1.1", "--append", "-b", "Late news"],
        ["1.1", "--replace", "-s", "red", "-b", "Rated again"],
    ],
)
def test_a_presented_quarter_is_refused_outside_git(
    repo: Path, cli: RunCli, args: list[str]
) -> None:
    put(repo, f"{Q1}/report.yaml", PRESENTED_REPORT.encode())
    before = snapshot(repo)
    result = cli("update", *args, "-q", "2020/21 Q1", "--root", str(repo))
    assert result.exit_code == 1, result.output
    assert "the 2020/21 Q1 paper was presented to the board on 21 July 2020" in result.stderr
    assert "--correction REASON" in result.stderr
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("args", "entry"),
    [
        (["--append", "-b", "Late news"],
         {"covers": "1.1", "status": "amber", "body": "- Take-up is recovering.\n- Late news\n",
          "readings": [{"measure": "childcare", "value": 72}]}),
        (["--replace", "-s", "red", "-b", "Rated again"],
         {"covers": "1.1", "status": "red", "body": "- Rated again\n"}),
        (["--append", "-s", "red"],
         {"covers": "1.1", "status": "red", "body": "- Take-up is recovering.\n",
          "readings": [{"measure": "childcare", "value": 72}]}),
    ],
)  # fmt: skip
def test_a_correction_changes_a_presented_quarter_and_says_why(
    repo: Path,
    cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    entry: dict[str, object],
) -> None:
    import datetime as dt

    from icp_objectives import yamlio

    monkeypatch.setattr("icp_objectives.cli.updating._today", lambda: dt.date(2020, 9, 30))
    put(repo, f"{Q1}/report.yaml", PRESENTED_REPORT.encode())
    old = (repo / OBJECTIVE_1).read_text()
    result = cli("update", "1.1", "-q", "2020/21 Q1", *args, "--correction",
                 "The rating was entered wrongly: see the minutes", "--root", str(repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    new = (repo / OBJECTIVE_1).read_text()
    correction = {"reason": "The rating was entered wrongly: see the minutes",
                  "date": dt.date(2020, 9, 30)}  # fmt: skip
    assert yamlio.load(new)["entries"] == [{**entry, "correction": correction}]
    if "--append" in args and "-s" not in args:
        only_added(old, new)
    assert not validation.validate(repo).problems


def test_a_correction_for_a_quarter_not_presented_is_a_usage_error(repo: Path, cli: RunCli) -> None:
    before = snapshot(repo)
    result = cli("update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "x",
                 "--correction", "why", "--root", str(repo))  # fmt: skip
    assert result.exit_code == 2
    assert "--correction is only for a quarter already presented" in result.stderr
    assert snapshot(repo) == before


def test_refusal_in_a_new_quarter_leaves_no_folder(repo: Path, cli: RunCli) -> None:
    before = snapshot(repo)
    result = cli(
        *("update", "2.1", "-q", "2030/31 Q4", "-s", "purple", "-b", "x", "--create"),
        *("--root", str(repo)),
    )
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert snapshot(repo) == before
    assert not (repo / "objectives/updates/2030-31").exists()


def test_no_terminal_and_no_text_is_a_usage_error(repo: Path, cli: RunCli) -> None:
    result = cli("update", "2.1", "-q", "2020/21 Q1", "--root", str(repo))
    assert result.exit_code == 2
    assert "--bullet" in result.stderr and "--body" in result.stderr
    assert "--body-file" in result.stderr


def test_body_from_stdin(repo: Path, cli: RunCli) -> None:
    text = "#### Sub-heading\r\n\r\n- From a pipe: yes\r\n"
    result = cli(
        "update", "2.1", "-q", "2020/21 Q1", "--body-file", "-", "--root", str(repo), input=text
    )
    assert result.exit_code == 0, result.output
    from icp_objectives import yamlio

    data = yamlio.load((repo / OBJECTIVE_2).read_text())
    assert data["entries"][0]["body"] == "#### Sub-heading\n\n- From a pipe: yes\n"


@pytest.mark.parametrize("from_stdin", [False, True])
def test_body_file_text_is_checked_and_loses_its_byte_order_mark(
    repo: Path, cli: RunCli, tmp_path: Path, from_stdin: bool
) -> None:
    from icp_objectives import yamlio

    def run(data: bytes) -> tuple[Result, str]:
        (tmp_path / "update.md").write_bytes(data)
        source = (
            ["--body-file", "-"] if from_stdin else ["--body-file", str(tmp_path / "update.md")]
        )
        result = cli("update", "2.1", "-q", "2020/21 Q1", *source, "--root", str(repo),
                     input=data if from_stdin else None)  # fmt: skip
        return result, "standard input" if from_stdin else f"--body-file {tmp_path / 'update.md'}"

    before = snapshot(repo)
    for data, message in [(b"caf\xe9\n", "is not UTF-8 text (the byte 0xE9 at byte 4)"),
                          (b"a\x1bb\n", "holds a control character, U+001B")]:  # fmt: skip
        result, name = run(data)
        assert result.exit_code == 2, result.output
        assert name in result.stderr and message in result.stderr
        assert snapshot(repo) == before
    result, _ = run(b"\xef\xbb\xbf# Heading\r\n\r\nText.\r\n")
    assert result.exit_code == 0, result.output
    body = yamlio.load((repo / OBJECTIVE_2).read_text())["entries"][0]["body"]
    assert body == "# Heading\n\nText.\n"


def test_a_broken_file_is_not_touched(repo: Path, cli: RunCli) -> None:
    path = put(repo, OBJECTIVE_2, b"objective: 2\nentries: [\n")
    result = cli("update", "2.1", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 1
    assert "fix the file first" in result.stderr
    assert path.read_bytes() == b"objective: 2\nentries: [\n"


# --- At a terminal ----------------------------------------------------------------------------


EDITOR_SCRIPT = """
import sys
text, path = sys.argv[1], sys.argv[-1]
template = open(path, encoding="utf-8").read()
assert "2020/21 Q1" in template and "Stop smoking" in template
if "--drop-scissors" in sys.argv:
    template = "".join(line for line in template.splitlines(True) if ">8" not in line)
open(path, "w", encoding="utf-8").write(text.replace("|", "\\n") + template)
"""


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr("icp_objectives.cli.updating._stdin_is_terminal", lambda: True)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    return monkeypatch


def editor(tmp_path: Path, text: str, *flags: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT)
    return " ".join([sys.executable, str(script), f"'{text}'", *flags])


def test_terminal_asks_status_then_opens_the_editor(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    terminal.setenv("EDITOR", editor(tmp_path, "#### Heading, kept|- Written in the editor"))
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input="Some risk\n\n\n")
    assert result.exit_code == 0, result.output
    assert "green (On track), amber (Some risk), red (Off track)" in result.stderr
    assert "Status of" not in result.stdout  # prompts stay visible when stdout is redirected
    text = (repo / OBJECTIVE_2).read_text()
    assert "status: amber\n" in text
    assert "      #### Heading, kept\n      - Written in the editor\n" in text
    assert "Do not change" not in text


def test_without_the_scissors_line_only_the_templates_comments_are_dropped(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    typed = "#### A heading, kept|- Written in the editor|# A top heading, kept too"
    terminal.setenv("EDITOR", editor(tmp_path, typed, "--drop-scissors"))
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input="\n\n\n")
    assert result.exit_code == 0, result.output
    from icp_objectives import yamlio

    body = yamlio.load((repo / OBJECTIVE_2).read_text())["entries"][0]["body"]
    assert body == "#### A heading, kept\n- Written in the editor\n# A top heading, kept too\n"


def test_a_status_not_on_the_scale_is_explained_before_asking_again(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    answers = "purple\namber\nFirst point\n\n\n\n"
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input=answers)
    assert result.exit_code == 0, result.output
    told = result.stderr.index("'purple' is not on the rating scale; use one of amber, green, red")
    assert result.stderr.count("Status of 2.2") == 2
    assert result.stderr.index("Status of 2.2", told) > told
    assert "status: amber\n" in (repo / OBJECTIVE_2).read_text()


def test_a_control_character_typed_at_the_prompt_is_refused_and_asked_again(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    answers = "\nBad \x1b[31m colour\nGood\n\n\n\n"
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input=answers)
    assert result.exit_code == 0, result.output
    assert "bullet 1 holds a control character, U+001B" in result.stderr
    assert "body: |\n      - Good\n" in (repo / OBJECTIVE_2).read_text()


def test_empty_message_aborts_with_nothing_written(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    terminal.setenv("EDITOR", editor(tmp_path, ""))
    before = snapshot(repo)
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input="\n")
    assert result.exit_code == 0
    assert "empty, so nothing was written" in result.stderr
    assert snapshot(repo) == before


def test_without_an_editor_it_asks_for_bullets(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch
) -> None:
    answers = "green\nFirst point\nSecond: point\n\n\n\n"
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input=answers)
    assert result.exit_code == 0, result.output
    text = (repo / OBJECTIVE_2).read_text()
    assert "status: green\n    body: |\n      - First point\n      - Second: point\n" in text


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("false", "the editor 'false' exited with status 1"),
        ("no-such-editor-here", "could not run the editor 'no-such-editor-here'"),
        ("vim '", "$EDITOR is 'vim '', which cannot be read as a command"),
    ],
)
def test_editor_that_fails_is_reported(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch, command: str, message: str
) -> None:
    terminal.setenv("EDITOR", command)
    before = snapshot(repo)
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input="\n")
    assert result.exit_code == 2
    assert message in result.stderr
    assert snapshot(repo) == before


def test_an_editor_path_with_spaces_is_one_program(
    repo: Path, cli: RunCli, terminal: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "Program Files" / "Notepad++"
    folder.mkdir(parents=True)
    program = folder / "notepad++"
    program.write_text(
        f"#!{sys.executable}\nimport sys\n"
        "open(sys.argv[1], 'w', encoding='utf-8').write('- From the editor\\n')\n"
    )
    program.chmod(0o755)
    terminal.setenv("EDITOR", str(program))  # unquoted, as Windows users set it
    result = cli("update", "2.2", "-q", "2020/21 Q1", "--root", str(repo), input="\n\n\n")
    assert result.exit_code == 0, result.output
    assert "      - From the editor\n" in (repo / OBJECTIVE_2).read_text()


@pytest.mark.parametrize(
    ("value", "windows", "command"),
    [
        ("vim -f", False, ["vim", "-f"]),
        ("'my editor' --wait", False, ["my editor", "--wait"]),
        ("code --wait", True, ["code", "--wait"]),
        ("C:\\Windows\\notepad.exe", True, ["C:\\Windows\\notepad.exe"]),
        ('"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst',
         True, ["C:\\Program Files\\Notepad++\\notepad++.exe", "-multiInst"]),
    ],
)  # fmt: skip
def test_editor_commands_split_as_the_system_does(
    value: str, windows: bool, command: list[str]
) -> None:
    from icp_objectives.cli.interactive import split_command

    assert split_command(value, windows=windows) == command


def test_lock_files_and_leftovers_do_not_linger(repo: Path, cli: RunCli) -> None:
    leftover = put(repo, f"{Q1}/.objective-1.yaml.abc123.tmp", b"half a fi")
    result = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert not leftover.exists()
    assert sorted(p.name for p in (repo / Q1).iterdir()) == ["objective-1.yaml", "report.yaml"]


def test_an_existing_yml_file_is_the_one_edited(repo: Path, cli: RunCli) -> None:
    path = put(repo, f"{Q1}/objective-2.yml", b"objective: 2\nentries: []\n")
    result = cli("update", "2.1", "-q", "2020/21 Q1", "-s", "Amber", "-b", "x", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "status: amber\n" in path.read_text()
    assert not (repo / OBJECTIVE_2).exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("amber", "amber"), ("RED", "red"), ("Some risk", "amber"), ("off  TRACK", "red")],
)
def test_a_status_is_a_ratings_id_or_its_label_in_any_case(
    repo: Path, cli: RunCli, typed: str, stored: str
) -> None:
    result = cli("update", "2.1", "-q", "2020/21 Q1", "-s", typed, "-b", "x", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert f"    status: {stored}\n" in (repo / OBJECTIVE_2).read_text()


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="the shipped objectives/ are not in this checkout")
def test_a_shipped_ratings_label_is_its_id(shipped_repo: Path, cli: RunCli) -> None:
    result = cli("update", "1.1", "-q", "2020/21 Q2", "-s", "Amber/Green", "-b", "x", "--create",
                 "--root", str(shipped_repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    written = shipped_repo / "objectives/updates/2020-21/Q2/objective-1.yaml"
    assert "    status: amber-green\n" in written.read_text()
    assert not validation.validate(shipped_repo).problems


def test_a_new_quarter_without_its_report_is_pointed_out(repo: Path, cli: RunCli) -> None:
    result = cli("update", "2.1", "-q", "2021/22 Q1", "-b", "x", "--create", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert 'icp-obj new-quarter "2021/22 Q1"' in result.stderr
    first = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert "new-quarter" not in first.stderr


def test_a_report_yml_counts_as_the_quarters_report(repo: Path, cli: RunCli) -> None:
    (repo / Q1 / "report.yaml").rename(repo / Q1 / "report.yml")
    result = cli("update", "1.2", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "new-quarter" not in result.stderr


def test_an_objective_that_does_not_exist(repo: Path, cli: RunCli) -> None:
    before = snapshot(repo)
    result = cli("update", "7.1", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 1
    assert "error unknown-objective: there is no objective 7" in result.stderr
    assert snapshot(repo) == before


def test_help_explains_the_reading_syntax(cli: RunCli) -> None:
    result = cli("update", "--help")
    assert result.exit_code == 0
    assert "-r, --reading MEASURE=VALUE[@PERIOD][:NOTE]" in result.stdout
    assert "-b, --bullet TEXT" in result.stdout
    assert "--correction REASON" in result.stdout
    assert "<list[str]>" not in result.stdout
    for command in ("update", "new-quarter", "status"):
        assert command in cli("--help").stdout


def test_a_file_that_is_not_utf8_is_not_touched(repo: Path, cli: RunCli) -> None:
    path = put(repo, OBJECTIVE_2, "objective: 2\n# caf\xe9\nentries: []\n".encode("latin-1"))
    result = cli("update", "2.1", "-q", "2020/21 Q1", "-b", "x", "--root", str(repo))
    assert result.exit_code == 1
    assert f"{OBJECTIVE_2} is not UTF-8 text" in result.stderr
    assert path.read_bytes() == "objective: 2\n# caf\xe9\nentries: []\n".encode("latin-1")


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="the shipped objectives/ are not in this checkout")
def test_appending_to_every_shipped_file_adds_one_line(shipped_repo: Path, cli: RunCli) -> None:
    from icp_objectives import yamlio

    files = sorted(shipped_repo.glob("objectives/updates/*/Q*/objective-*.yaml"))
    assert files
    for path in files:
        old = path.read_text()
        entries = yamlio.load(old).get("entries") or []
        if not entries:
            continue
        covers = entries[0]["covers"]
        target = ",".join(covers) if isinstance(covers, list) else str(covers)
        quarter = f"{path.parent.parent.name} {path.parent.name}"
        result = cli("update", target, "-q", quarter, "--append", "-b", "Checked",
                     "--root", str(shipped_repo))  # fmt: skip
        assert result.exit_code == 0, result.output
        assert [line.strip() for line in only_added(old, path.read_text())] == ["- Checked"]
    assert not validation.validate(shipped_repo).problems


def test_a_new_file_names_the_schema_when_the_repository_ships_one(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({"schema/quarter-updates.schema.json": "{}\n"})
    result = cli("update", "2", "--quarter", "2020/21 Q1", "--bullet", "New.", "--root", str(root))
    assert result.exit_code == 0, result.output
    created = (root / "objectives/updates/2020-21/Q1/objective-2.yaml").read_text()
    assert created.startswith(
        "# yaml-language-server: $schema=../../../../schema/quarter-updates.schema.json\n"
    )


DOC = Path(__file__).resolve().parent.parent / "docs" / "commands-update.md"


def _examples(cli: RunCli) -> list[str]:
    """Every `icp-obj update` command in `update --help` and in the shell blocks of the docs."""
    helped = [
        line.strip()
        for line in cli("update", "--help").stdout.splitlines()
        if line.strip().startswith("icp-obj update ")
    ]
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    documented = [
        line.strip()
        for block in blocks
        for line in block.replace("\\\n", " ").splitlines()
        if line.strip().startswith("icp-obj update ")
    ]
    assert len(helped) >= 4 and len(documented) >= 3
    return helped + documented


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="the shipped objectives/ are not in this checkout")
def test_every_example_works_on_the_shipped_data(
    shipped_repo: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import shlex

    monkeypatch.setattr("icp_objectives.cli.updating._today", lambda: dt.date(2020, 8, 1))
    (shipped_repo / "update.md").write_text("- Written in a file.\n", encoding="utf-8")
    # The examples are for a lead once the programme office has opened 2020/21 Q2.
    assert cli("new-quarter", "2020/21 Q2", cwd=shipped_repo).exit_code == 0
    before = snapshot(shipped_repo)
    for example in _examples(cli):
        result = cli(*shlex.split(example)[1:], "--dry-run", cwd=shipped_repo)
        assert result.exit_code == 0, f"{example}\n{result.output}"
        assert "dry run: nothing written" in result.stderr, example
    assert snapshot(shipped_repo) == before


def test_a_reading_too_large_to_print_exactly_is_refused_before_anything_is_written(
    repo: Path, cli: RunCli
) -> None:
    before = (repo / OBJECTIVE_2).read_bytes() if (repo / OBJECTIVE_2).exists() else None
    result = cli(
        "update", "1.1", "-q", "2020/21 Q1", "--append", "-r", "childcare=12345678901234567890",
        "--root", str(repo),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is larger than a paper prints exactly (at most 1,000,000,000,000)" in result.stderr
    assert "Please report" not in result.output
    assert ((repo / OBJECTIVE_2).read_bytes() if before is not None else None) == before
