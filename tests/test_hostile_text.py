"""Text from the files never acts on a terminal, a log or an annotation: every message is one
line, with control characters written as escapes that show what the file holds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from icp_objectives.domain.problems import Problem, render
from icp_objectives.domain.wording import visible
from icp_objectives.review.changes import Change, Diff
from icp_objectives.review.diff_render import render as render_diff
from tests.conftest import MakeRepo, RunCli

PAYLOAD = "x\r# INJECTED\n\x1b[2J\x1b[32mAll checks passed\u202e\x85"


def _acts_on_a_terminal(text: str) -> bool:
    return any(ch in text for ch in "\r\x1b\u202e\x85")


def test_visible_writes_each_control_character_as_an_escape() -> None:
    assert visible("a\tb\nc\rd\x1be\u202ef\x00") == "a\\tb\\nc\\rd\\x1be\\u202ef\\x00"
    plain = "Plain text, “quoted” \u2013 fine: 72%"
    assert visible(plain) == plain


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_problem_quoting_the_data_prints_on_one_line(fmt: str) -> None:
    problem = Problem("objectives/x\x1b.yaml", 3, 5, "bad-choice", f"'{PAYLOAD}' is not allowed")
    printed = render([problem, problem], fmt)
    assert not _acts_on_a_terminal(printed)
    if fmt == "json":
        assert json.loads(printed)["problems"][0]["message"].startswith("'x\\r# INJECTED\\n")
    else:
        assert len(printed.splitlines()) == 2


def test_a_title_carrying_escape_sequences_is_refused_at_its_place(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo(
        {
            "objectives/2-choices.yaml": """
                id: 2
                title: "\\e[2J\\e[32mAll checks passed"
                breakthroughs:
                  - id: "2.1"
                    title: Connect services
            """
        }
    )
    for fmt in ("text", "github"):
        result = cli("validate", "--root", str(root), "--format", fmt)
        assert result.exit_code == 1
        assert "\x1b" not in result.output
        assert "objectives/2-choices.yaml" in result.output and "control-character" in result.output
        assert "line=2,col=8" in result.output or "2-choices.yaml:2:8:" in result.output


def test_a_file_name_that_is_not_utf8_is_named_not_a_crash(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    folder = root / "objectives" / "updates" / "2020-21" / "Q1"
    name = os.fsdecode(b"objective-1\xff.yaml")
    (folder / name).write_text("objective: 1\nentries: []\n", encoding="utf-8")
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert "objective-1\\udcff.yaml" in result.output


def test_the_diff_shows_changed_text_on_one_line() -> None:
    change = Change(1, None, "1.1", "retitled", f"1.1 retitled: 'old' → '{PAYLOAD}'")
    diff = Diff([change], [], {1: f"To give {PAYLOAD}"})
    for fmt in ("text", "md"):
        printed = render_diff(diff, fmt, "main", "pr")
        assert not _acts_on_a_terminal(printed)
        assert "INJECTED\\n" in printed or "INJECTED\\\\n" in printed


def test_a_repository_path_is_shown_as_it_is(tmp_path: Path) -> None:
    assert Problem(str(tmp_path / "a.yaml"), 1, 1, "c", "m").path == str(tmp_path / "a.yaml")


def test_a_template_from_a_pull_request_cannot_reach_python(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    marker = tmp_path / "ran"
    (root / "templates").mkdir()
    (root / "templates" / "board-report.md.j2").write_text(
        "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}\n",
        encoding="utf-8",
    )
    result = cli("report", "Q1", "--root", str(root), "-o", "-", "--format", "md")
    assert result.exit_code == 1
    assert "may use the paper's fields, not Python's internals" in result.stderr
    assert not marker.exists()
