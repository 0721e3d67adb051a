"""`icp-obj report`: choosing the quarter, writing the paper, and never trusting the data's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_objectives.domain.wording import BODY_PLACEHOLDER
from tests.conftest import MakeRepo, RunCli
from tests.gitrepo import GitRepo

PAPER = "reports/2020-21-Q1-board-report"


def test_writes_markdown_and_html_and_says_which_year(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("report", "Q1", cwd=root)
    assert result.exit_code == 0, result.output
    assert "Using 2020/21 Q1, the open quarter (add --year to choose another)." in result.stderr
    assert (root / f"{PAPER}.md").read_text().startswith("# Quarter 1 update\n")
    assert (root / f"{PAPER}.html").read_text().startswith("<!DOCTYPE html>")


def test_warnings_about_the_quarter_are_printed_and_the_paper_is_written(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    q2 = "objectives/updates/2020-21/Q2"
    example = (
        f"objective: 1\nentries:\n  - covers: '1.1'\n    body: |\n      - {BODY_PLACEHOLDER}\n"
    )
    root = make_repo(
        {
            f"{q2}/objective-1.yaml": example,
            "objectives/updates/2020-21/Q1/notes.docx": "not read",  # another quarter's
        }
    )
    result = cli("report", "2020/21 Q2", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert f"{q2}/objective-1.yaml:5:9: warning placeholder-text: '{BODY_PLACEHOLDER}'" in (
        result.stderr
    )
    assert "notes.docx" not in result.stderr
    assert (root / "reports/2020-21-Q2-board-report.md").exists()


def test_without_a_year_the_open_quarter_is_chosen(make_repo: MakeRepo, cli: RunCli) -> None:
    later = "objective: 1\nentries:\n  - covers: '1.1'\n    body: Later.\n"
    root = make_repo({"objectives/updates/2021-22/Q1/objective-1.yaml": later})
    result = cli("report", "Q1", "-o", "-", "-f", "md", "--root", str(root))
    assert "Using 2020/21 Q1, the open quarter" in result.stderr  # not 2021/22: not started
    assert "Later." not in result.stdout


def test_with_that_quarter_presented_the_latest_year_is_chosen(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    later = "objective: 1\nentries:\n  - covers: '1.1'\n    body: Later.\n"
    root = make_repo({"objectives/updates/2021-22/Q1/objective-1.yaml": later})
    report = root / "objectives/updates/2020-21/Q1/report.yaml"
    report.write_text(report.read_text().replace("period:", "presented: 2020-07-21\nperiod:"))
    result = cli("report", "Q1", "-o", "-", "-f", "md", "--root", str(root))
    assert "Using 2021/22 Q1, the latest financial year with Q1 updates" in result.stderr
    assert "Later." in result.stdout


def test_a_period_and_its_year_may_be_two_words(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    for words in (["Q1", "2020/21"], ["2020/21", "Q1"], ["Q1 2020/21"]):
        result = cli("report", *words, "-o", "-", "-f", "md", "--root", str(root))
        assert result.exit_code == 0, result.output
        assert "2020/21 Q1 (April to June 2020)" in result.stdout
        assert "Using" not in result.stderr  # named in full: nothing to say


def test_every_period_spelling_gives_the_same_paper(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    papers = {
        cli("report", *spelling, "-f", "md", "-o", "-", "--root", str(root)).stdout
        for spelling in (
            ["Q1 2020/21"],
            ["2020/21 Q1"],
            ["2020-21-Q1"],
            ["Q1", "--year", "2020/21"],
        )
    }
    assert len(papers) == 1
    assert "2020/21 Q1" in papers.pop()


def test_a_period_and_a_year_that_differ_are_a_usage_error(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    result = cli("report", "2020/21 Q1", "--year", "2021/22", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert result.stderr == ("icp-obj: the period says 2020/21 but --year says 2021/22; give one\n")


def test_a_quarter_with_no_updates_is_refused(make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("report", "Q3", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert "no financial year has updates for Q3" in result.stderr
    assert "2020/21 Q1" in result.stderr


def test_a_nonsense_period_is_a_usage_error(make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("report", "Q7", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert "Q1, Q2, Q3 or Q4" in result.stderr


def test_invalid_data_is_not_rendered(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"objectives/2-choices.yaml": "id: 2\ntitel: x\n"})
    result = cli("report", "Q1", "--root", str(root))
    assert result.exit_code == 1
    assert "objectives/2-choices.yaml:2:1: error unknown-key" in result.stderr
    assert not (root / "reports").exists()


def test_text_from_the_data_is_escaped_in_html(make_repo: MakeRepo, cli: RunCli) -> None:
    hostile = "<script>alert('x')</script> & \"quotes\""
    root = make_repo(
        {
            "objectives/updates/2020-21/Q1/report.yaml": (
                f"title: '{hostile.replace(chr(39), chr(39) * 2)}'\n"
                "introduction: |\n  <img src=x onerror=alert(1)> intro\n"
            ),
        }
    )
    html = cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(root)).stdout
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quotes&#34;" in html
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root)).stdout
    assert "<script>" not in md and "<img" not in md


HOSTILE = {
    "title": "*now* [x](javascript:alert(1)) #",
    "meeting": "Board | Q1 ~~struck~~",
    "author": "_Ann_ `code` &copy;",
    "partnership": "A **bold** partnership",
    "label": "1. Green",
    "objective": "# Choices > all",
    "short_title": "- Stop [smoking](javascript:x)",
    "heading": "> [x](javascript:alert(1)) | y",
    "note": "**note** <b>",
}


def _inline_texts(markdown_text: str) -> list[str]:
    """What a reader sees of each paragraph, heading, list item and table cell, and the
    markup each one makes (emphasis, links, code...)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    seen = []
    for token in parser.parse(markdown_text):
        if token.type == "inline":
            kinds = {c.type for c in token.children or []} - {"text", "softbreak"}
            text = "".join(c.content for c in token.children or [] if c.type == "text")
            seen.append(f"{text} {sorted(kinds)}" if kinds else text)
    return seen


def test_plain_text_from_the_data_shows_as_typed_in_markdown(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    h = {key: value.replace("'", "''") for key, value in HOSTILE.items()}
    root = make_repo(
        {
            "objectives/partnership.yaml": f"""
                name: '{h["partnership"]}'
                ratings:
                  - id: amber
                    label: '{h["label"]}'
                    definition: Fine.
                """,
            "objectives/2-choices.yaml": f"""
                id: 2
                title: '{h["objective"]}'
                breakthroughs:
                  - id: "2.1"
                    title: Connect
                    short_title: '{h["short_title"]}'
                """,
            "objectives/1-start.yaml": """
                id: 1
                title: Start
                breakthroughs:
                  - id: "1.1"
                    title: Readiness
                    measures:
                      - id: childcare
                        title: Childcare
                """,
            "objectives/updates/2020-21/Q1/report.yaml": f"""
                title: '{h["title"]}'
                meeting: '{h["meeting"]}'
                author: '{h["author"]}'
                introduction: Plain.
                """,
            "objectives/updates/2020-21/Q1/objective-1.yaml": f"""
                objective: 1
                entries:
                  - covers: "1.1"
                    status: amber
                    heading: '{h["heading"]}'
                    body: Plain.
                    readings:
                      - measure: childcare
                        value: 72
                        note: '{h["note"]}'
                """,
        }
    )
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 0, result.output
    seen = _inline_texts(result.stdout)
    assert HOSTILE["title"] in seen
    assert f"Objective 2 \u2013 {HOSTILE['objective']}" in seen
    assert HOSTILE["heading"] in seen
    for cell in ("Meeting", HOSTILE["meeting"], HOSTILE["author"], HOSTILE["label"]):
        assert cell in seen, cell
    assert f"2.1 {HOSTILE['short_title']}" in seen
    assert f"Childcare: 72. {HOSTILE['note']}" in seen
    assert HOSTILE["partnership"] in seen  # in the cover sheet
    assert not any(s.startswith(HOSTILE["partnership"][:5]) and "em_" in s for s in seen)
    assert "javascript" not in str([s for s in seen if "link_open" in s])


def test_summary_states_status_in_words(make_repo: MakeRepo, cli: RunCli) -> None:
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(make_repo({}))).stdout
    assert "| 1 | 1.1 School readiness | No update | Some risk | New |" in md
    assert "| 1 | 1.2 Healthy pregnancies | No update | No update | New |" in md
    assert "*No update was received this quarter for 1.2.*" in md


def test_measures_show_baseline_latest_and_target(make_repo: MakeRepo, cli: RunCli) -> None:
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(make_repo({}))).stdout
    assert (
        "| 1.1 | Take-up of funded childcare (higher is better) | 80% (2019/20 Q4) | 72% (2020/21 Q1)"
        " | 85% (2021/22 Q4) | Worse than baseline |"
    ) in md
    assert "- Take-up of funded childcare: 72%" in md


def test_rating_legend_is_printed(make_repo: MakeRepo, cli: RunCli) -> None:
    html = cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(make_repo({}))).stdout
    assert "Issues need attention." in html
    assert '<html lang="en-GB">' in html
    assert '<th scope="col">This quarter</th>' in html


def test_repository_templates_override_the_packaged_ones(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"templates/rating-scale.md.j2": "## Our own scale\n"})
    md = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root)).stdout
    assert "## Our own scale" in md
    assert "## Summary of progress" in md


def test_a_broken_template_is_reported_not_raised(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({"templates/summary.md.j2": "{{ paper.no_such_field }}\n"})
    result = cli("report", "Q1", "-f", "md", "--root", str(root))
    assert result.exit_code == 1
    assert "no_such_field" in result.stderr
    assert "templates/summary.md.j2:1:" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "measures.md.j2",
            b'{% include "measures.md.j2" %}\n',
            "templates/measures.md.j2 includes itself",
        ),
        ("summary.md.j2", b"caf\xe9 {{ paper.title }}\n", "templates/summary.md.j2 is not UTF-8"),
        ("summary.md.j2", b"ok\n{{ 1 / 0 }}\n", "templates/summary.md.j2:2: the template failed"),
        ("summary.md.j2", b"{{ 1 / }}\n", "templates/summary.md.j2:1: the template has a syntax"),
    ],
)
def test_a_template_that_cannot_render_is_named(
    make_repo: MakeRepo, cli: RunCli, name: str, content: bytes, words: str
) -> None:
    root = make_repo({})
    (root / "templates").mkdir()
    (root / "templates" / name).write_bytes(content)
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--root", str(root))
    assert result.exit_code == 1
    assert words in result.stderr, result.stderr


def test_output_to_a_named_file(make_repo: MakeRepo, cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "paper.html"
    result = cli("report", "Q1", "-f", "html", "-o", str(target), "--root", str(make_repo({})))
    assert result.exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("name", "options", "fmt"),
    [
        ("out.html", (), "html"),
        ("paper.md", (), "md"),
        ("PAPER.HTM", (), "html"),
        ("paper.md", ("--format", "md"), "md"),
    ],
)
def test_a_file_name_chooses_the_format(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, name: str, options: tuple[str, ...], fmt: str
) -> None:
    target = tmp_path / name
    result = cli("report", "Q1", "-o", str(target), *options, "--root", str(make_repo({})))
    assert result.exit_code == 0, result.output
    assert target.is_file()
    assert target.read_text().startswith("<!DOCTYPE html>") == (fmt == "html")


@pytest.mark.parametrize("name", ["paper.odt", "paper.txt"])
def test_a_file_name_of_another_kind_is_a_usage_error(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = cli("report", "Q1", "-o", str(target), "--root", str(make_repo({})))
    assert result.exit_code == 2, result.output
    assert (
        "written as Markdown (.md), HTML (.html or .htm), Word (.docx) or PDF (.pdf)"
        in result.stderr
    )
    assert not target.exists()


def test_a_folder_with_a_dot_in_its_name_takes_both_papers(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    target = tmp_path / "papers.2020"
    result = cli("report", "Q1", "-o", f"{target}/", "--root", str(make_repo({})))
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in target.iterdir()) == [".docx", ".html", ".md"]


@pytest.mark.parametrize(
    ("name", "fmt", "words"),
    [
        ("o2.html", "md", "names an HTML file but --format is md; name it o2.md"),
        ("paper.md", "all", "--format all writes three papers"),
    ],
)
def test_a_file_name_that_disagrees_with_the_format_is_a_usage_error(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path, name: str, fmt: str, words: str
) -> None:
    target = tmp_path / name
    result = cli("report", "Q1", "-o", str(target), "-f", fmt, "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert words in result.stderr
    assert not target.exists()


def test_a_bad_period_is_a_usage_error_even_when_the_data_is_broken(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({"objectives/2-choices.yaml": "id: 2\ntitel: x\n"})
    result = cli("report", "Q5", "--root", str(root))
    assert result.exit_code == 2
    assert "'Q5' is not a quarter" in result.stderr
    assert "problems" not in result.stderr


def test_stdout_takes_one_format(make_repo: MakeRepo, cli: RunCli) -> None:
    result = cli("report", "Q1", "-o", "-", "--root", str(make_repo({})))
    assert result.exit_code == 2
    assert "--format md" in result.stderr


def test_check_compares_the_committed_paper(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    assert cli("report", "Q1", "--check", "--root", str(root)).exit_code == 1
    cli("report", "Q1", "--root", str(root))
    assert cli("report", "Q1", "--check", "--root", str(root)).exit_code == 0
    updates = root / "objectives/updates/2020-21/Q1/objective-1.yaml"
    updates.write_text(updates.read_text().replace("recovering", "falling"))
    result = cli("report", "Q1", "--check", "--root", str(root))
    assert result.exit_code == 1
    assert "differs from what the data renders" in result.stderr
    assert 'Run `icp-obj report "2020/21 Q1"` and commit the paper.' in result.stderr


def _paper_footer(repo: GitRepo) -> str:
    md = (repo.root / f"{PAPER}.md").read_text(encoding="utf-8")
    return next(line for line in md.splitlines() if line.startswith("<small>Built by icp-obj"))


def test_check_passes_when_data_and_paper_are_committed_together(
    git_repo: GitRepo, cli: RunCli
) -> None:
    root = str(git_repo.root)
    git_repo.replace("objectives/updates/2020-21/Q1/objective-1.yaml", "recovering", "rising")
    assert cli("report", "Q1", "--root", root).exit_code == 0
    git_repo.commit("New wording, and the paper rendered from it")
    assert cli("report", "Q1", "--check", "--root", root).exit_code == 0


def test_check_passes_after_main_changed_other_data_and_the_branch_was_merged(
    git_repo: GitRepo, cli: RunCli
) -> None:
    root = str(git_repo.root)
    git_repo.branch("paper")
    cli("report", "Q1", "--root", root)
    git_repo.commit("The Q1 paper")
    git_repo.checkout("main")
    git_repo.replace(
        "objectives/2-choices.yaml", "title: Stop smoking", "title: Stop smoking  # 2.2"
    )
    git_repo.commit("A comment on main")
    git_repo.git("merge", "-q", "--no-edit", "paper")
    result = cli("report", "Q1", "--check", "--root", root)
    assert result.exit_code == 0, result.stderr


def test_a_later_quarter_does_not_change_an_earlier_paper(git_repo: GitRepo, cli: RunCli) -> None:
    root = str(git_repo.root)
    cli("report", "Q1", "--root", root)
    git_repo.commit("The Q1 paper")
    before = _paper_footer(git_repo)
    git_repo.write(
        {
            "objectives/updates/2020-21/Q2/objective-1.yaml": """
                objective: 1
                entries:
                  - covers: "1.1"
                    body: Later news.
                """
        }
    )
    git_repo.commit("Q2 begins")
    cli("report", "Q1", "--root", root)
    assert _paper_footer(git_repo) == before
    assert git_repo.git("status", "--porcelain") == ""


def test_the_footer_says_when_the_data_has_uncommitted_changes(
    git_repo: GitRepo, cli: RunCli
) -> None:
    git_repo.replace("objectives/updates/2020-21/Q1/objective-1.yaml", "recovering", "rising")
    cli("report", "Q1", "--root", str(git_repo.root))
    assert "with changes not yet committed after commit" in _paper_footer(git_repo)


def test_output_to_a_folder_that_does_not_exist_yet(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    result = cli(
        "report", "Q1", "-f", "md", "-o", f"{tmp_path}/papers/", "--root", str(make_repo({}))
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "papers" / "2020-21-Q1-board-report.md").is_file()


def test_an_unwritable_output_is_a_message(
    make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = cli("report", "Q1", "-o", str(blocker / "sub"), "--root", str(make_repo({})))
    assert result.exit_code == 3  # a file could not be written: not a usage error
    assert "cannot write" in result.stderr


def test_check_of_a_paper_that_is_not_text(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    (root / "reports").mkdir()
    (root / f"{PAPER}.md").write_bytes(b"\xff\xfe not UTF-8")
    result = cli("report", "Q1", "-f", "md", "--check", "--root", str(root))
    assert result.exit_code == 1
    assert f"{PAPER}.md differs from what the data renders" in result.stderr


def test_check_accepts_a_paper_checked_out_with_windows_line_endings(
    make_repo: MakeRepo, cli: RunCli
) -> None:
    root = make_repo({})
    assert cli("report", "Q1", "--root", str(root)).exit_code == 0
    for suffix in (".md", ".html"):
        paper = root / f"{PAPER}{suffix}"
        paper.write_bytes(paper.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("report", "Q1", "--check", "--root", str(root))
    assert result.exit_code == 0, result.stderr


def test_check_cannot_check_stdout(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    result = cli("report", "Q1", "-f", "md", "-o", "-", "--check", "--root", str(root))
    assert result.exit_code == 2
    assert "--check" in result.stderr
    assert result.stdout == ""
