"""Any partnership's shape and words: its own terms in the paper, `status` and messages; an
objective with no breakthrough objectives; leads who are people, named when they are chased."""

from __future__ import annotations

import json

from tests.conftest import MINIMAL, MakeRepo, RunCli

WORDS = """
    name: South Nottinghamshire Integrated Care Partnership
    short_name: South Notts ICP
    board: ICS Board
    terms:
      objective: priority
      breakthrough: workstream
      paper_title: "{partnership}: our progress, quarter {quarter} of {financial_year}"
    partners:
      ncc: Nottinghamshire County Council
      nhct:
        name: Nottinghamshire Healthcare NHS Foundation Trust
        role: Community and mental health provider
    people:
      clinical-lead:
        name: Dr A. Example
        role: ICP Clinical Lead
        partner: nhct
    ratings:
      - id: green
        label: On track
        definition: Delivery is on plan.
      - id: amber
        label: Some risk
        definition: Issues need attention.
      - id: red
        label: Off track
        definition: Delivery is not expected without intervention.
"""
ENGAGEMENT = """
    id: 3
    title: Involving our patients and local people
    lead: clinical-lead
"""
ENGAGEMENT_Q1 = """
    objective: 3
    entries:
      - covers: "3"
        status: green
        body: |
          - Patient forums meet in two localities.
"""


def repo(make_repo: MakeRepo, **more: str) -> str:
    files = {
        "objectives/partnership.yaml": WORDS,
        "objectives/3-engagement.yaml": ENGAGEMENT,
        **more,
    }
    return str(make_repo(files))


def paper(cli: RunCli, root: str) -> str:
    result = cli("report", "Q1", "--year", "2020/21", "-f", "md", "-o", "-", "--root", root)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_paper_speaks_the_partnerships_words(make_repo: MakeRepo, cli: RunCli) -> None:
    root = repo(make_repo)
    text = paper(cli, root)
    assert "| Priority | Workstream | Last quarter | This quarter |" in text
    assert "## Priority 1 \N{EN DASH} Best start in life" in text
    assert "Each workstream's status this quarter" in text
    assert "| Workstream | Measure |" in text
    assert "## Objective" not in text and "Breakthrough objective" not in text


def test_a_paper_without_a_title_takes_the_partnerships_pattern(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = repo(make_repo)
    result = cli("new-quarter", "2020/21 Q2", "--root", root)
    assert result.exit_code == 0, result.output
    report = (make_repo({}) / "objectives/updates/2020-21/Q2/report.yaml").read_text()
    assert 'title: "South Notts ICP: our progress, quarter 2 of 2020/21"' in report
    assert "# meeting: ICS Board" in report
    assert "ICP Board" not in report


def test_an_objective_with_no_breakthroughs_is_updated_as_a_whole(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = repo(make_repo, **{"objectives/updates/2020-21/Q1/objective-3.yaml": ENGAGEMENT_Q1})
    checked = cli("validate", "--root", root)
    assert "objective-3" not in checked.output and "3-engagement" not in checked.output
    text = paper(cli, root)
    assert "## Priority 3 \N{EN DASH} Involving our patients and local people" in text
    assert "Patient forums meet in two localities." in text
    assert "| 3 | Involving our patients and local people | No update | On track |" in text


def test_an_objective_with_no_breakthroughs_is_chased_as_a_whole(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = repo(make_repo)
    report = cli("report", "Q1", "--year", "2020/21", "-f", "md", "-o", "-", "--root", root)
    assert (
        "3-engagement.yaml:1:5: warning no-update: priority 3 (Involving our patients and local"
        " people) has no update for 2020/21 Q1" in report.stderr
    )
    status = cli("status", "2020/21 Q1", "--root", root)
    assert "Workstreams: 2020/21 Q1" in status.stdout
    assert "Dr A. Example (Nottinghamshire Healthcare NHS Foundation Trust): 3" in status.stdout
    assert "Nottinghamshire County Council: 1.2" in status.stdout  # objective 1's lead, ncc
    data = json.loads(cli("status", "2020/21 Q1", "-f", "json", "--root", root).stdout)
    assert {"lead": "Dr A. Example (Nottinghamshire Healthcare NHS Foundation Trust)",
            "missing": ["3"]} in data["chase"]  # fmt: skip


def test_an_entry_on_a_breakthrough_the_objective_lacks_says_it_has_none(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    wrong = ENGAGEMENT_Q1.replace('covers: "3"', 'covers: "3.1"')
    root = repo(make_repo, **{"objectives/updates/2020-21/Q1/objective-3.yaml": wrong})
    result = cli("validate", "--root", root)
    assert result.exit_code == 1
    assert "there is no workstream 3.1; priority 3 has no workstreams" in result.output


def test_messages_use_the_partnerships_words(make_repo: MakeRepo, cli: RunCli) -> None:
    misplaced = MINIMAL["objectives/updates/2020-21/Q1/objective-1.yaml"].replace(
        'covers: "1.1"', 'covers: "2.1"'
    )
    root = repo(make_repo, **{"objectives/updates/2020-21/Q1/objective-1.yaml": misplaced})
    result = cli("validate", "--root", root)
    assert "workstream 2.1 belongs to priority 2, not 1" in result.output


ABOUT = WORDS.replace(
    "    people:\n",
    """    vision: Healthier and happier communities
    purpose: Brings together providers of health and social care.
    places:
      - name: Nottingham North & East
        population: 141257
        note: 4 PCNs
      - name: Rushcliffe
        population: 128524
    population_source: NHS Digital, April 2019
    leads: [clinical-lead]
    about: true
    people:
""",
)


def test_the_paper_says_who_the_partnership_is_when_asked(make_repo: MakeRepo, cli: RunCli) -> None:
    root = repo(make_repo, **{"objectives/partnership.yaml": ABOUT})
    text = paper(cli, root)
    assert "## About the partnership\n\n**Our vision:** Healthier and happier communities" in text
    assert "Brings together providers of health and social care." in text
    assert (
        "Led by Dr A. Example (ICP Clinical Lead, Nottinghamshire Healthcare NHS Foundation Trust)."
        in text
    )
    assert "| Nottingham North & East | 141,257 | 4 PCNs |" in text
    assert "| All places | 269,781 | |" in text
    assert "Population: NHS Digital, April 2019." in text
    assert (
        "Partners: Nottinghamshire County Council; Nottinghamshire Healthcare NHS Foundation"
        " Trust (Community and mental health provider)." in text
    )
    html = cli("report", "Q1", "--year", "2020/21", "-f", "html", "-o", "-", "--root", root)
    assert '<h2 id="about">About the partnership</h2>' in html.stdout
    assert '<th scope="row">Rushcliffe</th><td class="number">128,524</td>' in html.stdout


def test_without_about_the_paper_has_no_such_section(make_repo: MakeRepo, cli: RunCli) -> None:
    root = repo(make_repo, **{"objectives/partnership.yaml": ABOUT.replace("about: true", "")})
    assert "About the partnership" not in paper(cli, root)
