"""Jinja rendering of the paper: the repository's templates/ first, then the packaged defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from icp_objectives import markdown
from icp_objectives.provenance import Provenance
from icp_objectives.view import Paper

FORMATS = {"md": "board-report.md.j2", "html": "board-report.html.j2"}


def environment(root: Path | None, fmt: str) -> jinja2.Environment:
    """Templates from `root/templates` override those shipped in the package, file by file."""
    loaders: list[jinja2.BaseLoader] = []
    if root is not None and (root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(root / "templates"))
    loaders.append(jinja2.PackageLoader("icp_objectives", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=fmt == "html",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_markdown_text if fmt == "md" else None,
    )
    env.filters["md"] = _markdown_filter(fmt)
    env.filters["cell"] = _cell
    return env


def render(paper: Paper, provenance: Provenance, fmt: str, *, root: Path | None = None) -> str:
    template = environment(root, fmt).get_template(FORMATS[fmt])
    return template.render(paper=paper, provenance=provenance)


def _markdown_filter(fmt: str) -> Any:
    def convert(text: str, heading_level: int = 4) -> Markup:
        if fmt == "html":
            return markdown.to_html(text, heading_level=heading_level)
        return Markup(markdown.to_markdown(text, heading_level=heading_level))

    return convert


def _markdown_text(value: Any) -> Any:
    """In Markdown output every plain string from the data has its '<' escaped."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return markdown.inline_text(value) if "\n" in value else value.replace("<", "&lt;")


def _cell(value: Any) -> Markup:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return Markup(markdown.inline_text(str(value)))
