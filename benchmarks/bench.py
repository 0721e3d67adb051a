"""Benchmark: generate a large objectives repository and time validate, report and start-up;
time the Word rendering of the shipped paper.

Run: python benchmarks/bench.py [--years 20] [--objectives 10] [--keep DIR]
Prints one line per measurement; the README quotes its figures. Not a test: timings vary.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from icp_objectives.check import validation
from icp_objectives.domain.periods import FinancialYear, Quarter
from icp_objectives.load import gitrev, revisions
from icp_objectives.paper import provenance, view, word
from icp_objectives.paper import publish as report
from icp_objectives.review import semantic_diff

SHIPPED = Path(__file__).resolve().parent.parent

PARAGRAPH = (
    "Nottinghamshire County Council and the CCG are now jointly commissioning speech, language"
    " and communication needs services. Resources have been pooled to ensure one seamless"
    " pathway for children and families, focusing on children under the age of 5."
)

BARE_TYPER_APP = (
    "import typer\napp = typer.Typer()\n@app.command()\ndef run() -> None: pass\n"
    "@app.command()\ndef other() -> None: pass\napp(['--help'])"
)


def diff_of(root: Path, base: str, head: str) -> object:
    """What `icp-obj diff BASE HEAD` computes."""
    both = revisions.sides(root, base, head)
    return semantic_diff.compare(both.base, both.head)


def generate(root: Path, *, years: int, objectives: int) -> int:
    """Write the repository; return the number of YAML bytes written."""
    data = root / "objectives"
    written = _write(data / "partnership.yaml", _partnership())
    for number in range(1, objectives + 1):
        written += _write(data / f"{number}-objective.yaml", _objective(number))
    for offset in range(years):
        year = FinancialYear(2000 + offset)
        for q in range(1, 5):
            quarter = Quarter(year, q)
            folder = data / "updates" / year.slug / quarter.name
            intro = f"title: Quarter {q} update\nintroduction: |\n  {PARAGRAPH}\n"
            written += _write(folder / "report.yaml", intro)
            for number in range(1, objectives + 1):
                written += _write(folder / f"objective-{number}.yaml", _updates(number, offset))
    return written


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def _partnership() -> str:
    ratings = "".join(
        f"  - id: {r}\n    label: {r.title()}\n    definition: Rated {r}.\n"
        for r in ("green", "amber", "red")
    )
    return f"name: Benchmark ICP\npartners:\n  ncc: County Council\nratings:\n{ratings}"


def _objective(number: int) -> str:
    out = f"# Objective {number}\nid: {number}\ntitle: Objective number {number}\nlead: ncc\n"
    out += "breakthroughs:\n"
    for b in (1, 2):
        out += f'  - id: "{number}.{b}"\n    title: Breakthrough {number}.{b}\n    measures:\n'
        out += f"      - id: m-{number}-{b}\n        title: Measure {number}.{b}\n"
        out += "        unit: '%'\n        better: higher\n"
        out += "        baseline: {period: 1999/00 Q4, value: 50}\n"
    return out


def _updates(number: int, offset: int) -> str:
    out = f"# Updates for objective {number}\nobjective: {number}\nentries:\n"
    for b in (1, 2):
        out += f'  - covers: "{number}.{b}"\n    status: amber\n    body: |\n'
        out += "".join(f"      - **Point {i}:** {PARAGRAPH}\n" for i in range(4))
        out += f"    readings:\n      - measure: m-{number}-{b}\n        value: {50 + offset}\n"
    return out


def git_history(root: Path) -> None:
    """Commit the data, mark every quarter presented, then change one status a quarter."""

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "bench@example.org")
    git("config", "user.name", "Benchmark")
    git("add", "-A")
    git("commit", "-qm", "data")
    for report_file in sorted((root / "objectives" / "updates").glob("*/*/report.yaml")):
        with report_file.open("a", encoding="utf-8") as stream:
            stream.write("presented: 2021-07-20\n")
    git("commit", "-qam", "every quarter presented")
    git("checkout", "-qb", "branch")
    for updates in sorted((root / "objectives" / "updates").glob("*/*/objective-1.yaml")):
        updates.write_text(updates.read_text().replace("status: amber", "status: red", 1))
    git("commit", "-qam", "one status changed in every quarter")


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def shipped_word(runs: int) -> None:
    """Time the shipped Q1 paper as Word: from its HTML alone, and the whole of `report -f docx`
    once the data is loaded (the HTML rendered, then converted)."""
    repo = validation.validate(SHIPPED)
    quarter = max(q for q in repo.quarters if q.number == 1)
    proof = provenance.collect(repo, quarter)
    html = report.texts(repo, quarter, ["html"], proof)["html"]
    paper = view.build(repo, quarter)
    convert = best_of(runs, lambda: word.document(repo, quarter, paper, html))
    whole = best_of(runs, lambda: report.files(repo, quarter, ["docx"], proof))
    size = len(report.files(repo, quarter, ["docx"], proof)["docx"])
    print(
        f"Word paper ({quarter.label}, shipped; {size / 1000:.0f} kB): HTML to .docx"
        f" {convert * 1000:.0f} ms, report -f docx with data loaded {whole * 1000:.0f} ms"
        f" (best of {runs})"
    )


def startup(command: list[str], runs: int) -> float:
    return statistics.median(
        best_of(1, lambda: subprocess.run(command, capture_output=True, check=True))
        for _ in range(runs)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--objectives", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Generate into DIR and keep it.")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="icp-bench-"))
    try:
        size = generate(root, years=args.years, objectives=args.objectives)
        files = sum(1 for _ in (root / "objectives").rglob("*.yaml"))
        print(f"repository: {files} files, {size / 1e6:.1f} MB of YAML")
        seconds = best_of(args.runs, lambda: validation.validate(root))
        problems = validation.validate(root).problems
        assert not problems, problems[:3]
        print(f"validate: {seconds:.2f} s, {size / 1e6 / seconds:.1f} MB/s (best of {args.runs})")
        repo = validation.validate(root)
        last = max(repo.quarters)
        proof = provenance.collect(
            repo, last, gitrev.last_change(root, provenance.pathspecs(repo, last))
        )
        seconds = best_of(args.runs, lambda: report.texts(repo, last, ["md", "html"], proof))
        print(f"report (render {last.label}, md + html, data loaded): {seconds * 1000:.0f} ms")
        git_history(root)
        seconds = best_of(args.runs, lambda: validation.validate(root))
        locked = len(validation.validate(root).problems)
        print(
            f"validate in git, all {len(repo.quarters)} quarters presented and {locked} locked"
            f" entries changed: {seconds:.2f} s (best of {args.runs})"
        )
        seconds = best_of(args.runs, lambda: diff_of(root, "main", "branch"))
        print(f"diff main..branch ({files} files each side): {seconds:.2f} s")
        shipped_word(args.runs)
        exe = [sys.executable, "-m", "icp_objectives", "--help"]
        bare = [sys.executable, "-c", BARE_TYPER_APP]
        print(
            f"icp-obj --help: {startup(exe, 7) * 1000:.0f} ms; bare typer app: "
            f"{startup(bare, 7) * 1000:.0f} ms (median of 7)"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
