"""Shell completion: Tab offers the repository's quarters, targets, measures and ratings.

The callbacks are called directly, and the CLI is run with the shell's protocol
(`_ICP_OBJ_COMPLETE=complete_bash COMP_WORDS=... COMP_CWORD=...`) as bash would run it.
A missing or broken repository offers nothing, and never shows a traceback.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from icp_objectives.cli import app, completion
from tests.conftest import MakeRepo, RunCli

OPENED_Q2 = {
    "objectives/updates/2020-21/Q2/report.yaml": """
        title: Quarter 2 update
        period: 2020/21 Q2
        introduction: |
          The quarter's update.
        """,
}


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo(OPENED_Q2)


def tab(line: str) -> list[str]:
    """What bash would offer for `line` (completing its last word; a trailing space starts a
    new one), run through the CLI as the shell runs it."""
    words = shlex.split(line)
    if line.endswith(" "):
        words.append("")
    runner = CliRunner()
    env = {
        "_ICP_OBJ_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(shlex.quote(w) if w else "" for w in words),
        "COMP_CWORD": str(len(words) - 1),
    }
    result = runner.invoke(app, [], env=env, prog_name="icp-obj", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return [line for line in result.stdout.split("\n") if line]


def params(root: Path, **more: object) -> SimpleNamespace:
    return SimpleNamespace(params={"root": root, **more})


def words(offers: list[tuple[str, str]]) -> list[str]:
    return [word for word, _ in offers]


def test_commands_and_options_complete(repo: Path) -> None:
    assert tab("icp-obj upd") == ["update"]
    assert "--reading" in tab("icp-obj update 1.1 --re")
    assert "--install-completion" in tab("icp-obj --")


def test_quarters_are_offered_as_single_words_the_open_one_first(repo: Path) -> None:
    offered = words(completion.complete_quarter(params(repo), ""))
    assert offered == ["2020-21-Q1", "2020-21-Q2", "2020-21-Q3", "Q1", "Q2"]
    assert tab(f"icp-obj update 1.1 --root {repo} -q 2020-21-Q") == [
        "2020-21-Q1",
        "2020-21-Q2",
        "2020-21-Q3",
    ]
    assert tab(f"icp-obj status --root {repo} Q") == ["Q1", "Q2"]
    assert "outcomes" in tab(f"icp-obj report --root {repo} ")


def test_the_open_quarter_comes_before_a_presented_one(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            **OPENED_Q2,
            "objectives/updates/2020-21/Q1/report.yaml": """
                title: Quarter 1 update
                period: 2020/21 Q1
                presented: 2020-07-21
                introduction: |
                  The quarter's update.
                """,
        }
    )
    offered = completion.complete_quarter(params(root), "2020")
    assert offered[0] == ("2020-21-Q2", "open")


def test_targets_are_objectives_and_breakthroughs(repo: Path) -> None:
    assert words(completion.complete_target(params(repo), "")) == [
        "1",
        "1.1",
        "1.2",
        "2",
        "2.1",
        "2.2",
    ]
    assert tab(f"icp-obj update --root {repo} 2") == ["2", "2.1", "2.2"]
    assert tab(f"icp-obj update --root {repo} 2.1,") == ["2.1,2.2"]


def test_readings_offer_the_measures_of_the_target_and_ratings_the_scale(repo: Path) -> None:
    assert tab(f"icp-obj update --root {repo} 1.1 --reading ") == ["childcare="]
    assert tab(f"icp-obj update --root {repo} 2.2 --reading ") == []  # 2.2 has no measures
    assert tab(f"icp-obj update --root {repo} 1.1 -r childcare=7") == []
    assert tab(f"icp-obj update --root {repo} 1.1 --status ") == ["green", "amber", "red"]
    assert tab(f"icp-obj update --root {repo} 1.1 -s a") == ["amber"]
    assert tab(f"icp-obj measures --root {repo} --measure ch") == ["childcare"]
    assert tab(f"icp-obj import-readings --root {repo} c") == ["childcare"]


def test_the_repository_is_found_from_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "objectives")
    assert tab("icp-obj update 1.1 -s r") == ["red"]


@pytest.mark.parametrize(
    ("command", "rest"),
    [
        ("update", "1.1 -s "),
        ("update", ""),
        ("status", ""),
        ("update", "1.1 -r "),
        ("measures", "-m "),
    ],
)
def test_without_a_repository_nothing_is_offered(
    command: str, rest: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert tab(f"icp-obj {command} {rest}") == []
    assert tab(f"icp-obj {command} --root {tmp_path / 'none'} {rest}") == []


def test_a_broken_repository_offers_what_it_can_and_never_fails(make_repo: MakeRepo) -> None:
    root = make_repo({"objectives/partnership.yaml": "ratings: [\n"})
    assert tab(f"icp-obj update --root {root} 1.1 -s ") == []
    assert tab(f"icp-obj update --root {root} 1") == ["1", "1.1", "1.2"]


def test_a_callback_that_meets_the_unexpected_offers_nothing() -> None:
    assert completion.complete_rating(SimpleNamespace(params={"root": 3}), "") == []


def test_show_completion_prints_a_script(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHELL", "/bin/bash")
    result = cli("--show-completion", "bash")
    assert result.exit_code == 0, result.output
    assert "_ICP_OBJ_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F" in result.stdout


def test_install_completion_writes_the_script_for_the_shell(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    result = cli("--install-completion", "bash")
    assert result.exit_code == 0, result.output
    script = tmp_path / ".bash_completions" / "icp-obj.sh"
    assert "_ICP_OBJ_COMPLETE=complete_bash" in script.read_text()
    assert str(script) in (tmp_path / ".bashrc").read_text()
