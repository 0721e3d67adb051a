"""Answers kept for one command's run, so that each git query (and what is built from git's
answers) is asked once. Light to import: the CLI opens it before every command."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar, cast

T = TypeVar("T")

_answers: ContextVar[dict[object, object] | None] = ContextVar("answers", default=None)


@contextmanager
def one_command() -> Iterator[None]:
    """Within it, `remembered` does each piece of work once: one command's run, during which
    nothing it asks git about changes."""
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


class _Failed:
    def __init__(self, error: Exception) -> None:
        self.error = error


def remembered(key: object, work: Callable[[], T]) -> T:
    """`work()`, done once per `key` within `one_command` (a failure too); every time outside."""
    answers = _answers.get()
    if answers is None:
        return work()
    if key not in answers:
        try:
            answers[key] = work()
        except Exception as error:
            answers[key] = _Failed(error)
    found = answers[key]
    if isinstance(found, _Failed):
        raise found.error
    return cast(T, found)


def forget() -> None:
    """Drop every answer kept so far: a file was written, and git's view of the work tree with
    it (what `git status` says, what differs from a revision) may have changed."""
    answers = _answers.get()
    if answers is not None:
        answers.clear()
