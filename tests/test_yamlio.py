"""The fast reader and the editing reader must read every scalar the same way (YAML 1.2)."""

from __future__ import annotations

import warnings

import pytest

from icp_objectives import yamlio

TRICKY = "a: no\nb: yes\nc: 1e-05\nd: 010\ne: 0o10\nf: 2020-07-20\ng: ~\nh: 1.10\ni: on\nj: '1.10'\nk: .inf\n"


def test_fast_and_round_trip_readers_agree() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fast = yamlio.load(TRICKY)
    assert fast == dict(yamlio.load_roundtrip(TRICKY))
    assert fast["a"] == "no" and fast["i"] == "on"  # YAML 1.2: no Norway problem
    assert fast["h"] == 1.1 and fast["j"] == "1.10"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: 1\na: 2\n", "duplicate-key"),
        ("a: &x 1\nb: *x\n", "yaml-alias"),
        ("<<: {a: 1}\n", "yaml-merge"),
        ("a: !!python/name:os.system x\n", "yaml-tag"),
        ("? [a]\n: 1\n", "yaml-complex-key"),
        ("a: 1\n---\nb: 2\n", "yaml-documents"),
        ("a: 2020-02-30\n", "bad-date"),
        ("a: [\n", "yaml-unclosed"),
        ("a: b: c\n", "yaml-syntax"),
    ],
)
def test_refusals(text: str, code: str) -> None:
    with pytest.raises(yamlio.YamlFault) as fault:
        yamlio.load(text)
    assert fault.value.code == code


def test_source_positions_of_keys_and_values() -> None:
    root = yamlio.load_roundtrip("a:\n  b:\n    - x\n    - y: 1\n")
    assert yamlio.locate(root, ["a", "b", 1, "y"]) == (4, 10)
    assert yamlio.locate(root, ["a", "b", 1, "y"], at_key=True) == (4, 7)
    assert yamlio.locate(root, ["a", "missing"]) == (2, 3)
