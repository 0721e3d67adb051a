"""A new partnership repository's first files, as text, from the answers `init` collected. Pure.

What is written is plain YAML a lead can read: every file says what it is for, and every
example in it uses the partnership's own words (its board, its ratings), so an example
uncommented validates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Final

from icp_objectives import __version__
from icp_objectives.domain.partnership import capital, plural
from icp_objectives.domain.schema import MODELINE

# The rating scales init offers, best first: (id, label, definition, colour or None).
Scale = tuple[tuple[str, str, str, str | None], ...]

SCALES: Final[dict[str, Scale]] = {
    "delivery-confidence": (
        ("blue", "Blue", "Complete. The work has been delivered.", "#005EB8"),
        ("green", "Green", "On track. Delivery looks highly likely.", "#007F3B"),
        ("amber-green", "Amber/Green", "Likely. There are issues, but in hand.", "#78BE20"),
        ("amber", "Amber", "Feasible, but significant issues need attention.", "#FFB81C"),
        ("amber-red", "Amber/Red", "In doubt. Major issues need urgent action.", "#ED8B00"),
        ("red", "Red", "Not expected without intervention and a new plan.", "#D5281B"),
    ),
    "rag": (
        ("green", "Green", "On track.", "#007F3B"),
        ("amber", "Amber", "At risk: issues need attention.", "#FFB81C"),
        ("red", "Red", "Off track: delivery is not expected without a new plan.", "#D5281B"),
    ),
}  # fmt: skip

# What each choice is, for the question and --help.
SCALE_NAMES: Final[dict[str, str]] = {
    "delivery-confidence": "five-point delivery confidence, with blue for complete",
    "rag": "simple red, amber, green",
    "custom": "your own labels, best first (--ratings 'On track,At risk,Off track')",
}


@dataclass(frozen=True)
class Answers:
    """What the partnership told init. `ratings` are the custom labels, best first."""

    name: str
    short_name: str
    board: str
    scale: str = "delivery-confidence"
    ratings: tuple[str, ...] = ()
    objective: str = "Improve the health and wellbeing of our population"
    breakthrough: str = "Our first breakthrough objective"
    objective_term: str = "strategic objective"
    breakthrough_term: str = "breakthrough objective"


# A new partnership's papers are titled by its own name, not by another's pattern.
TITLE = "{partnership}: quarter {quarter} update, {financial_year}"


def unclear_ratings(answers: Answers) -> str | None:
    """Why custom labels cannot make a scale (two with the same id), or None."""
    seen: dict[str, str] = {}
    for label in answers.ratings:
        key = slug(label)
        if key in seen:
            return f"'{seen[key]}' and '{label}' would be the same rating; give each its own words"
        seen[key] = label
    return None


def scale(answers: Answers) -> Scale:
    """The chosen scale's points; custom labels get ids made from them, and colours from
    green to red by their place on the scale (best first), up to five."""
    if answers.scale != "custom":
        return SCALES[answers.scale]
    labels = answers.ratings
    colours: list[str | None] = [None] * len(labels)
    if len(labels) <= len(_RAMP):
        last = max(len(labels) - 1, 1)
        colours = [_RAMP[round(i * (len(_RAMP) - 1) / last)] for i in range(len(labels))]
    return tuple(
        (slug(label), label, f"{label}.", colour)
        for label, colour in zip(labels, colours, strict=True)
    )


# Green to red, as the five-point scale colours them; the words stay what the paper reads.
_RAMP = ("#007F3B", "#78BE20", "#FFB81C", "#ED8B00", "#D5281B")


def slug(text: str) -> str:
    """An id from a label: "Amber/Green" → amber-green, "In place" → in-place."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "rating"


def files(answers: Answers) -> dict[str, str]:
    """Each file's path (relative to the repository, with /) and its text."""
    return {
        "objectives/partnership.yaml": partnership(answers),
        "objectives/1-first-objective.yaml": objective(answers),
        "templates/README.md": TEMPLATES_README,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/objectives.yml": workflow(),
        ".gitignore": GITIGNORE,
    }


def quoted(text: str) -> str:
    """Text as one YAML scalar: JSON's double quotes are YAML's too, and keep any character."""
    return json.dumps(text, ensure_ascii=False)


def partnership(answers: Answers) -> str:
    lines = [
        f"{MODELINE}../schema/partnership.schema.json",
        "# Who the partnership is, its partner organisations, and the scale it rates progress on.",
        "# The rating scale is printed in every paper, so write its definitions for board members.",
        f"name: {quoted(answers.name)}",
        f"short_name: {quoted(answers.short_name)}",
        f"board: {quoted(answers.board)}",
        "",
        "# What the partnership calls its two levels of objective, as a sentence writes them,",
        "# and how its quarterly papers are titled.",
        "terms:",
        f"  objective: {quoted(answers.objective_term)}",
        f"  breakthrough: {quoted(answers.breakthrough_term)}",
        f"  paper_title: {quoted(TITLE)}",
        "",
        "# Partner organisations named in the papers: an id, then the organisation's full name.",
        "partners: {}",
        "#  trust: Our Hospitals NHS Foundation Trust",
        "",
        "# The rating scale, best first.",
        "ratings:",
    ]
    for rating_id, label, definition, colour in scale(answers):
        lines += [
            f"  - id: {rating_id}",
            f"    label: {quoted(label)}",
            f"    definition: {quoted(definition)}",
        ]
        if colour:
            lines.append(f'    colour: "{colour}"')
    return "\n".join(lines) + "\n"


def objective(answers: Answers) -> str:
    return "\n".join(
        [
            f"{MODELINE}../schema/objective.schema.json",
            f"# {capital(answers.objective_term)} 1 and its {plural(answers.breakthrough_term)}."
            " Retitle them as the",
            "# partnership states them; for the next one copy this file as 2-<name>.yaml.",
            "id: 1",
            f"title: {quoted(answers.objective)}",
            "breakthroughs:",
            '  - id: "1.1"',
            f"    title: {quoted(answers.breakthrough)}",
            "    # measures:  # optional: what shows whether it is working",
            "    #   - id: first-measure",
            "    #     title: The measure, as the board reads it",
            "    #     unit: people",
            "    #     better: higher",
            "",
        ]
    )


TEMPLATES_README = """\
# Your own templates

`icp-obj report` renders the board paper through Jinja templates. It looks in this folder
first, then at the defaults inside the installed icp-objectives, file by file. Copy one default
here (they are in the package's `icp_objectives/templates/` folder), edit it, and only that part
of the paper changes. Delete your copy to go back to the default.
"""

PRE_COMMIT = """\
# Checks the objectives on every commit: `pip install pre-commit && pre-commit install`.
# It runs the icp-obj installed in your environment.
repos:
  - repo: local
    hooks:
      - id: icp-obj-validate
        name: icp-obj validate
        entry: icp-obj validate
        language: system
        always_run: true
        pass_filenames: false
        require_serial: true
"""

GITIGNORE = """\
# files an interrupted update leaves (the next update removes them)
objectives/**/.*.lock
objectives/**/.*.tmp
"""


def workflow() -> str:
    """The pull-request check: the data validated with annotations, the changes in meaning in
    the job summary, and each affected quarter's committed paper compared with its data."""
    return f"""\
# Checks a pull request to the objectives with icp-obj.
name: Objectives

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

defaults:
  run:
    shell: bash # -e and -o pipefail: a failing icp-obj fails its step

jobs:
  objectives:
    runs-on: ubuntu-latest
    env:
      BASE: ${{{{ github.event.pull_request.base.sha || github.event.before }}}}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the base revision, and the history that says when a paper was presented
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install icp-obj
        run: python -m pip install "icp-objectives=={__version__}"
      - name: Check the data files
        run: icp-obj validate --format github
      - name: Summarise the changes in meaning
        if: ${{{{ !cancelled() }}}}
        run: |
          if [[ -z "$BASE" || "$BASE" =~ ^0+$ ]]; then BASE=$(git rev-parse HEAD^ || echo HEAD); fi
          icp-obj diff "$BASE" HEAD --format md | tee -a "$GITHUB_STEP_SUMMARY"
      - name: Check the committed papers match the data
        run: |
          if [[ -z "$BASE" || "$BASE" =~ ^0+$ ]]; then BASE=$(git rev-parse HEAD^ || echo HEAD); fi
          quarters=$(icp-obj diff "$BASE" HEAD --format quarters)
          for quarter in $quarters; do
            icp-obj report "$quarter" --check
          done
"""
