"""Splicing entries into a file's text: the layouts people write, and the refusals."""

from __future__ import annotations

import pytest

from icp_objectives import yamlio
from icp_objectives.edit import splice
from icp_objectives.edit.layout import SpliceError
from tests.test_update import only_added

ENTRY = {
    "covers": "2.2",
    "status": "red",
    "body": "- New\n",
    "readings": [{"measure": "m", "value": 1}],
}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # a list at the key's own indentation keeps it, nested lists too
            "objective: 2\nentries:\n- covers: '2.1'\n  body: x\n",
            "objective: 2\nentries:\n- covers: '2.1'\n  body: x\n"
            '- covers: "2.2"\n  status: red\n  body: |\n    - New\n  readings:\n  - measure: m\n    value: 1\n',
        ),
        (  # wide indentation is matched
            "objective: 2\nentries:\n    -   covers: '2.1'\n        body: x\n",
            "objective: 2\nentries:\n    -   covers: '2.1'\n        body: x\n"
            '    -   covers: "2.2"\n        status: red\n        body: |\n          - New\n'
            "        readings:\n            -   measure: m\n                value: 1\n",
        ),
        (  # entries separated by blank lines stay separated
            "objective: 2\nentries:\n  - covers: '2'\n    body: x\n\n  - covers: '2.1'\n    body: y\n",
            "objective: 2\nentries:\n  - covers: '2'\n    body: x\n\n  - covers: '2.1'\n    body: y\n"
            '\n  - covers: "2.2"\n    status: red\n    body: |\n      - New\n    readings:\n'
            "      - measure: m\n        value: 1\n",
        ),
        (  # entries before other keys: the new one goes at the end of the list, not the file
            "entries:\n  - covers: '2.1'\n    body: y   # kept\n# about the objective\nobjective: 2\n",
            "entries:\n  - covers: '2.1'\n    body: y   # kept\n"
            '  - covers: "2.2"\n    status: red\n    body: |\n      - New\n    readings:\n'
            "      - measure: m\n        value: 1\n# about the objective\nobjective: 2\n",
        ),
        (  # no entries key yet
            "objective: 2\n",
            'objective: 2\nentries:\n  - covers: "2.2"\n    status: red\n    body: |\n      - New\n'
            "    readings:\n      - measure: m\n        value: 1\n",
        ),
    ],
)
def test_layouts_are_matched_and_only_lines_are_added(old: str, new: str) -> None:
    assert splice.add_entry(old, ENTRY) == new
    only_added(old, new)


@pytest.mark.parametrize("empty", ["entries:", "entries: ~", "entries: null", "entries: []"])
def test_empty_entries_become_a_list(empty: str) -> None:
    old = f"objective: 2\n{empty}\nperiod: 2020/21 Q1\n"
    got = splice.add_entry(old, {"covers": "2.1", "body": "x\n"})
    assert (
        got
        == 'objective: 2\nentries:\n  - covers: "2.1"\n    body: |\n      x\nperiod: 2020/21 Q1\n'
    )


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("objective: 2\nentries: [{covers: '2.1', body: x}]\n", "flow list"),
        ("objective: 2\nentries: text\n", "'entries' is not a list"),
        ("{objective: 2, entries: []}\n", "written on one line"),
        ("- just\n- a list\n", "does not hold 'objective:'"),
        ("objective: 2\nentries: [\n", "fix the file first"),
    ],
)
def test_files_that_cannot_be_edited_safely_are_refused(old: str, message: str) -> None:
    with pytest.raises(SpliceError, match=message):
        splice.add_entry(old, {"covers": "2.1", "body": "x\n"})


def test_append_to_a_strip_block_at_the_end_of_the_file() -> None:
    old = "objective: 2\nentries:\n  - covers: '2.1'\n    body: |-\n      - a"
    new = splice.append_to_entry(old, 0, "- b\n")
    assert new == old + "\n      - b\n"
    assert yamlio.load(new)["entries"][0]["body"] == "- a\n- b"


def test_append_text_a_block_cannot_hold_rewrites_only_the_body() -> None:
    old = (
        "objective: 2\nentries:\n  - covers: '2.1'  # c\n    body: |\n      - a\n    status: red\n"
    )
    new = splice.append_to_entry(old, 0, "- b\x1b\n")
    assert new == old.replace("|\n      - a\n", '"- a\\n- b\\e\\n"\n')


def test_append_to_a_plain_body_turns_it_into_a_block_keeping_its_comment() -> None:
    old = "objective: 2\nentries:\n  - covers: '2.1'\n    body: One line.  # why\n"
    new = splice.append_to_entry(old, 0, "- More\n")
    assert (
        new
        == "objective: 2\nentries:\n  - covers: '2.1'\n    body: |-  # why\n      One line.\n\n      - More\n"
    )


def test_replace_keeps_comments_around_the_entry() -> None:
    old = (
        "objective: 2\nentries:\n  # before\n  - covers: '2.1'\n    body: old\n  # after\n"
        "  - covers: '2.2'\n    body: kept\n"
    )
    new = splice.replace_entry(old, 0, {"covers": "2.1", "status": "green", "body": "- new\n"})
    assert new == (
        "objective: 2\nentries:\n  # before\n"
        '  - covers: "2.1"\n    status: green\n    body: |\n      - new\n'
        "  # after\n  - covers: '2.2'\n    body: kept\n"
    )


@pytest.mark.parametrize(
    "after",
    [
        "\n",  # blank lines the block keeps, at the end of the file
        "\n\n",
        "\n# c\n",  # then a comment
        "\nother: 1\n",  # then another key
        "        \n",  # a line of spaces past the block's indentation is text it keeps
        "  \n\n    # deep comment\n",
    ],
)
def test_add_after_a_block_that_keeps_its_trailing_lines(after: str) -> None:
    old = 'objective: 1\nentries:\n  - covers: "1.2"\n    body: |+\n      x\n' + after
    body = yamlio.load(old)["entries"][0]["body"]
    new = splice.add_entry(old, {"covers": "1.1", "body": "new\n"})
    only_added(old, new)
    entries = yamlio.load(new)["entries"]
    assert [e["body"] for e in entries] == [body, "new\n"]
