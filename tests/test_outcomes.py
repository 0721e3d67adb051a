"""`icp-obj report outcomes`: figures as of a month, where they are written, refusals, and the
data's text kept as text."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from icp_objectives.check.scope import reached
from icp_objectives.check.validation import validate
from icp_objectives.domain.placeholders import placeholders, replaced
from tests.conftest import MakeRepo, RunCli
from tests.gitrepo import GitRepo

SUMMARY = """
    title: Outcomes and impacts
    author: The ICP Executive
    programmes:
      - title: Swabbing
        narrative: |
          - {latest:swabs} residents swabbed, of a contract worth {latest:contract}.
          - Childcare take-up is {latest:childcare}, aiming for {target:childcare}.
          - Of {denominator:calls} calls, {numerator:calls} were converted ({latest:calls}).
        measures:
          - id: swabs
            title: Residents swabbed
            unit: residents
            frequency: monthly
            cumulative: true
          - id: contract
            title: Contract value
            unit: "£"
            frequency: monthly
          - id: calls
            title: Calls converted
            unit: "%"
            frequency: monthly
    """
SERIES = {
    "objectives/measures/swabs.csv": "period,value,qualifier\n2021-01,2992,\n2021-03,4100,over\n",
    "objectives/measures/contract.csv": "period,value\n2021-01,175000\n",
    "objectives/measures/calls.csv": "period,numerator,denominator\n2021-01,115,118\n",
}


def _repo(make_repo: MakeRepo, summary: str = SUMMARY, **extra: str) -> Path:
    return make_repo({"objectives/outcomes.yaml": summary, **SERIES, **extra})


def _md(cli: RunCli, root: Path, *args: str) -> str:
    result = cli("report", "outcomes", "-f", "md", "-o", "-", "--root", str(root), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_as_of_leaves_out_later_readings(make_repo: MakeRepo, cli: RunCli) -> None:
    root = _repo(make_repo)
    february = _md(cli, root, "--as-of", "2021-02")
    assert "- **2,992** residents swabbed, of a contract worth **£175,000**." in february
    assert "4,100" not in february
    assert "# Outcomes and impacts February 2021\n" in february
    latest = _md(cli, root)
    assert "- **over 4,100** residents swabbed" in latest
    assert "# Outcomes and impacts March 2021\n" in latest


def test_figures_are_written_as_papers_write_them(make_repo: MakeRepo, cli: RunCli) -> None:
    md = _md(cli, _repo(make_repo))
    assert "Childcare take-up is **72%**, aiming for **85%**." in md
    assert "Of **118** calls, **115** were converted (**115 of 118 (97%)**)." in md
    assert "residents residents" not in md  # a unit that is a word is the sentence's


def test_writes_every_format_under_reports_named_by_the_month(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = _repo(make_repo)
    result = cli("report", "outcomes", "--as-of", "January 2021", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert "wrote reports/2021-01-outcomes.md" in result.stderr
    html = (root / "reports" / "2021-01-outcomes.html").read_text("utf-8")
    assert "<strong>2,992</strong> residents swabbed" in html
    word = docx.Document(str(root / "reports" / "2021-01-outcomes.docx"))
    bold = [run.text for p in word.paragraphs for run in p.runs if run.bold]
    assert bold[:2] == ["2,992", "£175,000"]
    assert word.core_properties.title == "Outcomes and impacts January 2021"
    assert word.core_properties.author == "The ICP Executive"
    check = cli("report", "outcomes", "--as-of", "2021-01", "--check", "--root", str(root))
    assert check.exit_code == 0, check.output


def test_default_month_from_a_breakthrough_objectives_reading(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    """childcare is read in 2020/21 Q1, by an update entry: the summary is as of June 2020."""
    summary = """
        title: Outcomes
        programmes:
          - title: Childcare
            narrative: Take-up is {latest:childcare} (lowest {lowest:childcare}).
        """
    root = make_repo({"objectives/outcomes.yaml": summary})
    result = cli("report", "outcomes", "--root", str(root))
    assert result.exit_code == 0, result.output
    md = (root / "reports" / "2020-06-outcomes.md").read_text("utf-8")
    assert "Take-up is **72%** (lowest **72%**)." in md


def test_a_figure_not_there_by_the_month_is_located_and_nothing_written(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = _repo(make_repo)
    result = cli("report", "outcomes", "--as-of", "2020-12", "--root", str(root))
    assert result.exit_code == 1
    assert (
        "objectives/outcomes.yaml:6:9: error missing-figure: 'swabs' has no reading by the end of"
        " December 2020; add one to objectives/measures/swabs.csv, or choose a later --as-of"
    ) in result.stderr
    assert "objectives/outcomes.yaml:6:63: error missing-figure: 'contract'" in result.stderr
    assert "so it was not written" in result.stderr
    assert not (root / "reports").exists()


def test_data_with_problems_is_not_rendered(make_repo: MakeRepo, cli: RunCli) -> None:
    root = _repo(make_repo, SUMMARY.replace("{target:childcare}", "{target:childcar}"))
    result = cli("report", "outcomes", "--root", str(root))
    assert result.exit_code == 1
    assert "(did you mean 'childcare'?)" in result.stderr
    assert not (root / "reports").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["outcomes", "--year", "2020/21"], "--year is for a quarter's paper"),
        (["Q1", "--as-of", "2021-02"], "--as-of is for the outcomes summary"),
        (["outcomes", "--as-of", "2020/21 Q4"], "--as-of must be a month, like 2021-02"),
        (["outcomes", "--check", "-o", "-"], "--check compares the papers on disk"),
        (["outcomes", "-f", "pdf"], "written as Markdown, HTML or Word; give --format md"),
        (["outcomes", "-f", "docx", "-o", "-"], "a Word document is not text"),
    ],
)
def test_wrong_usage_exits_2(args: list[str], says: str, make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("report", *args, "--root", str(_repo(make_repo)))
    assert result.exit_code == 2
    assert says in result.stderr


def test_without_a_summary_it_says_where_one_goes(make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("report", "outcomes", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert "there is no objectives/outcomes.yaml" in result.stderr


HOSTILE = """
    title: "<script>alert(1)</script> & co"
    author: "<b>Exec</b>"
    programmes:
      - title: "<img src=x onerror=alert(1)> **not bold**"
        narrative: |
          <script>alert(2)</script> [click](javascript:alert(3)) {latest:childcare}

          <iframe src="https://example.org"></iframe>
    """


def test_hostile_text_stays_text(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"objectives/outcomes.yaml": HOSTILE})
    refused = cli("validate", "--root", str(root))
    assert refused.exit_code == 1
    assert "objectives/outcomes.yaml:6:33: error unsafe-link:" in refused.stdout
    root.joinpath("objectives/outcomes.yaml").write_text(
        HOSTILE.replace("(javascript:alert(3))", "(https://example.org)"), "utf-8"
    )
    html = cli("report", "outcomes", "-f", "html", "-o", "-", "--root", str(root)).stdout
    for raw in ("<script>", "<img", "<iframe", "<b>Exec"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co June 2020</h1>" in html
    assert "&lt;img src=x onerror=alert(1)&gt; **not bold**</h2>" in html
    assert "<strong>72%</strong>" in html
    md = _md(cli, root)
    assert "<script>" not in md and "<iframe" not in md and "<img" not in md
    assert "## &lt;img src=x onerror=alert(1)> \\*\\*not bold\\*\\*" in md
    assert "**72%**" in md


def test_repository_template_overrides_the_packaged_one(make_repo: MakeRepo, cli: RunCli) -> None:
    root = _repo(make_repo)
    (root / "templates").mkdir()
    (root / "templates" / "outcomes.md.j2").write_text(
        "{{ summary.full_title }}: {{ summary.programmes | length }} programme\n", "utf-8"
    )
    assert _md(cli, root) == "Outcomes and impacts March 2021: 1 programme\n"


def test_a_template_naming_no_field_is_reported(make_repo: MakeRepo, cli: RunCli) -> None:
    root = _repo(make_repo)
    (root / "templates").mkdir()
    (root / "templates" / "outcomes.md.j2").write_text("{{ summary.nothing }}\n", "utf-8")
    result = cli("report", "outcomes", "-f", "md", "--root", str(root))
    assert result.exit_code == 1
    assert "those of Summary in icp_objectives/paper/outcomes_view.py" in result.stderr


def test_placeholders_as_written() -> None:
    text = r"{latest:a} { target : b } \{latest:c} {a note} {see: two words} {lowest:}"
    found = [(p.kind, p.measure) for p in placeholders(text)]
    assert found == [("latest", "a"), ("target", "b"), ("lowest", "")]
    fill = {p.start: f"<{p.measure}>" for p in placeholders(text)}
    assert replaced(text, fill).startswith(r"<a> <b> \{latest:c}")


def test_a_change_to_an_objective_or_series_file_reaches_the_summary(
    make_repo: MakeRepo,
) -> None:
    repo = validate(_repo(make_repo), history=False)
    summary = "objectives/outcomes.yaml"
    assert summary in (reached(repo, ["objectives/1-start.yaml"], []) or set())
    assert summary in (reached(repo, ["objectives/measures/swabs.csv"], []) or set())
    from_summary = reached(repo, [summary], []) or set()
    assert "objectives/measures/contract.csv" in from_summary


def test_the_board_papers_fingerprint_leaves_the_summary_out(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    def footer(root: Path) -> str:
        md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root)).stdout
        return md.rstrip("\n").rsplit("\n", 1)[-1]

    without = footer(make_repo({}))
    assert without.startswith("<small>Built by icp-obj from 5 data files")
    assert footer(_repo(make_repo)) == without


def test_a_commit_to_the_summarys_own_series_leaves_the_papers_commit_alone(
    git_repo: GitRepo, cli: RunCli
) -> None:
    def footer() -> str:
        md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(git_repo.root)).stdout
        return md.rstrip("\n").rsplit("\n", 1)[-1]

    paper = git_repo.head()[:7]
    git_repo.write({"objectives/outcomes.yaml": SUMMARY, **SERIES})
    git_repo.commit("The outcomes summary")
    git_repo.replace("objectives/measures/contract.csv", "175000", "180000")
    git_repo.commit("A new contract value")
    assert footer().endswith(f"last changed in commit {paper}.</small>")
    git_repo.write({"objectives/measures/childcare.csv": "period,value\n2019/20 Q4,70\n"})
    changed = git_repo.commit("An earlier childcare reading")[:7]
    assert footer().endswith(f"last changed in commit {changed}.</small>")


def test_readings_of_the_summarys_own_measure_import_from_a_bi_export(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    root = _repo(make_repo)
    export = tmp_path / "export.csv"
    export.write_text("Month,Value\nFeb-21,3100\n", "utf-8")

    result = cli("import-readings", "swabs", str(export), "--root", str(root))

    assert result.exit_code == 0, result.output
    assert "- **3,100** residents swabbed" in _md(cli, root, "--as-of", "2021-02")
