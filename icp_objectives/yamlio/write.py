"""YAML written for splicing into a file: numbers as typed, and each value in its fitting style."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from icp_objectives.yamlio.roundtrip import dump_roundtrip, round_trip_yaml

# decimal point (72, -3, 72.50); no unit, % sign, exponent or thousands separator.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?\Z")


class TypedNumber(float):
    """A number that is written exactly as it was typed: 72.50 stays 72.50, not 72.5.

    It equals the number it reads back as, so an edit holding it can be checked by value.
    """

    text: str

    def __new__(cls, text: str) -> TypedNumber:
        number = super().__new__(cls, float(text))
        number.text = text
        return number


def _represent_typed(representer: RoundTripRepresenter, number: TypedNumber) -> Any:
    kind = "float" if "." in number.text else "int"
    return representer.represent_scalar(f"tag:yaml.org,2002:{kind}", number.text)


RoundTripRepresenter.add_representer(TypedNumber, _represent_typed)


def dump_fragment(
    data: dict[str, Any],
    *,
    mapping: int = 2,
    sequence: int = 4,
    offset: int = 2,
    literal: Sequence[str] = (),
    double_quoted: Sequence[str] = (),
) -> str:
    """Block YAML for one small mapping, to splice into a file; never a whole document.

    Text under a key in `literal` is written as a `|` block when it has several lines;
    text under a key in `double_quoted` is written in double quotes, as ids are.
    """
    yaml = round_trip_yaml()
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return dump_roundtrip(_styled(data, set(literal), set(double_quoted)), yaml)


# What a block cannot hold: control characters but tab and newline, the line and paragraph
# separators, surrogates, the byte-order mark and the two non-characters. Written as what it
# holds rather than as the complement of what is allowed, which takes 4 ms to compile.
_BLOCK_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)


_TAB_INDENT = re.compile(r"(^|\n) *\t")  # a block line may not start with a tab


def _block_safe(text: str) -> bool:
    """Whether a `|` block can hold the text as it is: no control characters or odd line breaks.

    Text that cannot is written in double quotes, where every character can be escaped.
    """
    return not _BLOCK_UNSAFE.search(text) and not _TAB_INDENT.search(text)


def _styled(value: Any, literal: set[str], double_quoted: set[str], key: str = "") -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _styled(v, literal, double_quoted, str(k))
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_styled(item, literal, double_quoted, key) for item in value)
        if key in double_quoted and all(isinstance(item, str) for item in value):
            seq.fa.set_flow_style()  # a list of ids reads best on one line: ["4.1", "4.2"]
        return seq
    if isinstance(value, str) and key in literal and "\n" in value and _block_safe(value):
        return LiteralScalarString(value)
    if isinstance(value, str) and (key in double_quoted or not _block_safe(value)):
        return DoubleQuotedScalarString(value)
    return value
