"""Whatever a file holds, reading it gives data or located problems: never an exception."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from icp_objectives.domain.model import KINDS
from icp_objectives.load.parse import read

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = st.sampled_from(
    [
        "id",
        "title",
        "covers",
        "body",
        "entries",
        "status",
        "readings",
        "value",
        "period",
        "measures",
        "breakthroughs",
        "ratings",
        "name",
        "objective",
        "introduction",
        "x",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.sampled_from(["1.10", "2020/21 Q1", "Q5", "amber"]),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)


def _dump(data: Any) -> str:
    import io

    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


@FAST
@given(raw=st.binary(max_size=300), kind=st.sampled_from(sorted(KINDS)))
def test_any_bytes(raw: bytes, kind: str) -> None:
    outcome = read("objectives/x.yaml", raw, KINDS[kind])
    assert (outcome.loaded is None) == bool(outcome.problems)
    for problem in outcome.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@FAST
@given(
    text=st.text(alphabet="abc:-[]{}#&*!?|>'\" \n\t1.", max_size=120),
    kind=st.sampled_from(sorted(KINDS)),
)
def test_any_yaml_punctuation(text: str, kind: str) -> None:
    outcome = read("objectives/x.yaml", text.encode(), KINDS[kind])
    assert (outcome.loaded is None) == bool(outcome.problems)


@FAST
@given(data=DATA, kind=st.sampled_from(sorted(KINDS)))
def test_any_yaml_shaped_data(data: Any, kind: str) -> None:
    outcome = read("objectives/x.yaml", _dump(data).encode(), KINDS[kind])
    assert (outcome.loaded is None) == bool(outcome.problems)
    for problem in outcome.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
