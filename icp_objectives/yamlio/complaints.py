"""The reader's complaints explained to the person who wrote the file, with the fix."""

from __future__ import annotations

import re
from collections.abc import Callable

from ruamel.yaml.error import MarkedYAMLError

from icp_objectives.yamlio import quotes, spaces
from icp_objectives.yamlio.faults import YamlFault, one_line


def explain(error: MarkedYAMLError, text: str, parse: Callable[[str], object]) -> YamlFault:
    """What the reader's complaint about `text` means to the person who wrote it; `parse` is
    the reader that complained, to try the text again with a suspected slip mended."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = one_line(error.problem or "")
    context = one_line(error.context or "")
    odd = spaces.at_fault(error, text, parse)
    if odd is not None:
        return odd
    unclosed = quotes.unclosed(error, text)
    if unclosed is not None:
        return unclosed
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else "a key"
        return YamlFault(
            line,
            column,
            "duplicate-key",
            f'"{key}" appears twice in the same block; keep one and merge what they say',
        )
    if "not plain text" in problem:
        return YamlFault(
            line,
            column,
            "yaml-complex-key",
            "a key here is a list or a block ('? ...'); write keys as plain words",
        )
    if "merge key" in problem:
        return YamlFault(
            line,
            column,
            "yaml-merge",
            "merge keys (<<) are not allowed; write the keys out in full",
        )
    if "alias" in problem:
        return YamlFault(
            line,
            column,
            "yaml-alias",
            "this value is anchored (&name) and repeated elsewhere (*name); anchors and aliases"
            " are not allowed, so write each value out in full",
        )
    if problem.startswith("the value is tagged "):
        tag = problem.removeprefix("the value is tagged ").replace("tag:yaml.org,2002:", "!!")
        return YamlFault(
            line,
            column,
            "yaml-tag",
            f"this value is tagged {tag}, and tags are not allowed; remove the tag and write"
            " a plain value (in quotes if it is text)",
        )
    if "constructor for the tag" in problem:
        return YamlFault(
            line, column, "yaml-tag", f"{problem}; remove the '!' tag and write a plain value"
        )
    if "another document" in problem:
        return YamlFault(
            line,
            column,
            "yaml-documents",
            "a second document ('---') starts here; keep one document per file",
        )
    hint = _hint(error, text)
    if hint is not None:
        return hint
    detail = f"{problem} ({context})" if context else problem
    return YamlFault(
        line,
        column,
        "yaml-syntax",
        f"this is not valid YAML: {detail}; check the indentation and quotes on this line"
        " or the one before",
    )


def _hint(error: MarkedYAMLError, text: str) -> YamlFault | None:
    """A plain-English reading of the parser's complaint, for the mistakes hand editing
    makes most: a missing space after a list's dash, a ': ' or a quote inside a value, a
    value starting with a character YAML reserves, and a `|` block's text out of line."""
    mark = error.problem_mark
    if mark is None or not text:
        return None
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    written = lines[mark.line]
    problem = error.problem or ""
    where = (mark.line + 1, mark.column + 1)
    dash = _dash_without_space(lines, mark.line)
    if dash is not None:
        line, column, key = dash
        return YamlFault(
            line + 1,
            column + 1,
            "yaml-syntax",
            f"a list item needs a space after the dash: '- {key}:'",
        )
    if problem.startswith("mapping values are not allowed"):
        value = _VALUE_WITH_COLON.match(written[: mark.column + 1])
        if value is not None:
            return YamlFault(*where, "yaml-syntax", _colon_in_value(value["key"], written))
    char = written[mark.column : mark.column + 1]  # "" past the end, and "" is in any string
    if "cannot start any token" in problem and char and char in "%@`":
        return YamlFault(
            *where,
            "yaml-syntax",
            f"a value cannot start with %, @ or `, and this one starts with {char}; put it in"
            f" quotes: '{_value_at(written, mark.column)}'",
        )
    if "block scalar" in (error.context or "") and mark.line == getattr(
        error.context_mark, "line", -1
    ):
        return YamlFault(
            *where,
            "yaml-syntax",
            "text after `|` must start on the next line: end this line with |, and write the"
            " text below it, indented",
        )
    if "expected" in problem:
        quoted = quotes.ended_early(written, mark.column)
        if quoted is not None:
            return YamlFault(*where, "yaml-syntax", quoted)
        block = _out_of_block(lines, mark.line)
        if block is not None:
            return YamlFault(
                *where,
                "yaml-syntax",
                f"each line of the text under `{block}: |` must be indented at least as much"
                " as the first; indent this line further",
            )
    return None


_DASH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)*-([A-Za-z_][\w-]*):(?:[ \t]|$)")


def _dash_without_space(lines: list[str], last: int) -> tuple[int, int, str] | None:
    """The last line up to `last` written `-key:`, outside `|` blocks: no key of the format
    starts with a dash."""
    found = None
    for number, written in spaces.layout_lines(lines[: last + 1]):
        match = _DASH_KEY.match(written)
        if match:
            found = number, match.start(1) - 1, match[1]
    return found


_VALUE_WITH_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)*(?P<key>[\w-]+):[ \t]+[^\s\"'|>#\[{].*:$")


def _colon_in_value(key: str, written: str) -> str:
    value = written.split(":", 1)[1].strip()
    shown = value if len(value) <= 50 else value[:47] + "..."
    quote = "'" if '"' in value else '"'
    instead = (
        f", or write the text under `{key}: |`, on the lines below"
        if key in {"body", "introduction"}
        else ""
    )
    return (
        f"a ': ' inside a value: put the whole value in quotes ({key}: {quote}{shown}{quote})"
        + instead
    )


def _out_of_block(lines: list[str], number: int) -> str | None:
    """The key of the `|` block that line `number` belongs to by its place but is indented
    less than the block's first line; None when it is no such line."""
    written = lines[number]
    indent = len(written) - len(written.lstrip(" "))
    for above in range(number - 1, -1, -1):
        header = spaces.BLOCK_HEADER.match(lines[above])
        if header:
            key_indent = len(header[1])
            body = [line for line in lines[above + 1 : number] if line.strip()]
            if not body or key_indent >= indent:
                return None
            first = len(body[0]) - len(body[0].lstrip(" "))
            if indent < first and all(len(line) - len(line.lstrip(" ")) >= first for line in body):
                return lines[above].split(":", 1)[0].strip(" -\t")
            return None
        if lines[above].strip() and len(lines[above]) - len(lines[above].lstrip(" ")) < indent:
            return None
    return None


def _value_at(line: str, column: int) -> str:
    """The value starting at `column`: to the end of the line, or inside [...] or {...} to
    the next comma or closing bracket."""
    rest = line[column:].strip()
    if "[" in line[:column] or "{" in line[:column]:
        return re.split(r"\s*[,\]}]", rest, maxsplit=1)[0]
    return rest
