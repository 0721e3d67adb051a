"""What the shell offers on Tab: quarters, targets, measure and rating ids from the repository.

Each function is a typer `autocompletion` callback: it gets the command line parsed so far
(`ctx.params`, where `--root` may be) and the word being typed, and returns the words that
fit, with a few words of help for shells that show them. Completion must never get in the
way: when the repository cannot be found or read, it offers nothing, and never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from icp_objectives.load.loaded import Repository

Offer = list[tuple[str, str]]  # (the word, what it is)


def repository(params: dict[str, Any], start: Path | None = None) -> Repository | None:
    """The repository the command would read, or None when there is none to read."""
    from icp_objectives.domain.errors import IcpError
    from icp_objectives.load import disk
    from icp_objectives.load.loaded import DATA_DIR
    from icp_objectives.load.root import find_root

    try:
        root = params.get("root")
        base = Path(root) if root else find_root(start or Path.cwd())
        if not (base / DATA_DIR).is_dir():
            return None
        return disk.load(base)
    except (IcpError, OSError):
        return None


def _fitting(offers: Iterable[tuple[str, str]], incomplete: str) -> Offer:
    typed = incomplete.casefold()
    return list({w: h for w, h in offers if w.casefold().startswith(typed)}.items())


def quarters(repo: Repository | None, incomplete: str) -> Offer:
    """The repository's quarters, as one word each (2020-21-Q1, safe in any shell), the
    quarter after the latest, and each quarter number (Q1); the open ones first."""
    if repo is None:
        return []
    from icp_objectives.check.quarters import is_open

    known = sorted(repo.quarters, key=lambda q: (not is_open(repo.quarters[q]), q))
    offers = [(q.slug, "open" if is_open(repo.quarters[q]) else q.label) for q in known]
    if repo.quarters:
        after = max(repo.quarters).next()
        offers.append((after.slug, "not started yet"))
    offers += [(f"Q{n}", f"quarter {n}") for n in sorted({q.number for q in repo.quarters})]
    return _fitting(offers, incomplete)


def papers(repo: Repository | None, incomplete: str) -> Offer:
    """What `report` renders: a quarter, or the outcomes summary."""
    outcomes = [("outcomes", "the outcomes and impacts summary")] if repo is not None else []
    return quarters(repo, incomplete) + _fitting(outcomes, incomplete)


def targets(repo: Repository | None, incomplete: str) -> Offer:
    """Objectives (2) and breakthrough objectives (2.2); after a comma, the breakthrough
    objectives of the same objective not yet named (4.1,4.2)."""
    if repo is None:
        return []
    objectives = sorted((loaded.model for loaded in repo.objectives), key=lambda o: o.id)
    head, comma, last = incomplete.rpartition(",")
    if comma:
        named = set(head.split(","))
        number = head.split(",")[0].split(".")[0]
        offers = [
            (f"{head},{b.id}", b.short_title or b.title)
            for o in objectives
            if str(o.id) == number
            for b in o.breakthroughs
            if b.id not in named
        ]
        return _fitting(offers, incomplete)
    offers = []
    for objective in objectives:
        offers.append((str(objective.id), objective.title))
        offers += [(b.id, b.short_title or b.title) for b in objective.breakthroughs]
    return _fitting(offers, last)


def measures(repo: Repository | None, incomplete: str, target: str | None = None) -> Offer:
    """Measure ids, the objectives' and the outcomes summary's; with a target, only the
    measures of what it covers."""
    if repo is None:
        return []
    wanted = set(target.split(",")) if target else None
    offers = [
        (m.id, m.title)
        for loaded in repo.objectives
        for b in loaded.model.breakthroughs
        if wanted is None or b.id in wanted or str(loaded.model.id) in wanted
        for m in b.measures
    ]
    if wanted is None and repo.outcomes is not None:
        programmes = repo.outcomes.model.programmes
        offers += [(m.id, m.title) for p in programmes for m in p.measures]
    return _fitting(offers, incomplete)


def readings(repo: Repository | None, incomplete: str, target: str | None = None) -> Offer:
    """MEASURE= for --reading, until the '=' is typed; the value is the person's."""
    if "=" in incomplete:
        return []
    return [(f"{word}=", title) for word, title in measures(repo, incomplete, target)]


def rating_ids(repo: Repository | None, incomplete: str) -> Offer:
    """The rating scale's ids, best first, with their labels."""
    if repo is None:
        return []
    return _fitting(((r.id, r.label) for r in repo.ratings), incomplete)


# The callbacks typer calls: (ctx, incomplete) -> offers. Each reads ctx.params for --root.


def _guarded(offer: Callable[[dict[str, Any], str], Offer]) -> Callable[[Any, str], Offer]:
    """A callback that offers nothing, rather than fail, whatever the data holds."""

    def callback(ctx: Any, incomplete: str) -> Offer:
        try:
            params = dict(getattr(ctx, "params", None) or {})
            # An option still waiting for its value leaves the arguments before it unparsed.
            left = [word for word in getattr(ctx, "args", None) or [] if isinstance(word, str)]
            if "target" in params and params["target"] is None and left:
                params["target"] = left[0]
            return offer(params, incomplete or "")
        except Exception:  # on Tab, any failure at all means no suggestions, never a traceback
            return []

    callback.__name__ = offer.__name__
    callback.__doc__ = offer.__doc__
    return callback


def _target_of(params: dict[str, Any]) -> str | None:
    target = params.get("target")
    return target if isinstance(target, str) else None


complete_quarter = _guarded(lambda params, typed: quarters(repository(params), typed))
complete_paper = _guarded(lambda params, typed: papers(repository(params), typed))
complete_target = _guarded(lambda params, typed: targets(repository(params), typed))
complete_measure = _guarded(lambda params, typed: measures(repository(params), typed))
complete_rating = _guarded(lambda params, typed: rating_ids(repository(params), typed))
complete_reading = _guarded(
    lambda params, typed: readings(repository(params), typed, _target_of(params))
)
