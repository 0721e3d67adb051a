"""`python -m icp_objectives`: the same as `icp-obj`."""

import sys

try:
    from icp_objectives.cli import main
except ModuleNotFoundError as missing:  # run from a checkout without installing it
    print(
        f"icp-obj: the package {missing.name} is not installed; install icp-obj with its"
        " dependencies first: pip install .  (in the repository folder)",
        file=sys.stderr,
    )
    sys.exit(2)

main()
