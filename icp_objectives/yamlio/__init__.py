"""The one package that talks to ruamel.yaml: fast reading, round-trip editing, source positions.

`read` turns bytes into plain data; `faults`, `complaints`, `quotes` and `spaces` say why a
file cannot be read; `roundtrip`, `positions` and `write` serve editing a file in place.
"""

from icp_objectives.yamlio.faults import BadDate, YamlFault, place
from icp_objectives.yamlio.positions import (
    PathItem,
    Places,
    Span,
    outline,
    value_range,
    written,
)
from icp_objectives.yamlio.read import load, load_document, load_utf8, load_with_faults
from icp_objectives.yamlio.roundtrip import load_roundtrip
from icp_objectives.yamlio.spaces import odd_spaces, odd_spaces_beside, odd_spaces_instead
from icp_objectives.yamlio.text import decode
from icp_objectives.yamlio.write import PLAIN_NUMBER, TypedNumber, dump_fragment

__all__ = [
    "PLAIN_NUMBER",
    "BadDate",
    "PathItem",
    "Places",
    "Span",
    "TypedNumber",
    "YamlFault",
    "decode",
    "dump_fragment",
    "load",
    "load_document",
    "load_roundtrip",
    "load_utf8",
    "load_with_faults",
    "odd_spaces",
    "odd_spaces_beside",
    "odd_spaces_instead",
    "outline",
    "place",
    "value_range",
    "written",
]
