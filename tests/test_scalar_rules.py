"""The reader resolves plain scalars from a table made once (yamlio/read.py), for speed on
large files: it must give every scalar the tag ruamel's own YAML 1.2 rules give it."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from icp_objectives.yamlio.read import compose_fast

WORDS = [
    "", "12", "-3", "+7", "0", "012", "0x1F", "0o17", "1e3", "1.5", ".5", "-.inf", ".NaN",
    "null", "Null", "~", "true", "False", "no", "yes", "on", "2020-01-01",
    "2020-01-01 10:00:00", "1_000", "k0", "Q1", "1:30", "3.1", "1.1.1",
]  # fmt: skip


def _tags(text: str) -> tuple[str, str]:
    theirs = YAML(typ="safe", pure=True).compose(text)
    ours = compose_fast(text)
    return str(ours.value[0][1].tag), str(theirs.value[0][1].tag)


@pytest.mark.parametrize("word", WORDS)
def test_a_plain_scalar_gets_ruamels_tag(word: str) -> None:
    ours, theirs = _tags(f"key: {word}\n")
    assert ours == theirs


@settings(max_examples=300, deadline=None)
@given(word=st.text(alphabet="0123456789abcdefxoEe.+-_:~ ntrulsyNTRULSY", max_size=12))
def test_any_plain_scalar_gets_ruamels_tag(word: str) -> None:
    text = f"key: {word}\n"
    try:
        ours, theirs = _tags(text)
    except YAMLError:
        assume(False)
        return
    assert ours == theirs
