"""A repository whose text is long and hostile, for the tests that print or audit the paper:
a summary table that runs over pages, markup in titles and bodies, references to local files,
and unbroken words of 150 and 400 letters."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.conftest import MINIMAL

HOSTILE_TITLE = 'Q1 <script>alert("t")</script> & <b>bold</b> update'
BREAKTHROUGHS = 40


def breakthrough(n: int) -> str:
    """The long title of breakthrough objective 1.n, with markup that must stay text; the
    second's starts with a word too long for its table cell."""
    long_word = "L" * 150 + " " if n == 2 else ""
    partners = " ".join(f"partner{n}x{k}" for k in range(22))
    return f"{long_word}Breakthrough {n} <i>works</i> with {partners}"


_LIST = "\n".join(
    f'  - id: "1.{n}"\n    title: {breakthrough(n)}' for n in range(1, BREAKTHROUGHS + 1)
)
FILES = {
    "objectives/1-start.yaml": (
        f"id: 1\ntitle: Best start <img src=x> in life\nlead: ncc\nbreakthroughs:\n{_LIST}\n"
    ),
    "objectives/updates/2020-21/Q1/report.yaml": f"""
        title: '{HOSTILE_TITLE}'
        period: 2020/21 Q1
        introduction: |
          <link rel="stylesheet" href="file:///etc/hostile.css"> <img src="file:///etc/passwd">
          See file:///etc/passwd and {"W" * 400}.
        """,
    "objectives/updates/2020-21/Q1/objective-1.yaml": """
        objective: 1
        entries:
          - covers: "1.1"
            status: amber
            body: |
              - <style>body { display: none }</style> Take-up is recovering.
        """,
}


def write(root: Path) -> Path:
    """The repository, on top of the small valid one, written under `root`."""
    for name, text in {**MINIMAL, **FILES}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root
