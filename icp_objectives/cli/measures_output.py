"""How `measures` prints: words for a person, JSON for a program, CSV for a spreadsheet. Pure."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from icp_objectives.measures.assessed import Assessed
from icp_objectives.measures.labels import assurance_label, variation_label


def render(assessed: list[Assessed], fmt: str) -> str:
    """The measures in one format: text, json or csv."""
    if fmt == "json":
        return json.dumps([_record(a) for a in assessed], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(assessed)
    return _text(assessed)


def _record(item: Assessed) -> dict[str, Any]:
    """One measure for a program: the fields of the Making Data Count reading, and its points."""
    measure, analysis = item.series.measure, item.analysis
    observations = item.series.observations
    return {
        "id": measure.id,
        "title": measure.title,
        "unit": measure.unit,
        "better": item.series.better,
        "target": item.series.target,
        "latest": observations[-1].shown(measure) if observations else None,
        "points": [
            {"period": o.period.code, "value": o.value, "point_type": p.point_type}
            for o, p in zip(observations, analysis.points, strict=True)
        ],
        "mean": analysis.mean,
        "lower_limit": analysis.lower_limit,
        "upper_limit": analysis.upper_limit,
        "variation": analysis.variation,
        "assurance": analysis.assurance,
        "no_limits_reason": analysis.no_limits_reason,
    }


def _csv(assessed: list[Assessed]) -> str:
    """One row per point, with its segment's mean and limits (empty where none are claimed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["measure", "period", "value", "mean", "lower_limit", "upper_limit", "point_type"]
    )
    for item in assessed:
        for o, p in zip(item.series.observations, item.analysis.points, strict=True):
            row = [p.mean, p.lower_limit, p.upper_limit]
            writer.writerow(
                [item.series.measure.id, o.period.code, o.value]
                + ["" if v is None else v for v in row]
                + [p.point_type or ""]
            )
    return out.getvalue()


def _text(assessed: list[Assessed]) -> str:
    """A few lines per measure, in words."""
    if not assessed:
        return "No measures are defined.\n"
    lines = []
    for item in assessed:
        measure, observations = item.series.measure, item.series.observations
        latest = (
            f"{observations[-1].shown(measure)} ({observations[-1].period.label})"
            if observations
            else "no reading yet"
        )
        lines.append(f"{measure.id}: {measure.title}")
        lines.append(f"  latest: {latest}")
        lines.append(f"  variation: {variation_label(item.analysis)}")
        assurance = assurance_label(item.analysis)
        if assurance:
            lines.append(f"  assurance: {assurance}")
    return "\n".join(lines) + "\n"
