"""Every example repository under examples/ validates and renders; South Notts reads like its own
paper, with its words, its status tables and its people; status tables carry a status forward
and refuse what they do not define."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PROJECT, MakeRepo, RunCli

EXAMPLES = sorted(p for p in (PROJECT / "examples").iterdir() if (p / "objectives").is_dir())
SOUTH_NOTTS = PROJECT / "examples" / "south-notts"


@pytest.fixture
def south_notts(tmp_path: Path) -> Path:
    root = tmp_path / "south-notts"
    shutil.copytree(SOUTH_NOTTS, root)
    return root


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates_and_renders_every_quarter(
    example: Path, cli: RunCli, tmp_path: Path
) -> None:
    checked = cli("validate", "--root", str(example))
    assert checked.exit_code == 0, checked.output
    assert "no problems" in checked.stderr
    quarters = sorted((example / "objectives" / "updates").glob("*/Q*"))
    assert quarters
    for folder in quarters:
        quarter = f"{folder.name} {folder.parent.name.replace('-', '/')}"
        out = tmp_path / folder.parent.name / folder.name
        result = cli("report", quarter, "--root", str(example), "--output", f"{out}/")
        assert result.exit_code == 0, result.output
        assert {p.suffix for p in out.iterdir()} == {".md", ".html", ".docx"}


def south_notts_paper(cli: RunCli, root: Path, fmt: str = "md", quarter: str = "Q4") -> str:
    result = cli("report", quarter, "--year", "2019/20", "-f", fmt, "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_south_notts_reads_like_its_own_paper(cli: RunCli) -> None:
    text = south_notts_paper(cli, SOUTH_NOTTS)
    assert text.startswith(
        "# South Nottinghamshire Integrated Care Partnership: our journey and progress so far\n"
    )
    assert "| Meeting | ICS Board |" in text
    assert "Led by Dr Nicole Atkinson (South Notts ICP Clinical Lead) and Dr John Brewin" in text
    assert "| All places | 376,343 | |" in text
    assert "## Priority 6 \N{EN DASH} Our PCN development in South Notts" in text
    assert "| Priority | Workstream | Last quarter | This quarter |" in text
    assert "| Service specifications | Under review |  |" in text
    assert "| ICP Programme Director | Recruitment under way | CCG/NHCT |" in text
    assert "*DES contractual requirements, year 2 (20/21)*" in text
    for foreign in ("Mid Notts", "ICP Board", "Breakthrough objective", "## Objective"):
        assert foreign not in text


def test_south_notts_html_tables_name_their_rows_and_groups(cli: RunCli) -> None:
    html = south_notts_paper(cli, SOUTH_NOTTS, "html")
    assert '<table class="deliverables" id="deliverables-6-2">' in html
    assert (
        '<th scope="rowgroup" colspan="3">DES contractual requirements, year 1 (19/20)</th>' in html
    )
    assert (
        '<th scope="row">Service specifications</th><td class="deliverable-status">Under review</td>'
        in html
    )


def test_a_status_no_later_update_gives_is_carried_forward_and_dated(
    cli: RunCli, south_notts: Path
) -> None:
    q1 = south_notts / "objectives/updates/2020-21/Q1"
    q1.mkdir(parents=True)
    (q1 / "objective-6.yaml").write_text(
        'objective: 6\nentries:\n  - covers: "6.2"\n    body: The specifications are agreed.\n'
        "    deliverables:\n      - id: service-specifications\n        status: In Place\n"
    )  # a label, in another case, reads as the status it names
    result = cli(
        "report", "Q1", "--year", "2020/21", "-f", "md", "-o", "-", "--root", str(south_notts)
    )
    assert result.exit_code == 0, result.output
    assert "| Service specifications | In place |  |" in result.stdout
    assert "| Impact and investment Fund | Detail awaited (as of 2019/20 Q4) |  |" in result.stdout


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            ("status: under-review", "status: under-reveiw"),
            "objective-6.yaml:46:17: error unknown-status: 'under-reveiw' is not a deliverable"
            " status (did you mean 'under-review'?)",
        ),
        (
            ("id: service-specifications", "id: service-specs"),
            "objective-6.yaml:45:13: error unknown-deliverable: priority 6 has no deliverable"
            " 'service-specs' (did you mean 'service-specifications'?)",
        ),
        (
            ('covers: "6.2"', 'covers: "6.1"'),
            "objective-6.yaml:31:13: error deliverable-elsewhere: the deliverable"
            " 'practices-sign-up' belongs to 6.2, which this entry does not cover",
        ),
    ],
)
def test_a_bad_deliverable_update_is_located(
    cli: RunCli, south_notts: Path, change: tuple[str, str], says: str
) -> None:
    path = south_notts / "objectives/updates/2019-20/Q4/objective-6.yaml"
    text = path.read_text()
    if change[0] == 'covers: "6.2"':  # only 6.2's entry: 6.1's own entry moves out of the way
        text = text.replace('  - covers: "6.1"', '  - covers: "6"', 1)
    path.write_text(text.replace(*change, 1))
    result = cli("validate", "--root", str(south_notts))
    assert result.exit_code == 1
    assert says in result.stdout, result.stdout


def test_a_deliverable_id_is_used_once_in_its_file(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo(
        {
            "objectives/2-choices.yaml": """
                id: 2
                title: Healthy choices
                deliverables:
                  - {id: plan, requirement: A plan}
                breakthroughs:
                  - id: "2.1"
                    title: Connect services
                    deliverables:
                      - {id: plan, requirement: Another plan}
                  - id: "2.2"
                    title: Stop smoking
            """
        }
    )
    result = cli("validate", "--root", str(root))
    assert (
        "2-choices.yaml:9:14: error duplicate-id: the deliverable 'plan' is already in 2's table"
        in result.stdout
    )


def test_an_update_giving_only_progress_keeps_the_status_given_before(
    cli: RunCli, south_notts: Path
) -> None:
    q1 = south_notts / "objectives/updates/2020-21/Q1"
    q1.mkdir(parents=True)
    (q1 / "objective-6.yaml").write_text(
        'objective: 6\nentries:\n  - covers: "6.2"\n    body: Progress.\n'
        "    deliverables:\n      - id: service-specifications\n        progress: Two agreed\n"
    )
    result = cli(
        "report", "Q1", "--year", "2020/21", "-f", "md", "-o", "-", "--root", str(south_notts)
    )
    assert result.exit_code == 0, result.output
    assert "| Service specifications | Under review | Two agreed |" in result.stdout
