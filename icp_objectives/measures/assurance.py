"""Assurance: whether the process as it runs now will meet its target, judged as NHSRplotthedots
judges it, from where the target lies against the latest segment's process limits."""

from __future__ import annotations

from icp_objectives.measures.analysis import Assurance, Better


def assurance(
    target: float | None, *, lower: float | None, upper: float | None, better: Better
) -> Assurance | None:
    """consistent_pass or consistent_fail when the target lies strictly beyond a limit, else
    inconsistent.

    A target exactly on a limit is inconsistent: some points may fall on either side of it. With no
    target, or a neutral measure, there is nothing to assure. Limits of None (a segment whose moving
    ranges are all zero: NaN in R, where both comparisons fail) give inconsistent, as R does.
    """
    if target is None or better == "neutral":
        return None
    higher = better == "higher"
    if upper is not None and target > upper:
        return "consistent_fail" if higher else "consistent_pass"
    if lower is not None and target < lower:
        return "consistent_pass" if higher else "consistent_fail"
    return "inconsistent"
