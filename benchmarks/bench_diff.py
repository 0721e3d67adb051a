"""Benchmark: `icp-obj diff HEAD~1 HEAD` on a long history where one file changed.

Run: python benchmarks/bench_diff.py [--years 20] [--runs 5]
Copies the shipped 2020/21 Q1 updates into every quarter of YEARS years, commits them, then
commits one change of each kind below and times the diff of it as a whole process (the least
CPU of RUNS, start-up included), with the files it parsed, counted in one process.
Prints one line per change. Not a test: timings vary. Needs git.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]


def generate(root: Path, years: int) -> Path:
    """The shipped data with its Q1 updates in every quarter of `years` years, committed."""
    shutil.copytree(PROJECT / "objectives", root / "objectives")
    q1 = root / "objectives/updates/2020-21/Q1"
    texts = {path.name: path.read_text("utf-8") for path in q1.iterdir()}
    shutil.rmtree(root / "objectives/updates")
    last = root
    for start in range(2000, 2000 + years):
        for quarter in range(1, 5):
            folder = root / f"objectives/updates/{start}-{(start + 1) % 100:02d}/Q{quarter}"
            folder.mkdir(parents=True)
            label = f"{start}/{(start + 1) % 100:02d} Q{quarter}"
            for name, text in texts.items():
                (folder / name).write_text(text.replace("2020/21 Q1", label), "utf-8")
            last = folder
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    _commit(root, f"{years} years")
    return last


def _commit(root: Path, message: str) -> None:
    subprocess.run([*GIT, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-q", "-m", message], check=True)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "a sentence of one update": lambda q: _edit(q / "objective-2.yaml", "Saturday", "Sunday"),
    "a reading of one update": lambda q: _edit(q / "objective-1.yaml", "value: 72", "value: 75"),
}


def cpu_of_runs(root: Path, runs: int) -> float:
    """The least CPU (user + system) of `runs` whole `icp-obj diff HEAD~1 HEAD` processes."""
    start = "import sys; from icp_objectives.cli import main; sys.argv[0] = 'icp-obj'; main()"
    command = [sys.executable, "-c", start, "diff", "HEAD~1", "HEAD"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    best = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, cwd=root, env=env, stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = min(best, used)
    return best


def parsed_files(root: Path) -> int:
    """How many files one diff parses, counted in this process."""
    from icp_objectives.cli import app
    from icp_objectives.load import disk, parse, series_csv

    seen: Counter[str] = Counter()
    read, parse_csv = parse.read, series_csv.parse

    def counted_read(rel: str, *args: Any) -> Any:
        seen[rel] += 1
        return read(rel, *args)

    def counted_csv(rel: str, data: bytes) -> Any:
        seen[rel] += 1
        return parse_csv(rel, data)

    setattr(disk, "read", counted_read)  # noqa: B010  (what disk.load calls, counted)
    setattr(series_csv, "parse", counted_csv)  # noqa: B010
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            app(["diff", "HEAD~1", "HEAD", "--root", str(root)], standalone_mode=False)
    finally:
        setattr(disk, "read", read)  # noqa: B010
        setattr(series_csv, "parse", parse_csv)  # noqa: B010
    return sum(seen.values())


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--years", type=int, default=20)
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        latest = generate(root, args.years)
        files = sum(1 for path in (root / "objectives").rglob("*") if path.is_file())
        print(f"{args.years} years, {files} files under objectives/")
        for name, change in CHANGES.items():
            change(latest)
            _commit(root, name)
            cpu = cpu_of_runs(root, args.runs)
            count = parsed_files(root)
            print(f"diff HEAD~1 HEAD, {name}: {cpu:.2f} s of CPU, {count} files parsed")


if __name__ == "__main__":
    main()
