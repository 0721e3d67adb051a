"""Benchmark: the goals of issue 15, measured as whole processes on a realistic repository.

The repository is the shipped one with its 2020/21 Q1 folder (the real seed text, links and
all) copied into every quarter of 40 financial years, each file saying its own period; the git
variant commits it and marks every quarter presented. Each command runs as its own process;
its cost is the CPU time the process used (user + system, from getrusage), and "net" means less
the cost of `python -c pass` (for the throughput: less the cost of validating the shipped
repository, for the bytes beyond it). Each figure is the median of --runs runs, taken in turn
with the figures it is compared with, so that the machine changing speed meanwhile touches both.

Run: python benchmarks/bench.py [--quick] [--years 40] [--runs 5] [--keep DIR]
Prints one line per measurement, then each goal as a ratio with pass or fail. Not a test: the
machine is noisy, so the goals are ratios between runs made side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent
SEED_QUARTER = Path("objectives/updates/2020-21/Q1")
LAST_YEAR = 2020  # the shipped quarter's financial year: the corpus ends with it

BARE_TYPER_APP = (
    "import typer\napp = typer.Typer()\n@app.command()\ndef run() -> None: pass\n"
    "@app.command()\ndef other() -> None: pass\napp(['--help'])"
)
ICP = [sys.executable, "-m", "icp_objectives"]


def year_slug(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def year_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def corpus(root: Path, *, years: int) -> int:
    """The shipped repository with `years` years of quarters ending 2020/21 Q4 (the shipped
    Q1 copied into each); the number of bytes of YAML under objectives/."""
    shutil.copytree(SHIPPED / "objectives", root / "objectives")
    seed = root / SEED_QUARTER
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(seed.iterdir())}
    shutil.rmtree(root / "objectives" / "updates")
    for start in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
        for number in range(1, 5):
            folder = root / "objectives" / "updates" / year_slug(start) / f"Q{number}"
            folder.mkdir(parents=True)
            period = f"{year_label(start)} Q{number}"
            for name, text in texts.items():
                (folder / name).write_text(
                    text.replace("2020/21 Q1", period), encoding="utf-8", newline=""
                )
    return sum(p.stat().st_size for p in (root / "objectives").rglob("*.yaml"))


def shipped_copy(root: Path) -> int:
    """The shipped repository's objectives, copied (so that the checkout stays as it is)."""
    shutil.copytree(SHIPPED / "objectives", root / "objectives")
    return sum(p.stat().st_size for p in (root / "objectives").rglob("*.yaml"))


def presented_on(start: int, number: int) -> dt.date:
    """A month after the quarter's end: when the board saw its paper."""
    month = 3 * number + 4  # the quarter ends in month 3n+3 of the financial year, from April
    year = start + (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 15)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def in_git(root: Path) -> None:
    """Commit the data, then mark every quarter presented in a second commit."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bench@example.org")
    git(root, "config", "user.name", "Benchmark")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "data")
    for report in sorted((root / "objectives" / "updates").glob("*/*/report.yaml")):
        start, number = int(report.parent.parent.name[:4]), int(report.parent.name[1])
        with report.open("a", encoding="utf-8") as stream:
            stream.write(f"presented: {presented_on(start, number).isoformat()}\n")
    git(root, "commit", "-qam", "every quarter presented")


@dataclass(frozen=True)
class Run:
    cpu: float  # seconds of CPU, user + system
    code: int


def run(command: Sequence[str], *, env: dict[str, str] | None = None) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(cpu, done.returncode)


def median(runs: int, command: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    """The median CPU seconds of `runs` runs; each must end 0 or 1 (problems found)."""
    return medians(runs, (command, env))[0]


def medians(runs: int, *commands: tuple[Sequence[str], dict[str, str] | None]) -> list[float]:
    """Each command's median CPU seconds over `runs` runs, taken in turn (one of each, then
    again), so that the machine slowing down or speeding up meanwhile touches every command
    alike and leaves their ratios be. Each run must end 0 or 1 (problems found)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for (command, env), spent in zip(commands, times, strict=True):
            result = run(command, env=env)
            if result.code not in (0, 1):
                out = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
                raise SystemExit(f"{' '.join(command)} failed ({result.code}): {out.stderr[-800:]}")
            spent.append(result.cpu)
    return [statistics.median(spent) for spent in times]


def environment(*, cache: bool, folder: Path) -> dict[str, str]:
    """The children's environment: with the cache on (in `folder`) or off."""
    env = dict(os.environ)
    env["ICP_OBJ_CACHE_DIR"] = str(folder)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: the modules' bytecode is kept
    env.pop("ICP_OBJ_NO_CACHE", None)
    if not cache:
        env["ICP_OBJ_NO_CACHE"] = "1"
    return env


def clear_cache(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Goal:
    name: str
    value: float
    limit: float
    unit: str = "x"
    higher_is_better: bool = False

    def line(self) -> str:
        met = self.value >= self.limit if self.higher_is_better else self.value <= self.limit
        sign = ">=" if self.higher_is_better else "<="
        figure = f"{self.value:.2f}{self.unit} (goal {sign} {self.limit:g}{self.unit})"
        return f"{'pass' if met else 'FAIL'}  {self.name}: {figure}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def yamllint_command(files: list[Path], env: dict[str, str]) -> list[str] | None:
    """yamllint on the files, or None where it is not installed."""
    probe = subprocess.run(
        [sys.executable, "-m", "yamllint", "--version"], capture_output=True, env=env, check=False
    )
    if probe.returncode != 0:
        return None
    return [sys.executable, "-m", "yamllint", "-d", "relaxed", *map(str, files)]


def single_quarter(root: Path) -> list[list[str]]:
    """report, status and update of the last quarter (the shipped one), writing nothing."""
    where = ["--root", str(root)]
    quarter = f"{year_label(LAST_YEAR)} Q1"
    return [
        [*ICP, "report", quarter, "-f", "md", "-o", "-", *where],
        [*ICP, "status", quarter, *where],
        [*ICP, "update", "1.1", "-q", quarter, "--append", "-b", "More.", "--dry-run", *where],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10 years, 3 runs: a fast check")
    parser.add_argument("--keep", type=Path, help="Generate into DIR and keep it.")
    args = parser.parse_args()
    if args.quick:
        args.years, args.runs = min(args.years, 10), min(args.runs, 3)
    top = args.keep or Path(tempfile.mkdtemp(prefix="icp-bench-"))
    goals: list[Goal] = []
    try:
        big, one, shipped, gitted = (top / name for name in ("years", "one", "shipped", "git"))
        size = corpus(big, years=args.years)
        corpus(one, years=1)
        shipped_size = shipped_copy(shipped)
        corpus(gitted, years=args.years)
        in_git(gitted)
        files = sum(1 for _ in (big / "objectives").rglob("*.yaml"))
        print(f"corpus: {args.years} years, {files} YAML files, {size / 1e6:.2f} MB of YAML")
        n, kept = args.runs, top / "cache"
        cold, warm = (environment(cache=c, folder=kept) for c in (False, True))

        run([*ICP, "--help"], env=cold)  # writes the bytecode, as installing does
        start, helped, bare = medians(
            n,
            ([sys.executable, "-c", "pass"], cold),
            ([*ICP, "--help"], cold),
            ([sys.executable, "-c", BARE_TYPER_APP], cold),
        )
        print(f"python -c pass: {ms(start)}")
        print(f"icp-obj --help: {ms(helped)}; a bare typer app's --help: {ms(bare)}")
        goals.append(Goal("--help vs a bare typer app", helped / bare, 1.0))

        def validate(root: Path) -> list[str]:
            return [*ICP, "validate", "--root", str(root)]

        shipped_files = sorted((shipped / "objectives").rglob("*.yaml"))
        lint = yamllint_command(shipped_files, cold)
        cold_runs = [(validate(shipped), cold), (validate(big), cold), (validate(gitted), cold)]
        found = medians(n, *cold_runs, *([(lint, cold)] if lint else []))
        shipped_cold, big_cold, git_cold = found[:3]
        clear_cache(kept)
        warm_runs = [(validate(root), warm) for root in (shipped, big, gitted)]
        for command, env in warm_runs:
            run(command, env=env)  # keeps its answer for the runs measured
        shipped_warm, big_warm, git_warm = medians(n, *warm_runs)
        print(f"validate, shipped: {ms(shipped_cold)} cold, {ms(shipped_warm)} warm")
        if lint is None:
            print("skipped  validate of the shipped data vs yamllint: yamllint is not installed")
        else:
            linted = found[3]
            print(f"yamllint -d relaxed, shipped: {ms(linted)}")
            goals.append(Goal("validate vs yamllint, shipped", shipped_cold / linted, 1.5))
        # Net of start-up: what the corpus costs beyond the shipped repository (the imports,
        # the process, a dozen files), for the bytes it has beyond it.
        rate = (size - shipped_size) / 1e6 / max(big_cold - shipped_cold, 1e-9)
        print(f"validate, {args.years} years, cold: {ms(big_cold)}, {rate:.1f} MB/s net")
        goals.append(Goal("validate MB/s net of start-up, cold", rate, 8, " MB/s", True))
        print(f"validate, {args.years} years, warm: {ms(big_warm)}")
        goals.append(Goal("validate warm vs shipped", big_warm / shipped_warm, 1.5))
        print(f"validate in git, every quarter presented: {ms(git_cold)} cold, {ms(git_warm)} warm")
        goals.append(Goal("validate in git vs outside, cold", git_cold / big_cold, 1.3))
        goals.append(Goal("validate in git vs outside, warm", git_warm / big_warm, 1.3))

        for long, short in zip(single_quarter(big), single_quarter(one), strict=True):
            name = long[len(ICP)]
            for env, state in ((cold, "cold"), (warm, "warm")):
                run(long, env=env)  # a warm run follows one that kept its answer
                run(short, env=env)
                begun, many, few = medians(
                    n, ([sys.executable, "-c", "pass"], env), (long, env), (short, env)
                )
                many, few = many - begun, few - begun
                print(
                    f"{name} of one quarter, {state}, net: {ms(many)} in {args.years} years,"
                    f" {ms(few)} in 1"
                )
                goals.append(
                    Goal(
                        f"{name} of one quarter, {state}, {args.years} years vs 1", many / few, 1.5
                    )
                )

        for schema in (True, False):
            kind = "schema" if schema else "cross-file"
            crowded = top / f"crowded-{kind}"
            problems = many_problems(crowded, schema=schema)
            spent = median(n, [*ICP, "validate", "--root", str(crowded)], env=cold)
            print(
                f"validate, a file at the size cap with {problems:,} {kind} problems: {ms(spent)}"
            )
            goals.append(Goal(f"{problems:,} {kind} problems in one file", spent, 2, " s"))
    finally:
        if args.keep is None:
            shutil.rmtree(top, ignore_errors=True)
    print()
    for goal in goals:
        print(goal.line())


def many_problems(root: Path, *, schema: bool) -> int:
    """A repository with one file, padded with a comment to just under the size cap, that has
    100,000 problems: unknown keys in an objective file (`schema`), or a quarter's entries
    for a breakthrough objective that does not exist (problems across files)."""
    from icp_objectives.domain.limits import MAX_BYTES

    shipped_copy(root)
    count = 100_000
    if schema:
        path = root / "objectives" / "9-keys.yaml"
        head = "id: 9\ntitle: Keys\n"
        body = "".join(f"k{n}: 1\n" for n in range(count))
    else:
        path = root / SEED_QUARTER / "objective-1.yaml"
        head = "objective: 1\nperiod: 2020/21 Q1\nentries:\n"
        body = '  - covers: "1.9"\n    body: x\n' * count
    padding = MAX_BYTES - len(head) - len(body) - 100
    path.write_text(head + f"# {'x' * max(padding, 0)}\n" + body, encoding="utf-8")
    return count


if __name__ == "__main__":
    main()
