"""Every refusal is an IcpError, and the command line tells one the same way wherever it comes
from: `icp-obj: <message>` on stderr, its exit code, no traceback."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import icp_objectives
from icp_objectives.domain.errors import EXIT_PROBLEMS, EXIT_USAGE, IcpError
from tests.conftest import RunCli

PACKAGE = Path(icp_objectives.__file__).parent

# YamlFault (yamlio.py) is a located fault that the reader turns into a Problem, never a
# refusal told to the person; yamlio.py is being split by another change, so it is left as it is.
NOT_REFUSALS = {"YamlFault"}

# The except blocks in cli/ that name an IcpError kind: each does more than the one place in
# cli/base.py would, so it stays. (module, function, exception) -> why.
LOCAL_HANDLERS = {
    ("base", "invoke", "IcpError"): "the one place every command's IcpError is told",
    ("updating", "new_quarter", "Refused"): "prints the problems above the refusal",
    ("starting", "_open_first_quarter", "Refused"): "prints the problems above the refusal",
    ("covering", "cover", "Refused"): "prints the problems above the refusal",
    ("starting", "_start_git", "GitError"): "the files are written; says to run git init",
    ("checking", "_root_for", "RootNotFound"): "falls back to the repository here",
    ("interactive", "ask_bullets", "EntryError"): "tells the person and asks again",
    ("interactive", "ask_readings", "EntryError"): "tells the person and asks again",
    ("interactive", "ask_author", "EntryError"): "tells the person and asks again",
    ("interactive", "ask_deliverables", "EntryError"): "tells the person and asks again",
    ("completion", "repository", "IcpError"): "on Tab, no repository means no suggestions",
    ("outcomes", "report", "FiguresMissing"): "prints the missing figures' problems",
}


def _exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class the package defines, by its qualified name."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="icp_objectives."):
        if info.name.endswith(".__main__"):
            continue  # running it is its whole purpose
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_every_exception_of_the_package_is_an_icp_error() -> None:
    classes = _exception_classes()
    names = {cls.__name__ for cls in classes.values()}
    assert {"UpdateError", "GitMissing", "PeriodError", "EditorFailed"} <= names  # walked it all
    outsiders = {
        name
        for name, cls in classes.items()
        if not issubclass(cls, IcpError) and cls.__name__ not in NOT_REFUSALS
    }
    assert not outsiders, f"{sorted(outsiders)} should derive from IcpError (domain/errors.py)"


def test_errors_that_are_value_errors_stay_value_errors() -> None:
    from icp_objectives.domain.periods import PeriodError
    from icp_objectives.edit.entries import EntryError

    assert issubclass(PeriodError, ValueError)  # pydantic validators rely on it
    assert issubclass(EntryError, ValueError)


def test_a_refusal_carries_its_message_and_exit_code() -> None:
    from icp_objectives.domain.problems import Problem
    from icp_objectives.edit.new_quarter import Refused
    from icp_objectives.edit.update import UpdateError
    from icp_objectives.paper.render import TemplateFailed

    assert (str(IcpError("no")), IcpError("no").exit_code) == ("no", EXIT_USAGE)
    assert IcpError("no", EXIT_PROBLEMS).exit_code == EXIT_PROBLEMS
    assert UpdateError("no").exit_code == EXIT_PROBLEMS
    assert UpdateError("no", EXIT_USAGE).exit_code == EXIT_USAGE
    assert TemplateFailed("no").exit_code == EXIT_PROBLEMS
    assert Refused("no").exit_code == EXIT_USAGE
    assert Refused("no", [Problem("a.yaml", 1, 1, "x", "y")]).exit_code == EXIT_PROBLEMS


def _raising(error: IcpError) -> object:
    def raise_it(*args: object, **kwargs: object) -> object:
        raise error

    return raise_it


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (IcpError("a refusal"), EXIT_USAGE),
        (IcpError("a refusal", EXIT_PROBLEMS), EXIT_PROBLEMS),
        ("icp_objectives.load.gitrev:GitMissing", EXIT_USAGE),
        ("icp_objectives.paper.render:TemplateFailed", EXIT_PROBLEMS),
        ("icp_objectives.edit.update:UpdateError", EXIT_PROBLEMS),
        ("icp_objectives.edit.splice:SpliceError", EXIT_PROBLEMS),
        ("icp_objectives.edit.safe_write:LockTimeout", EXIT_USAGE),
    ],
)
def test_a_tool_error_from_any_command_is_one_line_and_its_exit_code(
    error: IcpError | str, code: int, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    if isinstance(error, str):
        module, name = error.split(":")
        error = getattr(importlib.import_module(module), name)("a refusal")
    assert isinstance(error, IcpError)
    monkeypatch.setattr("icp_objectives.domain.schema.dumps", _raising(error))
    result = cli("schema", "objective")  # no except of its own: only the one in cli/base.py
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", "icp-obj: a refusal\n")


class _Handlers(ast.NodeVisitor):
    """The IcpError kinds each function's except blocks name, by the innermost function."""

    def __init__(self, module: str, kinds: set[str]) -> None:
        self.module, self.kinds = module, kinds
        self.functions: list[str] = []
        self.found: set[tuple[str, str, str]] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        for kind in caught:
            name = ast.unparse(kind).rsplit(".", 1)[-1] if kind is not None else ""
            if name in self.kinds:
                where = self.functions[-1] if self.functions else "<module>"
                self.found.add((self.module, where, name))
        self.generic_visit(node)


def test_the_command_line_catches_tool_errors_in_one_place() -> None:
    kinds = {cls.__name__ for cls in _exception_classes().values() if issubclass(cls, IcpError)}
    found: set[tuple[str, str, str]] = set()
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        handlers = _Handlers(path.stem, kinds)
        handlers.visit(ast.parse(path.read_text(encoding="utf-8")))
        found |= handlers.found
    assert found == set(LOCAL_HANDLERS)
