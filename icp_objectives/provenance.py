"""Which data a paper was built from: a fingerprint of the files and, from git, a commit."""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from icp_objectives.repository import DATA_DIR, data_files


@dataclass(frozen=True)
class Provenance:
    files: int
    fingerprint: str
    commit: str | None = None
    changed_since_commit: bool = False

    @property
    def sentence(self) -> str:
        what = f"Built by icp-obj from {self.files} data files in {DATA_DIR}/"
        what += f" (fingerprint {self.fingerprint})"
        if self.commit and self.changed_since_commit:
            return f"{what}, with changes not yet committed after commit {self.commit}."
        if self.commit:
            return f"{what}, last changed in commit {self.commit}."
        return f"{what}."


def fingerprint(root: Path) -> tuple[int, str]:
    """A short hash of every data file's path and bytes: the same data, the same fingerprint."""
    digest = hashlib.sha256()
    files = data_files(root)
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return len(files), digest.hexdigest()[:12]


def collect(root: Path) -> Provenance:
    count, digest = fingerprint(root)
    commit = _git(root, "log", "-1", "--format=%h", "--", DATA_DIR)
    dirty = bool(_git(root, "status", "--porcelain", "--", DATA_DIR)) if commit else False
    return Provenance(count, digest, commit or None, dirty)


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
