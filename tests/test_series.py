"""One series per measure: the series file and update readings merged, in period order."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_objectives.check.validation import validate
from icp_objectives.domain.periods import FinancialYear, Quarter
from icp_objectives.domain.reading_periods import month
from icp_objectives.load import disk
from icp_objectives.measures.series import Series, all_series
from tests.conftest import MakeRepo, RunCli

CORPUS = Path(__file__).parent / "corpus"
BASE = {"objectives/3-age-well.yaml": (CORPUS / "series-base.yaml").read_text("utf-8")}
SERIES = "objectives/measures/dta-delays.csv"
Q4 = "objectives/updates/2020-21/Q4/objective-3.yaml"


def _updates(readings: str, quarter: str = "2020/21 Q4") -> str:
    return f"""
        objective: 3
        period: {quarter}
        entries:
          - covers: "3.1"
            body: The quarter.
            readings:
{readings}
        """


def _series(root: Path, measure: str = "dta-delays", **kwargs: object) -> Series:
    return all_series(disk.load(root), **kwargs)[measure]  # type: ignore[arg-type]


def test_file_rows_and_update_readings_merge_in_period_order(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            **BASE,
            SERIES: "period,value,note\n2021-02,13,lowest\nJan 2021,17,\n",
            Q4: _updates(
                "              - {measure: dta-delays, value: 15, period: 2021-03}\n"
                "              - {measure: dta-delays, value: 17, period: 2021-01}"  # the same: fine
            ),
        }
    )
    series = _series(root)
    assert [o.period.code for o in series.observations] == ["2021-01", "2021-02", "2021-03"]
    assert series.values == (17, 13, 15)
    assert series.observations[1].note == "lowest"
    first, _, last = series.observations
    assert (first.origin.path, first.origin.line, first.origin.column) == (SERIES, 3, 1)
    assert (last.origin.path, last.origin.line) == (Q4, 7)
    assert not validate(root).problems


def test_a_period_given_twice_with_different_values_names_both_places(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo(
        {
            **BASE,
            SERIES: "period,value\n2021-01,17\n",
            Q4: _updates("              - {measure: dta-delays, value: 18, period: Jan 2021}"),
        }
    )
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert (
        f"{Q4}:7:50: error conflicting-reading: 'dta-delays' for January 2021 is 18 here but 17"
        f" at {SERIES}:2; keep one value"
    ) in result.stdout


def test_a_later_quarter_may_restate_an_earlier_reading(make_repo: MakeRepo) -> None:
    q1 = "objectives/updates/2020-21/Q1/objective-1.yaml"
    root = make_repo(
        {
            "objectives/updates/2020-21/Q2/objective-1.yaml": """
                objective: 1
                entries:
                  - covers: "1.1"
                    body: Revised.
                    readings:
                      - {measure: childcare, value: 73, period: 2020/21 Q1, note: Revised data}
                      - {measure: childcare, value: 75}
                """
        }
    )
    series = _series(root, "childcare")
    assert series.values == (73, 75)  # Q1's 72, in its own update, restated in Q2's
    assert not validate(root).problems  # the note says why
    assert _series(root, "childcare", up_to=Quarter(FinancialYear(2020), 1)).values == (72,)
    assert series.observations[0].origin.path != q1


def test_a_restated_reading_without_a_note_is_a_warning_naming_the_old_value(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    q2 = "objectives/updates/2020-21/Q2/objective-1.yaml"
    root = make_repo(
        {
            q2: """
                objective: 1
                entries:
                  - covers: "1.1"
                    body: Revised.
                    readings:
                      - {measure: childcare, value: 75, period: 2020/21 Q1}
                """
        }
    )
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert (
        f"{q2}:6:49: warning revised-reading: 'childcare' for 2020/21 Q1 was 72% at"
        " objectives/updates/2020-21/Q1/objective-1.yaml:8 and is 75% here, which later papers"
        " print; add a note saying why it was revised" in result.stdout
    ), result.stdout


def test_up_to_keeps_what_a_paper_of_that_time_could_show(make_repo: MakeRepo) -> None:
    root = make_repo({**BASE, SERIES: "period,value\n2021-03,1\n2021-04,2\n2021-05,3\n"})
    q4 = Quarter(FinancialYear(2020), 4)
    assert _series(root, up_to=q4).values == (1,)
    assert _series(root, up_to=month(2021, 4)).values == (1, 2)
    assert _series(root).values == (1, 2, 3)


def test_recalculation_periods_give_the_segment_starts(make_repo: MakeRepo) -> None:
    months = "".join(f"2021-{m:02d},{m}\n" for m in range(1, 10))
    root = make_repo({**BASE, SERIES: "period,value\n" + months})
    assert _series(root).segment_starts == (3,)  # recalculate: [2021-04], the fourth point


def test_a_recalculation_before_the_first_point_starts_no_segment(make_repo: MakeRepo) -> None:
    root = make_repo({**BASE, SERIES: "period,value\n2021-05,1\n2021-06,2\n"})
    assert _series(root).segment_starts == ()


def test_a_ratio_is_its_percentage(make_repo: MakeRepo) -> None:
    root = make_repo(
        {**BASE, "objectives/measures/calls-converted.csv": "period,numerator,denominator\n"
         "2021-01,115,118\n"}
    )  # fmt: skip
    series = _series(root, "calls-converted")
    assert series.values == pytest.approx((100 * 115 / 118,))
    assert series.observations[0].shown(series.measure) == "115 of 118 (97%)"


@pytest.mark.parametrize(
    ("reading", "code", "says"),
    [
        ("{measure: dta-delays, value: 17}", "wrong-frequency",
         "this reading names no period, so it is for 2020/21 Q4, but 'dta-delays' is read"
         " monthly; give it a period (period: 2021-01)"),
        ("{measure: dta-delays, value: 17, period: 2020/21 Q4}", "wrong-frequency",
         "'2020/21 Q4' is a quarter, but this measure is read monthly"),
        ("{measure: calls-converted, numerator: 3, denominator: 0}", "zero-denominator",
         "the denominator is 0"),
        ("{measure: calls-converted, numerator: 3}", "incomplete-ratio",
         "give both 'numerator' and 'denominator'"),
        ("{measure: calls-converted, value: 50, numerator: 115, denominator: 118, period: 2021-01}",
         "ratio-mismatch", "the value 50 does not agree with 115 of 118 (97.5%)"),
    ],
)  # fmt: skip
def test_a_bad_reading_in_an_update_is_located(
    make_repo: MakeRepo, cli: RunCli, reading: str, code: str, says: str
) -> None:
    root = make_repo({**BASE, Q4: _updates(f"              - {reading}")})
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert f"{Q4}:7:" in result.stdout and f"error {code}: " in result.stdout, result.stdout
    assert says in result.stdout


def test_a_recalculation_period_must_fit_the_frequency(make_repo: MakeRepo, cli: RunCli) -> None:
    text = BASE["objectives/3-age-well.yaml"].replace("[2021-04]", "[2021/22 Q1]")
    root = make_repo({"objectives/3-age-well.yaml": text})
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert "objectives/3-age-well.yaml:14:23: error wrong-frequency:" in result.stdout


def test_a_standing_target_and_a_neutral_measure_validate(make_repo: MakeRepo) -> None:
    assert not validate(make_repo(BASE)).problems


def test_a_csv_outside_the_measures_folder_is_a_warning_saying_where_it_goes(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({**BASE, "objectives/dta-delays.csv": "period,value\n2021-01,1\n"})
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 0
    assert "objectives/measures/<measure-id>.csv" in result.stdout


def test_a_series_file_changes_no_paper_yet(make_repo: MakeRepo, cli: RunCli) -> None:
    """The paper does not show series files yet, so adding one leaves `report --check` passing."""
    root = make_repo(BASE)
    assert cli("report", "Q1", "--year", "2020/21", "--root", str(root)).exit_code == 0
    (root / SERIES).parent.mkdir(parents=True)
    (root / SERIES).write_text("period,value\n2021-01,17\n")
    result = cli("report", "Q1", "--year", "2020/21", "--check", "--root", str(root))
    assert result.exit_code == 0, result.output


def test_a_series_file_linked_outside_is_refused_unread(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("period,value\n2021-01,token-1234\n")
    root = make_repo(BASE)
    (root / SERIES).parent.mkdir(parents=True)
    (root / SERIES).symlink_to(secret)
    result = cli("validate", "--root", str(root))
    assert result.exit_code == 1
    assert f"{SERIES}:1:1: error link-outside" in result.stdout
    assert "token-1234" not in result.output


def test_a_restated_reading_in_a_presented_quarter_is_not_asked_for_a_note(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo(
        {
            "objectives/updates/2020-21/Q2/report.yaml": (
                "title: Q2\nperiod: 2020/21 Q2\npresented: 2020-10-20\nintroduction: Q2.\n"
            ),
            "objectives/updates/2020-21/Q2/objective-1.yaml": """
                objective: 1
                entries:
                  - covers: "1.1"
                    body: Revised.
                    readings:
                      - {measure: childcare, value: 75, period: 2020/21 Q1}
                """,
        }
    )
    result = cli("validate", "--root", str(root))
    assert "revised-reading" not in result.stdout, result.stdout  # its note would break the lock
