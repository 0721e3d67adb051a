"""What the tool prints about a partnership's data names the levels in the partnership's words:
South Notts' priorities and workstreams in `update`'s errors, `validate`'s messages, the
diff's lines and headings and `new-quarter`'s notes; Mid Notts' defaults say what they said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from icp_objectives.load import disk
from icp_objectives.review import diff_render, semantic_diff
from tests.conftest import PROJECT, RunCli

SOUTH_NOTTS = PROJECT / "examples" / "south-notts"
REPORT = "objectives/updates/2019-20/Q4/report.yaml"


@pytest.fixture
def south_notts(tmp_path: Path) -> Path:
    root = tmp_path / "south-notts"
    shutil.copytree(SOUTH_NOTTS, root)
    return root


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("x", "'x' is not a priority or workstream; write 2, 2.1"),
        ("1.1,2.1", "'1.1,2.1' mixes priorities 1, 2; one update belongs to one priority"),
        ("6,6.1", "mixes a priority with its workstreams; name the priority alone"),
        ("6.1,6.1", "names the same priority twice"),
    ],
)
def test_update_names_the_levels_as_the_partnership_does(
    cli: RunCli, south_notts: Path, target: str, said: str
) -> None:
    result = cli(
        "update", target, "--quarter", "2019/20 Q4", "--bullet", "x", "--root", str(south_notts)
    )
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert "objective" not in result.stderr


def test_validate_names_the_levels_as_the_partnership_does(cli: RunCli, south_notts: Path) -> None:
    path = south_notts / REPORT
    path.write_text(
        path.read_text().replace("session: public", "session: public\nstrategic_objectives: [9]")
    )
    result = cli("validate", "--root", str(south_notts))
    assert result.exit_code == 1
    assert "there is no priority 9; the priorities are 1, 2" in result.stdout, result.stdout


def test_the_diff_names_the_levels_as_the_partnership_does(
    south_notts: Path, tmp_path: Path
) -> None:
    head = tmp_path / "head"
    shutil.copytree(south_notts, head)
    rel = head / "objectives/3-social-prescribing.yaml"
    rel.write_text(rel.read_text().replace("Building on social", "Growing social", 1))
    diff = semantic_diff.compare(disk.load(south_notts), disk.load(head))
    texts = [c.text for c in diff.changes]
    assert any(t.startswith("Priority 3 retitled:") for t in texts), texts
    shown = diff_render.render(diff, "md", "main", "HEAD")
    assert shown.startswith("### Priorities:")
    assert "#### Priority 3: Growing social" in shown


def test_import_readings_names_the_level_measures_are_defined_under(
    cli: RunCli, south_notts: Path, tmp_path: Path
) -> None:
    export = tmp_path / "export.csv"
    export.write_text("period,value\n2019/20 Q4,1\n")
    result = cli("import-readings", "no-such-measure", str(export), "--root", str(south_notts))
    assert result.exit_code != 0
    assert "a measure defined under a workstream or in the outcomes summary" in result.stderr
