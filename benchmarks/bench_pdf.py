"""Benchmark: how long the shipped Quarter 1 paper takes to print as a PDF.

Run: python benchmarks/bench_pdf.py [--runs 5]   (needs the [pdf] extra)
Prints one line per measurement; the README quotes its figures. Not a test: timings vary.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from icp_objectives.check import validation
from icp_objectives.domain.periods import FinancialYear, Quarter
from icp_objectives.load import gitrev
from icp_objectives.paper import pdf, provenance
from icp_objectives.paper import publish as report

PROJECT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    repo = validation.validate(PROJECT)
    quarter = Quarter(FinancialYear(2020), 1)
    proof = provenance.collect(
        repo, quarter, gitrev.last_change(PROJECT, provenance.pathspecs(repo, quarter))
    )
    html = report.texts(repo, quarter, ["html"], proof)["html"]
    first, data = timed(lambda: pdf.to_pdf(html))
    best = min(timed(lambda: pdf.to_pdf(html))[0] for _ in range(args.runs))
    print(
        f"PDF of the shipped {quarter.label} paper ({len(data) / 1000:.0f} kB),"
        f" from its HTML: {best * 1000:.0f} ms (best of {args.runs}); the first in a process:"
        f" {first * 1000:.0f} ms"
    )
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable, "-m", "icp_objectives", "report", "Q1", "--root", str(PROJECT),
            "-o", str(Path(folder) / "paper.pdf"),
        ]  # fmt: skip
        whole = min(
            timed(lambda: subprocess.run(command, capture_output=True, check=True))[0]
            for _ in range(args.runs)
        )
    print(f"icp-obj report Q1 -o paper.pdf (start, validate, render, print): {whole:.2f} s")


if __name__ == "__main__":
    main()
