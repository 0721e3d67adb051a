"""A new quarter's folder: the paper's front matter and one file per objective for leads to fill.

It works out which files are missing and their text from the loaded repository (looking at
the disk only to see what exists); the command writes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from icp_objectives.check import readiness
from icp_objectives.domain.model import Objective, Partnership, Rating
from icp_objectives.domain.partnership import Terms
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.wording import (
    BODY_PLACEHOLDER,
    COVER_PLACEHOLDER,
    INTRODUCTION_PLACEHOLDER,
    listing,
    paper_title,
)
from icp_objectives.edit import schema_files
from icp_objectives.load.loaded import REPORT_FILE, Repository, quarter_folder


def folder(root: Path, quarter: Quarter) -> Path:
    return root / quarter_folder(quarter)


def quarter_file(root: Path, quarter: Quarter, objective: int) -> Path:
    """The objective's file for the quarter: objective-<n>.yaml, or an existing .yml one."""
    path = folder(root, quarter) / f"objective-{objective}.yaml"
    other = path.with_suffix(".yml")
    return other if other.exists() and not path.exists() else path


def header(quarter: Quarter, objective: int, terms: Terms | None = None) -> str:
    """The comment that opens an objective's file for the quarter."""
    word = (terms or Terms()).objective_heading
    return f"{quarter.label} updates for {word} {objective}. One lead edits this file."


# The cover fields new-quarter (and init) can fill in from the command line.
COVER_FIELDS = ("meeting", "date", "author", "purpose", "recommendation", "session")


def report_text(
    quarter: Quarter,
    partnership: Partnership | None = None,
    objectives: Sequence[int] = (),
    cover: Mapping[str, str] | None = None,
) -> str:
    """The quarter's report.yaml: every cover sheet field as a commented prompt, each of which
    validates once uncommented (example text starts "To be written:", which `validate` flags).

    `cover` fills in fields (of COVER_FIELDS, and "introduction") with the values given: their
    lines are written uncommented, in the same places.
    """
    todo = COVER_PLACEHOLDER
    board = partnership.board if partnership else "the board"
    served = ", ".join(str(n) for n in objectives) or "1"
    given = dict(cover or {})
    introduction = given.pop("introduction", None)
    lines = _filled(
        [
            f"# The {quarter.label} board paper's front matter. The programme office edits this.",
            "# The cover sheet: remove the # before each line you fill in. `icp-obj report`",
            f"# warns while {listing(readiness.REQUIRED, last=' or ')} is missing.",
            f"title: {_plain(paper_title(quarter, partnership))}",
            f"period: {quarter.label}",
            f"# meeting: {_plain(board)}",
            "# date:  # the meeting's date, YYYY-MM-DD",
            f'# agenda_item: "{todo} the item\'s number on the agenda"',
            f'# author: "{todo} name and job title"',
            f'# lead_director: "{todo} name and job title of the director presenting it"',
            "# purpose: assurance  # decision, assurance, discussion or information",
            f'# recommendation: "{todo} what the Board is asked to do, e.g. note the update"',
            f'# previously_considered_by: "{todo} the groups that have seen it"',
            f"# strategic_objectives: [{served}]  # the objectives this paper serves",
            "# baf_risks:  # the Board Assurance Framework risks it bears on",
            f'#   - id: "{todo} the risk\'s id"',
            f'#     title: "{todo} the risk\'s title"',
            "#     link:  # optional: the risk's web address, https://...",
            f'# equality_impact: "{todo} its impact on equality, or none"',
            f'# quality_impact: "{todo} its impact on quality, or none"',
            "# session: public  # public or private",
            "# provenance: false  # leaves out the footer naming the data, for the public pack",
        ],
        given,
    )
    text = introduction or (
        f"{INTRODUCTION_PLACEHOLDER} {quarter.months}, and what the Board is asked to note."
    )
    body = [f"  {line}".rstrip() for line in text.strip().splitlines()]
    return "\n".join([*lines, "introduction: |", *body, ""])


def _filled(lines: list[str], given: Mapping[str, str]) -> list[str]:
    """The prompts, with each field given written uncommented in its prompt's place."""
    unknown = sorted(set(given) - set(COVER_FIELDS))
    if unknown:
        raise ValueError(f"not a cover field new-quarter fills: {unknown[0]}")
    filled = []
    for line in lines:
        key = re.match(r"# ([a-z_]+):", line)
        if key and key.group(1) in given:
            line = cover_line(key.group(1), given[key.group(1)])
        filled.append(line)
    return filled


def cover_line(field: str, value: str) -> str:
    """A cover field's line: `meeting: ICS Board`, quoted when YAML would read it otherwise."""
    return f"{field}: {value if field == 'date' else _plain(value)}"


def _plain(text: str) -> str:
    """Text as a YAML value on one line: plain when YAML reads it as the same text ("ICP
    Board", "Report for 20/21"), else in double quotes (JSON's are YAML's too)."""
    return text if _PLAIN.fullmatch(text) else json.dumps(text, ensure_ascii=False)


# Starts with a letter, ends with a letter, digit or full stop, and holds nothing YAML reads
# as more than text (": ", " #", quotes, brackets, anchors and the like).
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 ,./()'-]*[A-Za-z0-9.)])?")


def objective_text(
    quarter: Quarter, objective: Objective, ratings: Sequence[Rating], terms: Terms | None = None
) -> str:
    """An objective's empty quarter file, with a commented example entry for each part it
    is updated by: its breakthrough objectives, or itself when it has none."""
    terms = terms or Terms()
    scale = ", ".join(r.id for r in ratings) or "a rating id"
    example = ratings[0].id if ratings else "a-rating-id"  # the partnership's own first rating
    parts = objective.parts
    first = parts[0][0]
    lines = [
        f"# {header(quarter, objective.id, terms)}",
        f"objective: {objective.id}",
        f"period: {quarter.label}",
        "entries: []",
        f"# Add one entry per {terms.breakthrough if objective.breakthroughs else terms.objective},"
        " with",
        f'#   icp-obj update {first} --quarter "{quarter.label}"',
        "# or by hand: remove the [] above and write entries like these below 'entries:'.",
    ]
    for key, name in parts:
        lines += [
            "#",
            f'#   - covers: "{key}"  # {name}',
            f"#     status: {example}  # one of: {scale}",
            "#     body: |",
            f"#       - {BODY_PLACEHOLDER}",
        ]
    if objective.breakthroughs:
        lines += [
            "#",
            f'# An update on the whole {terms.objective} has covers: "{objective.id}"; one on two',
            f'# {terms.breakthroughs_word} together has covers: ["{first}", "..."].',
        ]
    return "\n".join([*lines, ""])


def missing_files(
    repo: Repository, quarter: Quarter, cover: Mapping[str, str] | None = None
) -> dict[Path, str]:
    """The files the quarter's folder still needs, and their text (report.yaml's with the
    cover fields given filled in)."""
    partnership = repo.partnership.model if repo.partnership else None
    numbers = sorted(o.model.id for o in repo.objectives)
    report = report_text(quarter, partnership, numbers, cover)
    wanted = {folder(repo.root, quarter) / REPORT_FILE: report}
    for loaded in sorted(repo.objectives, key=lambda o: o.model.id):
        objective = loaded.model
        path = quarter_file(repo.root, quarter, objective.id)
        wanted[path] = objective_text(quarter, objective, repo.ratings, repo.terms)
    return {
        path: _with_modeline(repo.root, path, text)
        for path, text in wanted.items()
        if not _exists(path)
    }


def _with_modeline(root: Path, path: Path, text: str) -> str:
    kind = "quarter-report" if path.name == REPORT_FILE else "quarter-updates"
    return schema_files.modeline(root, path, kind) + text


def _exists(path: Path) -> bool:
    """A file that exists under either YAML suffix."""
    return path.exists() or path.with_suffix(".yml").exists()
