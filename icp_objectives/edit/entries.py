"""A new update entry, built from what a person typed on the command line. Pure: no I/O."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from icp_objectives.domain import markdown
from icp_objectives.domain.errors import IcpError
from icp_objectives.domain.fields import LARGEST
from icp_objectives.domain.model import SLUG, TARGET
from icp_objectives.domain.partnership import Terms, article
from icp_objectives.domain.periods import PeriodError, Quarter, parse_period, parse_reference
from icp_objectives.domain.reading_periods import period_or_none
from icp_objectives.yamlio import PLAIN_NUMBER, TypedNumber

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
READING_SYNTAX = (
    "MEASURE=VALUE[@PERIOD][:NOTE], as in funded-childcare-two-year-olds=72@2020/21 Q1:Fell in"
    " lockdown"
)


class EntryError(IcpError, ValueError):
    """Options that do not make an entry, in words for the person who typed them."""


@dataclass(frozen=True)
class Content:
    """What the person asked to write, before it becomes YAML."""

    status: str | None = None
    heading: str | None = None
    bullets: tuple[str, ...] = ()
    body: str | None = None
    readings: tuple[dict[str, Any], ...] = ()
    author: str | None = None
    deliverables: tuple[dict[str, Any], ...] = ()  # each {id, status?, progress?}

    @property
    def has_text(self) -> bool:
        return bool(self.bullets) or self.body is not None


def parse_targets(text: str, terms: Terms | None = None) -> tuple[str, ...]:
    """'2.2', '2' or '4.1,4.2': what an entry covers, all under one objective; the errors
    name the levels in the partnership's words."""
    terms = terms or Terms()
    upper, lower = terms.objective, terms.breakthrough
    targets = tuple(part.strip() for part in text.split(","))
    for target in targets:
        if not TARGET.match(target):
            raise EntryError(
                f"'{target or text}' is not {article(upper)} or {lower}; write 2, 2.1"
                " or several as 4.1,4.2"
            )
    if len(set(targets)) != len(targets):
        raise EntryError(f"'{text}' names the same {upper} twice; name each once")
    objectives = {target.split(".")[0] for target in targets}
    if len(objectives) > 1:
        raise EntryError(
            f"'{text}' mixes {terms.objectives_word} {', '.join(sorted(objectives, key=int))};"
            f" one update belongs to one {upper}, so run update once for each"
        )
    if len(targets) > 1 and any("." not in target for target in targets):
        raise EntryError(
            f"'{text}' mixes {article(upper)} with its {terms.breakthroughs_word}; name the"
            f" {upper} alone or only {terms.breakthroughs_word}"
        )
    return targets


def objective_of(targets: Sequence[str]) -> int:
    return int(targets[0].split(".")[0])


def parse_reading(text: str, quarter: Quarter | None = None) -> dict[str, Any]:
    """A reading typed as MEASURE=VALUE[@PERIOD][:NOTE].

    The note is everything after the first colon that follows the value, so it may hold
    any text; the period may not hold a colon (no period spelling does). A quarter typed
    without its year (Q1) is in the year of `quarter`, the update's.
    """
    measure, equals, rest = text.partition("=")
    measure = measure.strip()
    if not equals or not measure:
        raise EntryError(f"--reading '{text}' needs a measure and a value: {READING_SYNTAX}")
    if not SLUG.match(measure):
        raise EntryError(
            f"--reading '{text}': '{measure}' is not a measure id (lower-case letters, digits"
            f" and hyphens); {READING_SYNTAX}"
        )
    figures, colon, note = rest.partition(":")
    value_text, at, period = figures.partition("@")
    reading: dict[str, Any] = {"measure": measure, "value": _number(value_text, text)}
    if at:
        reading["period"] = _period(period, text, quarter)
    if colon:
        if not note.strip():
            raise EntryError(
                f"--reading '{text}' has an empty note after ':'; write one or drop ':'"
            )
        reading["note"] = note.strip()
    return reading


DELIVERABLE_SYNTAX = "ID=STATUS[:PROGRESS], as in service-specifications=in-place:Agreed in March"


def parse_deliverable(text: str) -> dict[str, Any]:
    """A deliverable's update typed as ID=STATUS[:PROGRESS]: the status as typed (the
    partnership's words are read later), the progress everything after the first colon.
    The status may be left out when progress is given (ID=:PROGRESS)."""
    key, equals, rest = text.partition("=")
    key = key.strip()
    if not equals or not key:
        raise EntryError(
            f"--deliverable '{text}' needs a deliverable's id and its status: {DELIVERABLE_SYNTAX}"
        )
    if not SLUG.match(key):
        raise EntryError(
            f"--deliverable '{text}': '{key}' is not a deliverable id (lower-case letters,"
            f" digits and hyphens); {DELIVERABLE_SYNTAX}"
        )
    status, colon, progress = rest.partition(":")
    update: dict[str, Any] = {"id": key}
    if status.strip():
        update["status"] = status_text(status)
    if colon:
        if not progress.strip():
            raise EntryError(
                f"--deliverable '{text}' has no progress after ':'; write some or drop ':'"
            )
        update["progress"] = one_line("--deliverable", progress)
    if len(update) == 1:
        raise EntryError(f"--deliverable '{text}' gives no status: {DELIVERABLE_SYNTAX}")
    return update


def parse_deliverables(texts: Sequence[str]) -> tuple[dict[str, Any], ...]:
    """Each --deliverable, each deliverable named once."""
    found = tuple(parse_deliverable(text) for text in texts)
    keys = [update["id"] for update in found]
    twice = next((key for key in keys if keys.count(key) > 1), None)
    if twice is not None:
        raise EntryError(f"--deliverable names '{twice}' twice; give each deliverable once")
    return found


def _number(text: str, whole: str) -> TypedNumber:
    """The value as typed: digits, with an optional sign and decimal point (72, -3, 72.50)."""
    cleaned = text.strip()
    if not PLAIN_NUMBER.match(cleaned):
        raise EntryError(
            f"--reading '{whole}': '{cleaned}' is not a number; write digits, with a sign or"
            " a decimal point if need be (72, -3, 72.5), without a unit or % sign"
        )
    value = TypedNumber(cleaned)
    if not math.isfinite(value):
        raise EntryError(f"--reading '{whole}': the value must be a finite number")
    if abs(value) > LARGEST:
        raise EntryError(
            f"--reading '{whole}': {cleaned} is larger than a paper prints exactly (at most"
            f" {LARGEST:,}); check the figure"
        )
    return value


def _period(text: str, whole: str, quarter: Quarter | None) -> str:
    """The period in its usual spelling; one that names no period is kept for `validate` to
    report in its usual way."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise EntryError(f"--reading '{whole}' has nothing after '@'; write a period or drop '@'")
    try:
        return parse_reference(cleaned).label
    except PeriodError:
        pass
    if _DATE.match(cleaned):
        return cleaned  # the day a week ends, or a month's first: the measure says which
    for frequency in ("monthly", "weekly"):  # 2021-01, Jan 2021, 2021-W03: as files write them
        found = period_or_none(cleaned, frequency)
        if found is not None:
            return found.code
    try:
        year, number = parse_period(cleaned)
    except PeriodError:
        return cleaned
    if year is None:
        if quarter is None:
            return cleaned
        year = quarter.year
    return Quarter(year, number).label


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters but tab and newline
_SURROGATE = re.compile("[\ud800-\udfff]")  # what stands for bytes that are not UTF-8


def check_text(option: str, text: str) -> str:
    """`text` as given for `option`, if it is text a paper can show; otherwise an EntryError.

    Text that is not UTF-8 and control characters (anything below a space but tab and
    line breaks, DEL, and C1 codes) are refused by name, so that nothing invisible is stored.
    """
    bad = _SURROGATE.search(text)
    if bad:
        code = ord(bad[0])
        byte = f" (the byte 0x{code - 0xDC00:02X})" if 0xDC80 <= code <= 0xDCFF else ""
        raise EntryError(
            f"{option} is not UTF-8 text{byte}; set the terminal to UTF-8 and type it again"
        )
    bad = _CONTROL.search(normalise_text(text))
    if bad:
        raise EntryError(
            f"{option} holds a control character, U+{ord(bad[0]):04X} ({bad[0]!r}), which the"
            " paper cannot show; remove it"
        )
    return text


def check_typed(
    target: str,
    *,
    status: str | None = None,
    heading: str | None = None,
    body: str | None = None,
    author: str | None = None,
    correction: str | None = None,
    bullets: Sequence[str] = (),
    readings: Sequence[str] = (),
    deliverables: Sequence[str] = (),
) -> str | None:
    """Check what was typed for an update, before any of it is read: every value must be text
    a paper can show (check_text), and a correction one line. Returns the correction as stored
    (None without one); an EntryError names the first option at fault.
    """
    typed = [
        ("TARGET", target),
        ("--status", status),
        ("--heading", heading),
        ("--body", body),
        ("--author", author),
        ("--correction", correction),
        *(("--bullet", bullet) for bullet in bullets),
        *(("--reading", reading) for reading in readings),
        *(("--deliverable", deliverable) for deliverable in deliverables),
    ]
    for option, value in typed:
        if value is not None:
            check_text(option, value)
    return None if correction is None else one_line("--correction", correction)


def decode_text(option: str, data: bytes) -> str:
    """Text read from a file or standard input: UTF-8, without a byte-order mark."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EntryError(
            f"{option} is not UTF-8 text (the byte 0x{data[error.start]:02X} at byte"
            f" {error.start + 1}); save it as UTF-8"
        ) from None
    return check_text(option, text.removeprefix("\ufeff"))


def normalise_text(text: str) -> str:
    """Line breaks as \\n whatever the platform typed, so the file reads back as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def bullet_lines(bullets: Sequence[str]) -> str:
    """Markdown bullets, one per item; an item's later lines are indented to stay inside it.

    A bullet is text with inline Markdown: what would start another block (a list, a
    heading, a quotation, a rule) is escaped so that the paper shows it as typed.
    """
    out = []
    for bullet in bullets:
        text = normalise_text(bullet).strip("\n")
        if not text.strip():
            raise EntryError("a --bullet is empty; write some text or leave the option out")
        first, *others = text.split("\n")
        out.append(f"- {markdown.as_text(first)}\n")
        out.extend(
            f"  {markdown.as_text(line, first=False)}\n" if line else "\n" for line in others
        )
    return "".join(out)


def body_text(content: Content) -> str:
    """The entry's Markdown, body first and then bullets, ending in one line break.

    Ending in a line break makes it a `|` block in the file, as in the shipped files.
    """
    parts = []
    if content.body is not None:
        body = normalise_text(content.body).strip("\n")
        if not body.strip():
            raise EntryError("the body is empty; write the update or leave --body out")
        parts.append(body)
    if content.bullets:
        parts.append(bullet_lines(content.bullets).rstrip("\n"))
    return "\n".join(parts) + "\n"


def build(targets: Sequence[str], content: Content) -> dict[str, Any]:
    """The entry as plain data, keys in the order the shipped files use."""
    if not content.has_text:
        raise EntryError("an update needs some text: give --bullet, --body or --body-file")
    entry: dict[str, Any] = {"covers": targets[0] if len(targets) == 1 else list(targets)}
    if content.heading is not None:
        entry["heading"] = one_line("--heading", content.heading)
    if content.status is not None:
        entry["status"] = status_text(content.status)
    entry["body"] = body_text(content)
    if content.readings:
        entry["readings"] = [dict(reading) for reading in content.readings]
    if content.deliverables:
        entry["deliverables"] = [dict(update) for update in content.deliverables]
    if content.author is not None:
        entry["author"] = one_line("--author", content.author)
    return entry


def status_text(status: str) -> str:
    """A status as stored: a rating's id, or what was typed when it names none (for
    validation to report in its usual words)."""
    return " ".join(status.split())


def one_line(option: str, text: str) -> str:
    cleaned = normalise_text(text).strip()
    if not cleaned:
        raise EntryError(f"{option} is empty; write some text or leave the option out")
    if "\n" in cleaned:
        raise EntryError(f"{option} must be one line")
    return cleaned
