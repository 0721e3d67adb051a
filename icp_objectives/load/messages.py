"""Plain-English messages for schema errors, each saying what is wrong and how to fix it."""

from __future__ import annotations

import datetime as dt
import math
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from icp_objectives import yamlio
from icp_objectives.domain.model import TEXT_PATTERNS
from icp_objectives.domain.partnership import TERM_PATTERN
from icp_objectives.domain.wording import close_matches, visible
from icp_objectives.load.error_places import data_path as data_path
from icp_objectives.load.error_places import other_shape as other_shape

KIND_NAMES = {
    "Partnership": "the partnership file",
    "Objective": "an objective file",
    "QuarterReport": "a quarter's report.yaml",
    "QuarterUpdates": "a quarter's objective file",
}


@dataclass(frozen=True)
class Explained:
    code: str
    message: str
    suggestion: str | None = None  # for an unknown key: the allowed key it most resembles


# The model's own errors (PydanticCustomError types) and the problem codes they are reported as.
OWN_ERRORS = {
    "zero_denominator": "zero-denominator",
    "half_ratio": "incomplete-ratio",
    "no_value": "missing-key",
    "ratio_mismatch": "ratio-mismatch",
    "title_field": "bad-title",
    "title_braces": "bad-title",
}


def explain(
    detail: ErrorDetails,
    path: Sequence[yamlio.PathItem],
    missing: str | None,
    raw: Any,
    text: str,
    kind: type[BaseModel],
) -> Explained:
    kind_of_error = detail["type"]
    value = detail.get("input")
    where = _where(path)
    if not path and kind_of_error in {"model_type", "model_attributes_type", "dict_type"}:
        return Explained(
            "wrong-shape",
            f"this file should hold keys and values (like 'title: ...') for"
            f" {KIND_NAMES.get(kind.__name__, 'this kind of file')}, not {_describe(value)}",
        )
    if kind_of_error == "missing" and missing:
        return Explained("missing-key", f"{where}'{missing}' is missing; add '{missing}: ...' here")
    if kind_of_error == "invalid_key":
        return Explained(
            "bad-key",
            f"{_where(path[:-1])}the key {value!r} is not a word; keys are names like 'title'",
        )
    dashed = _dashed_key(value) if kind_of_error == "list_type" else None
    if dashed is not None:
        return Explained(
            "wrong-type", f"{where}a list item needs a space after the dash: '- {dashed}:'"
        )
    curly = _curly(str(path[-1]) if kind_of_error == "extra_forbidden" and path else value)
    if curly is not None:
        return Explained("curly-quotes", f"{where}{curly}")
    if kind_of_error == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = sorted(_fields_at(kind, path[:-1]))
        close = close_matches(key, allowed)
        if close:
            return Explained(
                "unknown-key", f"unknown key '{key}'; did you mean '{close[0]}'?", close[0]
            )
        listing = f"the keys allowed here are: {', '.join(allowed)}" if allowed else "remove it"
        return Explained("unknown-key", f"unknown key '{key}'; {listing}")
    field = _field_name(path)
    if (
        kind_of_error.startswith("string_")
        and isinstance(value, float)
        and field
        in {
            "id",
            "covers",
        }
    ):
        written = _written(text, raw, path)
        return Explained(
            "unquoted-id",
            f"{where}{written} is read by YAML as the number {value!r}; write it in quotes,"
            f' as "{written}", so it stays an id',
        )
    if kind_of_error in OWN_ERRORS:
        return Explained(OWN_ERRORS[kind_of_error], f"{where}{detail['msg']}")
    if kind_of_error == "colour_empty":
        return _empty_colour(where, text, path)
    if kind_of_error == "string_pattern_mismatch" and field == "colour":
        return Explained(
            "bad-colour",
            f"{where}'{value}' is not a colour; write # and six hex digits, in quotes,"
            ' like "#005EB8"',
        )
    if kind_of_error == "string_pattern_mismatch" and field == "link":
        return Explained(
            "bad-link",
            f"{where}'{value}' is not a web address; write the full address, starting"
            " https://, or remove the link",
        )
    pattern = detail.get("ctx", {}).get("pattern")
    if kind_of_error == "string_pattern_mismatch" and pattern == TERM_PATTERN:
        return Explained(
            "bad-term",
            f"{where}{value!r} is not a word to call a level by; write one or more words on one"
            ' line, like "priority" or "breakthrough objective"',
        )
    if kind_of_error == "string_pattern_mismatch" and pattern in TEXT_PATTERNS:
        return Explained("control-character", f"{where}{_control_hint(str(value), pattern)}")
    if kind_of_error == "string_pattern_mismatch":
        return Explained("bad-id", f"{where}{_pattern_hint(field, value)}")
    if kind_of_error == "string_too_short":
        return Explained("empty-value", f"{where}'{field}' is empty; write something or remove it")
    if kind_of_error == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return Explained(
            "bad-choice", f"{where}{value!r} is not allowed here; use one of {expected}"
        )
    if kind_of_error in {"float_type", "float_parsing", "int_type", "int_parsing"}:
        if isinstance(value, str) and yamlio.PLAIN_NUMBER.match(value.strip()):
            return Explained(
                "not-a-number",
                f"{where}'{value}' is in quotes, which makes it text, not a number; remove the"
                f" quotes: {field or 'value'}: {value.strip()}",
            )
        found = (
            f"{_describe(value)} is not a number"
            if isinstance(value, str)
            else f"expected a number, found {_describe(value)}"
        )
        return Explained(
            "not-a-number",
            f"{where}{found}; "
            + (
                "write digits only, without a unit or % sign (the unit belongs to the measure)"
                if field == "value"
                else "write a whole number, like 2"
            ),
        )
    if kind_of_error == "finite_number":
        written = _written(text, raw, path)
        what = "'not a number'" if isinstance(value, float) and math.isnan(value) else "infinite"
        return Explained(
            "not-a-number",
            f"{where}{written} is {what} to YAML, not a value that can be reported;"
            " write the value itself in digits, like 72",
        )
    if kind_of_error in {"greater_than_equal", "less_than_equal"}:
        limits = detail.get("ctx", {})
        if field in {"id", "objective"}:
            return Explained(
                "out-of-range",
                f"{where}{value} is not an objective number; objectives are numbered 1 to 99",
            )
        bound = limits.get("ge" if kind_of_error == "greater_than_equal" else "le")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        shown = f"{bound:,}" if isinstance(bound, int) and abs(bound) >= 10_000 else bound
        limit = (
            f"the smallest allowed is {shown}"
            if kind_of_error == "greater_than_equal"
            else f"the largest allowed is {shown}"
        )
        return Explained("out-of-range", f"{where}{value} is out of range; {limit}")
    if kind_of_error in {"date_type", "date_parsing", "date_from_datetime_inexact"}:
        return Explained("not-a-date", f"{where}{_not_a_date(value)}")
    if kind_of_error == "value_error":
        return Explained("bad-period", f"{where}{detail['msg'].removeprefix('Value error, ')}")
    if field == "covers" and kind_of_error in {"string_type", "list_type"}:
        expected = (
            'a breakthrough id in quotes, like "4.1"'
            if path and isinstance(path[-1], int)
            else 'a breakthrough id in quotes ("2.1"), the objective\'s number ("2"), or a list'
            ' of ids (["4.1", "4.2"])'
        )
        return Explained("wrong-type", f"{where}expected {expected}, found {_describe(value)}")
    if kind_of_error == "too_short" and isinstance(value, list | dict):
        return Explained("empty-list", f"{where}{_empty_hint(field)}")
    if kind_of_error == "string_type":
        return Explained("wrong-type", f"{where}expected text, found {_not_text(value, field)}")
    if kind_of_error in {"list_type", "dict_type", "model_type", "bool_type"}:
        expected = {
            "list_type": "a list (lines starting with '- ')",
            "dict_type": "keys and values",
            "model_type": "keys and values",
            "bool_type": "true or false",
        }[kind_of_error]
        return Explained("wrong-type", f"{where}expected {expected}, found {_describe(value)}")
    return Explained("invalid", f"{where}this value is not allowed here ({detail['msg'].lower()})")


_CURLY = "\u201c\u201d\u2018\u2019\u201e\u201a"  # Word's double and single quotes


def _curly(value: Any) -> str | None:
    """What to say of a value or key written in Word's curly quotes, which YAML keeps as
    part of the text; None when it has none at its ends."""
    if (
        not isinstance(value, str)
        or not value
        or (value[0] not in _CURLY and value[-1] not in _CURLY)
    ):
        return None
    inside = value.strip(_CURLY)
    return (
        f"curly quotes “…” (from Word) are not YAML quotes, so YAML reads {value} with its"
        " quotes;"
        f' use straight quotes "…": "{inside}"'
    )


def _dashed_key(value: Any) -> str | None:
    """The key, without its dash, of a list item written `-covers:` (no space after the
    dash), which YAML reads as a key of its own."""
    if not isinstance(value, dict):
        return None
    for key in value:
        if isinstance(key, str) and key.startswith("-") and key[1:2].isalpha():
            return key[1:]
    return None


def _where(path: Sequence[yamlio.PathItem]) -> str:
    return f"{_dotted(path)}: " if path else ""


def _dotted(path: Sequence[yamlio.PathItem]) -> str:
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _field_name(path: Sequence[yamlio.PathItem]) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return ""


def _written(text: str, raw: Any, path: Sequence[yamlio.PathItem]) -> str:
    return yamlio.written(text, path) or str(_value_at(raw, path))


def _value_at(raw: Any, path: Sequence[yamlio.PathItem]) -> Any:
    for step in path:
        raw = raw[step]
    return raw


def _describe(value: Any) -> str:
    """A value as a person would name it, never as Python writes it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"'{value[:60]}'"
    if isinstance(value, dt.datetime):
        return f"a date and time, {value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"a date, {value.isoformat()}"
    if isinstance(value, float) and not math.isfinite(value):
        return "'not a number' (.nan)" if math.isnan(value) else "an infinite number"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"a {type(value).__name__}"  # pragma: no cover - the reader makes no other kinds


def _not_text(value: Any, field: str) -> str:
    """What was found where text belongs, and the fix that fits it."""
    found = _describe(value)
    if value is None:
        return f"nothing; write the {field or 'text'} or remove the key"
    if isinstance(value, bool | int | float | dt.date):
        return f"{found}; put it in quotes if it is meant as text"
    if isinstance(value, list) and field in {"body", "introduction"}:
        return (
            f"{found}; write Markdown text instead: start it with | on the key's line and put"
            " each '- ' bullet on its own line below"
        )
    return f"{found}; write it as one piece of text, in quotes if it starts with [ or {{"


def _empty_colour(where: str, text: str, path: Sequence[yamlio.PathItem]) -> Explained:
    """An empty colour: usually `colour: #D5281B`, whose # starts a comment."""
    line, _ = yamlio.Places(text).locate(path, at_key=True)
    rest = text.splitlines()[line - 1].split(":", 1)[-1].strip() if line else ""
    if rest.startswith("#"):
        written = rest.split()[0]
        return Explained(
            "unquoted-colour",
            f"{where}YAML reads {written} as a comment, because of the #, so the colour is"
            f' empty; put it in quotes: colour: "{written}"',
        )
    return Explained(
        "empty-value",
        f'{where}the colour is empty; write one in quotes, like "#005EB8", or remove the key',
    )


def _empty_hint(field: str) -> str:
    what = {
        "covers": 'name at least one breakthrough objective, like ["4.1", "4.2"]',
        "breakthroughs": "add at least one breakthrough objective (id and title)",
        "ratings": "add the rating scale, best first (id, label and definition)",
    }.get(field, "add at least one item, or remove the key")
    return f"the list is empty; {what}"


def _not_a_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M} is a date and time; write the date alone, as YYYY-MM-DD"
    return f"{_describe(value)} is not a date; write it as YYYY-MM-DD, like 2020-07-21"


def _pattern_hint(field: str, value: Any) -> str:
    if field == "covers" and isinstance(value, str) and "," in value:
        ids = ", ".join(f'"{part.strip()}"' for part in value.split(",") if part.strip())
        return f"'{value}' is not one id; for several, write a list: [{ids}]"
    if field in {"id", "covers"} and isinstance(value, str) and "." in value:
        return (
            f"'{value}' is not a breakthrough id; write the objective and its number, like \"2.1\""
        )
    if field == "covers":
        return f'\'{value}\' is not an objective or breakthrough id; write "2" or "2.1"'
    return (
        f"'{value}' is not a valid id; use lower-case letters, digits and hyphens,"
        f" like '{_slugify(str(value))}'"
    )


def _slugify(value: str) -> str:
    cleaned = "".join(c if c.isalnum() else "-" for c in value.lower())
    return "-".join(part for part in cleaned.split("-") if part) or "my-id"


def _fields_at(kind: type[BaseModel], path: Sequence[yamlio.PathItem]) -> set[str]:
    """The keys the model allows at a place in the data, following fields and list items."""
    candidates: list[Any] = [kind]
    for step in path:
        candidates = [inner for c in candidates for inner in _children(c, step)]
    return {name for c in candidates for name in _model_fields(c)}


def _children(annotation: Any, step: yamlio.PathItem) -> list[Any]:
    members = _unwrap(annotation)
    found: list[Any] = []
    for member in members:
        if isinstance(member, type) and issubclass(member, BaseModel) and isinstance(step, str):
            info = member.model_fields.get(step)
            if info is not None:
                found.extend(_unwrap(info.annotation))
        origin = typing.get_origin(member)
        if origin is list and isinstance(step, int):
            found.extend(_unwrap(typing.get_args(member)[0]))
        if origin is dict and isinstance(step, str):
            found.extend(_unwrap(typing.get_args(member)[1]))
    return found


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in {typing.Union, types.UnionType}:
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    return [annotation]


def _model_fields(annotation: Any) -> set[str]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return set(annotation.model_fields)
    return set()


def _control_hint(value: str, pattern: str) -> str:
    """Which control character a text holds, and how it got there."""
    found = re.search("[" + pattern[3 : pattern.index("]")] + "]", value.rstrip("\n"))
    char, at = (found[0], found.start() + 1) if found else ("?", 1)
    if char == "\n":
        return (
            f"the text holds a line break at character {at}, but it is printed on one line;"
            " write it on one line (a | block keeps its line breaks: use > or plain text)"
        )
    name = "a carriage return" if char == "\r" else "the control character"
    return (
        f"the text holds {name} ({visible(char)}) at character {at}, which the paper cannot"
        " show; remove it (in double quotes, an escape such as \\r or \\x1b writes one)"
    )
