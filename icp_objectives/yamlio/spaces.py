"""Non-breaking and invisible spaces in the YAML's layout: where they are, which is at fault."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Protocol, TypeVar

from ruamel.yaml.error import MarkedYAMLError, YAMLError

from icp_objectives.yamlio.faults import YamlFault

ODD_SPACE = "yaml-odd-space"
# Characters that look like a space, or like nothing, but are not YAML's space: Word and
# Outlook put non-breaking spaces into pasted text.
_ODD_SPACES = {
    "\u00a0": "a non-breaking space (from Word or Outlook)",
    "\u2007": "a figure space (a look-alike space)",
    "\u202f": "a narrow non-breaking space (from Word or Outlook)",
    "\u200b": "a zero-width space (an invisible character)",
    "\u2060": "a word joiner (an invisible character)",
    "\ufeff": "a byte order mark (an invisible character)",
    "\u3000": "an ideographic space (a look-alike space)",
    **{chr(c): "a look-alike space" for c in range(0x2000, 0x200B) if chr(c) != "\u2007"},
}
_ODD_SPACE = re.compile("[" + "".join(_ODD_SPACES) + "]")
_ODD_RUN = _ODD_SPACE.pattern + "+"
# Where such a character is part of the layout, not of a value: the indentation, around a
# list's dash, in or after a key, at the start of a value, and between a flow list's items.
# Where a space may already be, after a key's colon and before a flow list's item (the
# groups `value` and `item`), YAML reads it as the first character of the value.
_LAYOUT = re.compile(
    rf"""^(?:[ \t]*{_ODD_RUN}                                 # indentation
      | [ \t]*(?:-[ \t]*)*-{_ODD_RUN}                         # after a dash
      | [ \t]*(?:-[ \t]+)*[\w-]*{_ODD_RUN}[\w-]*[ \t]*:(?:[ \t]|$)   # in a key
      | [ \t]*(?:-[ \t]+)*[\w-]+:{_ODD_RUN}                   # in place of a key's space
      | (?P<value>[ \t]*(?:-[ \t]+)*[\w-]+:[ \t]+{_ODD_RUN})   # after a key's colon
      | [ \t]*(?:-[ \t]+)*[\w-]+:[ \t]+[|>][-+0-9]*[ \t]*{_ODD_RUN}  # after | or >
      | (?P<item>[ \t]*(?:-[ \t]+)*(?:[\w-]+:[ \t]+)?          # in [...], before an item
          [\[{{][^\n]*?[\[{{,][ \t]*{_ODD_RUN})
    )""",
    re.VERBOSE,
)
BLOCK_HEADER = re.compile(r"^([ \t]*(?:-[ \t]+)*)[\w-]+:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


def odd_spaces(text: str, *, in_values: bool = True) -> list[YamlFault]:
    """Each line where a non-breaking or invisible space sits in the layout of the YAML,
    located at the character. Such characters in text (a `|` block's lines, a value's words)
    are left alone. Only worth the time for a file that already has problems.

    Without `in_values`, a space where YAML reads it as the first character of a value is
    left out too: whether that harms is for the value's own checks to say.
    """
    found = []
    for number, written, match in _odd_layout(text):
        if not in_values and (match["value"] or match["item"]):
            continue
        at = _ODD_SPACE.search(written, 0, match.end())
        column = at.start() if at is not None else 0
        what = _ODD_SPACES[written[column]]
        fix = "delete it" if _invisible(written[column]) else "replace it with an ordinary space"
        found.append(YamlFault(number + 1, column + 1, ODD_SPACE, f"{what} here; {fix}"))
    return found


def odd_spaces_beside(fault: YamlFault, text: str) -> list[YamlFault]:
    """What to name when a file cannot be read: the fault, with the file's other odd spaces
    when it is one (spaces pasted from Word come several at once), in the file's order."""
    named = [fault]
    if fault.code == ODD_SPACE:
        # Not one YAML reads as the start of a value: as in a file that reads, whether
        # that harms is for the value's own checks to say.
        others = odd_spaces(text, in_values=False)
        named += [other for other in others if other.line != fault.line]
    named.sort(key=lambda f: (f.line, f.column))
    return named


class _OnALine(Protocol):
    @property
    def line(self) -> int: ...


_Problem = TypeVar("_Problem", bound=_OnALine)


def odd_spaces_instead(
    problems: list[_Problem], text: str, *, make: Callable[[YamlFault], _Problem]
) -> list[_Problem]:
    """The problems of a file that reads but does not fit, an odd space in a line's layout
    named instead of that line's problems: it makes keys and values that do not fit.

    One on a line without problems harms nothing, and is left alone as in a file that fits.
    """
    lines = {problem.line for problem in problems}
    spaces = [make(fault) for fault in odd_spaces(text) if fault.line in lines]
    replaced = {space.line for space in spaces}
    return [p for p in problems if p.line not in replaced] + spaces


def _odd_layout(text: str) -> Iterator[tuple[int, str, re.Match[str]]]:
    """The lines (numbered from 0) with an odd space in their layout, each with the match
    of its layout up to the last such space."""
    if not _ODD_SPACE.search(text):
        return
    for number, written in layout_lines(text.split("\n")):
        match = _LAYOUT.match(written) if _ODD_SPACE.search(written) else None
        if match is not None:
            yield number, written, match


def _invisible(char: str) -> bool:
    return "invisible" in _ODD_SPACES[char]


def _mended(text: str, only: int | None = None) -> str:
    """The text with the odd spaces of its layout mended as their messages say, an invisible
    character deleted and a look-alike space made an ordinary one; `only` on that line
    (counted from 1), if given."""
    lines = text.split("\n")
    for number, written, match in _odd_layout(text):
        if only is not None and number + 1 != only:
            continue
        layout = _ODD_SPACE.sub(
            lambda found: "" if _invisible(found[0]) else " ", written[: match.end()]
        )
        lines[number] = layout + written[match.end() :]
    return "\n".join(lines)


_Complaint = tuple[int, str]  # the line (from 0, or -1) where a reader gave up, and why
_TRIES = 10  # the spaces above that line tried one by one, nearest first


def _complaint(error: YAMLError | YamlFault) -> _Complaint:
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        return (mark.line if mark is not None else -1, error.problem or "")
    return (-1, str(error))


def _read_again(parse: Callable[[str], object], text: str) -> _Complaint | None:
    """The reader's complaint about `text`, or None when it has none."""
    try:
        parse(text)
    except (YAMLError, YamlFault) as error:
        return _complaint(error)
    except RecursionError:  # mended, the text nests too deeply to read
        return (-1, "too deep")
    return None


def at_fault(error: MarkedYAMLError, text: str, parse: Callable[[str], object]) -> YamlFault | None:
    """The odd space in the layout that the reader's complaint comes from, or None.

    A space pasted from Word can end a list or a block, and the reader often gives up some
    lines further on, past blank lines and comments, or where a value it took as text ends.
    So the text is read again with every such space mended: if the same complaint comes
    from the same line, the spaces are not its cause (one at the start of a heading is part
    of the heading) and the complaint is explained instead. Otherwise the space named is
    the nearest above where the reader gave up whose mending alone changes the complaint,
    as one used as indentation does but not one in the heading below it.
    """
    found = odd_spaces(text)
    if not found:
        return None
    complaint = _complaint(error)
    if _read_again(parse, _mended(text)) == complaint:
        return None
    above = [fault for fault in found if fault.line <= complaint[0] + 1] or found[:1]
    for fault in reversed(above[-_TRIES:]):
        if _read_again(parse, _mended(text, only=fault.line)) != complaint:
            return fault
    return above[-1]  # only mended together do they change it


def layout_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """The lines (numbered from 0) that are the YAML's own, not the text of a `|` block."""
    block = -1  # the indentation a | block's lines exceed, while in one
    for number, written in enumerate(lines):
        indent = len(written) - len(written.lstrip(" "))
        if block >= 0 and (not written.strip() or indent > block):
            continue
        block = -1
        header = BLOCK_HEADER.match(written)
        if header:
            block = len(header[1])
        yield number, written
