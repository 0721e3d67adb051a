"""Files read from git follow the rules of the disk: a link is refused, a blob over the size
cap is refused before its content is taken, nothing refused is printed, and no more git
processes run than before."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from icp_objectives.domain import limits
from icp_objectives.load import bounded, gitrev, revisions
from icp_objectives.load.loaded import Repository
from tests.conftest import RunCli
from tests.gitrepo import GitRepo

Q1 = "objectives/updates/2020-21/Q1"
SECRET = "SECRET-MARKER-91c2"
BIG = "objectives/9-big.yaml"


def _outside_secret(tmp_path: Path) -> Path:
    secret = tmp_path / "shadow"
    secret.write_text(f"root:{SECRET}:19000:0:99999:7:::\n", encoding="utf-8")
    return secret


def _commit_hostile(repo: GitRepo, tmp_path: Path) -> str:
    """A commit holding a link to a secret outside and a file far over a small cap."""
    (repo.root / Q1 / "objective-7.yaml").symlink_to(_outside_secret(tmp_path))
    (repo.root / BIG).write_text(f"# {SECRET}\n" * 400, encoding="utf-8")
    return repo.commit("Hostile files")


def _codes(repo: Repository) -> set[tuple[str, int, int, str]]:
    return {(p.path, p.line, p.column, p.code) for p in repo.problems}


def test_a_revision_refuses_links_and_huge_blobs_without_taking_them(
    git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rev = _commit_hostile(git_repo, tmp_path)
    monkeypatch.setattr(limits, "MAX_BYTES", 3000)
    asked: list[list[str]] = []
    real_batch = gitrev._batch

    def spy(where: gitrev.Checkout, names: list[str]) -> list[bytes | bounded.Refusal | None]:
        asked.append(names)
        return real_batch(where, names)

    monkeypatch.setattr(gitrev, "_batch", spy)
    where = gitrev.checkout(git_repo.root)
    loaded = revisions.at(where, rev)
    assert {
        (f"{Q1}/objective-7.yaml", 1, 1, "linked-file"),
        (BIG, 1, 1, "file-too-large"),
    } <= _codes(loaded)
    assert SECRET not in " ".join(p.message for p in loaded.problems)
    big = git_repo.git("rev-parse", f"{rev}:{BIG}")
    link = git_repo.git("rev-parse", f"{rev}:{Q1}/objective-7.yaml")
    assert len(asked) == 1
    assert big not in asked[0] and link not in asked[0]


def test_the_files_of_a_folder_at_a_revision_follow_the_same_rules(
    git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (git_repo.root / Q1 / "objective-7.yaml").symlink_to(_outside_secret(tmp_path))
    (git_repo.root / Q1 / "objective-8.yaml").write_text("# padding\n" * 400, encoding="utf-8")
    rev = git_repo.commit("Hostile quarter files")
    monkeypatch.setattr(limits, "MAX_BYTES", 3000)
    where = gitrev.checkout(git_repo.root)
    spawned: list[object] = []
    real_popen = subprocess.Popen

    def spy(*args: Any, **options: Any) -> Any:
        spawned.append(args)
        return real_popen(*args, **options)

    monkeypatch.setattr(subprocess, "Popen", spy)
    (files,) = gitrev.folders_at(where, [(rev, Q1)])
    assert len(spawned) == 2  # the trees, then the files: as many git processes as before
    assert files[f"{Q1}/objective-7.yaml"] == bounded.LINK_IN_GIT
    refused = files[f"{Q1}/objective-8.yaml"]
    assert isinstance(refused, bounded.Refusal) and refused.code == "file-too-large"
    assert isinstance(files[f"{Q1}/objective-1.yaml"], bytes)


def test_objects_over_the_cap_are_skipped_and_the_rest_still_read(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_repo.write({BIG: "# padding\n" * 400})
    rev = git_repo.commit("A big file")
    monkeypatch.setattr(limits, "MAX_BYTES", 3000)
    where = gitrev.checkout(git_repo.root)
    names = [f"{rev}:{BIG}", f"{rev}:no-such-file", f"{rev}:{Q1}/report.yaml"]
    big, missing, report = gitrev.objects(where, names)
    assert (big, missing) == (None, None)
    assert report is not None and report.startswith(b"title:")


def test_a_failing_git_batch_says_why(git_repo: GitRepo, tmp_path: Path) -> None:
    where = gitrev.Checkout(tmp_path / "not-a-repository", "")
    (tmp_path / "not-a-repository").mkdir()
    with pytest.raises(gitrev.GitError):
        gitrev.objects(where, ["HEAD:objectives/partnership.yaml"])


def test_diff_never_prints_a_linked_secret(git_repo: GitRepo, cli: RunCli, tmp_path: Path) -> None:
    git_repo.branch("hostile")
    _commit_hostile(git_repo, tmp_path)
    for fmt in ("text", "md", "json"):
        result = cli("diff", "main", "HEAD", "--format", fmt, "--root", str(git_repo.root))
        assert SECRET not in result.output
    text = cli("diff", "main", "HEAD", "--root", str(git_repo.root)).output
    assert "objective-7.yaml" in text
