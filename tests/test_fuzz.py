"""Whatever a file holds, reading it gives data or located problems: never an exception."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from icp_objectives import yamlio
from icp_objectives.check.validation import validate
from icp_objectives.cli import app
from icp_objectives.domain.limits import MAX_BYTES
from icp_objectives.domain.model import KINDS
from icp_objectives.domain.problems import has_errors
from icp_objectives.load import series_csv
from icp_objectives.load.loaded import Repository
from icp_objectives.load.parse import read
from icp_objectives.paper import outcomes_publish, outcomes_view, provenance, publish
from icp_objectives.yamlio import positions as yaml_positions
from icp_objectives.yamlio.text import plain_utf8
from tests import fuzzing
from tests.conftest import MINIMAL

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


@FAST
@given(
    text=st.text(
        alphabet='period,value,note,numerator,denominator\n\r"-W/Q 0123456789.£%\t', max_size=160
    )
)
def test_any_text_as_a_series_file(text: str) -> None:
    """A series file, whatever it holds, gives rows or located problems, never an exception;
    its rows are the lines with no problem."""
    series, problems = series_csv.parse("objectives/measures/m.csv", text.encode())
    lines = max(1, len(re.split("\r\n|\r|\n", text)))
    for problem in problems:
        assert 1 <= problem.line <= lines and problem.column >= 1 and problem.message
    if series is not None:
        assert not {row.line for row in series.rows} & {p.line for p in problems}


# The mutation fuzzer: real files, mutated, validated in a repository as `validate` does.
# ICP_FUZZ_EXAMPLES documents in all (600 by default, about 20 s), shared among the five kinds of file;
# `ICP_FUZZ_EXAMPLES=10000 pytest -s --no-cov tests/test_fuzz.py -k mutated` is the long run.

DOCUMENTS = int(os.environ.get("ICP_FUZZ_EXAMPLES", "600"))
FILE_KINDS = ("partnership", "objective", "quarter-report", "quarter-updates", "series", "outcomes")
SEEDS = fuzzing.seeds(MINIMAL)
SLOWEST = 1.0  # seconds a document may take: validating it, and rendering or updating it
MUTATED = settings(
    max_examples=max(1, DOCUMENTS // len(FILE_KINDS)),
    deadline=None,  # timed below, by document rather than by hypothesis's example
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass
class Tally:
    documents: int = 0
    valid: int = 0
    seconds: float = 0.0
    slowest: tuple[float, str, bytes] = (0.0, "", b"")

    def add(self, seconds: float, at: str, data: bytes, valid: bool) -> None:
        self.documents += 1
        self.valid += valid
        self.seconds += seconds
        if seconds > self.slowest[0]:
            self.slowest = (seconds, at, data)


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    built = {
        "minimal": fuzzing.build_minimal(tmp_path_factory.mktemp("minimal"), MINIMAL),
        "shipped": fuzzing.build_shipped(tmp_path_factory.mktemp("shipped")),
        "series": fuzzing.build_series(tmp_path_factory.mktemp("series"), MINIMAL),
    }
    for root in built.values():  # Jinja's templates and the CLI loaded once, not timed
        repo = _document(root)
        assert repo is not None
        _update(root, repo)
    yield built
    seconds, at, data = TALLY.slowest
    print(
        f"\nfuzzed {TALLY.documents} documents ({TALLY.valid} valid) in {TALLY.seconds:.1f} s;"
        f" slowest {seconds:.3f} s: {at} {data[:200]!r}"
    )


TALLY = Tally()


def test_every_kind_has_seeds() -> None:
    assert {seed.kind for seed in SEEDS} == set(FILE_KINDS)
    assert len(SEEDS) >= 20


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_mutated_documents(kind: str, bases: dict[str, Path]) -> None:
    of_kind = [seed for seed in SEEDS if seed.kind == kind]

    @MUTATED
    @given(pick=st.integers(0, len(of_kind) - 1), steps=fuzzing.STEPS)
    def run(pick: int, steps: list[tuple[int, int, int]]) -> None:
        seed = of_kind[pick]
        data = fuzzing.mutate(seed.data, steps)
        root = bases[seed.base]
        target = root / seed.at
        before = target.read_bytes() if target.exists() else None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        try:
            seconds, valid = _timed(root)
            if seconds >= SLOWEST:  # once more, to tell a slow document from a busy moment
                gc.collect()
                seconds = min(seconds, _timed(root)[0])
        finally:
            if before is None:
                target.unlink()
            else:
                target.write_bytes(before)
        TALLY.add(seconds, seed.at, data, valid)
        assert seconds < SLOWEST, f"{seconds:.2f} s for {seed.at}: {data[:300]!r}"

    run()


def _timed(root: Path) -> tuple[float, bool]:
    """Validating and rendering the document, timed; the update after it is not (it starts
    git, and forking this process, grown large under hypothesis, takes up to a second)."""
    started = time.process_time()  # this process's time: other work on the machine aside
    repo = _document(root)
    seconds = time.process_time() - started
    if repo is not None:
        _update(root, repo)
    return seconds, repo is not None


def _document(root: Path) -> Repository | None:
    """Validate the repository; when it validates, render each paper (and give it back)."""
    repo = validate(root)
    fuzzing.check_problems(root, repo.problems)
    if has_errors(repo.problems):
        return None
    for quarter in repo.quarters:
        texts = publish.texts(repo, quarter, ["md", "html"], provenance.collect(repo, quarter))
        assert all(texts.values())
    if repo.outcomes is not None:
        try:  # no reading yet is refused with a sentence; any figure named exists by then
            as_of = outcomes_view.latest_month(repo)
        except outcomes_view.NoSummary:
            return repo
        summary = outcomes_view.build(repo, as_of)
        assert all(outcomes_publish.texts(summary, ["md", "html"]).values())
    return repo


def _update(root: Path, repo: Repository) -> None:
    """`update --dry-run` on a repository that validates: refused or done, never a crash."""
    if repo.quarters and repo.objectives and repo.ratings:
        quarter = min(repo.quarters)
        target = next(
            (b.id for o in repo.objectives for b in o.model.breakthroughs),
            repo.objectives[0].model.id,
        )
        args = ["update", str(target), "-q", quarter.label, "-s", repo.ratings[0].id]
        result = CliRunner().invoke(
            app,
            [*args, "-b", "Fuzzed", "--create", "--dry-run", "--root", str(root)],
            env={"NO_COLOR": "1", "COLUMNS": "120"},
            catch_exceptions=True,
        )
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"icp-obj {' '.join(args)} raised") from result.exception
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output, result.output


def test_a_file_with_thousands_of_problems_is_read_once(
    bases: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the fuzzer: positions once came from reading the whole file again in pure
    Python (about 0.3 ms a line). They come from the node tree the file was read from, and a
    file lists at most 200 schema problems."""
    root = bases["minimal"]
    target = root / "objectives" / "9-keys.yaml"
    target.write_bytes(b"id: 9\ntitle: Keys\n" + b"".join(b"k%d: 1\n" % n for n in range(5000)))
    again: list[str] = []
    monkeypatch.setattr(yaml_positions, "compose_fast", lambda text: again.append(text))
    monkeypatch.setattr(yaml_positions, "round_trip_yaml", lambda: again.append("round trip"))
    try:
        found = [p for p in validate(root).problems if p.path == "objectives/9-keys.yaml"]
    finally:
        target.unlink()
    assert again == []
    assert len(found) == 201 and found[-1].code == "more-problems"


EVEN = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EVEN
@given(pick=st.integers(0, len(SEEDS) - 1), steps=fuzzing.STEPS)
def test_a_file_read_from_its_bytes_reads_as_its_text(pick: int, steps: Any) -> None:
    """The C parser reads a file straight from its bytes (not decoding them) only where that
    gives what reading its text gives: the same data, every node at the same place. What it
    does not read cleanly is left to the text's reading, for that reader's words."""
    _read_alike(fuzzing.mutate(SEEDS[pick].data, steps))


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffa: café\n".encode(),  # a UTF-8 byte-order mark
        "\ufeff\ufeffa: 1\n".encode(),  # two: "utf-8-sig" takes one, libyaml the other
        "\ufeff\ufeff\ufeffa: 1\n".encode(),
        "\ufeff".encode() + "\ufeffa: 1\n".encode("utf-16-le"),  # UTF-16 behind a UTF-8 mark
        "\u00a0".encode(),  # only spaces that Python strips and YAML reads as text
        "# note\n\u3000".encode(),
        "\u3000#x".encode(),
        "\ufeff".encode() + b"a: " + b"x" * (MAX_BYTES - 5) + b"\n",  # past the cap by its mark
        "a: 1\n".encode("utf-16"),  # libyaml would read UTF-16 and UTF-32
        "a: 1\n".encode("utf-32"),
        "a: 一\n".encode("utf-16-le"),  # no NUL, no mark
        "\ufeffa: 一\n".encode("utf-16-be"),
        b"a: 1\n\x00b: 2\n",
        b"a: \xed\xa0\x80\n",  # a surrogate
        b"a: \xc0\xaf\n",  # an overlong form
        b"a: \xf4\x90\x80\x80\n",  # past U+10FFFF
        b"a: caf\xc3",  # cut short
        b"a: !!bool yes\n",
        b"a: \xc2\xa0!!int 1\n",
        b"a: &x 1\nb: *x\n",
        b"\xe4\xb8\x80&x: 1\n",
        b"# only a comment\n",
        b"a: 2020-02-30\n",
        b"- " * 250 + b"x\n",
        b"[" * 250 + b"]" * 250 + b"\n",
        b"a: 1\r\nb: \xc2\x85c\n",
    ],
)
def test_bytes_that_need_decoding_read_as_their_text(data: bytes) -> None:
    _read_alike(data)


def _read_alike(data: bytes) -> None:
    fast = yamlio.load_utf8(data)
    try:
        text = yamlio.decode(data)
        slow = yamlio.load_document(text)
    except yamlio.YamlFault:
        assert fast is None, data[:200]  # what the text's reading refuses, the bytes' does
        return
    if fast is None:  # the text reads, yet not cleanly, as no collection, or was not offered
        offered = len(data) <= MAX_BYTES and plain_utf8(data.removeprefix("\ufeff".encode()))
        assert slow[1] or not isinstance(slow[0], dict | list) or not offered, data[:200]
        return
    assert repr(fast[0]) == repr(slow[0])  # repr: a .nan is not equal to itself
    assert not slow[1]
    assert _places(fast[2]) == _places(slow[2])


def _places(node: Any) -> list[tuple[str, int, int, int, int]]:
    """Every node of a tree, in order, with where it starts and ends (line and column)."""
    found: list[tuple[str, int, int, int, int]] = []
    stack = [node]
    while stack:
        at = stack.pop()
        start, end = at.start_mark, at.end_mark
        found.append((type(at).__name__, start.line, start.column, end.line, end.column))
        if isinstance(at.value, list):
            for item in reversed(at.value):
                stack.extend(reversed(item) if isinstance(item, tuple) else [item])
    return found
