"""Asking a person for an update at a terminal: the status, then the text in their editor,
then each measure's reading, each deliverable's status and the author.

Like `git commit`, the editor opens on a template; everything below the scissors line is
instructions and is cut off, so Markdown headings starting with '#' stay in the text.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from icp_objectives.domain.errors import IcpError, reason
from icp_objectives.domain.model import Breakthrough, Deliverable, Measure, Rating
from icp_objectives.domain.periods import Quarter
from icp_objectives.domain.ratings import rating_id, scale_words, unknown, unknown_status
from icp_objectives.domain.wording import visible
from icp_objectives.edit.entries import (
    Content,
    EntryError,
    check_text,
    decode_text,
    parse_deliverable,
    parse_reading,
)
from icp_objectives.load.loaded import Repository

SCISSORS = "# ------------------------ >8 ------------------------"

Ask = Callable[[str], str]
Tell = Callable[[str], None]


class EditorFailed(IcpError):
    """The editor could not be started or did not finish cleanly."""


@dataclasses.dataclass
class Conversation:
    """Asking one person, at a terminal, for one update."""

    ask: Ask
    tell: Tell
    repo: Repository
    targets: tuple[str, ...]
    quarter: Quarter

    def run(self, content: Content, *, new_entry: bool) -> Content | None:
        """The content with what was asked filled in: for a new entry its status, text,
        readings and author, for an addition its text; None when the text was left empty."""
        ratings = self.repo.ratings
        named = ",".join(self.targets)
        status = content.status
        if new_entry and status is None and ratings:
            status = ask_status_of(self.ask, named, ratings, self.tell)
        command = editor_command()
        text: str | None = None
        bullets: list[str] = []
        if command is None:
            self.tell("No $EDITOR or $VISUAL is set, so type the update a bullet at a time.")
            bullets = ask_bullets(self.ask, self.tell)
        else:
            form = template(named, self._titles(), self.quarter.label, ratings)
            text = message_from(edit_in_editor(command, form), form) or None
        if text is None and not bullets:
            return None
        readings, author = content.readings, content.author
        if new_entry:
            given = {str(reading["measure"]) for reading in readings}
            wanted = [m for m in self._measures() if m.id not in given]
            readings = (*readings, *ask_readings(self.ask, wanted, self.quarter, self.tell))
            deliverables = self._deliverables(content.deliverables)
            if author is None:
                author = ask_author(self.ask, self.tell)
        return dataclasses.replace(
            content,
            status=status,
            body=text,
            bullets=tuple(bullets),
            readings=readings,
            author=author,
            deliverables=deliverables if new_entry else content.deliverables,
        )

    def _deliverables(self, given: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
        """Those given, then a status asked for each other row of the tables covered."""
        partnership = self.repo.partnership
        statuses = partnership.model.statuses if partnership else []
        named = {str(update["id"]) for update in given}
        rows = [(c, row) for c, row in self._rows() if row.id not in named]
        if not rows or not statuses:
            return given
        return (*given, *ask_deliverables(self.ask, rows, statuses, self.tell))

    def _rows(self) -> list[tuple[str, Deliverable]]:
        """Each status table row the entry may update, with its table's caption."""
        return [
            (caption, row)
            for loaded in self.repo.objectives
            for covers, caption, rows in loaded.model.tables
            if covers in self.targets or str(loaded.model.id) in self.targets
            for row in rows
        ]

    def _covered(self) -> list[Breakthrough]:
        return [
            b
            for loaded in self.repo.objectives
            for b in loaded.model.breakthroughs
            if b.id in self.targets or str(loaded.model.id) in self.targets
        ]

    def _measures(self) -> list[Measure]:
        return [m for b in self._covered() for m in b.measures]

    def _titles(self) -> list[str]:
        objectives = [loaded.model for loaded in self.repo.objectives]
        return [
            b.short_title or b.title
            for o in objectives
            for b in o.breakthroughs
            if b.id in self.targets
        ] + [o.title for o in objectives if str(o.id) in self.targets]


def ask_readings(
    ask: Ask, measures: Sequence[Measure], quarter: Quarter, tell: Tell = lambda line: None
) -> list[dict[str, Any]]:
    """A reading of each measure, typed as VALUE[@PERIOD][:NOTE]; Enter skips a measure."""
    readings = []
    for measure in measures:
        unit = f", {measure.unit}" if measure.unit else ""
        when = {"monthly": " (name its month: 17@2021-01)", "weekly": " (name its week)"}.get(
            measure.frequency or "", ""
        )
        question = (
            f"Reading of {measure.id} ({measure.title}{unit}) for {quarter.label}{when}:"
            " VALUE[@PERIOD][:NOTE], Enter to skip"
        )
        while True:
            answer = ask(question).strip()
            if not answer:
                break
            try:
                check_text(f"the reading of {measure.id}", answer)
                readings.append(parse_reading(f"{measure.id}={answer}", quarter))
                break
            except EntryError as error:
                tell(f"{error}; type it again, or press Enter to skip it.")
    return readings


def ask_deliverables(
    ask: Ask,
    rows: Sequence[tuple[str, Deliverable]],
    statuses: Sequence[Rating],
    tell: Tell = lambda line: None,
) -> list[dict[str, Any]]:
    """A status for each row, typed as STATUS[:PROGRESS] in the partnership's words (by id
    or label, as --deliverable takes it); Enter skips a row."""
    tell(f"Deliverable statuses: {scale_words(statuses)}.")
    found = []
    for caption, row in rows:
        question = f"Status of {caption}: {row.requirement}: STATUS[:PROGRESS], Enter to skip"
        while True:
            answer = ask(question).strip()
            if not answer:
                break
            try:
                check_text(f"the status of {row.id}", answer)
                update = parse_deliverable(f"{row.id}={answer}")
            except EntryError as error:
                tell(f"{error}; type it again, or press Enter to skip it.")
                continue
            typed = update.get("status")
            chosen = rating_id(typed, statuses) if typed is not None else None
            if typed is not None and chosen is None:
                tell(f"{unknown_status(visible(typed), statuses)}; or press Enter to skip it.")
                continue
            found.append({**update, "status": chosen} if chosen else update)
            break
    return found


def ask_author(ask: Ask, tell: Tell = lambda line: None) -> str | None:
    """Who wrote the update; None when the person leaves it empty."""
    while True:
        answer = ask("Author of the update (Enter for none)").strip()
        if not answer:
            return None
        try:
            return check_text("the author", answer)
        except EntryError as error:
            tell(f"{error}, and type it again.")


def editor_command() -> list[str] | None:
    """The person's editor, from $VISUAL or $EDITOR, or None when neither is set."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return split_command(value)
            except ValueError as error:
                raise EditorFailed(
                    f"${name} is '{value}', which cannot be read as a command ({error});"
                    " fix its quotes"
                ) from None
    return None


def split_command(value: str, *, windows: bool = sys.platform == "win32") -> list[str]:
    """A command line as the program and its arguments.

    A value that names an existing file is that program, spaces and all
    (C:\\Program Files\\Notepad++\\notepad++.exe). Otherwise it is split as a shell would; on
    Windows, backslashes are kept (they separate folders) and double quotes only group words.
    """
    if Path(value).is_file():
        return [value]
    if not windows:
        return shlex.split(value)
    lexer = shlex.shlex(value, posix=True)
    lexer.whitespace_split = True
    lexer.escape = ""  # a backslash is a folder separator, not an escape
    lexer.quotes = '"'
    return list(lexer)


def ask_status_of(
    ask: Ask, targets: str, ratings: Sequence[Rating], tell: Tell = lambda line: None
) -> str | None:
    """The status, chosen from the scale; None when the person leaves it empty."""
    while True:
        answer = ask(f"Status of {targets} ({scale_words(ratings)}; Enter for none)").strip()
        if not answer:
            return None
        chosen = rating_id(answer, ratings)
        if chosen is not None:
            return chosen
        tell(f"{unknown(visible(answer), ratings)}; or press Enter for none.")


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
            f"# Rating scale: {scale_words(ratings)}.",
            "",
        ]
    )


def message_from(text: str, form: str = "") -> str:
    """What the person wrote: the text above the scissors line, without trailing blank lines.

    When the scissors line was deleted, the comment lines of the template `form` are taken
    out wherever they are; other lines starting with '#' are the person's (Markdown headings).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = [line.rstrip() for line in text.split(SCISSORS, 1)[0].split("\n")]
    if SCISSORS not in text:
        instructions = {line.rstrip() for line in form.split("\n") if line.startswith("#")}
        lines = [line for line in lines if line not in instructions]
    return "\n".join(lines).strip("\n")


def edit_in_editor(command: list[str], text: str) -> str:
    """Open `text` in the editor and return what was saved."""
    shown = " ".join(command)
    try:
        scratch = tempfile.TemporaryDirectory(prefix="icp-obj-")
    except OSError as error:
        raise EditorFailed(
            f"could not make a file for the editor: {reason(error)}; give --bullet"
            " or --body instead"
        ) from None
    with scratch as folder:
        path = Path(folder) / "UPDATE.md"
        path.write_text(text, encoding="utf-8")
        try:
            completed = subprocess.run([*command, str(path)], check=False)
        except OSError as error:
            raise EditorFailed(
                f"could not run the editor '{shown}': {reason(error)};"
                " set $EDITOR to an editor that works"
            ) from None
        if completed.returncode != 0:
            raise EditorFailed(
                f"the editor '{shown}' exited with status {completed.returncode}, so nothing"
                " was written; set $EDITOR to an editor that works, or give --bullet"
            )
        return decode_text("the text saved in the editor", path.read_bytes())


def ask_bullets(ask: Ask, tell: Tell = lambda line: None) -> list[str]:
    """Bullets typed one per prompt; an empty answer ends the list."""
    bullets: list[str] = []
    while True:
        answer = ask(f"Bullet {len(bullets) + 1} (Enter on an empty line to finish)")
        if not answer.strip():
            return bullets
        try:
            bullets.append(check_text(f"bullet {len(bullets) + 1}", answer.strip()))
        except EntryError as error:
            tell(f"{error}, and type it again.")
