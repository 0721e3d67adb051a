"""`update` and `new-quarter` never write through a link to a place outside the repository,
and never open a named pipe: they refuse, and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from icp_objectives.domain.periods import parse_quarter
from icp_objectives.edit import new_quarter
from icp_objectives.edit.entries import Content
from icp_objectives.edit.update import Request, UpdateError, run
from tests.conftest import MakeRepo

Q1 = "objectives/updates/2020-21/Q1"


def _link(path: Path, target: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def _request(root: Path, target: str = "1.2") -> Request:
    return Request(root, parse_quarter("2020/21 Q1"), (target,), Content(bullets=("New",)))


def test_update_does_not_write_through_a_link_out_of_the_repository(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo({})
    link = root / Q1 / "objective-1.yaml"
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(link.read_bytes())
    before = outside.read_bytes()
    _link(link, outside)
    with pytest.raises(UpdateError, match="outside objectives/, so nothing was written"):
        run(_request(root))
    assert outside.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside.yaml", "repo"]


def test_update_does_not_write_into_a_linked_folder_outside(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo({})
    outside = tmp_path / "outside"
    (root / Q1).rename(outside)
    (root / Q1).symlink_to(outside, target_is_directory=True)
    with pytest.raises(UpdateError, match=r"objective-1\.yaml is, or is in, a link to a place"):
        run(_request(root))
    assert "New" not in (outside / "objective-1.yaml").read_text(encoding="utf-8")


def test_update_refuses_a_quarter_file_that_is_a_named_pipe(make_repo: MakeRepo) -> None:
    root = make_repo({})
    pipe = root / Q1 / "objective-2.yaml"
    os.mkfifo(pipe)
    with pytest.raises(UpdateError, match="a named pipe"):
        run(_request(root, "2.1"))


def test_new_quarter_does_not_write_into_a_linked_folder_outside(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root = make_repo({})
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "objectives/updates/2020-21/Q2").symlink_to(outside, target_is_directory=True)
    with pytest.raises(new_quarter.Refused, match="outside objectives/, so nothing was"):
        new_quarter.start(root, parse_quarter("2020/21 Q2"))
    assert list(outside.iterdir()) == []
