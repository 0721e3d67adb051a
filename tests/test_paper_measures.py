"""The paper shows a measure's series as an XmR chart with its icons and words."""

from __future__ import annotations

from tests.conftest import MINIMAL, MakeRepo, RunCli


def _repo() -> dict[str, str]:
    """The minimal repository with a monthly childcare measure of 24 readings."""
    files = dict(MINIMAL)
    key = next(k for k, v in files.items() if "id: childcare" in v)
    files[key] = files[key].replace('unit: "%"', 'unit: "%"\n                frequency: monthly', 1)
    upd = next(k for k, v in files.items() if "- measure: childcare" in v)
    files[upd] = files[upd].replace("value: 72", "value: 72\n" + " " * 16 + "period: 2020-06", 1)
    return {**files, "objectives/measures/childcare.csv": _series()}


def _series() -> str:
    months = [f"{2018 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}" for m in range(24)]
    values = [70, 72, 71, 73, 70, 72, 71, 73, 70, 72, 71, 73, 70, 72, 71, 73, 70] + [60] * 7
    return "period,value\n" + "".join(f"{p},{v}\n" for p, v in zip(months, values, strict=True))


def test_a_long_series_shows_as_a_chart_with_its_variation(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo(_repo())
    result = cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(root))
    html = result.stdout
    assert result.exit_code == 0, result.output
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "Special cause" in html
    assert "<details>" in html
    # 24 readings plus the quarter's: limits are drawn, so no "fewer than 12" words for it
    assert "Fewer than 12 readings" not in html
