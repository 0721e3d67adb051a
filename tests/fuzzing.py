"""The mutation fuzzer behind tests/test_fuzz.py: seeds, mutations, and what must hold of the
problems `validate` reports for any document.

Seeds are real files (the valid corpus and the shipped data), each at its place in a small
repository. A document is a seed after one to four mutations of its bytes or lines: the slips
of editors, paste and hostile pull requests (control characters, odd spaces, tags, aliases,
deep nesting, huge numbers and key counts, flipped quotes and brackets, invalid UTF-8).

Positions, as the product counts them: lines end in `\\n`, `\\r\\n` or a lone `\\r` (as YAML and
editors count them); a file has as many lines as it has line breaks, plus one if it does not
end in one (so a file without line breaks has one line, and an empty file one empty line); a
problem's line is one of those, and its column counts characters of that line from 1, up to
the line's length + 1 (just past its end). In a file that is not UTF-8, columns count bytes.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from icp_objectives.domain import problems as problem_format
from icp_objectives.domain.problems import Problem

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
VALID = HERE / "corpus" / "valid"


@dataclass(frozen=True)
class Seed:
    base: str  # "minimal", "series" or "shipped": the repository it goes in
    at: str  # where, relative to the repository
    data: bytes

    @property
    def kind(self) -> str:
        name = self.at.rsplit("/", 1)[-1]
        if name.endswith(".csv"):
            return "series"
        if name == "partnership.yaml":
            return "partnership"
        if self.at == "objectives/outcomes.yaml":
            return "outcomes"
        if "/updates/" in self.at:
            return "quarter-report" if name.startswith("report.") else "quarter-updates"
        return "objective"


def build_minimal(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


SERIES_BASE = HERE / "corpus" / "series-base.yaml"  # objective 3, for the series file seeds


def build_series(root: Path, minimal: dict[str, str]) -> Path:
    """The small repository with the objective whose measures the series file seeds read."""
    build_minimal(root, minimal)
    shutil.copy(SERIES_BASE, root / "objectives" / "3-age-well.yaml")
    return root


def build_shipped(root: Path) -> Path:
    shutil.copytree(PROJECT / "objectives", root / "objectives")
    return root


def seeds(minimal: dict[str, str]) -> list[Seed]:
    found = [
        Seed("minimal", rel, textwrap.dedent(text).lstrip("\n").encode())
        for rel, text in minimal.items()
    ]
    for file in sorted(VALID.glob("*.yaml")):
        data = file.read_bytes()
        at = data.split(b"\n", 1)[0].decode().removeprefix("# at:").strip()
        found.append(Seed("minimal", at, data))
    for file in sorted(VALID.glob("*.csv")):
        at = file.with_name(file.name + ".expect").read_text(encoding="utf-8").split("\n")[0]
        found.append(Seed("series", at.strip(), file.read_bytes()))
    for file in sorted((PROJECT / "objectives").rglob("*.yaml")):
        found.append(Seed("shipped", file.relative_to(PROJECT).as_posix(), file.read_bytes()))
    return found


# What gets put in: one character or a short run that editors, paste or an attacker add.
INSERTS: tuple[bytes, ...] = tuple(
    s.encode("utf-8") if isinstance(s, str) else s
    for s in (
        "\x00",
        "\x0c",
        "\x0b",
        "\x1b",
        "\x1b[31m",
        "\x1b]0;title\x07",
        "\x07",
        "\x7f",
        "\x85",
        "\x9b",
        "\t",
        "\r",
        "\r\n",
        "\n",
        "\u00a0",
        "\u2028",
        "\u2029",
        "\u200b",
        "\u202e",
        "\ufeff",
        "\ufffe",
        "\u3000",
        " ",
        "  ",
        ": ",
        "- ",
        "-",
        "#",
        "|",
        ">",
        "|-",
        "'",
        '"',
        "[",
        "]",
        "{",
        "}",
        ",",
        "?",
        "? ",
        "%",
        "@",
        "`",
        "*",
        "&",
        "!",
        "\\",
        "---\n",
        "...\n",
        "!!bool ",
        "!!null ",
        "!!binary ",
        "!!int ",
        "!!float ",
        "!!str ",
        "!!timestamp ",
        "!!set ",
        "!!omap ",
        "!!map ",
        "!!seq ",
        "!!python/object/apply:os.system ",
        "!!python/name:os.system ",
        "!local ",
        "!<tag:example.com,2000:x> ",
        "&a ",
        "*a",
        "<<: *a\n",
        "9" * 50,
        "9" * 5000,
        "0x" + "f" * 400,
        "1e999",
        "-.inf",
        ".nan",
        "1_000",
        "0o17",
        "2020-02-30",
        "2020-13-45 25:61:61",
        "~",
        "null",
        "yes",
        "no",
        "true",
        "1.10",
        "1,2",
        "[" * 300,
        "{a: " * 300,
        "- " * 300,
        "[" * 60 + "]" * 60,
        "\u201c",
        "\u2019",
        "\u2013",
        "é",
        "😀",
        b"\xff",
        b"\xfe",
        b"\xc3",
        b"\xc0\xaf",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"\x80",
    )
)
FLIPS = {
    ord("'"): b'"',
    ord('"'): b"'",
    ord("["): b"{",
    ord("{"): b"[",
    ord("]"): b"}",
    ord("}"): b"]",
    ord(":"): b";",
    ord("-"): b"*",
    ord(" "): b"\t",
}
BRACKETS = b"'\"[]{}:- "
VALUES = (
    b"",
    b"~",
    b"null",
    b"yes",
    b"[]",
    b"{}",
    b"''",
    b"|",
    b"1",
    b"-1",
    b"0",
    b"99",
    b"1.10",
    b'"2.1"',
    b"amber",
    b"2020/21 Q1",
    b"2021-07-20",
    b"*a",
    b"&a x",
    b"!!binary aGVsbG8=",
    b"[1, [2, [3]]]",
    b"{a: 1, b: 2}",
    b"- x",
    b"https://example.org/\x1b[2J",
    b"[x](javascript:alert(1))",
    b"<script>alert(1)</script>",
    b"{{ 7*7 }}",
    b"{% raw %}",
)

Mutation = Callable[[bytes, int, int], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _at(data: bytes, where: int) -> int:
    return where % (len(data) + 1)


def _line_index(data: bytes, where: int) -> tuple[list[bytes], int]:
    lines = _lines(data)
    return lines, where % len(lines)


def insert(data: bytes, where: int, pick: int) -> bytes:
    at = _at(data, where)
    return data[:at] + INSERTS[pick % len(INSERTS)] + data[at:]


def replace_byte(data: bytes, where: int, pick: int) -> bytes:
    at = _at(data, where)
    return data[:at] + INSERTS[pick % len(INSERTS)] + data[at + 1 :]


def delete(data: bytes, where: int, pick: int) -> bytes:
    at = _at(data, where)
    return data[:at] + data[at + 1 + pick % 8 :]


def truncate(data: bytes, where: int, pick: int) -> bytes:
    return data[: _at(data, where)]


def flip(data: bytes, where: int, pick: int) -> bytes:
    """One quote, bracket, colon, dash or space changed for its opposite number."""
    places = [i for i, b in enumerate(data) if b in BRACKETS]
    if not places:
        return data
    at = places[where % len(places)]
    return data[:at] + FLIPS[data[at]] + data[at + 1 :]


def duplicate_line(data: bytes, where: int, pick: int) -> bytes:
    lines, i = _line_index(data, where)
    return b"".join(lines[: i + 1] + [lines[i]] * (1 + pick % 3) + lines[i + 1 :])


def delete_line(data: bytes, where: int, pick: int) -> bytes:
    lines, i = _line_index(data, where)
    return b"".join(lines[:i] + lines[i + 1 + pick % 2 :])


def swap_lines(data: bytes, where: int, pick: int) -> bytes:
    lines, i = _line_index(data, where)
    j = pick % len(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def indent(data: bytes, where: int, pick: int) -> bytes:
    """A line indented by an odd amount more or less, with spaces or tabs."""
    lines, i = _line_index(data, where)
    line = lines[i]
    body = line.lstrip(b" \t")
    width = len(line) - len(body)
    change = (pick % 7) - 3 or 1
    lines[i] = (b"\t" if pick % 5 == 0 else b" ") * max(0, width + change) + body
    return b"".join(lines)


def replace_value(data: bytes, where: int, pick: int) -> bytes:
    """The value after a key's `: ` (or a list's `- `) replaced by another."""
    places = [m.end() for m in re.finditer(rb"(?::|^\s*-) ", data, re.MULTILINE)]
    if not places:
        return data
    at = places[where % len(places)]
    end = data.find(b"\n", at)
    end = len(data) if end < 0 else end
    return data[:at] + VALUES[pick % len(VALUES)] + data[end:]


def many_keys(data: bytes, where: int, pick: int) -> bytes:
    """Thousands of keys, at the top level or inside the indented mapping of a line."""
    lines, i = _line_index(data, where)
    line = lines[i]
    pad = line[: len(line) - len(line.lstrip(b" "))] if pick % 8 > 3 else b""
    count = (100, 300, 1000)[pick % 3]  # 5,000 take 2 s: see test_fuzz.py
    block = b"".join(pad + b"k%d: %d\n" % (n, n) for n in range(count))
    return b"".join([*lines[:i], block, *lines[i:]])


def deep_nesting(data: bytes, where: int, pick: int) -> bytes:
    depth = (50, 150, 199, 200, 400)[pick % 5]
    at = _at(data, where)
    shapes = (b"[" * depth + b"]" * depth, b"{a: " * depth + b"}" * depth, b"- " * depth + b"x")
    return data[:at] + shapes[pick % 3] + data[at:]


def nested_block(data: bytes, where: int, pick: int) -> bytes:
    depth = (50, 199, 250)[pick % 3]
    block = b"".join(b"  " * n + b"k:\n" for n in range(depth))
    lines, i = _line_index(data, where)
    return b"".join([*lines[:i], block, *lines[i:]])


def anchors(data: bytes, where: int, pick: int) -> bytes:
    """An anchor on one value and an alias of it in place of another."""
    places = [m.end() for m in re.finditer(rb": ", data)]
    if len(places) < 2:
        return data
    first, second = sorted((places[where % len(places)], places[pick % len(places)]))
    if first == second:
        return data[:first] + b"&a " + data[first:]
    end = data.find(b"\n", second)
    end = len(data) if end < 0 else end
    return data[:first] + b"&a " + data[first:second] + b"*a" + data[end:]


def line_endings(data: bytes, where: int, pick: int) -> bytes:
    choice = pick % 4
    if choice == 0:
        return data.replace(b"\n", b"\r\n")
    if choice == 1:
        return data.replace(b"\n", b"\r")
    if choice == 2:
        return data.rstrip(b"\n")
    return data.replace(b"\n", b"\r\n", 1 + where % 5)


def reencode(data: bytes, where: int, pick: int) -> bytes:
    text = data.decode("utf-8", "replace")
    encodings = ("utf-16", "utf-16-le", "latin-1", "cp1252", "utf-8-sig", "utf-32")
    return text.encode(encodings[pick % len(encodings)], "replace")


MUTATIONS: tuple[Mutation, ...] = (
    insert,
    insert,
    insert,
    replace_byte,
    delete,
    truncate,
    flip,
    flip,
    duplicate_line,
    delete_line,
    swap_lines,
    indent,
    indent,
    replace_value,
    replace_value,
    many_keys,
    deep_nesting,
    nested_block,
    anchors,
    line_endings,
    reencode,
)

STEP = st.tuples(st.integers(0, len(MUTATIONS) - 1), st.integers(0, 2**20), st.integers(0, 2**10))
STEPS = st.lists(STEP, min_size=1, max_size=3)


def mutate(data: bytes, steps: list[tuple[int, int, int]]) -> bytes:
    for op, where, pick in steps:
        data = MUTATIONS[op](data, where, pick)
    return data


# What a message must never hold raw: control characters, line and paragraph separators,
# the bidirectional controls that reorder what a terminal or a review page shows.
_RAW = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _line_lengths(data: bytes) -> list[int]:
    """Each line's length, as a problem's column counts it (see the module's docstring)."""
    try:
        text: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data
    if isinstance(text, bytes):
        lines: list[str] | list[bytes] = re.split(rb"\r\n|\r|\n", text)
    else:
        lines = re.split(r"\r\n|\r|\n", text)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # a final line break ends the last line; no line comes after it
    return [len(line) for line in lines]


def check_problems(root: Path, found: list[Problem]) -> None:
    """Every problem sits on a real line and column of a real file, and says so on one line."""
    lengths: dict[str, list[int]] = {}
    for problem in found:
        where = f"{problem.path}:{problem.line}:{problem.column} {problem.code}: {problem.message}"
        path = root / problem.path
        assert problem.path and not problem.path.startswith("/"), where
        assert path.exists() or path.is_symlink(), f"no such file: {where}"
        assert problem.message and not _RAW.search(problem.message), repr(problem.message)
        assert not _RAW.search(problem.code) and problem.code, where
        if path.is_dir():
            assert (problem.line, problem.column) == (1, 1), where
            continue
        if problem.path not in lengths:  # every problem counts lines as YAML does
            lengths[problem.path] = _line_lengths(path.read_bytes())
        lines = lengths[problem.path]
        assert 1 <= problem.line <= len(lines), f"line out of the file ({len(lines)}): {where}"
        width = lines[problem.line - 1]
        assert 1 <= problem.column <= width + 1, f"column out of the line ({width}): {where}"
    annotations = problem_format.render(found, "github")
    assert len(annotations.split("\n")) == len(found) or not found, annotations
    assert all(line.startswith("::") for line in annotations.splitlines()), annotations
    assert len(problem_format.render(found, "text").split("\n")) == len(found) or not found
