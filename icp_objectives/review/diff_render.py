"""A semantic diff printed for people (text, a pull-request comment in Markdown) or tools (JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict

from icp_objectives.domain.partnership import capital
from icp_objectives.domain.wording import count, listing, visible
from icp_objectives.review.changes import Change, Diff

FORMATS = ("text", "md", "json", "quarters")
LOCK_MARK = "LOCKED"


def render(diff: Diff, fmt: str, base: str, head: str) -> str:
    if fmt == "json":
        return _json(diff, base, head)
    if fmt == "md":
        return _markdown(diff, base, head)
    if fmt == "quarters":
        return "\n".join(affected_quarters(diff))
    return _text(diff, base, head)


def affected_quarters(diff: Diff) -> list[str]:
    """Quarters (as 2020-21-Q1) whose paper a change affects and that still exist, oldest first."""
    return [quarter.slug for quarter in diff.papers]


def summary_line(diff: Diff, base: str, head: str) -> str:
    return f"{count(len(diff.changes), 'change', none='No')} in meaning from {base} to {head}"


def presented_note(change: Change) -> str:
    """What a definition's change means for papers already presented: they keep the old."""
    if not change.presented:
        return ""
    many = len(change.presented) > 1
    papers = f"{listing(change.presented)} paper{'s' if many else ''}"
    keeps = "keep" if many else "keeps"
    return f" [presented: the {papers} {keeps} the old; later papers show this]"


def _line(change: Change) -> str:
    text = change.text + presented_note(change)
    if change.locked and not change.correction:
        return f"{LOCK_MARK}: {text} (the paper was {change.locked}; not marked as a correction)"
    if change.locked:
        return f"{text} (the paper was {change.locked})"
    return text


def _text(diff: Diff, base: str, head: str) -> str:
    lines = [summary_line(diff, base, head) + "."]
    for group, changes in diff.groups():
        lines += ["", visible(diff.heading(group))]
        lines += [f"  {visible(_line(c))}" for c in changes]
    if diff.unreadable:
        lines += ["", "Files that could not be read (their changes are not shown):"]
        for item in diff.unreadable:
            lines.append(f"  {_side(item.side, base, head)}: {item.problem.text()}")
    return "\n".join(lines)


def _markdown(diff: Diff, base: str, head: str) -> str:
    title = capital(diff.terms.objectives_word)
    lines = [f"### {title}: {_md(summary_line(diff, base, head))}", ""]
    locked = diff.locked
    if locked:
        lines += [
            f"> [!WARNING]\n> {count(len(locked), 'change')} to a paper"
            " already presented to the board, not marked as a correction.",
            "",
        ]
    for group, changes in diff.groups():
        lines += [f"#### {_md(diff.heading(group))}", ""]
        lines += [f"- {_md_line(c)}" for c in changes]
        lines.append("")
    if diff.unreadable:
        lines += ["#### Files that could not be read", ""]
        for item in diff.unreadable:
            p = item.problem
            where = f"`{p.path}:{p.line}:{p.column}`"
            lines.append(f"- {where} ({_side(item.side, base, head)}): {_md(p.message)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_line(change: Change) -> str:
    text = _md(change.text + presented_note(change))
    if change.locked and not change.correction:
        why = f"the paper was {_md(change.locked)}; not marked as a correction"
        return f"**{LOCK_MARK}:** {text} ({why})"
    if change.locked:
        return f"{text} (the paper was {_md(change.locked)})"
    return text


def _md(text: str) -> str:
    """Text safe in a Markdown comment: one line, no HTML, no accidental emphasis or links."""
    text = visible(text)
    for mark in ("\\", "<", ">", "*", "_", "[", "]", "`", "|"):
        text = text.replace(mark, "\\" + mark)
    return text


def _json(diff: Diff, base: str, head: str) -> str:
    data = {
        "base": base,
        "head": head,
        "count": len(diff.changes),
        "changes": [asdict(c) for c in diff.changes],
        "locked": len(diff.locked),
        "unreadable": [
            {"side": u.side, **asdict(u.problem), "severity": u.problem.severity.value}
            for u in diff.unreadable
        ],
        "quarters": affected_quarters(diff),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _side(side: str, base: str, head: str) -> str:
    return f"at {base}" if side == "base" else f"at {head}"
