"""How a long run tells its caller how far it has got, without knowing who is watching. Pure.

The core calls a `Step` once per item (a file read, a format rendered); the command line
decides whether anyone sees it (a progress bar on a terminal, nothing on a pipe).
"""

from __future__ import annotations

from collections.abc import Callable

# (the item now being worked on, its number from 1, how many there are)
Step = Callable[[str, int, int], None]


def quiet(item: str, number: int, total: int) -> None:
    """The step of a run that nobody watches."""
