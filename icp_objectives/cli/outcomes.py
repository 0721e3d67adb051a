"""`report outcomes`: render the outcomes and impacts summary as of a month, or check the
committed one."""

from __future__ import annotations

from pathlib import Path

import typer

from icp_objectives.cli.base import fail, fail_with_problems, resolve_root


def report(
    as_of: str | None, fmt: str | None, output: str | None, check: bool, root: Path | None
) -> None:
    """The summary of objectives/outcomes.yaml, written, printed or checked like the paper."""
    from icp_objectives.check.validation import validate as run_validation
    from icp_objectives.cli import paper_output
    from icp_objectives.cli.paper import check_papers, write_papers
    from icp_objectives.domain import problems as problem_format
    from icp_objectives.load import templates
    from icp_objectives.load.loaded import DATA_DIR, OUTCOMES_FILE
    from icp_objectives.measures.headline import month_label
    from icp_objectives.paper import outcomes_publish as publish
    from icp_objectives.paper import outcomes_view

    formats = paper_output.choose_formats(fmt, output, check)
    if any(f not in publish.FORMATS for f in formats):
        fail(
            "the outcomes summary is written as Markdown, HTML or Word; give --format md, html,"
            " docx or all"
        )
    asked = publish.as_of(as_of) if as_of is not None else None
    base = resolve_root(root)
    repo = run_validation(base)
    if problem_format.has_errors(repo.problems):
        fail_with_problems(
            repo.problems,
            "the data has problems, so no summary was written; fix them and run again"
            " (`icp-obj validate` lists them)",
        )
    warnings = problem_format.only_under(repo.problems, [f"{DATA_DIR}/{OUTCOMES_FILE}"])
    if warnings:
        typer.echo(problem_format.render(warnings, "text"), err=True)
    day = asked or outcomes_view.latest_month(repo)
    try:
        summary = outcomes_view.build(repo, day)
    except outcomes_view.FiguresMissing as missing:
        fail_with_problems(
            missing.problems,
            f"the summary names figures that did not exist by the end of {month_label(day)},"
            " so it was not written; choose a later --as-of, or change the narrative",
        )
    files = publish.files(
        summary, day, formats, root=repo.root, templates=templates.read(repo.root)
    )
    if output == "-":
        typer.echo(files[formats[0]].decode("utf-8"), nl=False)
        return
    targets = paper_output.document_paths(base, publish.stem(day), formats, output)
    if check:
        rerun = f"report outcomes --as-of {day:%Y-%m}"
        raise typer.Exit(check_papers(base, files, targets, rerun))
    write_papers(base, files, targets)
