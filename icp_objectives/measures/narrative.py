"""The figures of the outcomes summary's narratives, filled in as they stood on a date, or a
located problem for each that cannot be: an unknown kind or measure, a figure that does not
exist (yet). Pure: works on a loaded repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from icp_objectives.domain.model import Measure, Outcomes
from icp_objectives.domain.partnership import Terms, article
from icp_objectives.domain.placeholders import KINDS, Placeholder, placeholders
from icp_objectives.domain.problems import Problem
from icp_objectives.domain.wording import close_matches, listing
from icp_objectives.load.loaded import Loaded, Repository
from icp_objectives.measures.headline import Missing, figure
from icp_objectives.measures.series import Series, series_of

# Each measure a narrative may name, by id, with the breakthrough objective defining it
# (None for the summary's own measures, read from their series files alone).
Known = Mapping[str, tuple[Measure, str | None]]


@dataclass(frozen=True)
class Filled:
    """A placeholder of a programme's narrative, and its figure or the problem with it."""

    programme: int
    placeholder: Placeholder
    text: str | None
    problem: Problem | None = None


def known_measures(repo: Repository) -> dict[str, tuple[Measure, str | None]]:
    """Every measure of the repository that loaded: the objectives' first, then the summary's."""
    found: dict[str, tuple[Measure, str | None]] = {}
    for loaded in sorted(repo.objectives, key=lambda o: o.model.id):
        for breakthrough in loaded.model.breakthroughs:
            for measure in breakthrough.measures:
                found.setdefault(measure.id, (measure, breakthrough.id))
    if repo.outcomes is not None:
        for programme in repo.outcomes.model.programmes:
            for measure in programme.measures:
                found.setdefault(measure.id, (measure, None))
    return found


def fill(
    repo: Repository,
    outcomes: Loaded[Outcomes],
    measures: Known,
    as_of: dt.date | None = None,
    *,
    unsure: Callable[[str], bool] = lambda _: False,
) -> Iterator[Filled]:
    """Every placeholder of every narrative, in order, with its figure at the end of `as_of`
    (None: all the data). A measure `unsure` says a broken file may define is let be."""
    cache: dict[str, Series] = {}
    for index, programme in enumerate(outcomes.model.programmes):
        path: list[str | int] = ["programmes", index, "narrative"]
        searched_from = 0
        for placeholder in placeholders(programme.narrative):
            written = programme.narrative[placeholder.start : placeholder.end]
            found = outcomes.source.find_in_value(path, written, searched_from)
            if found >= 0:
                searched_from = found + len(written)
                line, column = outcomes.source.line_and_column(found)
            else:
                line, column = outcomes.source.position(path)

            def problem(code: str, message: str, line: int = line, column: int = column) -> Problem:
                return Problem(outcomes.source.rel, line, column, code, message)

            why = _unknown(placeholder, measures, unsure, repo.terms)
            if why is not None:
                code, message = why
                yield Filled(index, placeholder, None, problem(code, message) if code else None)
                continue
            measure, owner = measures[placeholder.measure]
            if measure.id not in cache:
                cache[measure.id] = series_of(repo, measure, as_of, owner)
            shown = figure(cache[measure.id], placeholder.kind, as_of)
            if isinstance(shown, Missing):
                yield Filled(index, placeholder, None, problem("missing-figure", shown.why))
            else:
                yield Filled(index, placeholder, shown)


def _unknown(
    placeholder: Placeholder, measures: Known, unsure: Callable[[str], bool], terms: Terms
) -> tuple[str, str] | None:
    """(code, message) of a placeholder naming no kind or no measure; ('', '') when a broken
    file may define its measure; None when both are known."""
    if placeholder.kind not in KINDS:
        close = close_matches(placeholder.kind, KINDS)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return (
            "unknown-figure",
            f"'{placeholder.kind}' in {placeholder.written} is no kind of figure ({hint}the"
            f" kinds are {listing(KINDS, last=', ')}); write \\{{ to show a brace as text",
        )
    if placeholder.measure in measures:
        return None
    if unsure(placeholder.measure):
        return "", ""
    close = close_matches(placeholder.measure, sorted(measures))
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return (
        "unknown-measure",
        f"there is no measure '{placeholder.measure}'{hint}; define it under the programme's"
        f" measures or {article(terms.objective)}'s {terms.breakthrough}",
    )
