"""What changed in the partnership file: its names, partners and rating scale. Pure."""

from __future__ import annotations

from collections.abc import Iterator

from icp_objectives.domain.model import Partnership
from icp_objectives.load.loaded import Repository
from icp_objectives.review.changes import Change, fields, quoted, rating_words, said


def compare(base: Repository, head: Repository) -> Iterator[Change]:
    if base.partnership is None or head.partnership is None:
        return  # missing or unreadable on one side: reported as such
    before, after = base.partnership.model, head.partnership.model
    names = ("name", "short_name", "vision", "board")
    yield from fields(None, "partnership", "Partnership", before, after, names)
    yield from _partners(before, after)
    yield from _ratings(before, after)


def _partners(before: Partnership, after: Partnership) -> Iterator[Change]:
    for key in sorted(before.partners.keys() | after.partners.keys()):
        was, now = before.partner_name(key), after.partner_name(key)
        if was == now:
            continue
        if was is None or now is None:
            what, words = ("added", quoted(now or "")) if was is None else ("removed", quoted(was))
        else:
            what, words = "renamed", f"{quoted(was)} → {quoted(now)}"
        yield said(None, "partners", what, f"Partner {key} {what}: {words}")


def _ratings(before: Partnership, after: Partnership) -> Iterator[Change]:
    old = {r.id: r for r in before.ratings}
    new = {r.id: r for r in after.ratings}
    for key in [k for k in old if k not in new]:
        yield said(
            None, "ratings", "removed", f"Rating {rating_words(key, old)} removed from the scale"
        )
    for key in [k for k in new if k not in old]:
        yield said(None, "ratings", "added", f"Rating {rating_words(key, new)} added to the scale")
    for key in [k for k in new if k in old]:
        yield from fields(
            None, "ratings", f"Rating {key}", old[key], new[key], ("label", "definition")
        )
