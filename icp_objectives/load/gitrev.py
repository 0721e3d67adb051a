"""Everything this tool asks of git, in one place: revisions, their files, and history.

The rest of the package never runs git; it gets folders of files and commit ids from here.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from icp_objectives.domain.errors import IcpError
from icp_objectives.load import bounded
from icp_objectives.load.bounded import Refusal
from icp_objectives.load.memo import remembered
from icp_objectives.load.root import nearby as nearby  # asked by those that run git
from icp_objectives.load.snapshot import DATA_DIR

DEFAULT_BRANCHES = ("main", "master")
_TIMEOUT = 60
_KINDS = {b"blob", b"tree", b"commit", b"tag"}
_LINK = "120000"  # the mode git gives a symbolic link
_MISSING = "git is not installed or not on PATH; install git and try again"


class GitError(IcpError):
    """Git cannot do what was asked, in one plain line saying how to put it right."""


class GitMissing(GitError):
    """There is no git to run."""


@dataclass(frozen=True)
class Checkout:
    """A folder inside a git work tree, and where it sits from the top of that tree."""

    root: Path
    prefix: str  # "" at the top, else like "sub/dir/"


def run(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """git's standard output; GitError with git's own first line of complaint otherwise.

    Within `memo.one_command`, the same query runs git only the first time.
    """
    return remembered(("git", str(root), args, stdin), lambda: spawn(root, args, stdin))


def spawn(root: Path, args: tuple[str, ...], stdin: bytes | None) -> bytes:
    """Run one git process and take its whole output: the usual way git is started."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitMissing(_MISSING) from None
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"git could not run: {error}") from None
    if done.returncode != 0:
        complaint = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(complaint[0] if complaint else f"git {args[0]} failed")
    return done.stdout


def stream(root: Path, args: tuple[str, ...], stdin: IO[bytes], stderr: IO[bytes]) -> Any:
    """Start one git process whose output is read as it comes (a Popen): the only other place
    that starts git, for output too large to hold at once."""
    try:
        return subprocess.Popen(
            ["git", "-C", str(root), *args], stdin=stdin, stdout=subprocess.PIPE, stderr=stderr
        )
    except FileNotFoundError:
        raise GitMissing(_MISSING) from None
    except OSError as error:
        raise GitError(f"git could not run: {error}") from None


def text(root: Path, *args: str) -> str:
    """git's standard output as text, stripped (see `run`)."""
    return run(root, *args).decode("utf-8", "replace").strip()


def last_change(root: Path, pathspecs: list[str]) -> tuple[str, bool] | None:
    """The short id of the last commit that changed the paths, and whether they changed since.

    None outside git, before the first commit, or when git is missing: a paper can be built
    without knowing.
    """
    try:
        commit = text(root, "log", "-1", "--format=%h", "--", *pathspecs)
        dirty = bool(commit) and bool(text(root, "status", "--porcelain", "--", *pathspecs))
    except GitError:
        return None
    return (commit, dirty) if commit else None


def start_repository(root: Path) -> None:
    """Make `root` a new git repository, on a branch named main."""
    spawn(root, ("init", "--quiet", "--initial-branch=main"), None)


def prefix(root: Path) -> str:
    """The path from the top of the git work tree to `root` ("" at the top or outside git)."""
    try:
        return checkout(root).prefix if nearby(root) else ""
    except GitError:
        return ""


def head_state(root: Path) -> str | None:
    """What the history that presented quarters are checked against hangs on: the commit
    checked out and whether the clone is shallow ("" outside git); None when git cannot say."""
    if not nearby(root):
        return ""
    try:
        return text(root, "rev-parse", "--is-shallow-repository", "HEAD")
    except GitError:
        return None


def shallow(root: Path) -> bool:
    """Whether `root` is in a shallow clone, whose history stops short."""
    try:
        return text(root, "rev-parse", "--is-shallow-repository") == "true"
    except GitError:
        return False


def has_commits(root: Path) -> bool:
    """Whether the repository has a commit yet."""
    try:
        run(root, "rev-parse", "--verify", "--quiet", "HEAD")
    except GitError:
        return False
    return True


def cut_off(where: Checkout) -> set[str]:
    """The commits where a shallow clone's history stops: git sees their files as all new."""
    try:
        listing = Path(where.root, text(where.root, "rev-parse", "--git-path", "shallow"))
        return set(listing.read_text(encoding="ascii").split())
    except (GitError, OSError, UnicodeDecodeError):
        return set()


def checkout(root: Path) -> Checkout:
    """The git work tree around `root`, or GitError when there is none."""
    try:
        prefix = text(root, "rev-parse", "--show-prefix")
    except GitMissing:
        raise
    except GitError as error:
        if nearby(root):  # there is a repository, but git will not open it
            hint = ""
            owned = re.search(r"dubious ownership in repository at '(.+)'", str(error))
            if owned:
                trust = f"git config --global --add safe.directory {owned[1]}"
                hint = f"; if you trust it, run: {trust}"
            raise GitError(f"git cannot open the repository here ({error}){hint}") from None
        raise GitError(
            f"{root} is not inside a git repository; run this in a clone of the objectives"
            " repository"
        ) from None
    return Checkout(root, prefix)


def commit(where: Checkout, rev: str) -> str:
    """The full id of the commit `rev` names."""
    try:
        return text(
            where.root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"
        )
    except GitError:
        raise GitError(
            f"'{rev}' is not a commit in this repository; check the name, or fetch it (in a"
            " shallow clone, older commits: git fetch --deepen=50 origin; a branch B:"
            " git fetch origin B:refs/remotes/origin/B, then name it origin/B)"
        ) from None


def default_branch(where: Checkout) -> str:
    """origin's default branch if known, else main or master, local or on origin."""
    try:
        return text(where.root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    except GitError:
        pass
    for ref in (*DEFAULT_BRANCHES, *(f"origin/{b}" for b in DEFAULT_BRANCHES)):
        try:
            run(where.root, "rev-parse", "--verify", "--quiet", ref + "^{commit}")
        except GitError:
            continue
        return ref
    raise GitError("there is no main or master branch to compare with; name the BASE revision")


def merge_base(where: Checkout, branch: str) -> str:
    """Where the current branch left `branch`: the default BASE of a diff."""
    try:
        return text(where.root, "merge-base", "HEAD", branch)
    except GitError:
        raise GitError(
            f"cannot find where this branch left {branch} (a shallow clone may lack that"
            " history); fetch more history or name the BASE revision"
        ) from None


def files_at(where: Checkout, rev: str, folder: str = DATA_DIR) -> dict[str, bytes | Refusal]:
    """Every file under `folder` (relative to the root) as it was at `rev`, by relative path.

    A link, or a file over the size cap (git's listing gives each one's size), is refused
    without its content being read.
    """
    return read_blobs(where, blobs_at(where, rev, folder))


def blobs_at(where: Checkout, rev: str, folder: str = DATA_DIR) -> dict[str, str | Refusal]:
    """Every file under `folder` at `rev`, by relative path: its blob id, or why it is refused
    unread (a link, or over the size cap). One `git ls-tree`; no content is read."""
    top = where.prefix + folder.strip("/")
    listing = run(where.root, "ls-tree", "-r", "-z", "-l", "--full-tree", rev, "--", top)
    found: dict[str, str | Refusal] = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.decode("utf-8", "surrogateescape").partition("\t")
        mode, kind, sha, size = meta.split()
        rel = name[len(where.prefix) :]
        if kind != "blob":
            continue
        if mode == _LINK:
            found[rel] = bounded.LINK_IN_GIT
        elif int(size) > bounded.cap():
            found[rel] = bounded.too_large(int(size))
        else:
            found[rel] = sha
    return found


def read_blobs(where: Checkout, listed: Mapping[str, str | Refusal]) -> dict[str, bytes | Refusal]:
    """The content of each listed blob id by relative path (a refusal stays as it is), read
    with one `git cat-file`; sorted by path."""
    found: dict[str, bytes | Refusal] = {}
    blobs: list[tuple[str, str]] = []
    for rel, listing in listed.items():
        if isinstance(listing, Refusal):
            found[rel] = listing
        else:
            blobs.append((listing, rel))
    for (_, rel), data in zip(blobs, _read(where, [sha for sha, _ in blobs]), strict=True):
        found[rel] = data or b""
    return dict(sorted(found.items()))


def blob_id(data: bytes, length: int = 40) -> str:
    """The id git gives a blob of these bytes (SHA-1, or SHA-256 where ids are 64 long), so a
    file in the work tree is known to be as committed without asking git."""
    digest = hashlib.sha256 if length == 64 else hashlib.sha1
    return digest(b"blob %d\0" % len(data) + data).hexdigest()


def folders_at(
    where: Checkout, wanted: list[tuple[str, str]], known: Mapping[str, bytes] | None = None
) -> list[dict[str, bytes | Refusal]]:
    """The files directly in each (revision, folder), read with two git processes in all; a
    link, or a file over the size cap, is refused without its content being read.

    `known` holds bytes by their git object id (see `blob_id`): a file whose object is there,
    such as one unchanged in the work tree since, is not read from git again.
    """
    known = known or {}
    trees = objects(where, [f"{rev}:{where.prefix}{folder}" for rev, folder in wanted])
    listed = [_tree_files(tree) if tree is not None else [] for tree in trees]
    unknown = [sha for entries in listed for _, sha, link in entries if not link]
    unknown = list(dict.fromkeys(sha for sha in unknown if sha not in known))
    contents = dict(zip(unknown, _read(where, unknown), strict=True))
    found = []
    for (_, folder), entries in zip(wanted, listed, strict=True):
        found.append(
            {
                f"{folder}/{name}": bounded.LINK_IN_GIT
                if link
                else (known[sha] if sha in known else contents[sha]) or b""
                for name, sha, link in entries
            }
        )
    return found


def _tree_files(tree: bytes) -> list[tuple[str, str, bool]]:
    """(name, object id, whether it is a link) of the files and links in a raw git tree."""
    entries, at = [], 0
    while at < len(tree):
        space = tree.index(b" ", at)
        nul = tree.index(b"\0", space)
        mode = tree[at:space]
        name = tree[space + 1 : nul].decode("utf-8", "surrogateescape")
        sha = tree[nul + 1 : nul + 21].hex()
        if mode in {b"100644", b"100755", _LINK.encode()}:
            entries.append((name, sha, mode == _LINK.encode()))
        at = nul + 21
    return entries


def objects(where: Checkout, names: list[str]) -> list[bytes | None]:
    """The content of each named object (an id, or rev:path), None where there is none or it
    is over the size cap. Within `memo.one_command`, the same objects are read once."""
    return [data if isinstance(data, bytes) else None for data in _read(where, names)]


def _read(where: Checkout, names: list[str]) -> list[bytes | Refusal | None]:
    """`_batch`, once per command for the same objects (within `memo.one_command`)."""
    return remembered(("objects", str(where.root), tuple(names)), lambda: _batch(where, names))


def _batch(where: Checkout, names: list[str]) -> list[bytes | Refusal | None]:
    """Each named object's content, read from one `git cat-file --batch` as it streams out:
    an object over the size cap is skipped unread and refused, so memory stays bounded."""
    if not names:
        return []
    with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as complaint:
        given.write("".join(n + "\n" for n in names).encode("utf-8", "surrogateescape"))
        given.seek(0)
        git = stream(where.root, ("cat-file", "--batch"), given, complaint)
        timer = threading.Timer(_TIMEOUT, git.kill)
        timer.start()
        with git:
            try:
                assert git.stdout is not None
                return [_next_object(git.stdout) for _ in names]
            except _Ended:
                git.kill()
            finally:
                timer.cancel()
        complaint.seek(0)
        lines = complaint.read().decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[0] if lines else "git cat-file stopped before it was done")


class _Ended(GitError):
    """git's output stopped before every object asked for was read."""

    def __init__(self) -> None:
        super().__init__("git cat-file stopped before it was done")


def _next_object(out: IO[bytes]) -> bytes | Refusal | None:
    header = out.readline()
    if not header.endswith(b"\n"):
        raise _Ended
    fields = header[:-1].split(b" ")
    if len(fields) != 3 or fields[1] not in _KINDS or not fields[2].isdigit():
        # "<name> missing" (or ambiguous), where the name may hold spaces: no content follows
        return None
    size = int(fields[2])
    if size > bounded.cap():
        left = size + 1
        while left:
            chunk = out.read(min(left, 1 << 20))
            if not chunk:
                raise _Ended
            left -= len(chunk)
        return bounded.too_large(size)
    data = out.read(size + 1)
    if len(data) != size + 1:
        raise _Ended
    return data[:-1]


def fork_point(where: Checkout, rev: str) -> str:
    """Where HEAD's history left `rev`'s: `rev` itself when HEAD is built on it.

    So a branch is compared with what it started from, not with later work on `rev`. When the
    two share no history here (a shallow clone), `rev` itself.
    """
    base = commit(where, rev)
    try:
        return text(where.root, "merge-base", "HEAD", base) or base
    except GitError:
        return base


def changed_since(where: Checkout, base: str, folder: str = DATA_DIR) -> list[str]:
    """Files under `folder` changed, added or deleted since commit `base`, uncommitted included."""
    changed = run(where.root, "diff", "--name-only", "-z", "--no-renames", "--relative", base)
    changed += b"\0" + run(
        where.root, "ls-files", "-z", "--others", "--exclude-standard", "--", folder
    )
    names = {n.decode("utf-8", "surrogateescape") for n in changed.split(b"\0") if n}
    return sorted(n for n in names if n.startswith(folder.rstrip("/") + "/"))
