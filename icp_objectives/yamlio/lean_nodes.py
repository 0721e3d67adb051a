"""Node classes for the C parser: ruamel's own, each made in one step.

The C parser makes a node for every value it reads by calling the node classes of
ruamel.yaml.nodes, whose constructors call their parents' constructors in Python: a tenth of
reading a long history. These subclasses set the same slots to the same values in one call,
and `install` gives them to the C parser in place of its own. Every node is still a ruamel
node (isinstance holds, and nothing is missing), for anything that walks the tree.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag


def _tag(tag: Any) -> Tag:
    return tag if isinstance(tag, Tag) else Tag(suffix=tag)


# The three constructors repeat one another on purpose: a shared helper would be the call
# per node that this module exists to save.


class Scalar(ScalarNode):
    __slots__ = ()

    def __init__(
        self,
        tag: Any,
        value: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        style: Any = None,
        comment: Any = None,
        anchor: Any = None,
    ) -> None:
        self.ctag = tag if tag.__class__ is Tag else _tag(tag)
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.comment = comment
        self.anchor = anchor
        self.style = style


class Sequence(SequenceNode):
    __slots__ = ()

    def __init__(
        self,
        tag: Any,
        value: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        flow_style: Any = None,
        comment: Any = None,
        anchor: Any = None,
    ) -> None:
        self.ctag = tag if tag.__class__ is Tag else _tag(tag)
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.comment = comment
        self.anchor = anchor
        self.flow_style = flow_style


class Mapping(MappingNode):
    __slots__ = ()

    def __init__(
        self,
        tag: Any,
        value: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        flow_style: Any = None,
        comment: Any = None,
        anchor: Any = None,
    ) -> None:
        self.ctag = tag if tag.__class__ is Tag else _tag(tag)
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.comment = comment
        self.anchor = anchor
        self.flow_style = flow_style
        self.merge = None


SCALARS = frozenset({ScalarNode, Scalar})  # what a plain scalar node's class may be
_LEAN = {
    "ScalarNode": (ScalarNode, Scalar),
    "SequenceNode": (SequenceNode, Sequence),
    "MappingNode": (MappingNode, Mapping),
}


def install(module: ModuleType) -> bool:
    """Give the C parser's module these classes for the ones it imported (only where it
    holds ruamel's own); whether all three are now the lean ones."""
    for name, (original, lean) in _LEAN.items():
        if getattr(module, name, None) is original:
            setattr(module, name, lean)
    return all(getattr(module, name, None) is lean for name, (_, lean) in _LEAN.items())
