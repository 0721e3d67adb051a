"""How a refusal is told: the exit code it deserves, and an operating-system error in words."""

from __future__ import annotations

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2  # done; refused because of the data; usage error


def reason(error: BaseException) -> str:
    """What went wrong, in the system's few words ('Permission denied') when it has them."""
    return str(getattr(error, "strerror", None) or error)
