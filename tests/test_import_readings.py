"""`icp-obj import-readings`: a BI tool's CSV export merged into a measure's series file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MakeRepo, RunCli

CORPUS = Path(__file__).parent / "corpus"
BASE = {"objectives/3-age-well.yaml": (CORPUS / "series-base.yaml").read_text("utf-8")}
SERIES = "objectives/measures/dta-delays.csv"
EXPORT = b'\xef\xbb\xbfMonth,Value,Org\r\nJan-21,17,SFH\r\nFebruary 2021,"1,234",SFH\r\n'


@pytest.fixture
def root(make_repo: MakeRepo) -> Path:
    return make_repo(BASE)


def _export(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    return str(path)


def test_an_export_becomes_the_series_file(root: Path, tmp_path: Path, cli: RunCli) -> None:
    result = cli("import-readings", "dta-delays", _export(tmp_path, EXPORT), "--root", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "+ 2021-01: 17",
        "+ 2021-02: 1,234",
        "2 added, 0 changed, 0 unchanged",
        "Columns left out of the export: Org",
    ]
    assert f"created {SERIES}" in result.stderr
    assert (root / SERIES).read_bytes() == b"period,value\n2021-01,17\n2021-02,1234\n"
    assert cli("validate", "--root", str(root)).exit_code == 0


def test_a_second_export_adds_and_changes_and_keeps_the_rest(
    root: Path, tmp_path: Path, cli: RunCli
) -> None:
    (root / SERIES).parent.mkdir(parents=True)
    (root / SERIES).write_text("period,value,note\n2021-01,17,first\n2021-02,13,\n")
    export = _export(tmp_path, b"Month,Value\n2021-02,14\n2021-03,12\n2021-01,17\n")
    result = cli("import-readings", "dta-delays", export, "--root", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "+ 2021-03: 12",
        "~ 2021-02: 13 → 14",
        "1 added, 1 changed, 1 unchanged",
    ]
    assert (
        root / SERIES
    ).read_text() == "period,value,note\n2021-01,17,first\n2021-02,14,\n2021-03,12,\n"


def test_a_dry_run_writes_nothing(root: Path, tmp_path: Path, cli: RunCli) -> None:
    export = _export(tmp_path, EXPORT)
    result = cli("import-readings", "dta-delays", export, "--root", str(root), "--dry-run")
    assert result.exit_code == 0
    assert "+ 2021-01: 17" in result.stdout
    assert "(dry run: nothing written)" in result.stderr
    assert not (root / SERIES).exists()


def test_columns_named_on_the_command_line(root: Path, tmp_path: Path, cli: RunCli) -> None:
    export = _export(tmp_path, b"Org,Reporting month,Delays\nSFH,2021-01,17\n")
    result = cli(
        "import-readings", "dta-delays", export, "--root", str(root),
        "--period-column", "reporting month", "--value-column", "Delays",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (root / SERIES).read_text() == "period,value\n2021-01,17\n"


def test_an_export_with_bad_rows_is_located_and_nothing_is_written(
    root: Path, tmp_path: Path, cli: RunCli
) -> None:
    export = _export(
        tmp_path, b"Month,Value\n2021/22 Q1,3\n2021-02,\xc2\xa317\n2021-03,1\n2021-03,2\n"
    )
    result = cli("import-readings", "dta-delays", export, "--root", str(root))
    assert result.exit_code == 1
    assert f"{export}:2:1: error wrong-frequency: '2021/22 Q1' is a quarter" in result.stderr
    assert f"{export}:3:9: error not-a-number: '£17' has the unit in it" in result.stderr
    assert f"{export}:5:1: error duplicate-period: March 2021 is already on line 4" in result.stderr
    assert not (root / SERIES).exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["dta-delay"], "there is no measure 'dta-delay' (did you mean 'dta-delays'?)"),
        (["dta-delays", "--value-column", "Total"], "has no column 'Total' (for --value-column)"),
    ],
)
def test_usage_mistakes_exit_2(
    root: Path, tmp_path: Path, cli: RunCli, args: list[str], says: str
) -> None:
    export = _export(tmp_path, EXPORT)
    result = cli("import-readings", args[0], export, *args[1:], "--root", str(root))
    assert result.exit_code == 2
    assert says in result.stderr


def test_an_export_without_a_recognisable_period_column(
    root: Path, tmp_path: Path, cli: RunCli
) -> None:
    export = _export(tmp_path, b"When,Value\n2021-01,1\n")
    result = cli("import-readings", "dta-delays", export, "--root", str(root))
    assert result.exit_code == 2
    assert "name it with --period-column (its columns are When, Value)" in result.stderr


def test_a_missing_export_file(root: Path, cli: RunCli) -> None:
    result = cli("import-readings", "dta-delays", "no-such.csv", "--root", str(root))
    assert result.exit_code == 2
    assert "there is no file no-such.csv" in result.stderr


def test_a_broken_series_file_is_not_merged_into(root: Path, tmp_path: Path, cli: RunCli) -> None:
    (root / SERIES).parent.mkdir(parents=True)
    (root / SERIES).write_text("period,value\n2021-01,x\n")
    result = cli("import-readings", "dta-delays", _export(tmp_path, EXPORT), "--root", str(root))
    assert result.exit_code == 1
    assert f"{SERIES}:2:9: error not-a-number" in result.stderr
    assert (root / SERIES).read_text() == "period,value\n2021-01,x\n"


def test_an_import_that_conflicts_with_an_update_is_refused(
    root: Path, tmp_path: Path, cli: RunCli
) -> None:
    q4 = root / "objectives/updates/2020-21/Q4/objective-3.yaml"
    q4.parent.mkdir(parents=True)
    q4.write_text(
        'objective: 3\nentries:\n  - covers: "3.1"\n    body: x\n    readings:\n'
        "      - {measure: dta-delays, value: 16, period: 2021-01}\n"
    )
    result = cli("import-readings", "dta-delays", _export(tmp_path, EXPORT), "--root", str(root))
    assert result.exit_code == 1
    assert "error conflicting-reading" in result.stderr
    assert not (root / SERIES).exists()


def test_nothing_to_change(root: Path, tmp_path: Path, cli: RunCli) -> None:
    export = _export(tmp_path, EXPORT)
    cli("import-readings", "dta-delays", export, "--root", str(root))
    before = (root / SERIES).stat().st_mtime_ns
    result = cli("import-readings", "dta-delays", export, "--root", str(root))
    assert result.exit_code == 0
    assert "0 added, 0 changed, 2 unchanged" in result.stdout
    assert "Nothing to change" in result.stderr
    assert (root / SERIES).stat().st_mtime_ns == before


def test_update_takes_a_monthly_reading(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(BASE)
    result = cli(
        "update", "3.1", "-q", "2020/21 Q4", "-b", "Delays fell.",
        "-r", "dta-delays=17@Jan 2021", "-r", "swabs=120@2021-W03", "--create", "--root", str(root),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (root / "objectives/updates/2020-21/Q4/objective-3.yaml").read_text()
    assert "value: 17\n        period: 2021-01\n" in text
    assert "value: 120\n        period: 2021-W03\n" in text


def test_update_refuses_a_quarter_for_a_monthly_measure(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(BASE)
    result = cli(
        "update", "3.1", "-q", "2020/21 Q4", "-b", "x", "-r", "dta-delays=17", "--create",
        "--root", str(root),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "error wrong-frequency" in result.stderr
    assert "give it a period (period: 2021-01)" in result.stderr


def test_an_export_on_standard_input(root: Path, cli: RunCli) -> None:
    result = cli("import-readings", "dta-delays", "-", "--root", str(root), input=EXPORT)
    assert result.exit_code == 0, result.output
    assert (root / SERIES).read_text() == "period,value\n2021-01,17\n2021-02,1234\n"
