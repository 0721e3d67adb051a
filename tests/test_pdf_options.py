"""Asking for a PDF: the options that choose it, what --check says of it, and the one line that
says what to install when WeasyPrint is missing. None of these needs WeasyPrint."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from tests.conftest import PROJECT, MakeRepo, RunCli


@pytest.fixture
def no_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """`import weasyprint` fails, as on a machine without the [pdf] extra."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)


@pytest.mark.parametrize("options", [("-f", "pdf"), ("-o", "PAPER"), ("-f", "pdf", "-o", "-")])
def test_without_weasyprint_a_pdf_is_one_line_saying_what_to_install(
    no_weasyprint: None, cli: RunCli, tmp_path: Path, options: tuple[str, ...]
) -> None:
    target = tmp_path / "paper.pdf"
    asked = [str(target) if option == "PAPER" else option for option in options]
    result = cli("report", "Q1", *asked, "--root", str(PROJECT))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "icp-obj: --format pdf needs WeasyPrint, which is not installed;"
        " run pip install 'icp-objectives[pdf]'\n"
    )
    assert not target.exists()


class _NoPango:
    """An import finder that fails as WeasyPrint's import does when Pango is missing."""

    @staticmethod
    def find_spec(name: str, *args: object) -> None:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")


def test_without_pango_the_line_names_the_library(
    monkeypatch: pytest.MonkeyPatch, cli: RunCli, tmp_path: Path
) -> None:
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    result = cli("report", "Q1", "-o", str(tmp_path / "paper.pdf"), "--root", str(PROJECT))
    assert result.exit_code == 2
    assert result.stderr == (
        "icp-obj: --format pdf needs WeasyPrint, which cannot load a library it needs (cannot"
        " load library 'libpango-1.0-0'); install Pango (Debian: apt-get install"
        " libpango-1.0-0) and run pip install 'icp-objectives[pdf]'\n"
    )


def test_an_old_weasyprint_is_one_line_saying_to_upgrade(
    monkeypatch: pytest.MonkeyPatch, cli: RunCli, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", types.SimpleNamespace(__version__="60.2"))
    result = cli("report", "Q1", "-o", str(tmp_path / "paper.pdf"), "--root", str(PROJECT))
    assert result.exit_code == 2
    assert result.stderr == (
        "icp-obj: --format pdf needs WeasyPrint 68.1 or newer, not 60.2;"
        " run pip install --upgrade 'icp-objectives[pdf]'\n"
    )


def test_without_weasyprint_the_other_formats_still_work(
    no_weasyprint: None, make_repo: MakeRepo, cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cli("report", "Q1", "-o", f"{out}/", "--root", str(make_repo({})))
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".md"]


def test_the_default_run_writes_no_pdf(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    assert cli("report", "Q1", "--root", str(root)).exit_code == 0
    assert sorted(p.suffix for p in (root / "reports").iterdir()) == [".docx", ".html", ".md"]


@pytest.mark.parametrize("options", [("-f", "pdf"), ("-o", "paper.pdf")])
def test_check_does_not_cover_the_pdf(cli: RunCli, options: tuple[str, ...]) -> None:
    result = cli("report", "Q1", "--check", *options, "--root", str(PROJECT))
    assert result.exit_code == 2
    assert result.stderr == (
        "icp-obj: --check compares the committed Markdown, HTML and Word papers; a PDF is not"
        " committed (it is printed from the HTML, which --check covers), so leave out the PDF\n"
    )


@pytest.mark.parametrize(
    ("name", "fmt", "words"),
    [
        ("paper.pdf", "md", "names a PDF file but --format is md; name it paper.md"),
        ("paper.html", "pdf", "names an HTML file but --format is pdf; name it paper.pdf"),
        ("paper.pdf", "all", "--format all writes three papers"),
    ],
)
def test_a_pdf_name_that_disagrees_with_the_format_is_a_usage_error(
    cli: RunCli, tmp_path: Path, name: str, fmt: str, words: str
) -> None:
    target = tmp_path / name
    result = cli("report", "Q1", "-o", str(target), "-f", fmt, "--root", str(PROJECT))
    assert result.exit_code == 2
    assert words in result.stderr
    assert not target.exists()


def test_an_unknown_format_names_pdf_among_the_choices(cli: RunCli) -> None:
    result = cli("report", "Q1", "-f", "odt", "--root", str(PROJECT))
    assert result.exit_code == 2
    assert "--format must be md, html, docx, pdf or all, not 'odt'" in result.stderr
