"""Benchmark: the shipped Quarter 1 paper as Word, in one process with the data loaded.

Run: python benchmarks/bench_word.py [--runs 5]
Prints one line; the README quotes its figures. Not a test: timings vary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from icp_objectives.check import validation
from icp_objectives.paper import provenance, view, word
from icp_objectives.paper import publish as report

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script
from benchmarks.timing import best_of

SHIPPED = Path(__file__).resolve().parent.parent


def shipped_word(runs: int) -> None:
    """Time the shipped Q1 paper as Word: from its HTML alone, and the whole of `report -f docx`
    once the data is loaded (the HTML rendered, then converted)."""
    repo = validation.validate(SHIPPED)
    quarter = max(q for q in repo.quarters if q.number == 1)
    proof = provenance.collect(repo, quarter)
    html = report.texts(repo, quarter, ["html"], proof)["html"]
    paper = view.build(repo, quarter)
    convert = best_of(runs, lambda: word.document(repo, quarter, paper, html))
    whole = best_of(runs, lambda: report.files(repo, quarter, ["docx"], proof))
    size = len(report.files(repo, quarter, ["docx"], proof)["docx"])
    print(
        f"Word paper ({quarter.label}, shipped; {size / 1000:.0f} kB): HTML to .docx"
        f" {convert * 1000:.0f} ms, report -f docx with data loaded {whole * 1000:.0f} ms"
        f" (best of {runs})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    shipped_word(parser.parse_args().runs)


if __name__ == "__main__":
    main()
