"""The rules on each quarter's files: what entries cover, readings, periods, links. Pure."""

from __future__ import annotations

from collections.abc import Iterator

from icp_objectives.check import deliverable_rules
from icp_objectives.check.catalog import (
    Catalog,
    Known,
    fit,
    ids,
    is_number,
    period_or_none,
    suggest,
)
from icp_objectives.check.cover_rules import check_cover
from icp_objectives.domain import ratings
from icp_objectives.domain.markdown import unsafe_links
from icp_objectives.domain.model import Entry
from icp_objectives.domain.periods import PeriodError, parse_quarter
from icp_objectives.domain.problems import Problem, Severity, at_most
from icp_objectives.domain.reading_periods import of_quarter, parse_written
from icp_objectives.domain.wording import PLACEHOLDERS
from icp_objectives.load.loaded import (
    QuarterData,
    Source,
)


def check_quarter(data: QuarterData, catalog: Catalog) -> Iterator[Problem]:
    if data.report is not None:
        yield from _check_stated_period(data, data.report.source, data.report.model.period)
        introduction = data.report.model.introduction
        yield from check_links(data.report.source, ["introduction"], introduction)
        yield from check_placeholders(data.report.source, ["introduction"], introduction)
        yield from check_cover(data.report.source, data.report.model, catalog)
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
            yield from _check_stated_period(data, source, period_or_none(raw.get("period")))
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
            yield from at_most(
                _check_updates(
                    data, number, loaded.source, model.objective, model.period, entries, catalog
                )
            )
            continue
        unfit = data.unfit_updates[number]
        if unfit.source is None or not isinstance(unfit.raw, dict):
            continue
        raw = unfit.raw
        objective = raw.get("objective") if is_number(raw.get("objective")) else None
        items = raw.get("entries")
        salvaged = [
            (index, entry)
            for index, item in enumerate(items if isinstance(items, list) else [])
            if (entry := fit(Entry, item)) is not None
        ]
        period = period_or_none(raw.get("period"))
        yield from at_most(
            _check_updates(data, number, unfit.source, objective, period, salvaged, catalog)
        )


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
            f"this file is named objective-{number}.yaml but says {catalog.terms.objective}"
            f" {objective};"
            f" rename the file or correct 'objective'",
        )
        return
    own = catalog.objectives.get(int(number))
    if own is None and objective is not None and not catalog.unsure.objective(objective):
        yield source.problem(
            ["objective"],
            "unknown-objective",
            f"there is no {catalog.terms.objective} {objective}; the"
            f" {catalog.terms.objectives_word} are"
            f" {ids(sorted(catalog.objectives))}",
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
        scale = catalog.ratings
        if (
            entry.status is not None
            and scale is not None
            and ratings.rating_id(entry.status, scale) is None
        ):
            yield source.problem(
                [*path, "status"], "unknown-rating", ratings.unknown(entry.status, scale)
            )
        yield from check_links(source, [*path, "body"], entry.body)
        yield from check_placeholders(source, [*path, "body"], entry.body)
        yield from deliverable_rules.check_updates(source, path, entry, int(number), catalog)
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
        when = parse_written(reading.period) if reading.period else of_quarter(data.quarter)
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
                f"'{target}' is another {catalog.terms.objective}; this file holds updates"
                f" for {catalog.terms.objective} {number}, so put this entry in"
                f" objective-{target}.yaml",
            )
        return
    owner = target.split(".")[0]
    if own is not None and target in own.breakthroughs:
        return
    if target in catalog.breakthroughs and owner != number:
        yield source.problem(
            path,
            "wrong-objective",
            f"{catalog.terms.breakthrough} {target} belongs to {catalog.terms.objective}"
            f" {owner}, not {number};"
            f" put this entry in objective-{owner}.yaml",
        )
        return
    if own is None or target in catalog.breakthroughs or catalog.unsure.breakthrough(target):
        return  # the objective is unknown (reported on its own), or its file has problems
    terms = catalog.terms
    if own.complete:
        have = ids(own.breakthroughs) if own.breakthroughs else f"no {terms.breakthroughs_word}"
        has = f"; {terms.objective} {number} has {have}"
    else:
        has = ""
    yield source.problem(
        path, "unknown-breakthrough", f"there is no {terms.breakthrough} {target}{has}"
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
            f"there is no measure '{measure}'{suggest(measure, catalog.measures)};"
            f" a new measure is defined under its {catalog.terms.breakthrough} first",
        )
        return
    owner = catalog.measures[measure][0]
    if owner in targets or owner.split(".")[0] in targets:
        return
    if not catalog.unsure.measure(measure):  # else a file that did not load may define it too
        yield source.problem(
            [*path, "measure"],
            "measure-elsewhere",
            f"the measure '{measure}' belongs to {catalog.terms.breakthrough_short} {owner},"
            " which this entry does"
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
