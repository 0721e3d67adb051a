"""A new quarter's folder: the paper's front matter and one file per objective for leads to fill.

It works out which files are missing and their text from the loaded repository (looking at
the disk only to see what exists); the command writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from icp_objectives.domain.model import Objective, Rating
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.wording import BODY_PLACEHOLDER, INTRODUCTION_PLACEHOLDER, paper_title
from icp_objectives.edit import schema_files
from icp_objectives.load.loaded import REPORT_FILE, Repository, quarter_folder


def folder(root: Path, quarter: Quarter) -> Path:
    return root / quarter_folder(quarter)


def quarter_file(root: Path, quarter: Quarter, objective: int) -> Path:
    """The objective's file for the quarter: objective-<n>.yaml, or an existing .yml one."""
    path = folder(root, quarter) / f"objective-{objective}.yaml"
    other = path.with_suffix(".yml")
    return other if other.exists() and not path.exists() else path


def header(quarter: Quarter, objective: int) -> str:
    """The comment that opens an objective's file for the quarter."""
    return f"{quarter.label} updates for Objective {objective}. One lead edits this file."


def report_text(quarter: Quarter) -> str:
    return "\n".join(
        [
            f"# The {quarter.label} board paper's front matter. The programme office edits this.",
            f"title: {paper_title(quarter)}",
            f"period: {quarter.label}",
            "# meeting: ICP Board",
            "# date: YYYY-MM-DD",
            "# author:",
            "# purpose: assurance  # decision, assurance, discussion or information",
            "introduction: |",
            f"  {INTRODUCTION_PLACEHOLDER} {quarter.months}, and what the Board is asked to note.",
            "",
        ]
    )


def objective_text(quarter: Quarter, objective: Objective, ratings: Sequence[Rating]) -> str:
    """An objective's empty quarter file, with a commented example entry per breakthrough."""
    scale = ", ".join(r.id for r in ratings) or "a rating id"
    first = objective.breakthroughs[0].id
    lines = [
        f"# {header(quarter, objective.id)}",
        f"objective: {objective.id}",
        f"period: {quarter.label}",
        "entries: []",
        "# Add one entry per breakthrough objective, with",
        f'#   icp-obj update {first} --quarter "{quarter.label}"',
        "# or by hand: remove the [] above and write entries like these below 'entries:'.",
    ]
    for breakthrough in objective.breakthroughs:
        name = breakthrough.short_title or breakthrough.title
        lines += [
            "#",
            f'#   - covers: "{breakthrough.id}"  # {name}',
            f"#     status: amber  # one of: {scale}",
            "#     body: |",
            f"#       - {BODY_PLACEHOLDER}",
        ]
    lines += [
        "#",
        f'# An update on the whole objective has covers: "{objective.id}"; one on two',
        f'# breakthrough objectives together has covers: ["{first}", "..."].',
        "",
    ]
    return "\n".join(lines)


def missing_files(repo: Repository, quarter: Quarter) -> dict[Path, str]:
    """The files the quarter's folder still needs, and their text."""
    wanted = {folder(repo.root, quarter) / REPORT_FILE: report_text(quarter)}
    for loaded in sorted(repo.objectives, key=lambda o: o.model.id):
        objective = loaded.model
        path = quarter_file(repo.root, quarter, objective.id)
        wanted[path] = objective_text(quarter, objective, repo.ratings)
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
