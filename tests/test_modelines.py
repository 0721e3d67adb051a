"""Every shipped data file names its JSON Schema on its first line, for editors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from icp_objectives.load.disk import data_files
from tests.conftest import PROJECT

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<target>\S+)$")
SHIPPED = [p.relative_to(PROJECT) for p in data_files(PROJECT)]


def _kind(rel: Path) -> str:
    parts = rel.parts[1:]
    if parts in {("partnership.yaml",), ("outcomes.yaml",)}:
        return parts[0].removesuffix(".yaml")
    if len(parts) == 1:
        return "objective"
    return "quarter-report" if parts[-1] == "report.yaml" else "quarter-updates"


def test_there_is_shipped_data() -> None:
    assert len(SHIPPED) >= 12


@pytest.mark.parametrize("rel", SHIPPED, ids=str)
def test_modeline_points_at_the_schema_of_its_kind(rel: Path) -> None:
    first = (PROJECT / rel).read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{rel} should start with '# yaml-language-server: $schema=...'"
    target = ((PROJECT / rel).parent / match["target"]).resolve()
    assert target.is_file(), f"{rel}: {match['target']} does not exist"
    assert target == (PROJECT / "schema" / f"{_kind(rel)}.schema.json").resolve()
