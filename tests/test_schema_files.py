"""The JSON Schema files shipped in schema/ for editors are what the models say now."""

from __future__ import annotations

import pytest

from icp_objectives.domain import schema
from icp_objectives.edit import schema_files
from tests.conftest import PROJECT, MakeRepo, RunCli

SCHEMA_DIR = PROJECT / "schema"


@pytest.mark.parametrize("kind", list(schema.KINDS))
def test_schema_file_is_up_to_date(kind: str) -> None:
    path = SCHEMA_DIR / f"{kind}.schema.json"
    assert path.is_file(), f"{path.name} is missing; run `icp-obj schema --output schema`"
    assert path.read_text(encoding="utf-8") == schema.dumps(kind), (
        f"schema/{path.name} is stale; run `icp-obj schema --output schema` and commit it"
    )


def test_no_stray_schema_files() -> None:
    shipped = {p.name for p in SCHEMA_DIR.glob("*.json")}
    assert shipped == {f"{kind}.schema.json" for kind in schema.KINDS}


def test_new_quarter_files_name_the_schema_when_the_repository_ships_it(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    schema_files.write_all(root / "schema")
    assert cli("new-quarter", "2020/21 Q2", "--root", str(root)).exit_code == 0
    folder = root / "objectives/updates/2020-21/Q2"
    first = (folder / "objective-2.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../../schema/quarter-updates.schema.json"
    first = (folder / "report.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../../schema/quarter-report.schema.json"
    assert cli("validate", "--root", str(root)).exit_code == 0


def test_without_schema_files_new_quarter_adds_no_modeline(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    cli("new-quarter", "2020/21 Q2", "--root", str(root))
    text = (root / "objectives/updates/2020-21/Q2/objective-1.yaml").read_text(encoding="utf-8")
    assert "yaml-language-server" not in text
