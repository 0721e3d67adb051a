"""Where the board paper goes: the formats and files --format and --output ask for, and
whether the papers already on disk say what the data renders now."""

from __future__ import annotations

from pathlib import Path

from icp_objectives.domain.errors import reason
from icp_objectives.domain.periods import Quarter
from icp_objectives.load import bounded
from icp_objectives.load.loaded import REPORTS_DIR, paper_file
from icp_objectives.paper import docx_compare
from icp_objectives.paper.publish import SUFFIXES, ReportError, same_paper


def default_path(root: Path, quarter: Quarter, fmt: str) -> Path:
    return root / paper_file(quarter, SUFFIXES[fmt])


def document_paths(
    root: Path, stem: str, formats: list[str], output: str | None
) -> dict[str, Path]:
    """Where each format of a document named `stem` goes: reports/<stem>.md by default, or
    the file or folder --output names (see `output_paths`)."""
    paths = {fmt: root / REPORTS_DIR / f"{stem}{SUFFIXES[fmt]}" for fmt in formats}
    return _chosen(paths, formats, output)


# A PDF is printed on request only: it is not committed to reports/.
FORMAT_CHOICES = {
    "md": ["md"],
    "html": ["html"],
    "docx": ["docx"],
    "pdf": ["pdf"],
    "all": ["md", "html", "docx"],
}


_SUFFIX_FORMATS = {".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


_FORMAT_NAMES = {"md": "a Markdown", "html": "an HTML", "docx": "a Word", "pdf": "a PDF"}


def choose_formats(fmt: str | None, output: str | None, check: bool = False) -> list[str]:
    """The formats to write (or, with `check`, compare), from --format and the --output name;
    a ReportError if they clash.

    Without --format, a file name ending in .md, .html, .htm, .docx or .pdf names its one
    format; any other output gets Markdown, HTML and Word. --check covers those three: the PDF
    is printed from the HTML and is not committed.
    """
    if check and output == "-":
        raise ReportError(
            "--check compares the papers on disk with the data, so it has nothing to compare"
            " on stdout; leave out -o - (or give -o FILE to check that file)"
        )
    if fmt is not None and fmt not in FORMAT_CHOICES:
        raise ReportError(f"--format must be md, html, docx, pdf or all, not '{fmt}'")
    named = None
    if output is not None and _is_file_name(output):
        suffix = Path(output).suffix.lower()
        named = _SUFFIX_FORMATS.get(suffix)
        if suffix and named is None:
            raise ReportError(
                f"-o {output} names a {suffix} file, but the paper is written as Markdown (.md),"
                " HTML (.html or .htm), Word (.docx) or PDF (.pdf); name a file ending in one of"
                " those, or a folder (end it with / if its name has a dot)"
            )
    if check and "pdf" in (fmt, named):
        raise ReportError(
            "--check compares the committed Markdown, HTML and Word papers; a PDF is not committed"
            " (it is printed from the HTML, which --check covers), so leave out the PDF"
        )
    if output is None or named is None:
        formats = FORMAT_CHOICES[fmt or "all"]
        if output == "-" and len(formats) > 1:
            raise ReportError("-o - writes one format to stdout; add --format md or --format html")
        if output == "-" and formats == ["docx"]:
            raise ReportError(
                "-o - writes text to stdout, and a Word document is not text; give -o paper.docx"
            )
        return formats
    if fmt is None or FORMAT_CHOICES[fmt] == [named]:
        return [named]
    kind = _FORMAT_NAMES[named]
    if fmt == "all":
        raise ReportError(
            f"-o {output} names {kind} file, but --format all writes three papers; give a"
            f" folder (-o papers/) or --format {named}"
        )
    raise ReportError(
        f"-o {output} names {kind} file but --format is {fmt}; name it"
        f" {Path(output).with_suffix(SUFFIXES[fmt]).name} or leave out --format"
    )


def _is_file_name(output: str) -> bool:
    """Whether --output names a file rather than a folder (or stdout)."""
    if output == "-" or output.endswith(("/", "\\")):
        return False
    return not Path(output).is_dir()


def output_paths(
    root: Path, quarter: Quarter, formats: list[str], output: str | None
) -> dict[str, Path]:
    """Where each format goes: the default under reports/, a named file, or a named folder.

    A name ending in a paper's suffix (.md, .html) is always a file, never made a folder.
    """
    paths = {fmt: default_path(root, quarter, fmt) for fmt in formats}
    return _chosen(paths, formats, output)


def _chosen(paths: dict[str, Path], formats: list[str], output: str | None) -> dict[str, Path]:
    if output is None:
        return paths
    chosen = Path(output)
    if len(formats) > 1 or not _is_file_name(output):
        return {fmt: chosen / path.name for fmt, path in paths.items()}
    return {formats[0]: chosen}


def stale(
    files: dict[str, bytes], targets: dict[str, Path], data: str = "the data"
) -> dict[Path, str]:
    """Each paper on disk that is not what `data` renders, and what is wrong with it."""
    found = {}
    for fmt, path in targets.items():
        limit = 2 * len(files[fmt]) + 1_000_000  # any more surely differs
        try:
            current = bounded.read_regular(path, limit)
        except FileNotFoundError:
            found[path] = "is missing"
        except OSError as error:
            found[path] = f"cannot be read: {reason(error)}"
        else:
            if isinstance(current, bounded.Refusal) and current.code != "file-too-large":
                found[path] = f"cannot be read: {current.message}"
            elif isinstance(current, bounded.Refusal):
                found[path] = f"differs from what {data} renders"
            elif fmt == "docx":
                why = docx_compare.difference(current, files[fmt])
                if why is not None:
                    found[path] = why
            elif not same_paper(current.decode("utf-8", "replace"), files[fmt].decode("utf-8")):
                found[path] = f"differs from what {data} renders"
    return found
