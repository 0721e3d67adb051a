"""The command line as a user meets it: help, version, exit codes, formats, finding the root."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from icp_objectives import __version__
from tests.conftest import MakeRepo, RunCli


def test_version(cli: RunCli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"icp-obj {__version__}"


def test_help_names_every_command_and_a_first_step(cli: RunCli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("validate", "report", "schema"):
        assert command in result.stdout
    assert "icp-obj report Q1" in result.stdout


COMMANDS = [
    "init",
    "validate",
    "report",
    "update",
    "new-quarter",
    "cover",
    "status",
    "import-readings",
    "measures",
    "diff",
    "schema",
]
# Their first help lines are cli/updating.py's, which another change is bringing in line.
PYTHON_IN_HELP = re.compile(r"<(?:str|int|path|dir|file|list\[[^>]*)>|\{[a-z_A-Z]+\}")


def test_the_command_list_shows_each_first_line_whole(cli: RunCli) -> None:
    listing = cli("--help").stdout.split("Commands:")[1]
    rows = {line.split()[0]: line for line in listing.splitlines() if line.strip()}
    assert sorted(rows) == sorted(COMMANDS)
    for command in COMMANDS:
        assert not rows[command].endswith("..."), rows[command]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_arguments_and_values_plainly(command: str, cli: RunCli) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert not PYTHON_IN_HELP.findall(result.stdout), result.stdout


def test_help_shows_each_argument_as_people_type_it(cli: RunCli) -> None:
    usage = {c: cli(c, "--help").stdout.splitlines()[0] for c in COMMANDS}
    assert usage["validate"].endswith("[OPTIONS] [PATH]...")
    assert usage["report"].endswith("[OPTIONS] PERIOD...")
    assert usage["update"].endswith("[OPTIONS] TARGET")
    assert usage["status"].endswith("[OPTIONS] [PERIOD]...")
    assert usage["diff"].endswith("[OPTIONS] [BASE] [HEAD]")
    assert usage["schema"].endswith("[OPTIONS] [KIND]")
    assert usage["import-readings"].endswith("[OPTIONS] MEASURE FILE")
    assert "-o, --output DIR" in cli("schema", "--help").stdout
    assert "  PATH...  Only report problems" in cli("validate", "--help").stdout
    missing = cli("report")
    assert missing.exit_code == 2 and "Missing argument 'PERIOD'" in missing.stderr


def test_valid_repository_exits_0_with_a_summary(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "5 files checked: no problems." in result.stderr


def test_root_is_found_by_walking_up(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("validate", cwd=root / "objectives" / "updates" / "2020-21")
    assert result.exit_code == 0, result.output


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, cli: RunCli) -> None:
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no 'objectives/' folder" in result.stderr
    assert "--root" in result.stderr


def test_every_problem_in_every_file_in_one_run(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(
        {
            "objectives/2-choices.yaml": "id: 2\ntitle: x\nbreakthroughs:\n  - id: 2.10\n    title: y\n",
            "objectives/updates/2020-21/Q1/objective-1.yaml": "objective: 1\nentries: [\n",
        }
    )
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == sorted(lines)
    assert lines[0].startswith("objectives/2-choices.yaml:4:9: error unquoted-id:")
    assert lines[1].startswith(
        "objectives/updates/2020-21/Q1/objective-1.yaml:2:10: error yaml-unclosed:"
    )
    assert "2 errors in 2 of 5 files checked." in result.stderr


def test_github_format_annotates_lines(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"objectives/2-choices.yaml": "id: 2\ntitel: x\n"})
    result = cli("validate", "--root", str(root), "--format", "github")
    assert result.exit_code == 1
    assert (
        "::error file=objectives/2-choices.yaml,line=2,col=1,title=icp-obj unknown-key::"
        in result.stdout
    )


def test_json_format_is_machine_readable(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"objectives/2-choices.yaml": "id: 2\ntitel: x\n"})
    data = json.loads(cli("validate", "--root", str(root), "-f", "json").stdout)
    assert data["count"] == len(data["problems"]) >= 1
    assert {"path", "line", "column", "code", "message", "severity"} <= set(data["problems"][0])


def test_an_unknown_format_is_a_usage_error(make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("validate", "--root", str(make_repo({})), "--format", "xml")
    assert result.exit_code == 2
    assert "text, json, github" in result.stderr


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        ("validate", "one of text, json, github"),
        ("diff", "one of text, md, json, quarters"),
        ("status", "text or json"),
    ],
)
def test_an_unknown_format_names_the_formats_of_each_command(
    make_repo: MakeRepo, cli: RunCli, command: str, choices: str
) -> None:
    result = cli(command, "--format", "xml", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert result.stderr == f"icp-obj: --format must be {choices}, not 'xml'\n"


def test_paths_limit_what_is_reported(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(
        {
            "objectives/2-choices.yaml": "id: 2\ntitel: x\n",
            "objectives/updates/2020-21/Q1/objective-1.yaml": "objective: 1\nentries: [\n",
        }
    )
    result = cli("validate", str(root / "objectives" / "updates"))
    assert result.exit_code == 1
    assert "objective-1.yaml" in result.stdout
    assert "2-choices.yaml" not in result.stdout


def test_a_path_outside_the_repository_is_a_usage_error(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("validate", "--root", str(root), str(elsewhere))
    assert result.exit_code == 2
    assert "is outside the repository" in result.stderr


def test_a_path_in_no_repository_is_outside_this_one(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = make_repo({})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "hosts").write_text("127.0.0.1 localhost\n")
    result = cli("validate", str(elsewhere / "hosts"), cwd=root / "objectives")
    assert result.exit_code == 2
    assert f"hosts is outside the repository {root.resolve()}" in result.stderr


def test_every_missing_path_is_a_usage_error(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("validate", str(root / "objectives"), str(root / "no-such-file.yaml"))
    assert result.exit_code == 2
    assert "no-such-file.yaml does not exist" in result.stderr


def test_schema_prints_json_schema(cli: RunCli) -> None:
    result = cli("schema", "quarter-updates")
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "entries" in schema["properties"]


def test_schema_on_stdout_is_the_shipped_file(cli: RunCli) -> None:
    shipped = Path(__file__).parent.parent / "schema" / "objective.schema.json"
    assert cli("schema", "objective").stdout == shipped.read_text(encoding="utf-8")


def test_schema_into_a_file_or_impossible_folder_is_a_message(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    for target in (tmp_path / "a-file", tmp_path / "a-file" / "below"):
        result = cli("schema", "--output", str(target))
        assert result.exit_code == 3, result.output  # the disk refused: not a usage error
        assert f"cannot write into {target}" in result.stderr


def test_schema_into_a_file_name_is_a_usage_error(tmp_path: Path, cli: RunCli) -> None:
    target = tmp_path / "x.json"
    result = cli("schema", "objective", "-o", str(target))
    assert result.exit_code == 2, result.output
    assert "is the folder the <kind>.schema.json files go into" in result.stderr
    assert f"icp-obj schema objective > {target}" in result.stderr
    assert not target.exists()
    assert cli("schema", "objective", "-o", f"{target}/").exit_code == 0  # a folder, said so
    assert (target / "objective.schema.json").is_file()


def test_schema_of_one_kind_writes_that_file(tmp_path: Path, cli: RunCli) -> None:
    assert cli("schema", "objective", "--output", str(tmp_path)).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["objective.schema.json"]


def test_schema_writes_one_file_per_kind(tmp_path: Path, cli: RunCli) -> None:
    result = cli("schema", "--output", str(tmp_path / "schema"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == [
        "objective.schema.json",
        "outcomes.schema.json",
        "partnership.schema.json",
        "quarter-report.schema.json",
        "quarter-updates.schema.json",
    ]


def test_schema_of_an_unknown_kind_is_a_usage_error(cli: RunCli) -> None:
    result = cli("schema", "board")
    assert result.exit_code == 2
    assert "partnership" in result.stderr


def test_run_from_a_checkout_without_its_dependencies_says_what_to_install() -> None:
    hide_typer = (
        "import runpy, sys; sys.modules['typer'] = None;"
        " runpy.run_module('icp_objectives', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", hide_typer, "validate"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "the package typer is not installed" in done.stderr
    assert "pip install ." in done.stderr


def test_help_starts_without_the_model_or_yaml_libraries() -> None:
    # `--help` and the pre-commit hook's start-up are paid on every commit: the command line's
    # own modules must not pull in pydantic, ruamel or jinja until a command needs them.
    probe = (
        "import sys, icp_objectives.cli;"
        "print(' '.join(m for m in ('pydantic', 'ruamel.yaml', 'jinja2', 'markdown_it')"
        " if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_a_validate_in_a_pipe_loads_no_rich_and_looks_for_no_pydantic_plugin(
    shipped_repo: Path,
) -> None:
    # The pre-commit hook and CI write to no terminal: there is no progress bar to draw, so
    # Rich stays unloaded; and pydantic is not sent through every installed package's entry
    # points for plugins, unless whoever runs the tool sets PYDANTIC_DISABLE_PLUGINS.
    probe = (
        "import atexit, sys, os; from icp_objectives.cli import main;"
        "atexit.register(lambda: print('rich' in sys.modules,"
        " os.environ.get('PYDANTIC_DISABLE_PLUGINS'), file=sys.stderr));"
        f"sys.argv = ['icp-obj', 'validate', '--no-cache', '--root', {str(shipped_repo)!r}]; main()"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    for told, seen in ((None, "1"), ("0", "0")):
        env.pop("PYDANTIC_DISABLE_PLUGINS", None)
        if told is not None:
            env["PYDANTIC_DISABLE_PLUGINS"] = told
        run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        assert run.stderr.strip().splitlines()[-1] == f"False {seen}"


def test_a_validate_answered_from_the_cache_loads_neither_the_model_nor_yaml(
    shipped_repo: Path, tmp_path: Path
) -> None:
    # The pre-commit hook's validate on files checked before: its answer is kept, so nothing
    # of the reader, the model or the paper need start (typer brings pydantic itself).
    probe = (
        "import atexit, sys; from icp_objectives.cli import main;"
        "atexit.register(lambda: print('loaded:', *(m for m in ('icp_objectives.domain.model',"
        " 'ruamel.yaml', 'jinja2', 'markdown_it') if m in sys.modules), file=sys.stderr));"
        f"sys.argv = ['icp-obj', 'validate', '--root', {str(shipped_repo)!r}]; main()"
    )
    env = {**os.environ, "ICP_OBJ_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("ICP_OBJ_NO_CACHE", None)
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert "ruamel.yaml" in runs[0].stderr  # the first run checks the files
    assert runs[1].stderr.strip().splitlines()[-1] == "loaded:"
