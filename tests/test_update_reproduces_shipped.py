"""Adding every entry of the shipped Q1 2020/21 paper through `icp-obj update`, starting from
empty quarter files, gives back the shipped files: the same data, and the same text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from icp_objectives import yamlio
from tests.conftest import PROJECT, RunCli

Q1 = Path("objectives/updates/2020-21/Q1")
SHIPPED_FILES = sorted((PROJECT / Q1).glob("objective-*.yaml"))


def _options(entry: dict[str, object], body_file: Path) -> list[str]:
    covers = entry["covers"]
    target = ",".join(covers) if isinstance(covers, list) else str(covers)
    body_file.write_text(str(entry["body"]), encoding="utf-8")
    options = [target, "--quarter", "2020/21 Q1", "--body-file", str(body_file)]
    if "heading" in entry:
        options += ["--heading", str(entry["heading"])]
    if "status" in entry:
        options += ["--status", str(entry["status"])]
    for reading in entry.get("readings", []):  # type: ignore[attr-defined]
        value = f"{reading['measure']}={reading['value']:g}"
        options += ["--reading", value + (f":{reading['note']}" if "note" in reading else "")]
    return options


@pytest.mark.parametrize("shipped", SHIPPED_FILES, ids=lambda p: p.stem)
def test_update_rebuilds_each_shipped_file(shipped: Path, tmp_path: Path, cli: RunCli) -> None:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "objectives", root / "objectives")
    shutil.copytree(PROJECT / "schema", root / "schema")
    target = root / Q1 / shipped.name
    target.unlink()
    expected = yamlio.load(shipped.read_text(encoding="utf-8"))

    for entry in expected["entries"]:
        result = cli("update", *_options(entry, tmp_path / "body.md"), "--root", str(root))
        assert result.exit_code == 0, result.output

    assert yamlio.load(target.read_text(encoding="utf-8")) == expected
    assert target.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
