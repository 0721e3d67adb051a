"""Benchmark: render XmR charts, their icons and labels as the paper would.

Run: python benchmarks/chart.py [--runs 5]
Prints one line per measurement: 30 charts of 60 monthly points (a paper's worth), and one chart
of 10,000 points. Not a test: timings vary. The analyses are built by hand, as the chart draws
whatever the statistics return; no statistics are computed here.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

from icp_objectives.measures.analysis import Analysis, PointType, SpcPoint
from icp_objectives.measures.chart import xmr_chart
from icp_objectives.measures.icons import assurance_icon, variation_icon
from icp_objectives.measures.labels import assurance_label, variation_label
from icp_objectives.measures.rows import chart_rows

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script
from benchmarks.timing import best_of


def series(count: int, seed: int) -> Analysis:
    """`count` points around 50 with limits at 35 and 65, a recalculation half way and some
    special-cause points, so every part of the chart is drawn."""
    rng = random.Random(seed)
    points = []
    half = count // 2
    for i in range(count):
        segment = 0 if i < half else 1
        mean = 50.0 if segment == 0 else 55.0
        value = mean + rng.gauss(0, 5) + 3 * math.sin(i / 5)
        kind: PointType = "common_cause"
        outside = value > mean + 15 or value < mean - 15
        if outside:
            kind = "special_cause_improvement" if value > mean else "special_cause_concern"
        points.append(
            SpcPoint(
                index=i,
                value=value,
                segment=segment,
                moving_range=None,
                mean=mean,
                lower_limit=mean - 15,
                upper_limit=mean + 15,
                outside_limits=outside,
                trend=False,
                two_of_three=False,
                shift=False,
                point_type=kind,
            )
        )
    return Analysis(
        points=tuple(points),
        better="higher",
        target=60.0,
        mean=55.0,
        lower_limit=40.0,
        upper_limit=70.0,
        variation=points[-1].point_type,
        assurance="inconsistent",
        no_limits_reason=None,
    )


def months(count: int) -> list[str]:
    return [f"{2015 + i // 12}-{i % 12 + 1:02d}" for i in range(count)]


def measure(analysis: Analysis, periods: list[str], name: str) -> int:
    """Everything the paper prints for one measure; returns the SVG's size."""
    svg = xmr_chart(analysis, periods=periods, title=name, unit="%", target=60.0, id_prefix=name)
    variation_icon(analysis)
    assurance_icon(analysis)
    variation_label(analysis)
    assurance_label(analysis)
    chart_rows(analysis, periods, unit="%")
    return len(svg)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    paper = [series(60, seed) for seed in range(30)]
    periods = months(60)
    seconds = best_of(
        args.runs, lambda: [measure(a, periods, f"m{n}") for n, a in enumerate(paper)]
    )
    size = sum(measure(a, periods, f"m{n}") for n, a in enumerate(paper))
    print(
        f"30 charts of 60 months, with icons, labels and table rows: {seconds * 1000:.0f} ms"
        f" ({seconds / 30 * 1000:.1f} ms a measure, {size / 30 / 1000:.1f} kB of SVG each;"
        f" best of {args.runs})"
    )
    long = series(10_000, 1)
    long_periods = [f"P{i}" for i in range(10_000)]

    def chart_only() -> str:
        return xmr_chart(long, periods=long_periods, title="Long", unit="%", target=60.0)

    seconds = best_of(args.runs, chart_only)
    print(
        f"1 chart of 10,000 points: {seconds * 1000:.0f} ms, {len(chart_only()) / 1000:.0f} kB"
        f" of SVG; with its table rows too: "
        f"{best_of(args.runs, lambda: measure(long, long_periods, 'long')) * 1000:.0f} ms"
        f" (best of {args.runs})"
    )


if __name__ == "__main__":
    main()
