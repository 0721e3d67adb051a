"""How a measure's value is written for people, as NHS papers write them. Pure.

'£175,000', '87%', '5,256 referrals', '115 of 118 (97%)', 'over 11,000', '1,431 to date'.
"""

from __future__ import annotations

CURRENCIES = ("£", "$", "€")  # a unit starting with one is written before the number


def symbol_unit(unit: str) -> bool:
    """Whether the unit is a sign written with each number (% or money) rather than words."""
    return unit == "%" or unit[:1] in CURRENCIES


def number(value: float, decimals: int | None = None) -> str:
    """A number with thousands separated: '1,250', '3.5', '0.75'; with `decimals`, always that
    many ('12.50', as an axis marks them). A value that rounds to nought has no minus sign."""
    size = abs(value)
    if decimals is not None:
        written = f"{size:,.{decimals}f}"
    elif float(size).is_integer():
        written = f"{size:,.0f}"
    else:
        written = f"{size:,.2f}".rstrip("0").rstrip(".")
    return f"-{written}" if value < 0 and written.strip("0.,") else written


def percentage(share: float) -> str:
    """A share as a percentage the way papers round it: '97%' (whole from 10 up), '0.8%'."""
    if abs(share) >= 10 or float(share).is_integer():
        return f"{share:,.0f}%"
    return f"{number(round(share, 1))}%"


def money(value: float, unit: str) -> str:
    """'£175,000', '£1,234.50', '-£3,000', '£1.2m': the symbol first, pence to two places."""
    symbol, rest = unit[0], unit[1:].strip()
    written = number(abs(value), None if rest or float(value).is_integer() else 2)
    # £m, £k: a scaled figure keeps its own decimals
    return f"{'-' if value < 0 and written.strip('0.,') else ''}{symbol}{written}{rest}"


def show_value(
    value: float,
    unit: str = "",
    *,
    numerator: float | None = None,
    denominator: float | None = None,
    qualifier: str | None = None,
    cumulative: bool = False,
) -> str:
    """A value with its unit for a paper or a message.

    A unit of "%" follows the number ('87%'), a currency symbol comes before it ('£175,000',
    '£1.2m' for unit "£m"), a word follows it after a space ('5,256 referrals'). A ratio is
    shown as both counts and its percentage ('115 of 118 (97%)'); a qualifier leads ('over
    11,000'), and a cumulative figure says 'to date'.
    """
    if numerator is not None and denominator:
        text = f"{number(numerator)} of {number(denominator)} ({percentage(value)})"
    elif unit == "%":
        text = f"{number(value)}%"
    elif unit[:1] in CURRENCIES:
        text = money(value, unit)
    else:
        text = f"{number(value)} {unit}".strip()
    if qualifier:
        text = f"{qualifier} {text}"
    if cumulative:
        text = f"{text} to date"
    return text
