"""`report` of a quarter already presented: the data its paper renders from, and the paper in
reports/ that is the record of what the board saw, never overwritten unless asked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import typer

from icp_objectives.cli.base import fail, shown_path
from icp_objectives.domain.errors import EXIT_PROBLEMS, EXIT_USAGE
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.wording import count, listing, long_date
from icp_objectives.load.loaded import Repository
from icp_objectives.load.records import Record, Unavailable
from icp_objectives.paper.provenance import Provenance

CORRECTED_STEM = "-corrected"  # the reader's copy with corrections: never the record's name
_NOT_AS_PRESENTED = (
    "not necessarily the paper as presented to the board: the data then could not be read"
    " from git, so this is the data as it is now"
)


@dataclass(frozen=True)
class Basis:
    """What a quarter's paper is rendered from, and what is said about it."""

    repo: Repository  # checked: its problems gate the paper
    templates: Mapping[str, bytes | OSError]
    proof: Provenance
    presented: bool  # the quarter was presented: its paper in reports/ is the record
    said: str | None = None  # one line on stderr: which data, and why
    record: Record | None = None  # set when rendered from git's record
    unsure: bool = False  # presented, but the data as presented could not be read

    @property
    def check_hint(self) -> str | None:
        """What to do when the paper in reports/ is not what this data renders, when it is not
        just to render it again."""
        if self.unsure:
            return (
                "Check it in a full clone of the repository, where the data as presented can be"
                " read, before changing the paper presented to the board."
            )
        return None

    @property
    def data(self) -> str:
        """The data, in words, as the messages about the paper name it."""
        return (
            f"the data as presented (commit {self.record.commit[:8]})"
            if self.record
            else "the data"
        )


def basis(today: Repository, quarter: Quarter, *, corrected: bool) -> Basis:
    """The data to render `quarter`'s paper from: as presented when it has been (git holds it),
    else today's; with `corrected`, the paper as presented with the corrections made since."""
    from icp_objectives.check.validation import check
    from icp_objectives.load import gitrev, records, templates
    from icp_objectives.paper import corrected as corrections
    from icp_objectives.paper import provenance

    found = records.find(today.root, today, quarter)
    if found is None:
        if corrected:
            fail(
                f"the {quarter.label} paper has not been presented, so nothing in it has been"
                " corrected; render it without --corrected"
            )
        return _today(today, quarter, templates.read(today.root), presented=False)
    if isinstance(found, Unavailable):
        own = templates.read(today.root)
        if not found.committed:
            said = f"icp-obj: the {quarter.label} paper is presented, but {found.why}."
            return _today(today, quarter, own, said=said)
        said = (
            f"icp-obj: warning: the {quarter.label} paper is rendered from today's data, marked"
            f" so in its footer, and may not be the paper as presented: {found.why}"
        )
        note = _NOT_AS_PRESENTED + (", with its corrections marked in place" if corrected else "")
        return replace(_today(today, quarter, own, said=said, note=note), unsure=True)
    then = check(found.repo, history=False)
    short = found.commit[:8]
    when = then.quarters[quarter].presented.date if quarter in then.quarters else None
    on = f" on {long_date(when)}" if when else ""
    if corrected:
        fixed = corrections.count(then, today, quarter)
        said = (
            f"icp-obj: the {quarter.label} paper as presented{on} (commit {short}), with"
            f" {count(fixed, 'correction', none='no')} made since marked in place"
        )
        note = f"the {quarter.label} paper as presented (commit {short}), with the corrections"
        note += " made since marked in place"
        change = gitrev.last_change(today.root, provenance.pathspecs(today, quarter))
        proof = replace(provenance.collect(today, quarter, change), note=note)
        repo = corrections.apply(then, today, quarter)
        return Basis(repo, found.templates, proof, True, said, found)
    said = (
        f"icp-obj: the {quarter.label} paper was presented to the board{on}: rendering the data"
        f" as it was at commit {short}, which recorded that"
    )
    commit = records.data_commit(today.root, found.commit, provenance.pathspecs(then, quarter))
    proof = provenance.collect(then, quarter, (commit, False) if commit else None)
    return Basis(then, found.templates, proof, True, said, found)


def _today(
    repo: Repository,
    quarter: Quarter,
    own: Mapping[str, bytes | OSError],
    *,
    presented: bool = True,
    said: str | None = None,
    note: str | None = None,
) -> Basis:
    """The paper from the data as it is now, as for a quarter not yet presented."""
    from icp_objectives.load import gitrev
    from icp_objectives.paper import provenance

    change = gitrev.last_change(repo.root, provenance.pathspecs(repo, quarter))
    proof = replace(provenance.collect(repo, quarter, change), note=note)
    return Basis(repo, own, proof, presented, said)


def corrected_paths(targets: dict[str, Path], records: dict[str, Path]) -> dict[str, Path]:
    """`targets`, unless one is the record itself: --corrected never writes over it."""
    kept = {path.resolve() for path in records.values()}
    if any(path.resolve() in kept for path in targets.values()):
        fail(
            "--corrected writes a copy of the paper with its corrections, never over the paper"
            " as presented (the record in reports/); give --output another name, or leave it out",
            EXIT_USAGE,
        )
    return targets


def write(
    base: Path, files: dict[str, bytes], targets: dict[str, Path], *, basis: Basis, force: bool
) -> dict[str, Path]:
    """The targets to write for a presented quarter: a paper on disk that already says what the
    data renders is left as it is; one that says something else stops the run, unless `force`."""
    from icp_objectives.cli import paper_output

    stale = paper_output.stale(files, targets)
    for path in targets.values():
        if path not in stale:
            shown = shown_path(path, base)
            typer.echo(f"{shown} already says what {basis.data} renders; left as it is", err=True)
    differing = [shown_path(path, base) for path, why in stale.items() if why != "is missing"]
    if differing and not force:
        one = len(differing) == 1
        fail(
            f"{listing(differing)} {'is' if one else 'are'} the record of the paper presented to"
            f" the board, and {'says' if one else 'say'} something other than what {basis.data}"
            f" renders; nothing was written (give --force to replace"
            f" {'it' if one else 'them'})",
            EXIT_PROBLEMS,
        )
    return {fmt: path for fmt, path in targets.items() if path in stale}
