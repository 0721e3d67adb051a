"""The board paper for a quarter: which quarter, where it goes, and its text in each format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from icp_objectives.domain.errors import reason
from icp_objectives.domain.periods import (
    FinancialYear,
    PeriodError,
    Quarter,
    named_year,
    parse_period,
)
from icp_objectives.load.loaded import Repository
from icp_objectives.paper import render, view
from icp_objectives.paper.provenance import Provenance, without_sentence

REPORTS_DIR = "reports"
SUFFIXES = {"md": ".md", "html": ".html"}


class ReportError(Exception):
    """A request for a paper that cannot be met, in words for the person who asked."""


@dataclass(frozen=True)
class Choice:
    quarter: Quarter
    guessed_year: bool


Asked = tuple[FinancialYear | None, int]  # the year, if named, and the quarter's number


def requested(period: str, year: str | None) -> Asked:
    """The year (None when not given) and quarter number a person asked for, before any
    data is read; a ReportError when they name no quarter."""
    try:
        stated, number = parse_period(period)
        return named_year(stated, year), number
    except PeriodError as error:
        raise ReportError(str(error)) from None


def choose_quarter(repo: Repository, asked: Asked) -> Choice:
    """The quarter a person asked for (see `requested`); without a year, the latest one that
    has updates."""
    chosen, number = asked
    if chosen is not None:
        quarter = Quarter(chosen, number)
        if quarter not in repo.quarters:
            raise ReportError(f"there are no updates for {quarter.label}{_available(repo)}")
        return Choice(quarter, guessed_year=False)
    candidates = sorted(q for q in repo.quarters if q.number == number)
    if not candidates:
        raise ReportError(f"no financial year has updates for Q{number}{_available(repo)}")
    return Choice(candidates[-1], guessed_year=True)


def _available(repo: Repository) -> str:
    known = sorted(repo.quarters)
    return f"; quarters with updates: {', '.join(q.label for q in known)}" if known else ""


def default_path(root: Path, quarter: Quarter, fmt: str) -> Path:
    return root / REPORTS_DIR / f"{quarter.slug}-board-report{SUFFIXES[fmt]}"


FORMAT_CHOICES = {"md": ["md"], "html": ["html"], "all": ["md", "html"]}
_SUFFIX_FORMATS = {".md": "md", ".html": "html", ".htm": "html"}
_FORMAT_NAMES = {"md": "a Markdown", "html": "an HTML"}


def choose_formats(fmt: str | None, output: str | None, check: bool = False) -> list[str]:
    """The formats to write (or, with `check`, compare), from --format and the --output name;
    a ReportError if they clash.

    Without --format, a file name ending in .md, .html or .htm names its one format; any
    other output gets both.
    """
    if check and output == "-":
        raise ReportError(
            "--check compares the papers on disk with the data, so it has nothing to compare"
            " on stdout; leave out -o - (or give -o FILE to check that file)"
        )
    if fmt is not None and fmt not in FORMAT_CHOICES:
        raise ReportError(f"--format must be md, html or all, not '{fmt}'")
    named = None
    if output is not None and _is_file_name(output):
        suffix = Path(output).suffix.lower()
        named = _SUFFIX_FORMATS.get(suffix)
        if suffix and named is None:
            raise ReportError(
                f"-o {output} names a {suffix} file, but the paper is written as Markdown (.md)"
                " or HTML (.html or .htm); name a file ending in one of those, or a folder"
                " (end it with / if its name has a dot)"
            )
    if output is None or named is None:
        formats = FORMAT_CHOICES[fmt or "all"]
        if output == "-" and len(formats) > 1:
            raise ReportError("-o - writes one format to stdout; add --format md or --format html")
        return formats
    if fmt is None or FORMAT_CHOICES[fmt] == [named]:
        return [named]
    kind = _FORMAT_NAMES[named]
    if fmt == "all":
        raise ReportError(
            f"-o {output} names {kind} file, but --format all writes two papers; give a"
            f" folder (-o papers/) or --format {named}"
        )
    raise ReportError(
        f"-o {output} names {kind} file but --format is {fmt}; name it"
        f" {Path(output).with_suffix(SUFFIXES[fmt]).name} or leave out --format"
    )


def _is_file_name(output: str) -> bool:
    """Whether --output names a file rather than a folder (or stdout)."""
    if output == "-" or output.endswith(("/", "\\")):
        return False
    return not Path(output).is_dir()


def output_paths(
    root: Path, quarter: Quarter, formats: list[str], output: str | None
) -> dict[str, Path]:
    """Where each format goes: the default under reports/, a named file, or a named folder.

    A name ending in a paper's suffix (.md, .html) is always a file, never made a folder.
    """
    paths = {fmt: default_path(root, quarter, fmt) for fmt in formats}
    if output is None:
        return paths
    chosen = Path(output)
    if len(formats) > 1 or not _is_file_name(output):
        return {fmt: chosen / path.name for fmt, path in paths.items()}
    return {formats[0]: chosen}


def texts(
    repo: Repository, quarter: Quarter, formats: list[str], provenance: Provenance
) -> dict[str, str]:
    """The paper's text in each asked-for format."""
    paper = view.build(repo, quarter)
    try:
        return {fmt: render.render(paper, provenance, fmt, root=repo.root) for fmt in formats}
    except render.TemplateFailed as error:
        raise ReportError(str(error)) from None


def stale(texts: dict[str, str], targets: dict[str, Path]) -> dict[Path, str]:
    """Each paper on disk that is not what the data renders now, and what is wrong with it."""
    found = {}
    for fmt, path in targets.items():
        try:
            current = path.read_bytes().decode("utf-8", "replace")
        except FileNotFoundError:
            found[path] = "is missing"
        except OSError as error:
            found[path] = f"cannot be read: {reason(error)}"
        else:
            if not same_paper(current, texts[fmt]):
                found[path] = "differs from what the data renders"
    return found


def same_paper(committed: str, rendered: str) -> bool:
    """Whether a committed paper says what the data renders now.

    The footer's commit is left out: committing the paper, or merging the branch, changes it.
    Line endings are too: git may check the paper out with Windows ones.
    """
    return without_sentence(committed.replace("\r\n", "\n")) == without_sentence(rendered)
