"""Quotes and brackets left open, and backslashes in double quotes that start no escape."""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from icp_objectives.yamlio.faults import YamlFault


def unclosed(error: MarkedYAMLError, text: str) -> YamlFault | None:
    """A quote or bracket left open, located where it opened rather than where the reader
    gave up (often lines later); or a backslash in double quotes, which starts an escape."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    if context_mark is not None and "quoted scalar" in (error.context or ""):
        problem = error.problem or ""
        if problem_mark is not None and ("escape" in problem or "hexdecimal" in problem):
            return _bad_escape(text, problem_mark.line, problem_mark.column, context_mark)
        if _closes_on_its_line(text, context_mark.line, context_mark.column):
            return None  # not a quote left open: something else is wrong
        return _open_quote(context_mark.line, context_mark.column, text, "the end of the file")
    if problem_mark is None or not text:
        return None
    quote, bracket = _open_at(text, problem_mark.line)
    if quote is not None:
        return _open_quote(*quote, text, "the next {quote} in the file")
    if bracket is not None and bracket[0] < problem_mark.line:
        line, column, char = bracket
        closing = "]" if char == "[" else "}"
        return YamlFault(
            line + 1,
            column + 1,
            "yaml-unclosed",
            f"the '{char}' opened here is not closed; add the '{closing}' (and a comma"
            " between items)",
        )
    return None


def _open_at(text: str, line: int) -> tuple[tuple[int, int] | None, tuple[int, int, str] | None]:
    """What is open where the reader gave up on `line`: a quoted value that runs on to it
    from an earlier line (a quote left open, read up to the next quote mark; data files
    write long text as | blocks), and the innermost '[' or '{' not yet closed."""
    quote = None
    brackets: list[tuple[int, int, str]] = []
    try:
        for token in YAML(typ="safe", pure=True).scan(text):
            start, end = token.start_mark, token.end_mark
            if start.line > line:
                break
            name = type(token).__name__
            if name in {"FlowSequenceStartToken", "FlowMappingStartToken"}:
                brackets.append((start.line, start.column, "[" if "Sequence" in name else "{"))
            elif name in {"FlowSequenceEndToken", "FlowMappingEndToken"} and brackets:
                brackets.pop()
            elif getattr(token, "style", None) in {'"', "'"} and start.line < end.line == line:
                quote = (start.line, start.column)
    except YAMLError:
        pass
    return quote, (brackets[-1] if brackets else None)


def _open_quote(line: int, column: int, text: str, reads_to: str) -> YamlFault:
    lines = text.splitlines()
    quote = lines[line][column] if line < len(lines) and column < len(lines[line]) else '"'
    return YamlFault(
        line + 1,
        column + 1,
        "yaml-unclosed-quote",
        f"the {quote} opened here is not closed on this line, so YAML reads on to"
        f" {reads_to.format(quote=quote)}; add the closing {quote} at the end of the value",
    )


def _closes_on_its_line(text: str, line: int, column: int) -> bool:
    """Whether the quote opened at `line`, `column` (from 0) is closed on the same line."""
    lines = text.splitlines()
    written = lines[line] if line < len(lines) else ""
    quote = written[column : column + 1]
    if quote not in {'"', "'"}:
        return False
    index = column + 1
    while index < len(written):
        char = written[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and written[index + 1 : index + 2] == "'":
                index += 2  # '' is an apostrophe inside single quotes
                continue
            return True
        index += 1
    return False


def _bad_escape(text: str, line: int, column: int, opened: Any) -> YamlFault:
    """A backslash in double quotes that starts no escape, as in "C:\\Users": located at
    the backslash, with the value rewritten in single quotes when it can be."""
    lines = text.splitlines()
    written = lines[line] if line < len(lines) else ""
    backslash = written.rfind("\\", 0, column + 1)
    backslash = column if backslash < 0 else backslash
    escape = written[backslash : backslash + 2]
    fix = "write each \\ as \\\\"
    if opened.line == line and written[opened.column : opened.column + 1] == '"':
        end = written.find('"', backslash)
        inside = written[opened.column + 1 : end] if end > 0 else ""
        if inside and "'" not in inside and '"' not in inside:
            fix = f"use single quotes, '{inside}', or {fix}"
    return YamlFault(
        line + 1,
        backslash + 1,
        "yaml-bad-escape",
        f"a backslash in double quotes starts an escape (like \\n), and {escape} is not one; {fix}",
    )


def ended_early(written: str, column: int) -> str | None:
    """Why more follows a quoted value on its line: an apostrophe inside single quotes, or
    several quoted ids where a list belongs. None when no quoted value ends just before."""
    before = written[:column].rstrip()
    quote = before[-1:]
    if quote not in {'"', "'"} or quote not in before[:-1]:
        return None
    if quote == "'":
        start = before.index("'")
        end = written.rfind("'")
        inside = written[start + 1 : end].replace("''", "'")
        fixed = "'" + inside.replace("'", "''") + "'"
        return (
            "the quote ends early: an apostrophe inside single quotes is written '', as in"
            f" {fixed}; or put the value in double quotes"
        )
    ids = re.findall(r'"([^"]*)"', written)
    listed = ", ".join(f'"{i}"' for i in ids)
    return (
        "the quote ends early, and more follows it on the line; for several ids write a list,"
        f' [{listed}]; for text with " in it, put the whole value in single quotes'
    )
