"""No packaged template and no string in the package names one partnership: the tool is for
any ICP, and what a paper says about the partnership comes from its own partnership.yaml."""

from __future__ import annotations

import ast
import re
import zipfile
from pathlib import Path

import pytest

import icp_objectives

PACKAGE = Path(icp_objectives.__file__).resolve().parent
NAMES = re.compile(r"Mid[ -]Notts|Mid Nottinghamshire|\bMN\b|ICP Board", re.IGNORECASE)

# The strings allowed to name one, by file and the string itself, each with its reason.
EXCEPTIONS = {
    # A partnership.yaml without `board:` has always gone to the "ICP Board"; the default
    # stays so that every repository valid today renders the same paper (format stability).
    ("domain/partnership.py", "ICP Board"),
}


def strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant in a module (docstrings and f-strings' text included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def template_texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted((PACKAGE / "templates").iterdir()):
        if path.suffix == ".docx":  # a zip: its parts are XML
            with zipfile.ZipFile(path) as archive:
                found += [
                    (f"{path.name}:{part}", archive.read(part).decode("utf-8", "replace"))
                    for part in archive.namelist()
                    if part.endswith((".xml", ".rels"))
                ]
        else:
            found.append((path.name, path.read_text(encoding="utf-8")))
    return found


def test_the_check_finds_what_it_looks_for() -> None:
    said = ["the Mid Notts ICP", "MN's board", "to the ICP Board", "Mid Nottinghamshire"]
    assert all(NAMES.search(text) for text in said)
    assert not NAMES.search("MNEMONIC, the ICS Board, Midlands")


@pytest.mark.parametrize(
    "module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_string_in_the_code_names_a_partnership(module: Path) -> None:
    rel = module.relative_to(PACKAGE).as_posix()
    named = [
        f"{rel}:{line}: {text!r}"
        for line, text in strings(module)
        if NAMES.search(text) and (rel, text) not in EXCEPTIONS
    ]
    assert not named, "\n".join(named)


def test_no_packaged_template_names_a_partnership() -> None:
    named = [name for name, text in template_texts() if NAMES.search(text)]
    assert template_texts()  # the templates were found
    assert not named, named


def test_each_exception_is_still_needed() -> None:
    for rel, text in EXCEPTIONS:
        assert text in [value for _, value in strings(PACKAGE / rel)], (rel, text)
