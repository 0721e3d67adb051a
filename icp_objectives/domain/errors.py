"""How a refusal is told: the error every refusal is, the exit code it deserves, and an
operating-system error in words."""

from __future__ import annotations

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2  # done; refused because of the data; usage error
EXIT_IO = 3  # a file could not be read or written: a full disk, no permission, read-only


class IcpError(Exception):
    """A refusal, in one line for the person who asked, and the exit code it deserves.

    Every error of this tool is one; the command line catches them in one place (cli/base.py)
    and prints `icp-obj: <message>` on stderr. A kind whose refusals are usually about the
    data, not the request, says so with its own `exit_code`; one refusal may give its own.
    """

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


def reason(error: BaseException) -> str:
    """What went wrong, in the system's few words ('Permission denied') when it has them."""
    return str(getattr(error, "strerror", None) or error)
