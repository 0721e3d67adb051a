"""One data file: its text, its parsed model, and the positions of its nodes for messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from icp_objectives import messages, yamlio
from icp_objectives.problems import Problem, Severity

M = TypeVar("M", bound=BaseModel)


@dataclass
class Source:
    """A file's text and where it lives, able to say where any node of it sits."""

    rel: str
    text: str

    @cached_property
    def _roundtrip(self) -> Any:
        try:
            return yamlio.load_roundtrip(self.text)
        except Exception:  # the fast loader already accepted the text; positions are a bonus
            return None

    @cached_property
    def _nodes(self) -> Any:
        return yamlio.compose(self.text)

    def position(self, path: Sequence[yamlio.PathItem], *, at_key: bool = False) -> tuple[int, int]:
        return yamlio.locate(self._roundtrip, path, at_key=at_key)

    def find_in_value(self, path: Sequence[yamlio.PathItem], needle: str, start: int = 0) -> int:
        """Where `needle` is first written, from index `start`, in the scalar at `path`; -1
        when it is not there as written (an escape in quotes, say)."""
        found = yamlio.value_range(self._nodes, path)
        if found is None or not needle:
            return -1
        return self.text.find(needle, max(found[0], start), found[1])

    def line_and_column(self, index: int) -> tuple[int, int]:
        """The line and column (from 1) of a character of the text."""
        line_start = self.text.rfind("\n", 0, index) + 1
        return self.text.count("\n", 0, index) + 1, index - line_start + 1

    def text_line(self, path: Sequence[yamlio.PathItem], offset: int) -> tuple[int, int]:
        """Where line `offset` (from 0) of the text at `path` is written.

        Exact for a `|` block, whose lines are the text's own; otherwise where the text starts.
        """
        line, column = self.position(path)
        if not yamlio.is_literal_block(self._roundtrip, path):
            return line, column
        lines = self.text.splitlines()
        line += 1 + offset
        written = lines[line - 1] if line <= len(lines) else ""
        return line, len(written) - len(written.lstrip(" ")) + 1

    def problem(
        self,
        path: Sequence[yamlio.PathItem],
        code: str,
        message: str,
        *,
        at_key: bool = False,
        severity: Severity = Severity.ERROR,
        text_line: int | None = None,
    ) -> Problem:
        """A problem at the node at `path`, or at line `text_line` of the text there."""
        if text_line is None:
            line, column = self.position(path, at_key=at_key)
        else:
            line, column = self.text_line(path, text_line)
        return Problem(self.rel, line, column, code, message, severity)


@dataclass
class Loaded(Generic[M]):
    """A file that parsed and fitted its model."""

    source: Source
    model: M


@dataclass
class Unfit:
    """A file of a known kind that did not load: what could be read of it, for the checks
    that can still use part of it. `source` is None when the file is not readable YAML."""

    rel: str
    source: Source | None = None
    raw: Any = None


@dataclass
class Outcome(Generic[M]):
    loaded: Loaded[M] | None = None
    problems: list[Problem] = field(default_factory=list)
    unfit: Unfit | None = None  # set when the file is of the kind asked for but did not load


Sniff = Callable[[Any], str | None]


def read(rel: str, data: bytes, kind: type[M], sniff: Sniff | None = None) -> Outcome[M]:
    """Parse one file's bytes into `kind`, or the problems that stop it.

    `sniff` may recognise a file of another kind in the wrong place and say where it belongs.
    """
    try:
        text = yamlio.decode(data)
    except yamlio.YamlFault as fault:
        return Outcome(problems=[_from_fault(rel, fault)], unfit=Unfit(rel))
    try:
        raw, faults = yamlio.load_with_faults(text)
    except yamlio.YamlFault as fault:
        named = [fault]
        if fault.code == yamlio.ODD_SPACE:
            # Spaces pasted from Word come several at once: name the others in the layout
            # too, but not one YAML reads as the start of a value; as in a file that reads,
            # whether that harms is for the value's own checks to say.
            others = yamlio.odd_spaces(text, in_values=False)
            named += [other for other in others if other.line != fault.line]
        named.sort(key=lambda f: (f.line, f.column))
        return Outcome(problems=[_from_fault(rel, f) for f in named], unfit=Unfit(rel))
    misplaced = sniff(raw) if sniff else None
    if misplaced:
        return Outcome(problems=[Problem(rel, 1, 1, "misplaced-file", misplaced)])
    source = Source(rel, text)
    found = [_from_fault(rel, fault) for fault in faults]
    try:
        model = kind.model_validate(raw)
    except ValidationError as error:
        problems = found + _problems_from(source, raw, error, kind)
        # A space pasted from Word in the layout makes keys and values that do not fit:
        # on a line with such a problem, the space is the problem to name. One elsewhere
        # harms nothing here, and is left alone as in a file that fits.
        lines = {problem.line for problem in problems}
        spaces = [
            _from_fault(rel, fault) for fault in yamlio.odd_spaces(text) if fault.line in lines
        ]
        replaced = {space.line for space in spaces}
        problems = [p for p in problems if p.line not in replaced] + spaces
        return Outcome(problems=problems, unfit=Unfit(rel, source, raw))
    return Outcome(loaded=Loaded(source, model), problems=found)


def _from_fault(rel: str, fault: yamlio.YamlFault) -> Problem:
    return Problem(rel, fault.line, fault.column, fault.code, fault.message)


def _problems_from(
    source: Source, raw: Any, error: ValidationError, kind: type[BaseModel]
) -> list[Problem]:
    """One problem per place: a union's other branches and a typo's 'missing' add only noise."""
    found: dict[tuple[yamlio.PathItem, ...], Problem] = {}
    misspelt: set[tuple[yamlio.PathItem, ...]] = set()
    for detail in error.errors(include_url=False):
        if isinstance(detail.get("input"), yamlio.BadDate):
            continue  # the reader has reported it already
        if messages.other_shape(raw, detail["loc"]):
            continue
        path, missing = messages.data_path(raw, detail["loc"])
        explained = messages.explain(detail, path, missing, raw, source.text, kind)
        at_key = detail["type"] in {"extra_forbidden", "invalid_key"}
        if explained.suggestion:
            misspelt.add((*path[:-1], explained.suggestion))
        place = (*path, missing) if missing else tuple(path)
        found.setdefault(
            place, source.problem(path, explained.code, explained.message, at_key=at_key)
        )
    return [problem for place, problem in found.items() if place not in misspelt]
