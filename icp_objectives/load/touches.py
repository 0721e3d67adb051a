"""Which commits changed a matching line of each file (a `presented:` line, a correction), and
the file as each of those commits left it: one `git log`, and the bytes of only those files
the work tree does not already hold."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from icp_objectives.load import gitrev


class Touch(NamedTuple):
    """A commit that changed a file, and the file's object id after it (all zeros where the
    commit removed the file)."""

    commit: str
    blob: str


def commits_touching(
    where: gitrev.Checkout, rels: list[str], pattern: str
) -> dict[str, list[Touch]]:
    """For each file, the commits (oldest first) whose change adds or removes a matching line.

    One `git log` for all the files. Empty when there is no history to read.
    """
    found: dict[str, list[Touch]] = {rel: [] for rel in rels}
    if not rels:
        return found
    try:
        out = gitrev.text(
            where.root,
            *("log", "--reverse", "--format=commit %H", "--relative"),
            # each file's object id after the commit: one the work tree holds is not read again
            *("--raw", "--no-abbrev", "--no-renames"),
            *("-G", pattern, "--", *rels),
        )
    except gitrev.GitError as error:
        if gitrev.has_commits(where.root):  # the history is there but cannot be read
            raise gitrev.GitError(f"git cannot read this repository's history ({error})") from None
        return found  # no commits yet: nothing is known to be presented
    commit = ""
    for line in out.splitlines():
        if line.startswith("commit "):
            commit = line.removeprefix("commit ")
            continue
        # :<mode> <mode> <object before> <object after> <change>\t<path>
        change, _, rel = line.partition("\t")
        fields = change.split(" ")
        if rel in found and commit and len(fields) == 5:
            found[rel].append(Touch(commit, fields[3]))
    return found


def contents_of(
    where: gitrev.Checkout, touches: list[Touch], known: Mapping[str, bytes]
) -> list[bytes | None]:
    """The file's content after each change (None where it was removed, or is over the size
    cap): from `known` (bytes by object id, see `blob_id`) where it is there, else from git."""
    unknown = list(dict.fromkeys(t.blob for t in touches if t.blob not in known))
    read = dict(zip(unknown, gitrev.objects(where, unknown), strict=True))
    return [known[t.blob] if t.blob in known else read[t.blob] for t in touches]
