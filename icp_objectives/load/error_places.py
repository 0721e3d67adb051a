"""Where in the data a schema error is: pydantic's location read against the document, its
union members and validators told apart from the data's own keys."""

from __future__ import annotations

from typing import Any

from icp_objectives import yamlio


def data_path(raw: Any, loc: tuple[int | str, ...]) -> tuple[list[yamlio.PathItem], str | None]:
    """The steps of pydantic's location that exist in the data, and a missing key at the end."""
    path: list[yamlio.PathItem] = []
    node = raw
    for step in loc:
        if _has_step(node, step):
            path.append(step)
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and not _is_tag(step):
            return path, step
    return path, None


def _has_step(node: Any, step: int | str) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _is_tag(step: str) -> bool:
    """Pydantic puts union members and validators in locations; they are not keys. A model's
    name (Partner) is one too: the data's keys are all in lower case."""
    return (
        "[" in step
        or step in {"str", "int", "float", "list", "dict", "bool"}
        or step.startswith(("constrained-", "function-"))
        or step[:1].isupper()
    )


def _shape(tag: str) -> type | None:
    """The shape of value a union member takes, where its tag says: a list, a mapping (a
    model) or text; None when it does not say."""
    if tag.startswith("list["):
        return list
    if tag[:1].isupper():
        return dict
    if tag in {"str", "constrained-str"}:
        return str
    return None


def other_shape(raw: Any, loc: tuple[int | str, ...]) -> bool:
    """Whether an error comes from a member of a union (text, or a list of text) that the
    value is not shaped like: its message would only confuse (covers: [...] is no text)."""
    node = raw
    for step in loc:
        if _has_step(node, step):
            node = node[step]
        elif isinstance(step, str) and _is_tag(step):
            shape = _shape(step)
            if shape is str:  # text is refused for a container, not for a number or a gap
                return isinstance(node, dict | list)
            return shape is not None and not isinstance(node, shape)
        else:
            return False
    return False
