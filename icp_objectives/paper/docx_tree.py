"""The rendered HTML paper as a small tree, for the Word converter to walk. Pure.

What is left out, because it has no place on paper: the document's head, scripts and styles,
and anything screen-only, which is an element that is `hidden`, `aria-hidden="true"`, or has the
class `screen-only` or `skip-link` (the packaged templates' "Skip to the paper" link). An inline
`<svg>` keeps its source text as written, so that it can be drawn as a picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SCREEN_ONLY_CLASSES = frozenset({"screen-only", "skip-link"})
_LEFT_OUT = frozenset({"head", "script", "style", "template", "noscript"})
# Characters XML cannot hold: the data never has them (validation refuses them), a template might.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Node:
    """One element: its tag, attributes, children (elements and text) and, for an svg, its
    source as written."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    source: str = ""

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def elements(self) -> list[Node]:
        return [child for child in self.children if isinstance(child, Node)]

    def text(self) -> str:
        """All the text inside, whitespace as written."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


def is_screen_only(tag: str, attrs: dict[str, str]) -> bool:
    """Whether an element is for the screen only, and so left out of Word (the module's rule)."""
    return (
        "hidden" in attrs
        or attrs.get("aria-hidden", "").strip().lower() == "true"
        or bool(SCREEN_ONLY_CLASSES & set(attrs.get("class", "").split()))
        or tag in _LEFT_OUT
    )


class _Builder(HTMLParser):
    """The parser that builds the tree, leaving out what is screen-only."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.root = Node("root")
        self.stack: list[Node] = [self.root]
        self.skipping: list[str] = []  # the tags of the left-out elements we are inside
        self.svg_start: list[int] = []

    def _offset(self) -> int:
        """Where the parser is in the HTML, as an index into the string."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.skipping:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if is_screen_only(tag, values):
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        node = Node(tag, values)
        self.stack[-1].children.append(node)
        if tag == "svg":
            self.svg_start.append(self._offset())
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<path ... />` in an svg, `<br/>`: an element with nothing inside."""
        if self.skipping or is_screen_only(tag, {n: v or "" for n, v in attrs}):
            return
        self.stack[-1].children.append(Node(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        """Close the element, and any left open inside it; an svg keeps its source."""
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        open_tags = [node.tag for node in self.stack[1:]]
        if tag not in open_tags:
            return  # a stray end tag: ignored, as a browser would
        while True:
            node = self.stack.pop()
            if node.tag == "svg" and self.svg_start:
                start = self.svg_start.pop()
                end = self.html.find(">", self._offset())
                node.source = self.html[start : end + 1 if end >= 0 else len(self.html)]
            if node.tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The paper's body (or the whole document when it has none) as a tree; a character XML
    cannot hold shows as the replacement character."""
    html = _NOT_XML.sub("\ufffd", html)
    builder = _Builder(html)
    builder.feed(html)
    builder.close()
    return _find(builder.root, "body") or builder.root


def _find(node: Node, tag: str) -> Node | None:
    """The first element with the tag `tag`, depth first."""
    for child in node.elements():
        if child.tag == tag:
            return child
        found = _find(child, tag)
        if found is not None:
            return found
    return None
