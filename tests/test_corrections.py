"""The next paper lists corrections to papers already presented; later papers do not."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MakeRepo, RunCli

Q1 = "objectives/updates/2020-21/Q1"
CORRECTED = """
    objective: 1
    entries:
      - covers: "1.1"
        status: red
        body: Take-up fell.
        correction:
          reason: The Q1 rating was entered as amber by mistake <b>.
          date: 2020-08-03
    """


def _quarter(name: str, presented: str | None) -> dict[str, str]:
    line = f"presented: {presented}\n" if presented else ""
    return {
        f"objectives/updates/2020-21/{name}/report.yaml": (
            f"title: {name} update\n{line}introduction: The quarter.\n"
        ),
        f"objectives/updates/2020-21/{name}/objective-2.yaml": (
            "objective: 2\nentries:\n  - covers: '2.1'\n    body: Going well.\n"
        ),
    }


def _repo(make_repo: MakeRepo) -> Path:
    return make_repo(
        {
            f"{Q1}/report.yaml": "title: Q1\npresented: 2020-07-21\nintroduction: Q1.\n",
            f"{Q1}/objective-1.yaml": CORRECTED,
            **_quarter("Q2", "2020-10-20"),
            **_quarter("Q3", None),
        }
    )


def _paper(cli: RunCli, root: Path, quarter: str, fmt: str) -> str:
    result = cli("report", quarter, "-f", fmt, "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_next_paper_lists_the_correction(make_repo: MakeRepo, cli: RunCli) -> None:
    root = _repo(make_repo)
    md = _paper(cli, root, "2020/21 Q2", "md")
    assert "## Corrections to earlier papers" in md
    assert (
        "| 2020/21 Q1 | 1.1 | The Q1 rating was entered as amber by mistake &lt;b>. | 3 August 2020 |"
        in md
    )
    assert md.index("## Corrections") < md.index("## Summary of progress")
    html = _paper(cli, root, "2020/21 Q2", "html")
    assert '<h2 id="corrections">Corrections to earlier papers</h2>' in html
    assert "by mistake &lt;b&gt;.</td><td>3 August 2020</td>" in html


def test_later_papers_and_the_corrected_paper_do_not(make_repo: MakeRepo, cli: RunCli) -> None:
    root = _repo(make_repo)
    for quarter in ("2020/21 Q1", "2020/21 Q3"):
        for fmt in ("md", "html"):
            assert "Corrections to earlier papers" not in _paper(cli, root, quarter, fmt)
