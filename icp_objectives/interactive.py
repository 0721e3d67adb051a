"""Asking a person for an update at a terminal: the status, then the text in their editor.

Like `git commit`, the editor opens on a template; everything below the scissors line is
instructions and is cut off, so Markdown headings starting with '#' stay in the text.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from icp_objectives.model import Rating

SCISSORS = "# ------------------------ >8 ------------------------"

Ask = Callable[[str], str]


def editor_command() -> list[str] | None:
    """The person's editor, from $VISUAL or $EDITOR, or None when neither is set."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return None


def scale_text(ratings: Sequence[Rating]) -> str:
    return ", ".join(f"{r.id} ({r.label})" for r in ratings)


def ask_status(ask: Ask, targets: str, ratings: Sequence[Rating]) -> str | None:
    """The status, chosen from the scale; None when the person leaves it empty."""
    ids = {r.id for r in ratings}
    while True:
        answer = ask(f"Status of {targets} ({scale_text(ratings)}; Enter for none)").strip()
        if not answer:
            return None
        if answer.lower() in ids:
            return answer.lower()
        matches = [r.id for r in ratings if r.label.lower() == answer.lower()]
        if matches:
            return matches[0]


def template(targets: str, titles: Sequence[str], quarter: str, ratings: Sequence[Rating]) -> str:
    about = "; ".join(titles) or targets
    return "\n".join(
        [
            "",
            SCISSORS,
            "# Do not change or remove the line above; everything below it is ignored.",
            f"# Write the {quarter} update for {targets} ({about}) above it, in Markdown:",
            "#   - one bullet per point, starting with '- '",
            "#   - **Bold label:** to start a highlight, [text](https://...) for a link",
            "# Leave it empty to stop without changing anything.",
            f"# Rating scale: {scale_text(ratings)}.",
            "",
        ]
    )


def message_from(text: str) -> str:
    """What the person wrote: the text above the scissors line, without trailing blank lines."""
    kept = text.split(SCISSORS, 1)[0].replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in kept.split("\n")).strip("\n")


def edit_in_editor(command: list[str], text: str) -> str:
    """Open `text` in the editor and return what was saved."""
    with tempfile.TemporaryDirectory(prefix="icp-obj-") as folder:
        path = Path(folder) / "UPDATE.md"
        path.write_text(text, encoding="utf-8")
        completed = subprocess.run([*command, str(path)], check=False)
        if completed.returncode != 0:
            raise OSError(f"the editor '{' '.join(command)}' exited with {completed.returncode}")
        return path.read_text(encoding="utf-8")


def ask_bullets(ask: Ask) -> list[str]:
    """Bullets typed one per prompt; an empty answer ends the list."""
    bullets: list[str] = []
    while True:
        answer = ask(f"Bullet {len(bullets) + 1} (Enter on an empty line to finish)")
        if not answer.strip():
            return bullets
        bullets.append(answer.strip())
