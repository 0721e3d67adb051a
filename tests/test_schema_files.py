"""The JSON Schema files shipped in schema/ for editors are what the models say now."""

from __future__ import annotations

import pytest

from icp_objectives import schema
from tests.conftest import PROJECT

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
