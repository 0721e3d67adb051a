"""A file's reading is kept between runs, keyed by its bytes: a file unchanged since a run
before is not parsed again, and every command says the same as it would without the cache."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from icp_objectives import yamlio
from icp_objectives.domain.model import QuarterReport, QuarterUpdates
from icp_objectives.load import kept_reads, parse, stored
from tests.conftest import SHIPPED, RunCli

Q1 = "objectives/updates/2020-21/Q1"
READING = "      - measure: funded-childcare-two-year-olds\n        value: 72\n"


def _shipped(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SHIPPED, root / "objectives")
    return root


def test_a_kept_reading_gives_the_same_model_and_places(cache: Path) -> None:
    data = (SHIPPED.parent / Q1 / "objective-1.yaml").read_bytes()
    fresh = parse.read("one.yaml", data, QuarterUpdates)
    assert fresh.loaded is not None and len(list(cache.glob("read/*.json"))) == 1
    again = parse.read("one.yaml", data, QuarterUpdates)
    assert again.loaded is not None and again.loaded.source.nodes is None  # from the entry
    assert again.loaded.model == fresh.loaded.model and again.problems == fresh.problems
    paths: list[list[str | int]] = [["entries", 0, "readings", 0, "value"], ["period"]]
    paths.append(["entries", 1, "body"])
    for path in paths:
        assert again.loaded.source.position(path) == fresh.loaded.source.position(path)


def test_dates_read_back_as_dates(cache: Path) -> None:
    text = "period: 2020/21 Q1\npresented: 2020-09-24\ndeadlines: [2020-07-01]\n"
    entry = kept_reads.key(text.encode())
    assert entry is not None
    kept_reads.put(entry, yamlio.read.load(text))
    assert kept_reads.get(entry) == {
        "period": "2020/21 Q1",
        "presented": dt.date(2020, 9, 24),
        "deadlines": [dt.date(2020, 7, 1)],
    }
    report = (SHIPPED.parent / Q1 / "report.yaml").read_bytes() + b"presented: 2020-09-24\n"
    assert parse.read("report.yaml", report, QuarterReport).loaded is not None  # parsed
    kept = parse.read("report.yaml", report, QuarterReport).loaded  # from the entry
    assert kept is not None and kept.source.nodes is None
    assert kept.model.presented == dt.date(2020, 9, 24)


@pytest.mark.parametrize(
    "raw",
    [
        {1: "a number for a key"},
        {"when": dt.datetime(2020, 9, 24, 10, 30)},
        {"bad": yamlio.BadDate("2020-02-30")},
        dt.date(2020, 9, 24),
    ],
)
def test_data_json_would_change_is_not_kept(cache: Path, raw: Any) -> None:
    entry = kept_reads.key(repr(raw).encode())
    assert entry is not None
    kept_reads.put(entry, raw)
    assert kept_reads.missing(kept_reads.get(entry))


def test_a_file_with_problems_is_read_afresh(cache: Path) -> None:
    data = b"objective: 1\nperiod: 2020/21 Q1\nentries: []\nextra: 1\n"
    assert parse.read("one.yaml", data, QuarterUpdates).problems
    assert list(cache.glob("read/*.json")) == []


@pytest.mark.parametrize(
    "damage",
    ["{not json", json.dumps({"format": "1", "value": {"data": {}, "dates": [["x"]]}}), ""],
)
def test_a_damaged_entry_is_read_afresh(cache: Path, damage: str) -> None:
    data = (SHIPPED.parent / Q1 / "objective-1.yaml").read_bytes()
    fresh = parse.read("one.yaml", data, QuarterUpdates)
    (entry,) = cache.glob("read/*.json")
    entry.write_text(damage)
    again = parse.read("one.yaml", data, QuarterUpdates)
    assert again.loaded is not None and fresh.loaded is not None
    assert again.loaded.model == fresh.loaded.model


def test_a_problem_in_a_kept_file_is_placed_as_without_the_cache(
    cli: RunCli, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reading given twice in one entry is a problem of the series, not of the file's
    parse: the file is kept, and read from its entry when another file changes."""
    root = _shipped(tmp_path)
    updates = root / Q1 / "objective-1.yaml"
    text = updates.read_text(encoding="utf-8")
    assert READING in text
    updates.write_text(text.replace(READING, READING + READING.replace("72", "75"), 1))
    monkeypatch.setenv(stored.NO_CACHE, "1")
    without = cli("validate", "--root", str(root))
    assert without.exit_code == 1 and "duplicate-reading" in without.stdout
    monkeypatch.delenv(stored.NO_CACHE)
    assert cli("validate", "--root", str(root)).stdout == without.stdout  # keeps the readings
    partnership = root / "objectives" / "partnership.yaml"
    partnership.write_text(partnership.read_text(encoding="utf-8") + "# changed\n")
    monkeypatch.setattr(yamlio, "load_document", _only(yamlio.load_document, "# changed"))
    assert cli("validate", "--root", str(root)).stdout == without.stdout


def _only(load: Any, marker: str) -> Any:
    """The reader, refusing any text but the one changed file's."""

    def read(text: str) -> Any:
        assert marker in text, "a file not changed was parsed again"
        return load(text)

    return read


@pytest.mark.parametrize(
    "command",
    [
        ("report", "outcomes", "-f", "md", "-o", "-", "--no-cache"),
        ("report", "2020/21 Q1", "-f", "md", "-o", "-", "--no-cache"),
        ("validate", "--no-cache"),
        ("update", "1.1", "-q", "2020/21 Q1", "--append", "-b", "More.", "--dry-run"),
    ],
    ids=["outcomes --no-cache", "report --no-cache", "validate --no-cache", "update --dry-run"],
)
def test_no_cache_and_a_dry_run_leave_nothing_behind(
    cli: RunCli, tmp_path: Path, cache: Path, command: tuple[str, ...]
) -> None:
    root = _shipped(tmp_path)
    result = cli(*command, "--root", str(root))
    assert result.exit_code == 0, result.output
    assert list(cache.rglob("*.json")) == []
    assert cli("validate", "--root", str(root)).exit_code == 0  # the next run keeps its own
    assert list(cache.glob("read/*.json"))


@pytest.mark.parametrize(
    ("paper", "text"),
    [("2020/21 Q1", "every child the best start"), ("outcomes", "COVID Vaccination")],
    ids=["quarter", "outcomes"],
)
def test_no_cache_uses_no_kept_reading(
    cli: RunCli, tmp_path: Path, cache: Path, paper: str, text: str
) -> None:
    """An entry is never taken on trust under --no-cache: one changed by hand is not read."""
    root = _shipped(tmp_path)
    assert cli("validate", "--root", str(root)).exit_code == 0
    for entry in cache.glob("read/*.json"):
        entry.write_text(entry.read_text().replace(text, "Changed by hand"))
    shown = cli("report", paper, "-f", "md", "-o", "-", "--no-cache", "--root", str(root))
    assert shown.exit_code == 0, shown.output
    assert "Changed by hand" not in shown.stdout and text in shown.stdout
