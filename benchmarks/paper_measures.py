"""Benchmark: the whole board paper with 30 measures of 60 monthly readings, against the shipped
paper as it is today.

Run: python benchmarks/paper_measures.py [--runs 5] [--measures 30] [--months 60]
Copies the shipped repository, gives its ten breakthrough objectives three monthly measures each
(series files of 60 months to the end of 2020/21 Q1, so every one is drawn as an XmR chart with
limits), and times both papers rendered whole: the data read and validated, then Markdown, HTML
and Word made, as `icp-obj report Q1` does (without starting Python). Prints the times and their
ratio. Not a test: timings vary. The charts are timed alone by benchmarks/chart.py, the statistics
by benchmarks/spc.py.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from icp_objectives.check import validation
from icp_objectives.domain.problems import has_errors
from icp_objectives.paper import provenance
from icp_objectives.paper import publish as report

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script
from benchmarks.timing import best_of

SHIPPED = Path(__file__).resolve().parent.parent
FORMATS = ["md", "html", "docx"]  # what `report` writes by default
_BREAKTHROUGH = re.compile(r'^  - id: "\d+\.\d+"\n', re.MULTILINE)


def months(count: int) -> list[str]:
    """`count` months ending June 2020, the last month of 2020/21 Q1."""
    first = 2020 * 12 + 5 - count + 1  # June 2020 counted from month 0 of year 0
    return [f"{(first + i) // 12}-{(first + i) % 12 + 1:02d}" for i in range(count)]


def series(count: int, seed: int) -> str:
    """A series file: noise about a level, with a step change two thirds of the way along."""
    rng = random.Random(seed)
    level = rng.uniform(30, 70)
    rows = [
        f"{period},{level + rng.gauss(0, 3) + (5 if i > count * 2 // 3 else 0):.1f}\n"
        for i, period in enumerate(months(count))
    ]
    return "period,value\n" + "".join(rows)


def measure_yaml(measure_id: str, number: int) -> str:
    better = ("higher", "lower", "neutral")[number % 3]
    target = "" if better == "neutral" else "        target: {value: 55}\n"
    return (
        f"      - id: {measure_id}\n        title: Benchmark measure {number}\n"
        f'        unit: "%"\n        frequency: monthly\n        better: {better}\n{target}'
    )


def with_measures(root: Path, total: int, count: int) -> None:
    """Spread `total` monthly measures of `count` readings over the breakthrough objectives of
    the repository at `root`, in turn, each with its series file."""
    files = sorted((root / "objectives").glob("[0-9]*-*.yaml"))
    places = [(f, n) for f in files for n in range(len(_BREAKTHROUGH.findall(f.read_text())))]
    added: dict[tuple[Path, int], str] = {}
    for number in range(total):
        place, measure_id = places[number % len(places)], f"bench-{number + 1}"
        added[place] = added.get(place, "") + measure_yaml(measure_id, number + 1)
        csv = root / "objectives" / "measures" / f"{measure_id}.csv"
        csv.write_text(series(count, number), encoding="utf-8")
    for path in files:
        text = path.read_text("utf-8")
        starts = [m.end() for m in _BREAKTHROUGH.finditer(text)]
        chunks = [text[: starts[0]]] + [
            text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)
        ]
        for n, items in ((n, added.get((path, n), "")) for n in range(len(starts))):
            chunk = chunks[n + 1]
            if "    measures:\n" in chunk:  # after the measures it has
                head, tail = chunk.split("    measures:\n", 1)
                chunks[n + 1] = f"{head}    measures:\n{items}{tail}"
            elif items:
                chunks[n + 1] = f"    measures:\n{items}{chunk}"
        path.write_text("".join(chunks), encoding="utf-8")


def whole(root: Path) -> tuple[Callable[[], dict[str, bytes]], int]:
    """The paper rendered whole, as `report Q1` does; and how many charts it draws."""
    repo = validation.validate(root)
    assert not has_errors(repo.problems), repo.problems[:3]
    quarter = max(q for q in repo.quarters if q.number == 1)

    def render() -> dict[str, bytes]:
        loaded = validation.validate(root)
        proof = provenance.collect(loaded, quarter)
        return report.files(loaded, quarter, FORMATS, proof)

    html = render()["html"].decode()
    return render, html.count('class="measure-chart"')


def render_only(root: Path, formats: list[str]) -> Callable[[], object]:
    """The paper made in `formats` from data already loaded."""
    repo = validation.validate(root)
    quarter = max(q for q in repo.quarters if q.number == 1)
    proof = provenance.collect(repo, quarter)
    return lambda: report.files(repo, quarter, formats, proof)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--measures", type=int, default=30)
    parser.add_argument("--months", type=int, default=60)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="icp-bench-paper-"))
    try:
        shutil.copytree(SHIPPED / "objectives", root / "objectives")
        if (SHIPPED / "templates").is_dir():
            shutil.copytree(SHIPPED / "templates", root / "templates")
        today, today_charts = whole(SHIPPED)
        bigger = root / "bigger"
        shutil.copytree(root, bigger, ignore=shutil.ignore_patterns("bigger"))
        with_measures(bigger, args.measures, args.months)
        measured, charts = whole(bigger)
        assert charts == today_charts + args.measures, (charts, today_charts)
        shipped_s = best_of(args.runs, today)
        bigger_s = best_of(args.runs, measured)
        sizes = {f: len(data) for f, data in measured().items()}
        print(
            f"shipped Q1 paper ({today_charts} charts), read and rendered whole"
            f" ({', '.join(FORMATS)}): {shipped_s * 1000:.0f} ms"
        )
        print(
            f"with {args.measures} measures of {args.months} months ({charts} charts;"
            f" HTML {sizes['html'] / 1e6:.2f} MB, Word {sizes['docx'] / 1e6:.2f} MB):"
            f" {bigger_s * 1000:.0f} ms, {bigger_s / shipped_s:.1f} times the shipped paper"
        )
        text = [best_of(args.runs, render_only(r, ["md", "html"])) for r in (SHIPPED, bigger)]
        word = [best_of(args.runs, render_only(r, ["docx"])) for r in (SHIPPED, bigger)]
        print(
            f"of which, data loaded: Markdown and HTML {text[0] * 1000:.0f} ms and"
            f" {text[1] * 1000:.0f} ms; Word (from the HTML, charts drawn as pictures)"
            f" {word[0] * 1000:.0f} ms and {word[1] * 1000:.0f} ms (best of {args.runs})"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
