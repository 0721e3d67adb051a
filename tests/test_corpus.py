"""The corpus: every file in tests/corpus/invalid must produce its stated problems, and
every file in tests/corpus/valid must pass. Adding a case is adding one file.

An invalid case starts with comment lines saying where it goes in a small valid repository
and which problems it must produce (line and column count the case file's own lines):

    # at: objectives/2-choices.yaml
    # expect: unknown-key 5:1

It may also say what the messages must contain, and how many problems the file has in all:

    # says: did you mean 'title'?
    # count: 1

A case that cannot hold comments (binary, not UTF-8, empty) has a sidecar NAME.expect file
with the path on its first line and one `code line:col` per following line, or `says: words`.

A series file case (NAME.csv, in invalid/ or valid/) always has a sidecar; it is checked in
the small repository with tests/corpus/series-base.yaml as objective 3, whose measures are
read monthly, weekly, quarterly and as a ratio.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from icp_objectives.yamlio import read
from tests.conftest import MakeRepo, RunCli

CORPUS = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Case:
    file: Path
    at: str
    expected: tuple[tuple[str, int, int], ...]
    says: tuple[str, ...] = ()
    count: int | None = None


def _parse_expectation(text: str) -> tuple[str, int, int]:
    code, place = text.split()
    line, column = place.split(":")
    return code, int(line), int(column)


def _case(file: Path) -> Case:
    sidecar = file.with_name(file.name + ".expect")
    if sidecar.exists():
        at, *rest = sidecar.read_text(encoding="utf-8").splitlines()
        words = tuple(r.removeprefix("says:").strip() for r in rest if r.startswith("says:"))
        codes = [r for r in rest if r.strip() and not r.startswith("says:")]
        return Case(file, at, tuple(_parse_expectation(r) for r in codes), words)
    at, expected, says, count = "", [], [], None
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.startswith("# at:"):
            at = line.removeprefix("# at:").strip()
        elif line.startswith("# expect:"):
            expected.append(_parse_expectation(line.removeprefix("# expect:")))
        elif line.startswith("# says:"):
            says.append(line.removeprefix("# says:").strip())
        elif line.startswith("# count:"):
            count = int(line.removeprefix("# count:"))
    assert at and expected, f"{file.name} needs '# at:' and '# expect:' header lines"
    return Case(file, at, tuple(expected), tuple(says), count)


INVALID = sorted((CORPUS / "invalid").glob("*.yaml"))
VALID = sorted((CORPUS / "valid").glob("*.yaml"))
INVALID_SERIES = sorted((CORPUS / "invalid").glob("*.csv"))
VALID_SERIES = sorted((CORPUS / "valid").glob("*.csv"))
SERIES_BASE = {"objectives/3-age-well.yaml": (CORPUS / "series-base.yaml").read_text("utf-8")}


def test_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 30
    assert len(VALID) >= 3
    assert len(INVALID_SERIES) >= 15
    assert len(VALID_SERIES) >= 3


@pytest.mark.parametrize("file", INVALID_SERIES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_invalid_series_file_is_located_in_every_format(
    file: Path, fmt: str, make_repo: MakeRepo, cli: RunCli
) -> None:
    """Each bad series file is one located line, exit 1, in each of validate's formats."""
    case = _case(file)
    _check_invalid(file, make_repo, cli, SERIES_BASE)
    root = make_repo(SERIES_BASE)
    (root / case.at).parent.mkdir(parents=True, exist_ok=True)
    (root / case.at).write_bytes(file.read_bytes())
    result = cli("validate", "--root", str(root), "--format", fmt)
    assert result.exit_code == 1, result.output
    code, line, column = case.expected[0]
    if fmt == "json":
        found = json.loads(result.stdout)["problems"]
        assert {"path": case.at, "line": line, "column": column, "code": code} in [
            {k: p[k] for k in ("path", "line", "column", "code")} for p in found
        ]
    else:
        shown = (
            f"{case.at}:{line}:{column}: error {code}: "
            if fmt == "text"
            else f"::error file={case.at},line={line},col={column},title=icp-obj {code}::"
        )
        assert shown in result.stdout, result.stdout


@pytest.mark.parametrize("file", VALID_SERIES, ids=lambda p: p.stem)
def test_valid_series_file_passes(file: Path, make_repo: MakeRepo, cli: RunCli) -> None:
    at = file.with_name(file.name + ".expect").read_text(encoding="utf-8").splitlines()[0]
    root = make_repo(SERIES_BASE)
    (root / at).parent.mkdir(parents=True, exist_ok=True)
    (root / at).write_bytes(file.read_bytes())

    result = cli("validate", "--root", str(root))

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("file", INVALID, ids=lambda p: p.stem)
def test_invalid_case_reports_its_problems(file: Path, make_repo: MakeRepo, cli: RunCli) -> None:
    _check_invalid(file, make_repo, cli)


@pytest.mark.parametrize("file", INVALID, ids=lambda p: p.stem)
def test_invalid_case_reads_the_same_without_the_c_extension(
    file: Path, make_repo: MakeRepo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where ruamel.yaml's C extension is not installed, the pure-Python reader serves."""
    monkeypatch.setattr(read, "_load_fast", read._load_pure)
    _check_invalid(file, make_repo, cli)


def _check_invalid(
    file: Path, make_repo: MakeRepo, cli: RunCli, base: dict[str, str] | None = None
) -> None:
    case = _case(file)
    root = make_repo(base or {})
    target = root / case.at
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(file.read_bytes())

    result = cli("validate", "--root", str(root), "--format", "json")

    found = json.loads(result.stdout)["problems"]
    errors = any(p["severity"] == "error" for p in found)
    assert result.exit_code == (1 if errors else 0), result.output  # warnings alone pass
    located = {(p["code"], p["line"], p["column"]) for p in found if p["path"] == case.at}
    for expected in case.expected:
        assert expected in located, f"{case.at}: expected {expected}, got {sorted(located)}"
    messages = [p["message"] for p in found if p["path"] == case.at]
    for words in case.says:
        assert any(words in m for m in messages), f"no message says {words!r}: {messages}"
    if case.count is not None:
        assert len(messages) == case.count, messages
    assert all(p["message"] and "Traceback" not in p["message"] for p in found)


@pytest.mark.parametrize("file", VALID, ids=lambda p: p.stem)
def test_valid_case_passes(file: Path, make_repo: MakeRepo, cli: RunCli) -> None:
    header = file.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# at:"), f"{file.name} needs an '# at:' first line"
    root = make_repo({header.removeprefix("# at:").strip(): file.read_text(encoding="utf-8")})

    result = cli("validate", "--root", str(root))

    assert result.exit_code == 0, result.output


def test_a_huge_file_is_refused_without_reading_it_as_yaml(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    (root / "objectives" / "9-huge.yaml").write_text("# padding\n" * 600_000, encoding="utf-8")
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert "objectives/9-huge.yaml:1:1: error file-too-large:" in result.stdout
