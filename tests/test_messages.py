"""Messages as people read them: one per mistake, in words, never Python's."""

from __future__ import annotations

from icp_objectives.check.validation import validate
from tests.conftest import MakeRepo

UPDATES = "objective: 1\nentries: []\n"


def test_a_misnamed_folder_is_one_problem_however_many_files_it_holds(
    make_repo: MakeRepo,
) -> None:
    root = make_repo(
        {
            "objectives/updates/2020-22/Q1/objective-1.yaml": UPDATES,
            "objectives/updates/2020-22/Q2/objective-1.yaml": UPDATES,
            "objectives/updates/2020-22/Q2/report.yaml": "title: x\nintroduction: y\n",
            "objectives/updates/2020-21/Q7/objective-1.yaml": UPDATES,
            "objectives/updates/2020-21/Q7/objective-2.yaml": UPDATES,
        }
    )
    problems = [p for p in validate(root, history=False).problems if p.code == "bad-folder"]
    assert [(p.path, p.message.split(";")[0]) for p in problems] == [
        (
            "objectives/updates/2020-21/Q7/objective-1.yaml",
            "the folder 'Q7' is not a quarter",
        ),
        (
            "objectives/updates/2020-22/Q1/objective-1.yaml",
            "the folder '2020-22' is not a financial year: the second year must follow the first",
        ),
    ]
    assert problems[0].message.endswith(
        "(this file and 1 other in it are not checked until it is renamed)"
    )
    assert "and 2 others" in problems[1].message


def test_a_duplicate_breakthrough_is_reported_once(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            "objectives/2-choices.yaml": """
                id: 2
                title: Healthy choices
                breakthroughs:
                  - id: "2.1"
                    title: Connect services
                  - id: "2.1"
                    title: Stop smoking
                """,
            "objectives/updates/2020-21/Q1/objective-2.yaml": """
                objective: 2
                entries:
                  - covers: "2.2"
                    body: Meant for the second breakthrough, numbered 2.1 by mistake.
                """,
        }
    )
    problems = validate(root, history=False).problems
    assert [(p.path, p.code) for p in problems] == [("objectives/2-choices.yaml", "duplicate-id")]
