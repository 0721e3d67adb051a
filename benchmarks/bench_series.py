"""Benchmark: a measure's series file of many rows, read, validated and merged into its series.

Run: python benchmarks/bench_series.py [--rows 10000] [--runs 5]
Prints one line per measurement; the README quotes its figures. Not a test: timings vary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

from icp_objectives.check import validation
from icp_objectives.load import disk, series_csv
from icp_objectives.measures.series import all_series

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import best_of
from tests.conftest import MINIMAL  # the small valid repository of the tests

OBJECTIVE = """id: 3
title: Age well
breakthroughs:
  - id: "3.1"
    title: Discharge to assess
    measures:
      - id: swabs
        title: COVID swabs taken
        unit: swabs
        frequency: weekly
        better: neutral
"""


def generate(root: Path, rows: int) -> bytes:
    """The small repository with a weekly measure and `rows` weeks of its series."""
    for rel, text in MINIMAL.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    (root / "objectives" / "3-age-well.yaml").write_text(OBJECTIVE)
    first = dt.date.fromisocalendar(1901, 1, 7)
    lines = ["period,value,note"]
    for n in range(rows):
        day = first + dt.timedelta(weeks=n)
        note = '"a note, quoted"' if n % 10 == 0 else ""
        lines.append(f"{day.isoformat()},{1000 + n % 97}.5,{note}")
    data = ("\n".join(lines) + "\n").encode()
    folder = root / "objectives" / "measures"
    folder.mkdir(parents=True)
    (folder / "swabs.csv").write_bytes(data)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="icp-bench-series-"))
    try:
        data = generate(root, args.rows)
        rel = "objectives/measures/swabs.csv"
        print(f"series file: {args.rows} rows, {len(data) / 1e6:.2f} MB")
        seconds = best_of(args.runs, lambda: series_csv.parse(rel, data))
        print(f"parse: {seconds * 1000:.0f} ms, {args.rows / seconds:,.0f} rows/s")
        repo = disk.load(root)
        seconds = best_of(args.runs, lambda: all_series(repo))
        points = len(all_series(repo)["swabs"].observations)
        assert points == args.rows, points
        print(f"merge into one series (periods read): {seconds * 1000:.0f} ms")
        seconds = best_of(args.runs, lambda: validation.validate(root, history=False))
        problems = validation.validate(root, history=False).problems
        assert not problems, problems[:3]
        print(f"validate the repository (read, parse, check): {seconds * 1000:.0f} ms")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
