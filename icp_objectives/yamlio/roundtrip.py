"""The editing YAML: reading that remembers comments, quotes and layout, and writing them back."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor

from icp_objectives.yamlio.faults import BadDate


def load_roundtrip(text: str) -> Any:
    """Data that remembers where each key and item sits, and the file's comments and layout."""
    return round_trip_yaml().load(text)


class _RoundTripConstructor(RoundTripConstructor):
    """Round-trip reading that keeps an impossible date as the text it is, so that positions
    can still be found in a file holding one."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return BadDate(node.value)


_RoundTripConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _RoundTripConstructor.construct_yaml_timestamp
)


def round_trip_yaml() -> YAML:
    yaml = YAML()
    yaml.Constructor = _RoundTripConstructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def dump_roundtrip(data: Any, yaml: YAML | None = None) -> str:
    stream = io.StringIO()
    (yaml or round_trip_yaml()).dump(data, stream)
    return stream.getvalue()
