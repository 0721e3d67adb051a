"""One data file's bytes parsed into its model, or the located problems that stop it."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from icp_objectives import yamlio
from icp_objectives.domain.problems import MORE, Problem
from icp_objectives.load import kept_reads, messages
from icp_objectives.load.loaded import Loaded, Parsed, Sniff, Source, Unfit
from icp_objectives.load.memo import remembered

M = TypeVar("M", bound=BaseModel)


def read_once(rel: str, data: bytes, kind: type[M], sniff: Sniff | None = None) -> Parsed[M]:
    """`read`, once per command for the same bytes: an edit's check loads the repository
    again, and a revision from git holds many files as they are on disk."""
    return remembered(("parse", rel, data, kind, sniff), lambda: read(rel, data, kind, sniff))


def read(rel: str, data: bytes, kind: type[M], sniff: Sniff | None = None) -> Parsed[M]:
    """Parse one file's bytes into `kind`, or the problems that stop it.

    `sniff` may recognise a file of another kind in the wrong place and say where it belongs.
    Bytes that read cleanly in a run before are not parsed again: their data is kept (see
    `kept_reads`), and the model is made from it here as from a fresh read.
    """
    entry = kept_reads.key(data)
    if entry is not None:
        kept = kept_reads.get(entry)
        if not kept_reads.missing(kept):  # the bytes decoded in that run: no need to look again
            return _modelled(rel, data, kept, [], None, kind, sniff)
    text = None
    read = yamlio.load_utf8(data)  # nearly every file: read cleanly, and never decoded
    if read is None:  # decoded, and read again as text, for the reason in the reader's words
        try:
            text = yamlio.decode(data)
        except yamlio.YamlFault as fault:
            return Parsed(problems=[_from_fault(rel, fault)], unfit=Unfit(rel))
        try:
            read = yamlio.load_document(text)
        except yamlio.YamlFault as fault:
            named = yamlio.odd_spaces_beside(fault, text)
            return Parsed(problems=[_from_fault(rel, f) for f in named], unfit=Unfit(rel))
    raw, faults, nodes = read
    found = _modelled(rel, data, raw, faults, nodes, kind, sniff, text)
    if entry is not None and not faults and not found.problems and found.loaded is not None:
        kept_reads.put(entry, raw)
    return found


def _modelled(
    rel: str,
    data: bytes,
    raw: Any,
    faults: list[yamlio.YamlFault],
    nodes: Any,
    kind: type[M],
    sniff: Sniff | None,
    text: str | None = None,
) -> Parsed[M]:
    """A file's model from the data it read as (from `data`, whose `text` is given when it
    was decoded), or the problems that stop it."""
    misplaced = sniff(raw) if sniff else None
    if misplaced:
        return Parsed(problems=[Problem(rel, 1, 1, "misplaced-file", misplaced)])
    found = [_from_fault(rel, fault) for fault in faults]
    try:
        model = kind.model_validate(raw)
    except ValidationError as error:
        source = Source(rel, data if text is None else text, nodes)
        problems = yamlio.odd_spaces_instead(
            found + _problems_from(source, raw, error, kind),
            source.text,
            make=lambda fault: _from_fault(rel, fault),
        )
        return Parsed(problems=problems, unfit=Unfit(rel, source, raw))
    # Read cleanly: its places are asked for only if a rule finds a problem in it, and then
    # composed again (see Source), and its text decoded again. A long history holds a
    # thousand files: their trees and texts would be most of what it holds.
    kept = nodes if len(data) >= KEEP_TREE_FROM else None
    return Parsed(loaded=Loaded(Source(rel, data, kept), model), problems=found)


# Bytes from which a file's node tree is kept all the same: composing a big file again
# for its problems' places would cost as much as reading it (a file at the size cap may have
# 100,000 problems found across files).
KEEP_TREE_FROM = 64_000


def _from_fault(rel: str, fault: yamlio.YamlFault) -> Problem:
    return Problem(rel, fault.line, fault.column, fault.code, fault.message)


def _problems_from(
    source: Source, raw: Any, error: ValidationError, kind: type[BaseModel]
) -> list[Problem]:
    """One problem per place: a union's other branches and a typo's 'missing' add only noise."""
    found: dict[tuple[yamlio.PathItem, ...], Problem] = {}
    misspelt: set[tuple[yamlio.PathItem, ...]] = set()
    details = error.errors(include_url=False)
    for seen, detail in enumerate(details):
        if len(found) == MOST_PROBLEMS:
            return [*_listed(found, misspelt), _more(source, raw, details[seen:])]
        if isinstance(detail.get("input"), yamlio.BadDate):
            continue  # the reader has reported it already
        if messages.other_shape(raw, detail["loc"]) and not _unmatched(details, seen, raw):
            continue
        path, missing = messages.data_path(raw, detail["loc"])
        explained = messages.explain(detail, path, missing, raw, source.text, kind)
        at_key = detail["type"] in {"extra_forbidden", "invalid_key"}
        if explained.suggestion:
            misspelt.add((*path[:-1], explained.suggestion))
        place = (*path, missing) if missing else tuple(path)
        found.setdefault(
            place, source.problem(path, explained.code, explained.message, at_key=at_key)
        )
    return _listed(found, misspelt)


def _unmatched(details: list[ErrorDetails], seen: int, raw: Any) -> bool:
    """Whether this is the last error at its place (or within it) and every one there came
    from a union member of another shape: the value fits none of them, so one is told."""
    place = messages.data_path(raw, details[seen]["loc"])[0]
    alike = [d for d in details if messages.data_path(raw, d["loc"])[0][: len(place)] == place]
    return alike[-1] is details[seen] and all(messages.other_shape(raw, d["loc"]) for d in alike)


MOST_PROBLEMS = 200  # of one file's schema problems listed: past that, fixing comes first


def _listed(
    found: dict[tuple[yamlio.PathItem, ...], Problem], misspelt: set[tuple[yamlio.PathItem, ...]]
) -> list[Problem]:
    return [problem for place, problem in found.items() if place not in misspelt]


def _more(source: Source, raw: Any, rest: list[ErrorDetails]) -> Problem:
    """One problem standing for those not listed, at the first of them."""
    path, _ = messages.data_path(raw, rest[0]["loc"])
    return source.problem(
        path,
        MORE,
        f"the file has more problems than the {MOST_PROBLEMS} listed (up to {len(rest)} more);"
        " fix those and run again",
        at_key=rest[0]["type"] in {"extra_forbidden", "invalid_key"},
    )
