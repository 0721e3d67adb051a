"""The format documentation keeps up with the models: every key a file may hold is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from icp_objectives.domain.model import (
    KINDS,
    Breakthrough,
    Correction,
    Entry,
    Measure,
    Point,
    Programme,
    Rating,
    Reading,
)

DOC = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
MODELS = [
    *KINDS.values(),
    Breakthrough,
    Measure,
    Point,
    Entry,
    Reading,
    Rating,
    Correction,
    Programme,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_key_is_documented(model: type) -> None:
    missing = [name for name in model.model_fields if f"`{name}`" not in DOC]  # type: ignore[attr-defined]
    assert not missing, f"docs/format.md does not mention {missing} of {model.__name__}"


def test_every_problem_code_in_the_corpus_is_documented() -> None:
    corpus = Path(__file__).parent / "corpus" / "invalid"
    codes = {
        line.split()[2]
        for case in corpus.glob("*.yaml")
        if not case.with_name(case.name + ".expect").exists()  # sidecar cases may be binary
        for line in case.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect:")
    }
    codes |= {
        line.split()[0]
        for sidecar in corpus.glob("*.expect")
        for line in sidecar.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip() and not line.startswith("says:")
    }
    missing = sorted(code for code in codes if f"`{code}`" not in DOC)
    assert not missing, f"docs/format.md does not list the codes {missing}"


def test_every_refusal_of_a_file_or_folder_is_documented() -> None:
    source = (Path(__file__).parent.parent / "icp_objectives" / "load" / "bounded.py").read_text(
        encoding="utf-8"
    )
    codes = set(re.findall(r'Refusal\(\s*"([a-z-]+)"', source))
    assert {"link-outside", "not-a-file", "linked-file", "linked-folder"} <= codes
    missing = sorted(code for code in codes if f"`{code}`" not in DOC)
    assert not missing, f"docs/format.md does not list the codes {missing}"
