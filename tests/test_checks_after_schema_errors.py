"""A file with a schema error hides no other file's problems: every problem in one run.

References that could point into what failed to load are left alone (no false positives);
everything else is still checked, including the other entries of the same file.
"""

from __future__ import annotations

from pathlib import Path

from icp_objectives.check.validation import validate
from tests.conftest import MakeRepo

OBJECTIVE_1_WITH_A_TYPO = """
    id: 1
    title: Best start in life
    lead: ncc
    breakthroughs:
      - id: "1.1"
        title: School readiness
        measures:
          - id: childcare
            title: Take-up of funded childcare
      - id: "1.2"
        shortitle: Pregnancies
        title: Healthy pregnancies
        measures:
          - id: smoking-at-delivery
            title: Smoking at time of delivery
    """

UPDATES_2 = """
    objective: 2
    entries:
      - covers: ["2.1", "2.3"]
        status: purpel
        body: Two problems here, whatever else is wrong.
        readings:
          - measure: childcare
            value: 1
          - measure: smoking-at-delivery
            value: 2
          - measure: no-such-measure
            value: 3
    """


def _found(root: Path) -> set[tuple[str, str]]:
    return {(p.path.rsplit("/", 1)[-1], p.code) for p in validate(root).problems}


def test_a_broken_objective_hides_only_references_into_it(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            "objectives/1-start.yaml": OBJECTIVE_1_WITH_A_TYPO,
            "objectives/updates/2020-21/Q1/objective-1.yaml": """
                objective: 1
                entries:
                  - covers: "1.3"
                    body: 1.3 may be in the file that failed; not reported.
                """,
            "objectives/updates/2020-21/Q1/objective-2.yaml": UPDATES_2,
        }
    )
    problems = validate(root).problems
    found = {(p.path.rsplit("/", 1)[-1], p.code, p.line) for p in problems}
    assert found == {
        ("1-start.yaml", "unknown-key", 11),
        ("objective-2.yaml", "unknown-breakthrough", 3),
        ("objective-2.yaml", "unknown-rating", 4),
        ("objective-2.yaml", "measure-elsewhere", 7),  # childcare: 1.1 fitted its model
        ("objective-2.yaml", "unknown-measure", 11),
    }, problems


def test_a_broken_partnership_file_still_names_ratings_and_partners(
    make_repo: MakeRepo,
) -> None:
    root = make_repo(
        {
            "objectives/partnership.yaml": """
                name: Test Partnership
                vison: A typo
                partners:
                  ncc: Nottinghamshire County Council
                ratings:
                  - id: green
                    label: On track
                    definition: Delivery is on plan.
                """,
            "objectives/2-choices.yaml": """
                id: 2
                title: Healthy choices
                lead: nccg
                breakthroughs:
                  - id: "2.1"
                    title: Connect services
                """,
            "objectives/updates/2020-21/Q1/objective-2.yaml": UPDATES_2,
        }
    )
    assert _found(root) == {
        ("partnership.yaml", "unknown-key"),
        ("2-choices.yaml", "unknown-partner"),
        ("objective-1.yaml", "unknown-rating"),  # amber is not on the one-rating scale
        ("objective-2.yaml", "unknown-breakthrough"),
        ("objective-2.yaml", "unknown-rating"),
        ("objective-2.yaml", "measure-elsewhere"),
        ("objective-2.yaml", "unknown-measure"),
    }


def test_an_unreadable_partnership_file_skips_only_ratings_and_partners(
    make_repo: MakeRepo,
) -> None:
    root = make_repo(
        {
            "objectives/partnership.yaml": "name: [unclosed\n",
            "objectives/updates/2020-21/Q1/objective-2.yaml": UPDATES_2,
        }
    )
    assert _found(root) == {
        ("partnership.yaml", "yaml-unclosed"),
        ("objective-2.yaml", "unknown-breakthrough"),
        ("objective-2.yaml", "measure-elsewhere"),
        ("objective-2.yaml", "unknown-measure"),
    }


def test_an_unreadable_objective_of_unknown_number_checks_what_it_cannot_define(
    make_repo: MakeRepo,
) -> None:
    root = make_repo(
        {
            "objectives/choices.yaml": "id: [unclosed\n",
            "objectives/updates/2020-21/Q1/objective-2.yaml": UPDATES_2,
        }
    )
    assert _found(root) == {
        ("choices.yaml", "yaml-unclosed"),
        ("objective-2.yaml", "unknown-rating"),
    }


def test_other_entries_of_a_file_are_checked_past_a_broken_one(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            "objectives/updates/2020-21/Q1/objective-1.yaml": """
                objective: 1
                period: 2020/21 Q2
                entries:
                  - covers: "1.1"
                    stauts: amber
                    body: A typo in this entry.
                  - covers: "1.9"
                    body: "[a link](javascript:alert(1))"
                  - covers: "1.2"
                    status: purple
                    body: Fine but for the rating.
                """,
        }
    )
    found = {(p.code, p.line) for p in validate(root).problems}
    assert found == {
        ("period-mismatch", 2),
        ("unknown-key", 5),
        ("unknown-breakthrough", 7),
        ("unsafe-link", 8),
        ("unknown-rating", 10),
    }


def test_an_updates_file_whose_objective_is_broken_uses_the_file_name(
    make_repo: MakeRepo,
) -> None:
    root = make_repo(
        {
            "objectives/updates/2020-21/Q1/objective-1.yaml": """
                objective: one
                entries:
                  - covers: "2.1"
                    body: Belongs to objective 2.
                  - covers: "1.7"
                    body: No such breakthrough.
                """,
        }
    )
    found = {(p.code, p.line) for p in validate(root).problems}
    assert found == {("not-a-number", 1), ("wrong-objective", 3), ("unknown-breakthrough", 5)}


def test_a_broken_report_still_has_its_period_and_links_checked(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            "objectives/updates/2020-21/Q1/report.yaml": """
                titel: Quarter 1 update
                period: 2020/21 Q2
                introduction: See [this](javascript:alert(1)).
                """,
            "objectives/updates/2020-21/Q2/report.yaml": """
                title: Quarter 2 update
                period: 2020/21 Q5
                introduction: The schema reports the period once.
                extra: true
                """,
        }
    )
    found = {(p.path.split("/")[-2], p.code) for p in validate(root).problems}
    assert found == {
        ("Q1", "unknown-key"),
        ("Q1", "period-mismatch"),
        ("Q1", "unsafe-link"),
        ("Q2", "bad-period"),
        ("Q2", "unknown-key"),
    }


def test_without_a_partnership_file_leads_and_ratings_are_not_judged(
    make_repo: MakeRepo,
) -> None:
    root = make_repo({})
    (root / "objectives" / "partnership.yaml").unlink()
    assert _found(root) == {("partnership.yaml", "missing-file")}


def test_breakthroughs_that_are_not_a_list_leave_their_ids_unjudged(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            "objectives/2-choices.yaml": """
                id: 2
                title: Healthy choices
                breakthroughs:
                  first: {id: "2.1", title: Connect services}
                """,
            "objectives/updates/2020-21/Q1/objective-2.yaml": """
                objective: 2
                entries:
                  - covers: "2.1"
                    body: Objective 2's file has problems, so 2.1 is not judged.
                """,
        }
    )
    assert _found(root) == {("2-choices.yaml", "wrong-type")}
