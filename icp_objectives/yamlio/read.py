"""Plain data from a file's text: the fast and pure loaders, with their refusals (the text
they are given is checked first: see `text`)."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from icp_objectives.domain import limits
from icp_objectives.yamlio import complaints, lean_nodes
from icp_objectives.yamlio.faults import (
    BadDate,
    YamlFault,
    bad_date_fault,
    bad_number_fault,
    one_line,
)
from icp_objectives.yamlio.lean_nodes import SCALARS, Mapping, Scalar, Sequence
from icp_objectives.yamlio.text import MAX_DEPTH, plain_utf8, too_deep, unprintable_in


class _SafeConstructor(SafeConstructor):
    """The safe constructor, refusing aliases: none is needed, and they make alias bombs."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(
                None, None, "an alias (*name) repeats an anchored value", node.start_mark
            )
        return super().construct_object(node, deep=deep)


class _Resolver12(VersionedResolver):
    """YAML 1.2 rules, as the editing loader uses ('no' is text, not false), with the rule
    table built once for all files rather than looked up for every scalar. Resolving only
    reads the table (1.2 has no rules for every first character, which ruamel would append)."""

    _shared: Any = None
    _by_first: dict[str, tuple[tuple[Tag, Any], ...]] = {}  # noqa: RUF012  (built once)
    _for_any: tuple[tuple[Tag, Any], ...] = ()

    def __init__(self, loadumper: Any) -> None:
        super().__init__(version=(1, 2), loadumper=loadumper)
        if _Resolver12._shared is None:
            table = super().versioned_resolver
            _Resolver12._shared = table
            anyone = tuple((Tag(suffix=tag), _matcher(rule)) for tag, rule in table.get(None, []))
            _Resolver12._for_any = anyone
            _Resolver12._by_first = {
                first: (*((Tag(suffix=tag), _matcher(rule)) for tag, rule in rules), *anyone)
                for first, rules in table.items()
                if first is not None
            }
        self._table = _Resolver12._shared

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """ruamel's tag for a node, from the table made once (every node of a file comes here,
        and a file at the size cap has 500,000 of them); its Tag objects are shared, as ruamel
        shares the default ones. A plain scalar's tag depends on its text alone, so the tags of
        short texts seen before (keys, mostly) are remembered. With path resolvers (none are
        registered here), ruamel's own resolve."""
        if self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if kind is Scalar or kind is ScalarNode:
            if not implicit[0]:
                return self.DEFAULT_SCALAR_TAG  # quoted, or a block scalar: text
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = self._plain_tag(value)
                if len(value) <= _REMEMBERED_LENGTH and len(_PLAIN_TAGS) < _REMEMBERED_TAGS:
                    _PLAIN_TAGS[value] = tag
            return tag
        if kind is Mapping or kind is MappingNode:
            return self.DEFAULT_MAPPING_TAG
        if kind is Sequence or kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return super().resolve(kind, value, implicit)

    def _plain_tag(self, value: str) -> Any:
        for tag, matches in self._by_first.get(value[:1], self._for_any):
            if matches(value):
                return tag
        return self.DEFAULT_SCALAR_TAG

    @property
    def processing_version(self) -> tuple[int, int]:
        return (1, 2)

    @property
    def versioned_resolver(self) -> Any:
        return self._table


_PLAIN_TAGS: dict[str, Any] = {}  # a plain scalar's text -> its tag, for short texts
_REMEMBERED_LENGTH = 40  # characters: keys, ids, numbers and words, not sentences
_REMEMBERED_TAGS = 10_000


def _matcher(rule: Any) -> Any:
    """A rule's `match`, from the compiled pattern: ruamel wraps its patterns in a lazy object
    whose every attribute is looked up in Python."""
    if isinstance(rule, re.Pattern):
        return rule.match
    return rule.lazy_self().match  # ruamel.yaml.util.LazyEval


_TAG = re.compile(r"(?:^|[\s,\[{])!", re.MULTILINE)  # where a tag could start, if anywhere
# Where an anchor could start: an & not inside a word ("A&E" is text), before a name. After a
# quoted key an anchor may follow the colon directly ({"a":&x 1}), so any other character
# before it counts. The & comes first, so the search skips to each & (a look-behind first
# would be tried at every character: 30 times slower).
_ANCHOR = re.compile(r"&(?<!\w&)\S")
# The same two searches in UTF-8 bytes, where any byte of a character beyond ASCII may be the
# space before a tag, and none is part of a word: they find at least what those in text find.
_IN_TEXT: tuple[Any, ...] = ("!", _TAG, "&", _ANCHOR)
_IN_BYTES: tuple[Any, ...] = (
    b"!",
    re.compile(rb"(?:^|[\s,\[{\x80-\xff])!", re.MULTILINE),
    b"&",
    re.compile(rb"&(?<!\w&)\S"),
)
_TEXT = VersionedResolver.DEFAULT_SCALAR_TAG  # the one Tag the resolver gives text (see resolve)
_LONGEST_NUMBER = 40  # characters: a reading needs far fewer, and printing a huge one fails
_STR, _MAP, _SEQ, _TIMESTAMP, _INT = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq", "timestamp", "int")
)
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")  # a whole number plainly written: 72, -3, 0


class _Builder:
    """Plain data from a node tree: text, mappings and lists here, other scalars by the
    safe constructor. Twice as fast as the constructor alone, with the same refusals."""

    def __init__(self, scalars: SafeConstructor, resolver: Any, text: str | bytes) -> None:
        self._scalars = scalars
        self._resolver = resolver
        bang, tags, amp, anchors = _IN_BYTES if isinstance(text, bytes) else _IN_TEXT
        # The searches try every character: a look for the one character first is far quicker.
        self._tagged = bang in text and tags.search(text) is not None  # else no tag anywhere
        # An alias repeats an anchored node; with no anchor anywhere there is none to find.
        self._anchored = amp in text and anchors.search(text) is not None
        self._seen: set[int] = set()
        self.faults: list[YamlFault] = []  # values that could be read, but not as written

    def build(self, node: Any) -> Any:
        if self._anchored:
            if id(node) in self._seen:
                raise ConstructorError(
                    None, None, "an alias (*name) repeats an anchored value", node.start_mark
                )
            self._seen.add(id(node))
        ctag = node.ctag  # a resolved tag's suffix is the whole tag; str(tag) is slow
        tag = ctag.suffix if ctag is not None and ctag.handle is None else node.tag
        if tag == _STR and isinstance(node, ScalarNode):
            return node.value
        if tag == _MAP and isinstance(node, MappingNode):
            return self._mapping(node)
        if tag == _SEQ and isinstance(node, SequenceNode):
            return [self.build(item) for item in node.value]
        if not isinstance(node, ScalarNode) or (self._tagged and tag != self._untagged(node)):
            # An explicit !!bool, !!null, !!binary or !!set: the value would not read as
            # written, or would not read at all. Text forced with !!str is text, and kept.
            raise ConstructorError(None, None, f"the value is tagged {tag}", node.start_mark)
        if len(node.value) > _LONGEST_NUMBER:
            raise bad_number_fault(node)
        if tag == _INT and _DECIMAL.fullmatch(node.value):
            return int(node.value)  # as the constructor reads it, without its tag lookups
        try:
            return self._scalars.construct_object(node)
        except ValueError:
            if tag != _TIMESTAMP:  # a number that names none, such as 0x_ or -_
                raise bad_number_fault(node) from None
            self.faults.append(bad_date_fault(node))  # a date naming no day, as 2020-02-30
            return BadDate(node.value)

    def _untagged(self, node: ScalarNode) -> str:
        """The tag YAML gives the value as written, with no tag: what a tag must agree with."""
        return str(self._resolver.resolve(ScalarNode, node.value, (not node.style, False)))

    def _mapping(self, node: Any) -> dict[Any, Any]:
        """A mapping's data. A text key or value as the resolver tagged it (nearly every one,
        and a file at the size cap holds 500,000) is taken as it is, without `build`'s walk,
        unless aliases could be about."""
        out: dict[Any, Any] = {}
        fast = not self._anchored
        for key_node, value_node in node.value:
            if fast and key_node.ctag is _TEXT and key_node.__class__ in SCALARS:
                key = key_node.value  # text: neither a merge key nor anything but plain
            else:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise ConstructorError(
                        None, None, "a merge key (<<) needs an alias", key_node.start_mark
                    )
                key = self.build(key_node)
                if not isinstance(key, str | int | float | bool | None):
                    raise ConstructorError(
                        None, None, "found a key that is not plain text", key_node.start_mark
                    )
            if key in out:
                raise ConstructorError(
                    None, None, f'found duplicate key "{key}"', key_node.start_mark
                )
            if fast and value_node.ctag is _TEXT and value_node.__class__ in SCALARS:
                out[key] = value_node.value
            else:
                out[key] = self.build(value_node)
        return out


try:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - without the C extension, the pure parser serves
    CParser = None
else:
    LEAN_NODES = lean_nodes.install(sys.modules[CParser.__module__])


Read = tuple[Any, list["YamlFault"], Any]  # the data, its faults, and its node tree


def _load_pure(text: str) -> Read:
    """The pure-Python reader, built up as the fast one is: the same data, refusals and
    faults (an impossible date is reported where it is written, and the file still read)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _SafeConstructor
    node = yaml.compose(text)
    if node is None:
        return None, [], None
    builder = _Builder(yaml.constructor, yaml.resolver, text)
    return builder.build(node), builder.faults, node


if CParser is not None:

    class _CLoader(CParser, _SafeConstructor, _Resolver12):  # type: ignore[misc]
        """The C parser with the safe constructor, built once: YAML.load builds a class a call."""

        def __init__(self, text: str | bytes) -> None:
            CParser.__init__(self, text)
            _SafeConstructor.__init__(self, loader=self)
            _Resolver12.__init__(self, loadumper=self)
            self._composer = self
            self._resolver = self

        def release(self) -> None:
            """Let the loader go: it refers to itself as its own composer, constructor and
            resolver, and the CLI runs without the cycle collector (see cli.main), so each
            file's parser would otherwise stay in memory, with libyaml's buffers, to the end."""
            self.dispose()
            self.__dict__.clear()

    def _load_fast(text: str | bytes) -> Read:
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, [], None
            builder = _Builder(loader, loader, text)
            return builder.build(node), builder.faults, node
        finally:
            loader.release()

    def compose_fast(text: str) -> Any:
        """The node tree of a document that reads, with each node's place, from the C parser."""
        loader = _CLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.release()

else:  # pragma: no cover

    def _load_fast(text: str | bytes) -> Read:
        return _load_pure(text if isinstance(text, str) else text.decode("utf-8"))

    def compose_fast(text: str) -> Any:
        yaml = YAML(typ="safe", pure=True)
        return yaml.compose(text)


_LINE_BREAK = re.compile("\r\n|\r|\n")  # as the reader counts lines


def _inside(fault: YamlFault, text: str) -> YamlFault:
    """The fault, placed no further than the end of the text's last line.

    At the end of a file without a final line break the reader counts one more line, empty,
    which no editor shows (and a workflow annotation cannot point at).
    """
    lines = _LINE_BREAK.split(text)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the final line break ends the last line
    if fault.line <= len(lines) and fault.column <= len(lines[fault.line - 1]) + 1:
        return fault
    line = min(fault.line, len(lines))
    return replace(fault, line=line, column=len(lines[line - 1]) + 1)


def load(text: str) -> Any:
    """Plain Python data from YAML text (dicts, lists, str, int, float, bool, date, None)."""
    data, faults = load_with_faults(text)
    if faults:
        raise faults[0]
    return data


def load_with_faults(text: str) -> tuple[Any, list[YamlFault]]:
    """Plain data, and the values that could not be read as written (an impossible date).

    Such a value stays in the data as a `BadDate`, so the rest of the file can still be
    checked. A file that cannot be read at all raises a YamlFault.
    """
    data, faults, _ = load_document(text)
    return data, faults


_BOM = "\ufeff".encode()


def load_utf8(data: bytes) -> Read | None:
    """As `load_document` for the text of UTF-8 bytes, read by the C parser from the bytes as
    they are (see `plain_utf8`); None where the text must be decoded and read by
    `load_document`: for all but a clean read (an error, a fault, no content), whose words
    come from there. Nearly every file reads cleanly, and is then neither decoded nor encoded
    again for the parser."""
    # As decode("utf-8-sig") leaves the text: without its first byte-order mark (libyaml
    # passes over one more, the same in both).
    body = data.removeprefix(_BOM)
    if CParser is None or len(data) > limits.MAX_BYTES or not plain_utf8(body):
        return None
    try:
        read = _load_fast(body)
    except (YAMLError, YamlFault, RecursionError):
        return None
    # A data file is a mapping (a list, at most): a lone value may be only spaces that YAML
    # reads as text but `decode` calls an empty file (a no-break space, U+3000).
    return read if isinstance(read[0], dict | list) and not read[1] else None


def load_document(text: str) -> Read:
    """As `load_with_faults`, with the node tree too: where each value sits, for messages."""
    if too_deep(text):
        raise unprintable_in(text) or YamlFault(
            1,
            1,
            "yaml-too-deep",
            f"the file nests lists or blocks more than {MAX_DEPTH} deep; data files need a few"
            " levels at most",
        )
    try:
        return _load_fast(text)
    except MarkedYAMLError as error:
        raise unprintable_in(text) or _inside(
            complaints.explain(error, text, _load_fast), text
        ) from None
    except YAMLError as error:
        raise unprintable_in(text) or YamlFault(1, 1, "yaml-syntax", one_line(str(error))) from None
    except RecursionError:
        raise unprintable_in(text) or YamlFault(
            1, 1, "yaml-too-deep", "the file nests too deeply to read"
        ) from None
