"""Keep an ICP's objectives and quarterly updates as YAML in git, and render the board paper."""

__version__ = "0.1.0"
