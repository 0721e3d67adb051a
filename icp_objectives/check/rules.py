"""Rules across files: ids unique, references resolve, periods agree. Pure: works on loaded data.

A file that did not load still takes part as far as it can: the parts of it that fit their
model are checked and referred to, and a reference that could point into the rest is left
alone rather than reported as unknown (that would blame the wrong file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pydantic import BaseModel, ValidationError

from icp_objectives.domain.markdown import unsafe_links
from icp_objectives.domain.model import SLUG, Breakthrough, Entry, Measure, Objective
from icp_objectives.domain.periods import PeriodError, parse_quarter, parse_reference
from icp_objectives.domain.problems import Problem, Severity
from icp_objectives.domain.wording import PLACEHOLDERS, close_matches, listing
from icp_objectives.load.loaded import (
    DATA_DIR,
    OBJECTIVE_FILE_NUMBER,
    PARTNERSHIP_FILE,
    QuarterData,
    Repository,
    Source,
    Unfit,
)

# Ids a message offers to choose from, as in 'use one of amber, green, red'.
_ids = partial(listing, last=", ", empty="(none yet)")


@dataclass
class Known:
    """An objective as far as its file could be read: all of it, or the parts that fitted."""

    source: Source
    breakthroughs: list[str]
    complete: bool


@dataclass
class Unsure:
    """What files that did not load might define, so references to it are not judged."""

    objectives: set[int] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)  # ids written in parts that did not fit
    any_objective: bool = False  # a file whose objective cannot be told
    any_id: bool = False  # a file whose ids cannot be read

    def objective(self, number: int) -> bool:
        return self.any_objective or number in self.objectives

    def breakthrough(self, target: str) -> bool:
        return target in self.ids or self.objective(int(target.split(".")[0]))

    def measure(self, measure: str) -> bool:
        return self.any_id or measure in self.ids


@dataclass
class Catalog:
    """What the rest of the data may refer to, by id."""

    objectives: dict[int, Known] = field(default_factory=dict)
    breakthroughs: dict[str, Breakthrough] = field(default_factory=dict)
    measures: dict[str, tuple[str, Measure]] = field(default_factory=dict)
    partners: set[str] | None = None  # None: the partnership file could not be read for them
    ratings: set[str] | None = None
    unsure: Unsure = field(default_factory=Unsure)
    today: dt.date = dt.date.max


def check(repo: Repository, today: dt.date | None = None) -> list[Problem]:
    """Every cross-file problem; schema problems are already in repo.problems.

    `today` is the last date that is not in the future; by default, today's date wherever
    on Earth it is latest, so that no one's today is taken for a future date.
    """
    catalog = Catalog(today=today or latest_today())
    problems = list(_check_partnership(repo, catalog))
    problems += _check_objectives(repo, catalog)
    for data in repo.quarters.values():
        problems += _check_quarter(data, catalog)
    return problems


def latest_today() -> dt.date:
    """Today's date in the time zone furthest ahead (UTC+14)."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def _check_partnership(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    if repo.partnership is None:
        if repo.unfit_partnership is not None:
            _salvage_partnership(repo.unfit_partnership.raw, catalog)
        elif not any(p.path.endswith(PARTNERSHIP_FILE) for p in repo.problems):
            yield Problem(
                f"{DATA_DIR}/{PARTNERSHIP_FILE}",
                1,
                1,
                "missing-file",
                "the partnership file is missing; create it with the partnership's name"
                " and rating scale",
            )
        return
    partnership = repo.partnership.model
    catalog.partners = set(partnership.partners)
    catalog.ratings = set()
    for index, rating in enumerate(partnership.ratings):
        if rating.id in catalog.ratings:
            yield repo.partnership.source.problem(
                ["ratings", index, "id"],
                "duplicate-id",
                f"the rating '{rating.id}' is defined twice; give each rating its own id",
            )
        catalog.ratings.add(rating.id)


def _salvage_partnership(raw: Any, catalog: Catalog) -> None:
    """The partners and ratings of a partnership file with problems elsewhere in it."""
    if not isinstance(raw, dict):
        return
    if isinstance(raw.get("partners"), dict):
        catalog.partners = {str(key) for key in raw["partners"]}
    ratings = raw.get("ratings")
    if isinstance(ratings, list) and ratings:
        ids = [r.get("id") if isinstance(r, dict) else None for r in ratings]
        if all(isinstance(i, str) for i in ids):
            catalog.ratings = {str(i) for i in ids}


@dataclass
class _Parts:
    """What an objective file offers the checks, whether it loaded or not."""

    source: Source
    id: int | None
    lead: str | None
    breakthroughs: list[tuple[int, Breakthrough]]
    complete: bool


def _check_objectives(repo: Repository, catalog: Catalog) -> Iterator[Problem]:
    files: list[tuple[str, Objective | Unfit, Source | None]] = [
        (o.source.rel, o.model, o.source) for o in repo.objectives
    ]
    files += [(u.rel, u, u.source) for u in repo.unfit_objectives]
    for rel, content, source in sorted(files, key=lambda item: item[0]):
        if isinstance(content, Objective) and source is not None:
            parts = _Parts(
                source, content.id, content.lead, list(enumerate(content.breakthroughs)), True
            )
        else:
            assert isinstance(content, Unfit)
            salvaged = _salvage_objective(rel, content, catalog.unsure)
            if salvaged is None:
                continue
            parts = salvaged
        yield from _check_objective(parts, catalog)


def _salvage_objective(rel: str, unfit: Unfit, unsure: Unsure) -> _Parts | None:
    """The parts of an objective file that fit, noting what the rest might define."""
    named = OBJECTIVE_FILE_NUMBER.match(rel.rsplit("/", 1)[-1])
    raw = unfit.raw
    number = raw.get("id") if isinstance(raw, dict) else None
    number = number if _is_number(number) else None
    if named:
        unsure.objectives.add(int(named["n"]))
    if number is not None:
        unsure.objectives.add(number)
    elif not named:
        unsure.any_objective = True
    if unfit.source is None or not isinstance(raw, dict):
        unsure.any_id = True
        return None
    lead = raw.get("lead")
    breakthroughs = []
    items = raw.get("breakthroughs")
    for index, item in enumerate(items if isinstance(items, list) else []):
        fitted = _fit(Breakthrough, item)
        if fitted is None:
            unsure.ids.update(_ids_in(item))
        else:
            breakthroughs.append((index, fitted))
    if "breakthroughs" in raw and not isinstance(items, list):
        unsure.ids.update(_ids_in(items))
    lead = lead if isinstance(lead, str) and SLUG.match(lead) else None
    return _Parts(unfit.source, number, lead, breakthroughs, False)


def _check_objective(parts: _Parts, catalog: Catalog) -> Iterator[Problem]:
    source = parts.source
    if parts.id is not None and parts.id in catalog.objectives:
        other = catalog.objectives[parts.id].source.rel
        yield source.problem(
            ["id"],
            "duplicate-id",
            f"objective {parts.id} is already defined in {other}; give this one its own number",
        )
        catalog.unsure.ids.update(b.id for _, b in parts.breakthroughs)
        return
    if parts.id is not None:
        ids = [b.id for _, b in parts.breakthroughs]
        catalog.objectives[parts.id] = Known(source, ids, parts.complete)
        yield from _check_file_number(source, parts.id)
    yield from _check_lead(source, ["lead"], parts.lead, catalog)
    for index, breakthrough in parts.breakthroughs:
        yield from _check_breakthrough(source, parts.id, index, breakthrough, catalog)


def _check_file_number(source: Source, number: int) -> Iterator[Problem]:
    """An objective file whose name starts with a number must hold that objective."""
    name = source.rel.rsplit("/", 1)[-1]
    named = OBJECTIVE_FILE_NUMBER.match(name)
    if named and int(named["n"]) != number:
        rest = name[len(named["n"]) :]
        yield source.problem(
            ["id"],
            "file-mismatch",
            f"this file is named {name} but holds objective {number}; rename it"
            f" {number}{rest} or correct 'id'",
        )


def _check_breakthrough(
    source: Source,
    objective: int | None,
    index: int,
    breakthrough: Breakthrough,
    catalog: Catalog,
) -> Iterator[Problem]:
    path: list[str | int] = ["breakthroughs", index]
    prefix = breakthrough.id.split(".")[0]
    misnumbered = (objective is not None and prefix != str(objective)) or (
        breakthrough.id in catalog.breakthroughs
    )
    if misnumbered and objective is not None:
        # Another of the objective's breakthroughs is missing its right id: leave references
        # into the objective to this problem rather than report them as unknown too.
        catalog.unsure.objectives.add(objective)
        known = catalog.objectives.get(objective)
        if known is not None:
            known.complete = False
    if objective is not None and prefix != str(objective):
        yield source.problem(
            [*path, "id"],
            "wrong-objective",
            f"breakthrough '{breakthrough.id}' sits under objective {objective}; number it"
            f' {objective}.<n>, like "{objective}.{index + 1}"',
        )
    elif breakthrough.id in catalog.breakthroughs:
        yield source.problem(
            [*path, "id"],
            "duplicate-id",
            f"breakthrough '{breakthrough.id}' is defined twice; give each its own number",
        )
    catalog.breakthroughs.setdefault(breakthrough.id, breakthrough)
    yield from _check_lead(source, [*path, "lead"], breakthrough.lead, catalog)
    for m_index, measure in enumerate(breakthrough.measures):
        if measure.id in catalog.measures:
            catalog.unsure.ids.add(measure.id)  # readings of it could mean either
            yield source.problem(
                [*path, "measures", m_index, "id"],
                "duplicate-id",
                f"the measure '{measure.id}' is already defined under breakthrough"
                f" {catalog.measures[measure.id][0]}; measure ids must be unique",
            )
            continue
        catalog.measures[measure.id] = (breakthrough.id, measure)


def _check_lead(
    source: Source, path: list[str | int], lead: str | None, catalog: Catalog
) -> Iterator[Problem]:
    if lead is not None and catalog.partners is not None and lead not in catalog.partners:
        yield source.problem(
            path,
            "unknown-partner",
            f"'{lead}' is not a partner in {PARTNERSHIP_FILE}{_suggest(lead, catalog.partners)}",
        )


def _check_quarter(data: QuarterData, catalog: Catalog) -> Iterator[Problem]:
    if data.report is not None:
        yield from _check_stated_period(data, data.report.source, data.report.model.period)
        introduction = data.report.model.introduction
        yield from check_links(data.report.source, ["introduction"], introduction)
        yield from check_placeholders(data.report.source, ["introduction"], introduction)
        presented = data.presented.date
        if presented is not None and presented > catalog.today:
            yield data.report.source.problem(
                ["presented"],
                "presented-in-future",
                f"presented: {presented.isoformat()} has not happened yet; record the date once"
                " the paper has gone to the board (it locks the quarter's entries)",
            )
    elif data.unfit_report is not None and data.unfit_report.source is not None:
        source, raw = data.unfit_report.source, data.unfit_report.raw
        if isinstance(raw, dict):
            yield from _check_stated_period(data, source, _period_or_none(raw.get("period")))
            written = raw.get("introduction")
            if isinstance(written, str):
                yield from check_links(source, ["introduction"], written)
                yield from check_placeholders(source, ["introduction"], written)
    numbers = sorted({*data.updates, *data.unfit_updates})
    for number in numbers:
        if number in data.updates:
            loaded = data.updates[number]
            model = loaded.model
            entries = list(enumerate(model.entries))
            yield from _check_updates(
                data, number, loaded.source, model.objective, model.period, entries, catalog
            )
            continue
        unfit = data.unfit_updates[number]
        if unfit.source is None or not isinstance(unfit.raw, dict):
            continue
        raw = unfit.raw
        objective = raw.get("objective") if _is_number(raw.get("objective")) else None
        items = raw.get("entries")
        salvaged = [
            (index, entry)
            for index, item in enumerate(items if isinstance(items, list) else [])
            if (entry := _fit(Entry, item)) is not None
        ]
        period = _period_or_none(raw.get("period"))
        yield from _check_updates(data, number, unfit.source, objective, period, salvaged, catalog)


def _check_stated_period(
    data: QuarterData, source: Source, stated: str | None
) -> Iterator[Problem]:
    if stated is None:
        return
    try:
        quarter = parse_quarter(stated)
    except PeriodError as error:
        yield source.problem(["period"], "bad-period", f"{error}")
        return
    if quarter != data.quarter:
        yield source.problem(
            ["period"],
            "period-mismatch",
            f"the file says {quarter.label} but sits in the folder for {data.quarter.label};"
            f" move the file or correct 'period'",
        )


def _check_updates(
    data: QuarterData,
    number: str,
    source: Source,
    objective: int | None,
    period: str | None,
    entries: list[tuple[int, Entry]],
    catalog: Catalog,
) -> Iterator[Problem]:
    """An objective's updates for a quarter. `objective` is None when the file's own
    'objective' did not fit, and the file name's number stands for it."""
    yield from _check_stated_period(data, source, period)
    if not data.presented.may_be:
        for index, entry in entries:
            if entry.correction is not None:
                yield source.problem(
                    ["entries", index, "correction"],
                    "needless-correction",
                    f"{data.quarter.label} has not been presented to the board (its report.yaml"
                    " has no 'presented' date), so the entry can simply be edited; remove"
                    " 'correction'",
                    at_key=True,
                    severity=Severity.WARNING,
                )
    if objective is not None and str(objective) != number:
        yield source.problem(
            ["objective"],
            "file-mismatch",
            f"this file is named objective-{number}.yaml but says objective {objective};"
            f" rename the file or correct 'objective'",
        )
        return
    own = catalog.objectives.get(int(number))
    if own is None and objective is not None and not catalog.unsure.objective(objective):
        yield source.problem(
            ["objective"],
            "unknown-objective",
            f"there is no objective {objective}; the objectives are"
            f" {_ids(sorted(catalog.objectives))}",
        )
    seen: dict[str, int] = {}
    for index, entry in entries:
        path: list[str | int] = ["entries", index]
        for target in entry.targets:
            yield from _check_target(source, [*path, "covers"], target, number, own, catalog)
            if target in seen:
                yield source.problem(
                    [*path, "covers"],
                    "duplicate-entry",
                    f"'{target}' already has an entry in this quarter (entry {seen[target]});"
                    " merge the two entries into one",
                )
            seen.setdefault(target, index + 1)
        ratings = catalog.ratings
        if entry.status is not None and ratings is not None and entry.status not in ratings:
            yield source.problem(
                [*path, "status"],
                "unknown-rating",
                f"'{entry.status}' is not on the rating scale"
                f"{_suggest(entry.status, ratings)}; use one of {_ids(sorted(ratings))}",
            )
        yield from check_links(source, [*path, "body"], entry.body)
        yield from check_placeholders(source, [*path, "body"], entry.body)
        for r_index, reading in enumerate(entry.readings):
            r_path = [*path, "readings", r_index]
            yield from _check_reading(source, r_path, reading.measure, entry.targets, catalog)
        if len(entry.readings) > 1:
            yield from _check_readings_once(data, source, path, entry)


def _check_readings_once(
    data: QuarterData, source: Source, path: list[str | int], entry: Entry
) -> Iterator[Problem]:
    """An entry reads each measure at most once for a period."""
    read: dict[tuple[str, object], int] = {}
    for r_index, reading in enumerate(entry.readings):
        when = parse_reference(reading.period) if reading.period else data.quarter
        first = read.setdefault((reading.measure, when), r_index + 1)
        if first != r_index + 1:
            yield source.problem(
                [*path, "readings", r_index, "measure"],
                "duplicate-reading",
                f"'{reading.measure}' is already read for {when.label} in this entry"
                f" (reading {first}); keep one value",
            )


def _check_target(
    source: Source,
    path: list[str | int],
    target: str,
    number: str,
    own: Known | None,
    catalog: Catalog,
) -> Iterator[Problem]:
    if "." not in target:
        if target != number:
            yield source.problem(
                path,
                "wrong-objective",
                f"'{target}' is another objective; this file holds updates for objective"
                f" {number}, so put this entry in objective-{target}.yaml",
            )
        return
    owner = target.split(".")[0]
    if own is not None and target in own.breakthroughs:
        return
    if target in catalog.breakthroughs and owner != number:
        yield source.problem(
            path,
            "wrong-objective",
            f"breakthrough {target} belongs to objective {owner}, not {number};"
            f" put this entry in objective-{owner}.yaml",
        )
        return
    if own is None or target in catalog.breakthroughs or catalog.unsure.breakthrough(target):
        return  # the objective is unknown (reported on its own), or its file has problems
    has = f"; objective {number} has {_ids(own.breakthroughs)}" if own.complete else ""
    yield source.problem(
        path, "unknown-breakthrough", f"there is no breakthrough objective {target}{has}"
    )


def _check_reading(
    source: Source,
    path: list[str | int],
    measure: str,
    targets: tuple[str, ...],
    catalog: Catalog,
) -> Iterator[Problem]:
    if measure not in catalog.measures:
        if catalog.unsure.measure(measure):
            return
        yield source.problem(
            [*path, "measure"],
            "unknown-measure",
            f"there is no measure '{measure}'{_suggest(measure, catalog.measures)};"
            " a new measure is defined under its breakthrough objective first",
        )
        return
    owner = catalog.measures[measure][0]
    if owner in targets or owner.split(".")[0] in targets:
        return
    if not catalog.unsure.measure(measure):  # else a file that did not load may define it too
        yield source.problem(
            [*path, "measure"],
            "measure-elsewhere",
            f"the measure '{measure}' belongs to breakthrough {owner}, which this entry does"
            f" not cover; report it in the entry for {owner}",
        )


def check_links(source: Source, path: list[str | int], text: str) -> Iterator[Problem]:
    """Markdown links must go to http(s) or mailto addresses: anything else is shown as text.

    Each is located at its own '[' (or '<') in the file, where that can be found.
    """
    after = 0
    for href in unsafe_links(text):
        message = (
            f"the link to '{href}' is not a web or email address; use a full https:// address"
            " or mailto:, or remove the link"
            if href
            else "this link has no address; give it a full https:// address or mailto:, or"
            " remove the link"
        )
        found = source.find_in_value(path, href, after)
        if found < 0:
            yield source.problem(path, "unsafe-link", message)
            continue
        after = found + len(href)
        text_before = source.text[source.text.rfind("\n", 0, found) + 1 : found]
        opening = max(text_before.rfind("["), text_before.rfind("<"))
        if opening > 0 and text_before[opening - 1 : opening + 1] == "![":
            opening -= 1  # an image
        line, column = source.line_and_column(found - len(text_before) + max(opening, 0))
        if opening < 0:
            line, column = source.line_and_column(found)
        yield Problem(source.rel, line, column, "unsafe-link", message)


def check_placeholders(source: Source, path: list[str | int], text: str) -> Iterator[Problem]:
    """A warning where words `icp-obj new-quarter` writes for people to replace are still
    there: the paper would print them. Located at the words themselves where they can be found.
    """
    for words in PLACEHOLDERS:
        if words not in text:
            continue
        shown = words if words.endswith(".") else f"{words} ..."
        message = (
            f"'{shown}' is example text from `icp-obj new-quarter`, and the paper would"
            " print it; write the real text in its place"
        )
        found = source.find_in_value(path, words)
        if found < 0:
            yield source.problem(path, "placeholder-text", message, severity=Severity.WARNING)
        else:
            line, column = source.line_and_column(found)
            yield Problem(source.rel, line, column, "placeholder-text", message, Severity.WARNING)


def _fit(kind: type[BaseModel], raw: Any) -> Any:
    """`raw` as a `kind`, or None when it does not fit (its problems are reported already)."""
    try:
        return kind.model_validate(raw)
    except ValidationError:
        return None


def _ids_in(raw: Any) -> Iterator[str]:
    """Every id written anywhere in a part of a file that did not fit its model."""
    if isinstance(raw, dict):
        if raw.get("id") is not None:
            yield str(raw["id"])
        for value in raw.values():
            yield from _ids_in(value)
    elif isinstance(raw, list):
        for item in raw:
            yield from _ids_in(item)


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 99


def _period_or_none(value: Any) -> str | None:
    """A stated period the schema accepted; one it refused is reported already."""
    if not isinstance(value, str):
        return None
    try:
        parse_reference(value)
    except PeriodError:
        return None
    return value


def _suggest(value: str, known: Iterable[str]) -> str:
    close = close_matches(value, sorted(known))
    return f" (did you mean '{close[0]}'?)" if close else ""
