"""Jinja rendering of the paper: the repository's templates/ first, then the packaged defaults."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from icp_objectives.domain import markdown
from icp_objectives.domain.errors import EXIT_PROBLEMS, IcpError, reason
from icp_objectives.paper.provenance import Provenance
from icp_objectives.paper.view import Paper

FORMATS = {"md": "board-report.md.j2", "html": "board-report.html.j2"}


class TemplateFailed(IcpError):
    """A template that cannot be read or rendered, in words for the person who edits it."""

    exit_code = EXIT_PROBLEMS  # the templates are the repository's, like its data


class _RepositoryLoader(jinja2.BaseLoader):
    """The repository's templates, as read by the loader; one that is not UTF-8 is named."""

    def __init__(self, root: Path, files: Mapping[str, bytes | OSError]) -> None:
        self.folder = root / "templates"
        self.files = files

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        data = self._find(template)
        if data is None:
            raise jinja2.TemplateNotFound(template)
        if isinstance(data, OSError):
            raise TemplateFailed(f"templates/{template} cannot be read: {reason(data)}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise TemplateFailed(
                f"templates/{template} is not UTF-8 text (byte {error.start + 1} is not);"
                " save it as UTF-8"
            ) from None
        return text, str(self.folder.joinpath(*template.split("/"))), lambda: True

    def _find(self, template: str) -> bytes | OSError | None:
        """The template's bytes, or why it cannot be read: its own error, or that of a folder
        it is in (held under the folder's name and a slash, `/` for templates/ itself)."""
        if template in self.files:
            return self.files[template]
        for name, data in self.files.items():
            if name.endswith("/") and (name == "/" or template.startswith(name)):
                return data
        return None


def environment(
    root: Path | None, fmt: str, templates: Mapping[str, bytes | OSError] | None = None
) -> jinja2.Environment:
    """The repository's `templates` (read from `root/templates`) override those shipped in the
    package, file by file."""
    loaders: list[jinja2.BaseLoader] = []
    if root is not None and templates:
        loaders.append(_RepositoryLoader(root, templates))
    loaders.append(jinja2.PackageLoader("icp_objectives", "templates"))
    # Sandboxed: a pull request may change templates/, and CI renders them; a template may
    # format the paper's fields but never reach Python's internals or change a value.
    env = ImmutableSandboxedEnvironment(
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
    env.filters["link"] = _link_filter(fmt)
    return env


def render(
    paper: Paper,
    provenance: Provenance,
    fmt: str,
    *,
    root: Path | None = None,
    templates: Mapping[str, bytes | OSError] | None = None,
) -> str:
    """The paper in `fmt`; a template that fails raises TemplateFailed naming it."""
    return render_template(
        FORMATS[fmt],
        fmt,
        {"paper": paper, "provenance": provenance},
        root=root,
        templates=templates,
        fields="those of Paper in icp_objectives/paper/view.py",
    )


def render_template(
    name: str,
    fmt: str,
    context: Mapping[str, Any],
    *,
    root: Path | None = None,
    templates: Mapping[str, bytes | OSError] | None = None,
    fields: str,
) -> str:
    """Template `name` rendered with `context`; TemplateFailed naming the template that fails.

    `fields` says, for a template that names an unknown field, where the known ones are.
    """
    try:
        template = environment(root, fmt, templates).get_template(name)
        return template.render(**context)
    except TemplateFailed:
        raise
    except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as error:
        raise TemplateFailed(_template_problem(error, root)) from None
    except RecursionError as error:
        names = Counter(name for name, _ in _template_frames(error, root)).most_common(1)
        culprit = names[0][0] if names else "a template"
        raise TemplateFailed(
            f"{culprit} includes itself, directly or through another template, without end;"
            " remove that include"
        ) from None
    except Exception as error:  # a template may do anything: 1/0, a wrong filter argument...
        frames = _template_frames(error, root)
        culprit = "{}:{}".format(*frames[-1]) if frames else "a template"
        hint = (
            f"the fields a template can use are {fields}"
            if isinstance(error, jinja2.UndefinedError)
            else "a template may use the paper's fields, not Python's internals"
            if isinstance(error, SecurityError)
            else "check what it changed"
        )
        raise TemplateFailed(
            f"{culprit}: the template failed while rendering:"
            f" {error or type(error).__name__}; {hint}"
        ) from None


def _template_frames(error: BaseException, root: Path | None) -> list[tuple[str, int]]:
    """The templates and lines in an error's traceback, innermost last."""
    frames = []
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            frames.append((_shown(filename, root), trace.tb_lineno))
        trace = trace.tb_next
    return frames


def _shown(filename: str | None, root: Path | None) -> str:
    """A template's file as the person knows it: templates/x.j2, or the packaged one."""
    path = Path(filename or "?")
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return f"the packaged template {path.name}"


def _template_problem(
    error: jinja2.TemplateSyntaxError | jinja2.TemplateNotFound, root: Path | None
) -> str:
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{_shown(error.filename or error.name, root)}:{error.lineno}"
        return f"{where}: the template has a syntax error: {error.message}"
    return f"the template '{error.name}' was not found in templates/ or the package"


def _markdown_filter(fmt: str) -> Any:
    def convert(text: str, heading_level: int = 4) -> Markup:
        if fmt == "html":
            return markdown.to_html(text, heading_level=heading_level)
        return Markup(markdown.to_markdown(text, heading_level=heading_level))

    return convert


def _markdown_text(value: Any) -> Any:
    """In Markdown output every plain string from the data shows as typed, never as markup."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return markdown.plain_text(value)


def _link_filter(fmt: str) -> Any:
    def link(text: Any, href: str | None) -> Markup:
        """`text` linked to `href`: in HTML any web, email or #anchor address; in Markdown
        only web and email ones, the rest as text."""
        if fmt != "html":
            return Markup(markdown.inline_link(str(text), href))
        if href and (href.startswith("#") or markdown.is_safe_link(href)):
            return Markup('<a href="{}">{}</a>').format(href, text)
        return Markup("{}").format(text)

    return link


def _cell(value: Any) -> Markup:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return Markup(markdown.inline_text(str(value)))
