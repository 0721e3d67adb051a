"""The `icp-obj` command: parse options, call the core, print, exit. No business logic here.

One module per group of commands; imports of the core happen inside each command, so
`icp-obj --help` starts quickly.
"""

from __future__ import annotations

import gc
import os

from icp_objectives.cli.base import app

# Each module registers its commands; --help lists them in this order, the workflow's.
# isort: off
from icp_objectives.cli import starting  # noqa: F401  init
from icp_objectives.cli import checking  # noqa: F401  validate
from icp_objectives.cli import paper  # noqa: F401  report
from icp_objectives.cli import updating  # noqa: F401  update, new-quarter
from icp_objectives.cli import standing  # noqa: F401  status
from icp_objectives.cli import covering  # noqa: F401  cover
from icp_objectives.cli import importing  # noqa: F401  import-readings
from icp_objectives.cli import measuring  # noqa: F401  measures
from icp_objectives.cli import reviewing  # noqa: F401  diff, schema
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point."""
    # One run is short, and nearly all it builds (every file read, as data) lives until it
    # ends, so the cycle collector's passes find little to free (a few thousand objects in a
    # 40-year history) while walking all of it again and again: a fifth of a long history's
    # validate (benchmarks/bench.py; README, Performance). Memory is freed by reference
    # counting as ever; only cycles wait, for the end of the run. And what is still alive as
    # Python shuts down (an exit's traceback holds the command's data) is frozen, out of the
    # final collection's walk, which cost a 100,000-problem file a third of its run.
    # The models are the tool's own: no pydantic plugin installed alongside (a tracer, say)
    # is loaded into them, and pydantic does not look through every installed package's
    # entry points for one at each start (5 ms). Whoever sets the variable decides.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    gc.disable()
    try:
        app(prog_name="icp-obj")
    finally:
        gc.freeze()
        gc.enable()
