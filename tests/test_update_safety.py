"""`icp-obj update` under stress: real concurrent processes, and processes killed mid-write."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from icp_objectives import yamlio
from icp_objectives.check import validation
from icp_objectives.domain.periods import parse_quarter
from icp_objectives.edit.entries import Content
from icp_objectives.edit.update import Request, UpdateError, run
from tests.conftest import PROJECT, MakeRepo

WRITERS = 6
MANY = "objectives/3-many.yaml"
MANY_TEXT = "id: 3\ntitle: Many hands\nbreakthroughs:\n" + "".join(
    f'  - id: "3.{n}"\n    title: Part {n}\n' for n in range(1, WRITERS + 1)
)
TARGET = "objectives/updates/2020-21/Q1/objective-3.yaml"


def _write_one(root: Path, number: int, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    request = Request(
        root, parse_quarter("2020/21 Q1"), (f"3.{number}",), Content(bullets=(f"From {number}",))
    )
    outcome = run(request)
    assert outcome.written, outcome.problems


def test_concurrent_updates_to_one_file_all_land(make_repo: MakeRepo) -> None:
    root = make_repo({MANY: MANY_TEXT}).resolve()
    context = multiprocessing.get_context("spawn")  # fresh interpreters, as separate users run
    start = context.Barrier(WRITERS)
    workers = [
        context.Process(target=_write_one, args=(root, n, start)) for n in range(1, WRITERS + 1)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    data = yamlio.load((root / TARGET).read_text())
    covered = sorted(entry["covers"] for entry in data["entries"])
    assert covered == [f"3.{n}" for n in range(1, WRITERS + 1)]
    assert not validation.validate(root).problems
    assert sorted(p.name for p in (root / TARGET).parent.iterdir()) == [
        "objective-1.yaml",
        "objective-3.yaml",
        "report.yaml",
    ]


# A writer that stops for good once its new text is in a temporary file, before the rename.
STUCK_WRITER = textwrap.dedent(
    """
    import os, sys, time, pathlib
    sys.path.insert(0, sys.argv[3])
    ready = pathlib.Path(sys.argv[2])
    def stuck(fd):
        ready.write_text("stuck")
        time.sleep(120)
    os.fsync = stuck
    from icp_objectives.cli import main
    sys.argv = ["icp-obj", "update", "1.2", "-q", "2020/21 Q1", "-b", "Killed", "--root", sys.argv[1]]
    main()
    """
)

UPDATE = [sys.executable, "-m", "icp_objectives", "update", "1.2", "-q", "2020/21 Q1"]


def test_killed_mid_write_leaves_the_old_file(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo({})
    target = root / "objectives/updates/2020-21/Q1/objective-1.yaml"
    before = target.read_bytes()
    ready = tmp_path / "ready"
    script = tmp_path / "stuck.py"
    script.write_text(STUCK_WRITER)
    process = subprocess.Popen([sys.executable, str(script), str(root), str(ready), str(PROJECT)])
    deadline = time.monotonic() + 30
    while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ready.exists(), "the writer never reached the write"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert target.read_bytes() == before
    assert not validation.validate(root).problems
    leftovers = list(target.parent.glob(".objective-1.yaml.*.tmp"))
    assert len(leftovers) == 1  # the killed writer's temporary file, ignored by validate
    # The lock died with the process: the next update goes through and tidies up.
    after = subprocess.run(
        [*UPDATE, "-b", "Next", "--root", str(root)], capture_output=True, text=True, cwd=PROJECT
    )
    assert after.returncode == 0, after.stderr
    assert not leftovers[0].exists()
    assert "- Next" in target.read_text()


def _writing(target: Path, before: bytes) -> bool:
    """Whether an update of `target` has begun its write: a temporary file, or the new text."""
    return any(target.parent.glob(f".{target.name}.*.tmp")) or target.read_bytes() != before


# Timed kills land wherever the update has got to on this machine, most often before its write
# (it starts a Python process and validates first); "writing" waits until the write has begun,
# so that at least one run is killed after it.
@pytest.mark.parametrize("kill", [0.0, 0.15, 0.3, 0.45, 0.6, "writing"])
def test_killed_at_any_moment_leaves_old_or_new(make_repo: MakeRepo, kill: float | str) -> None:
    root = make_repo({})
    target = root / "objectives/updates/2020-21/Q1/objective-1.yaml"
    before = target.read_bytes()
    process = subprocess.Popen([*UPDATE, "-b", "Maybe", "--root", str(root)], cwd=PROJECT)
    if isinstance(kill, float):
        time.sleep(kill)
    else:
        deadline = time.monotonic() + 30
        while not _writing(target, before) and time.monotonic() < deadline:
            assert process.poll() is None, "the update ended before its write was seen"
            time.sleep(0.001)
        assert _writing(target, before), "the update never began its write"
    process.send_signal(signal.SIGKILL)
    process.wait()
    if kill == "writing":
        assert process.returncode == -signal.SIGKILL, "the update finished before the kill"
    after = target.read_text()
    old = before.decode()
    assert after == old or (after.startswith(old) and after.endswith("- Maybe\n"))
    assert not validation.validate(root).problems


def test_a_held_lock_makes_update_wait_then_give_up(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icp_objectives.edit import safe_write
    from icp_objectives.edit.update import UpdateError

    root = make_repo({})
    target = root / "objectives/updates/2020-21/Q1/objective-1.yaml"
    before = target.read_bytes()
    monkeypatch.setattr(safe_write, "LOCK_TIMEOUT", 0.3)
    request = Request(root, parse_quarter("2020/21 Q1"), ("1.2",), Content(bullets=("x",)))
    with safe_write.locked(target):  # another writer holds the lock
        started = time.monotonic()
        with pytest.raises(UpdateError, match=r"another update to .*objective-1\.yaml has been"):
            run(request)
        assert time.monotonic() - started >= 0.3
    assert target.read_bytes() == before
    assert run(request).written  # once it is free, the update goes through


def test_a_linked_quarter_file_is_written_through_the_link(
    make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icp_objectives.edit import safe_write

    root = make_repo({})
    link = root / "objectives/updates/2020-21/Q1/objective-1.yaml"
    shared = root / "objectives" / ".shared"  # inside objectives/: a link out of it is refused
    shared.mkdir()
    real = shared / "objective-1.yaml"
    real.write_bytes(link.read_bytes())
    link.unlink()
    link.symlink_to(real)
    request = Request(root, parse_quarter("2020/21 Q1"), ("1.2",), Content(bullets=("Linked",)))
    monkeypatch.setattr(safe_write, "LOCK_TIMEOUT", 0.2)
    # The lock is the real file's, whichever path is used to reach it.
    with safe_write.locked(real), pytest.raises(UpdateError, match="another update"):
        run(request)
    assert run(request).written
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "- Linked" in real.read_text()
    assert sorted(p.name for p in shared.iterdir()) == ["objective-1.yaml"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["objective-1.yaml", "report.yaml"]
    assert not validation.validate(root).problems


def test_a_link_to_nothing_is_refused(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo({})
    link = root / "objectives/updates/2020-21/Q1/objective-2.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    request = Request(root, parse_quarter("2020/21 Q1"), ("2.1",), Content(bullets=("x",)))
    with pytest.raises(UpdateError, match=r"is a link to .*gone\.yaml, which does not exist"):
        run(request)
    assert link.is_symlink() and not (tmp_path / "gone.yaml").exists()
