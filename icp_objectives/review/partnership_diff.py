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
    yield from _scale_order(before, after)


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


def _scale_order(before: Partnership, after: Partnership) -> Iterator[Change]:
    """The scale reordered, or read from its other end: the paper's direction of travel (better
    or worse than last quarter) reads the scale by both, so either changes what a rating means."""
    kept = [r.id for r in after.ratings if r.id in {o.id for o in before.ratings}]
    if [r.id for r in before.ratings if r.id in kept] != kept:
        was, now = (", ".join(r.id for r in side.ratings) for side in (before, after))
        yield said(None, "ratings", "reordered", f"Rating scale reordered: {was} → {now}", was, now)
    if before.ratings_order != after.ratings_order:
        ends = before.ratings_order, after.ratings_order
        text = f"Rating scale order: {ends[0].replace('-', ' ')} → {ends[1].replace('-', ' ')}"
        yield said(None, "ratings", "ratings_order", text, *ends)
