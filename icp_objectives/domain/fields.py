"""The kinds of value the data files hold (text on one line, ids, periods, numbers) and the
strict base of every model. Pure."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from icp_objectives.domain.periods import PeriodError
from icp_objectives.domain.reading_periods import parse_written

# The shapes of ids, for the schema below and for code that checks an id on its own.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TARGET = re.compile(r"^[1-9][0-9]*(\.[1-9][0-9]*)?$")

# Text printed on one line (a title, a label) holds no control character: one could start a new
# line of the paper or act on a terminal. It may end in line breaks, as a | block does. Markdown
# may hold line breaks and tabs, nothing else.
ONE_LINE = "^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*\n*$"
MULTI_LINE = "^[^\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]*$"
TEXT_PATTERNS = (ONE_LINE, MULTI_LINE)

Text = Annotated[
    str, StringConstraints(min_length=1, pattern=ONE_LINE), Field(description="Plain text.")
]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, pattern=MULTI_LINE),
    Field(description="Markdown: bullets, **bold labels**, [links](https://...)."),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG.pattern),
    Field(description="A short id in lower case letters, digits and hyphens, like sfh or amber."),
]
# A status: one line, not starting or ending in Word's curly quotes (`“amber”`, which YAML
# reads with its quotes, is explained as such).
_STATUS_END = "[^\x00-\x1f\x7f-\x9f\u2028\u2029\u201c\u201d\u2018\u2019\u201e\u201a]"
STATUS = f"^{_STATUS_END}([^\x00-\x1f\x7f-\x9f\u2028\u2029]*{_STATUS_END})?$"
StatusWord = Annotated[
    str,
    StringConstraints(pattern=STATUS),
    Field(
        description="A rating of the partnership's scale, by its id (amber-green) or its label"
        " (Amber/Green), in any case."
    ),
]
BreakthroughId = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*$"),
    Field(description='The objective number, a dot and the breakthrough number, quoted: "1.2".'),
]


def _check_period(value: str) -> str:
    try:
        parse_written(value)
    except PeriodError as error:
        raise ValueError(str(error)) from None
    return value


def _date_as_text(value: Any) -> Any:
    """`period: 2021-01-24` unquoted is a date to YAML: the week that ends that day."""
    return value.isoformat() if isinstance(value, dt.date) else value


def objective_number_as_text(value: Any) -> Any:
    """`covers: 2` means the objective as a whole, as does `covers: "2"`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return [objective_number_as_text(item) for item in value]
    return value


# The largest figure a paper prints: past it, a float's digits stop being the ones written.
LARGEST = 10**12
Number = Annotated[
    float,
    Field(
        allow_inf_nan=False,
        ge=-LARGEST,
        le=LARGEST,
        description="A number: digits only, the unit belongs to the measure.",
    ),
]
PeriodText = Annotated[
    str,
    BeforeValidator(_date_as_text),
    AfterValidator(_check_period),
    Field(
        description="A financial year (2020/21), a quarter of one (2020/21 Q1), a month"
        " (2021-01), an ISO week (2021-W03) or the day a week ends (2021-01-24)."
    ),
]
Target = Annotated[
    str,
    StringConstraints(pattern=TARGET.pattern),
    Field(description='An objective ("2") or a breakthrough objective ("2.1"), quoted.'),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
