"""Fill in cover sheet fields of a quarter's report.yaml that exists already, changing no other
line: a key that is there gets its new value, a commented prompt from `new-quarter` becomes the
key, and a key that is neither goes where new-quarter would have put it. Checked with the rest of
the data before the file is written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from icp_objectives.check import validation
from icp_objectives.domain.errors import EXIT_IO, EXIT_USAGE, reason
from icp_objectives.domain.model import QuarterReport
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.problems import has_errors, new_since
from icp_objectives.edit import safe_write, scaffold
from icp_objectives.edit.new_quarter import Refused

__all__ = ["Filled", "Refused", "fill", "set_cover"]
from icp_objectives.load import bounded
from icp_objectives.load.loaded import DATA_DIR, REPORT_FILE

ORDER = tuple(QuarterReport.model_fields)  # the order new-quarter writes the keys in


@dataclass(frozen=True)
class Filled:
    path: Path
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def fill(text: str, cover: Mapping[str, str]) -> str:
    """The report's text with each field of `cover` set (fields of scaffold.COVER_FIELDS and
    "introduction"), every other line as it was."""
    lines = text.splitlines(keepends=True)
    end = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"  # the file's own endings
    for field in sorted(cover, key=ORDER.index):
        value = cover[field]
        if field == "introduction":
            # |2: the indent is said, so a first line that starts with spaces (a code block)
            # stays text rather than setting the block's indent
            new = [
                "introduction: |2" + end,
                *(f"  {line}".rstrip() + end for line in value.splitlines()),
            ]
        else:
            new = [scaffold.cover_line(field, value) + end]
        lines = _put(lines, field, new)
    return "".join(lines)


def _put(lines: list[str], field: str, new: list[str]) -> list[str]:
    key = re.compile(rf"{re.escape(field)}[ \t]*:")
    prompt = re.compile(rf"#[ \t]*{re.escape(field)}[ \t]*:")
    for index, line in enumerate(lines):
        if key.match(line):
            end = _end_of_value(lines, index)
            return [*lines[:index], *new, *lines[end:]]
    for index, line in enumerate(lines):
        if prompt.match(line):
            return [*lines[:index], *new, *lines[index + 1 :]]
    at = _after_earlier_key(lines, field)
    if at and not lines[at - 1].endswith("\n"):
        lines = [*lines[: at - 1], lines[at - 1] + "\n", *lines[at:]]
    return [*lines[:at], *new, *lines[at:]]


def _end_of_value(lines: list[str], index: int) -> int:
    """The line after a top-level key's value: its own line and the indented ones under it."""
    end = index + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    while end > index + 1 and not lines[end - 1].strip():  # blank lines belong to what follows
        end -= 1
    return end


def _after_earlier_key(lines: list[str], field: str) -> int:
    """Where a missing key goes: after the value of the nearest key before it, else the top."""
    for earlier in reversed(ORDER[: ORDER.index(field)]):
        key = re.compile(rf"{re.escape(earlier)}[ \t]*:")
        for index, line in enumerate(lines):
            if key.match(line):
                return _end_of_value(lines, index)
    return 0


def set_cover(root: Path, quarter: Quarter, cover: Mapping[str, str]) -> Filled:
    """Write the fields into the quarter's report.yaml; Refused, with nothing written, when it
    has none or the result would not validate."""
    path = scaffold.folder(root, quarter) / REPORT_FILE
    if not path.exists() and path.with_suffix(".yml").exists():
        path = path.with_suffix(".yml")
    rel = path.relative_to(root).as_posix()
    try:
        # As every data file is read: inside objectives/, a regular file, at most the cap (a
        # pull request's report.yaml may be a link to /dev/zero, or to a named pipe).
        data = bounded.read(bounded.home(root, DATA_DIR), path)
    except FileNotFoundError:
        raise Refused(
            f'{rel} does not exist; `icp-obj new-quarter "{quarter.label}"` starts the quarter'
            " and takes the same options"
        ) from None
    except OSError as error:
        raise Refused(f"cannot read {rel}: {reason(error)}", code=EXIT_IO) from None
    if isinstance(data, bounded.Refusal):
        raise Refused(f"{rel}: {data.message}", code=EXIT_IO)
    before = data.decode("utf-8", "surrogateescape")
    after = fill(before, cover)
    filled = Filled(path, before, after)
    if not filled.changed:
        return filled
    was = validation.validate(root)
    now = validation.validate(root, overrides={path: after.encode("utf-8", "surrogateescape")})
    new = new_since(was.problems, now.problems)
    if has_errors(new):
        raise Refused(f"{rel} would not validate, so nothing was written", new)
    try:
        with safe_write.locked(path):
            if path.read_bytes() != data:
                raise Refused(f"{rel} changed while this ran; nothing was written, run it again")
            safe_write.write_atomic(path, after.encode("utf-8", "surrogateescape"))
    except (OSError, safe_write.LockTimeout) as error:
        code = EXIT_IO if isinstance(error, OSError) else EXIT_USAGE
        raise Refused(f"could not write {rel}: {reason(error)}", code=code) from None
    return filled
