"""How a refusal is told: the exit code it deserves."""

from __future__ import annotations

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2  # done; refused because of the data; usage error
