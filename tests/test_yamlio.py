"""The fast reader and the editing reader must read every scalar the same way (YAML 1.2)."""

from __future__ import annotations

import gc
import warnings
import weakref
from typing import Any

import pytest
from ruamel.yaml.error import MarkedYAMLError, StreamMark

from icp_objectives import yamlio
from icp_objectives.yamlio import complaints, quotes
from icp_objectives.yamlio import read as reader

TRICKY = "a: no\nb: yes\nc: 1e-05\nd: 010\ne: 0o10\nf: 2020-07-20\ng: ~\nh: 1.10\ni: on\nj: '1.10'\nk: .inf\n"


def test_fast_and_round_trip_readers_agree() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fast = yamlio.load(TRICKY)
    assert fast == dict(yamlio.load_roundtrip(TRICKY))
    assert fast["a"] == "no" and fast["i"] == "on"  # YAML 1.2: no Norway problem
    assert fast["h"] == 1.1 and fast["j"] == "1.10"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: 1\na: 2\n", "duplicate-key"),
        ("a: &x 1\nb: *x\n", "yaml-alias"),
        ("a: [&x A&E, *x]\n", "yaml-alias"),  # an anchor after a flow indicator
        ("a:\t&x 1\nb: {c: *x}\n", "yaml-alias"),  # after a tab, used in a mapping
        ("- &x\n  k: A&E\n- *x\n", "yaml-alias"),  # a mapping anchored, text with an &
        ('{"a":&x [1], "b":*x}\n', "yaml-alias"),  # straight after a quoted key's colon
        ('a: [{"k":&x 1}, *x]\n', "yaml-alias"),
        ("{'a':&x {c: 1}, 'b':*x}\n", "yaml-alias"),
        ("<<: {a: 1}\n", "yaml-merge"),
        ("a: !!python/name:os.system x\n", "yaml-tag"),
        ("? [a]\n: 1\n", "yaml-complex-key"),
        ("a: 1\n---\nb: 2\n", "yaml-documents"),
        ("a: 2020-02-30\n", "bad-date"),
        ("a: [\n", "yaml-unclosed"),
        ("a: b: c\n", "yaml-syntax"),
    ],
)
def test_refusals(text: str, code: str) -> None:
    with pytest.raises(yamlio.YamlFault) as fault:
        yamlio.load(text)
    assert fault.value.code == code


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        ("", True),
        (" \n\t\n", True),
        ("# one\n  # two\n\n", True),
        ("# one\r# two\u2028# three", True),  # any line break ends a comment
        ("# one\n# two\ntitle: x\n", False),
        ("# one\rtitle: x", False),  # after a lone carriage return, a line of content
        ("# one\u2029 title: x\n", False),
        ("\ufeff# one\n", True),  # the byte-order mark is not content
    ],
)
def test_a_file_of_space_and_comments_is_empty(text: str, empty: bool) -> None:
    data = text.encode("utf-8")
    if empty:
        with pytest.raises(yamlio.YamlFault) as fault:
            yamlio.decode(data)
        assert fault.value.code == "empty-file"
    else:
        assert yamlio.decode(data) == text.removeprefix("\ufeff")


def test_hyphens_in_text_are_not_nesting_but_a_deep_list_is() -> None:
    prose = "body: " + "well-led, " * 400 + "\n"
    assert yamlio.load(prose)["body"].count("-") == 400
    with pytest.raises(yamlio.YamlFault) as fault:
        yamlio.load(prose + "list:\n" + "  " + "- " * 250 + "x\n")
    assert fault.value.code == "yaml-too-deep"


# Every character YAML never allows: the C0 controls but tab and line breaks, DEL, the C1
# controls but NEL, and the two non-characters.
NEVER_ALLOWED = [
    *(chr(n) for n in range(0x20) if chr(n) not in "\t\n\r"),
    *(chr(n) for n in range(0x7F, 0xA0) if n != 0x85),
    "\ufffe",
    "\uffff",
]


@pytest.mark.parametrize("char", NEVER_ALLOWED, ids=lambda char: f"U+{ord(char):04X}")
@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("title: A {}title\n", 1, 10, id="value"),
        pytest.param("# a comment {}\ntitle: x\n", 1, 13, id="comment"),
        pytest.param("a: 1\nb: [1\nc: '{}'\n", 3, 5, id="after-a-mistake"),  # read no further
        pytest.param("a: 1\n" + "- " * 300 + "x{}\n", 2, 602, id="too-deep"),
    ],
)
def test_a_character_yaml_never_allows_is_named_at_its_place(
    char: str, text: str, line: int, column: int
) -> None:
    with pytest.raises(yamlio.YamlFault) as fault:
        yamlio.load_document(text.format(char))
    assert (fault.value.code, fault.value.line, fault.value.column) == (
        "control-character",
        line,
        column,
    )
    assert f"{ord(char):02x}" in fault.value.message


@pytest.mark.skipif(
    not hasattr(reader, "_CLoader"), reason="ruamel.yaml.clib's C parser is not installed"
)
def test_each_files_parser_is_let_go_without_the_cycle_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The CLI runs with the cycle collector off: a parser kept alive by its references to
    itself would hold libyaml's buffers for every file read until the run ends."""
    made: list[weakref.ref[object]] = []

    class Watched(reader._CLoader):
        def __init__(self, text: str) -> None:
            super().__init__(text)
            made.append(weakref.ref(self))

    monkeypatch.setattr(reader, "_CLoader", Watched)
    was_on = gc.isenabled()
    gc.disable()
    try:
        yamlio.load_document("a: 1\nb: [x, y]\n")
        reader.compose_fast("c: {d: 2}\n")
        assert len(made) == 2
        assert [ref() for ref in made] == [None, None]
    finally:
        if was_on:
            gc.enable()


@pytest.mark.skipif(
    not hasattr(reader, "_CLoader"), reason="ruamel.yaml.clib's C parser is not installed"
)
def test_the_c_parsers_lean_nodes_are_ruamels_nodes_with_every_slot_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The C parser is given node classes that are made in one step: a newer ruamel that
    binds them otherwise would quietly lose that, so it is checked, and so is every slot."""
    import sys

    from ruamel.yaml import nodes
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

    assert reader.LEAN_NODES
    text = "a: 1\nb: !!str 2\nc: [x, {d: 'e'}]\nf: |\n  g\nh: {}\n"
    lean = reader.compose_fast(text)
    module = sys.modules[CParser.__module__]
    for name in ("ScalarNode", "SequenceNode", "MappingNode"):
        monkeypatch.setattr(module, name, getattr(nodes, name))
    plain = reader.compose_fast(text)

    def slots(node: Any) -> list[tuple[str, object]]:
        names = {n for c in type(node).__mro__ for n in getattr(c, "__slots__", ())}
        names.discard("value")
        return sorted((n, _comparable(getattr(node, n))) for n in names)

    def walk(one: Any, other: Any) -> int:
        assert isinstance(one, type(other)) and slots(one) == slots(other)
        if isinstance(one, nodes.ScalarNode):
            assert one.value == other.value
            return 1
        if isinstance(one, nodes.MappingNode):
            pairs = list(zip(one.value, other.value, strict=True))
            return 1 + sum(walk(a, b) + walk(c, d) for (a, c), (b, d) in pairs)
        return 1 + sum(walk(a, b) for a, b in zip(one.value, other.value, strict=True))

    assert type(plain) is nodes.MappingNode and type(lean) is not nodes.MappingNode
    assert walk(lean, plain) == 15


def _comparable(value: object) -> object:
    """A slot's value, compared by what it says: a place by its index, line and column."""
    if hasattr(value, "line") and hasattr(value, "column"):
        return (value.index, value.line, value.column)  # type: ignore[attr-defined]
    return repr(value)


def test_source_positions_of_keys_and_values() -> None:
    places = yamlio.Places("a:\n  b:\n    - x\n    - y: 1\n")
    assert places.locate(["a", "b", 1, "y"]) == (4, 10)
    assert places.locate(["a", "b", 1, "y"], at_key=True) == (4, 7)
    assert places.locate(["a", "missing"]) == (2, 3)


HAND_EDITS = [
    ('a: "C:\\Users\\jo"\n', 1, 7, "yaml-bad-escape", "use single quotes, 'C:\\Users\\jo'"),
    ('a: "x" "y"\n', 1, 8, "yaml-syntax", "for several ids write a list"),
    ("a:\u00a01\nb: 2\n", 1, 3, "yaml-odd-space", "a non-breaking space"),
    # A non-breaking space at the start of a value is its text; the open quote is the error.
    ("h: \u00a0x\na: 1\nb: 'open\n", 3, 4, "yaml-unclosed-quote", "the ' opened here"),
    # One used as indentation ends the list, and the reader gives up lines further on.
    ("h: \u00a0x\na:\n  - b: 1\n\n\u00a0 - b: 2\n#\n\n    d: 3\n", 5, 1, "yaml-odd-space", "a non"),
    # Of the two spaces, the one that breaks the file, not the nearer one in a value.
    ("a:\n  - b: 1\n\u00a0 - b: 2\n    h: \u00a0x\n    c: 2\n", 3, 1, "yaml-odd-space", "a non"),
    # Read again without the space, the file gets as far as a value that is not a number.
    ("a:\n  - b: 1\n  \u00a0 c: 2\nd: -_\n", 3, 3, "yaml-odd-space", "a non-breaking space"),
    ("a: 1\nb:\n  -c: 1\n    d: 2\n", 3, 3, "yaml-syntax", "'- c:'"),
    ("t: Objective 1.2: Mothers\n", 1, 17, "yaml-syntax", 't: "Objective 1.2: Mothers"'),
    ("b: |\n  -Note: text\nc:\n  - d: x: y\n", 4, 9, "yaml-syntax", '(d: "x: y")'),
    ("t: `x`\n", 1, 4, "yaml-syntax", "cannot start with %, @ or `"),
    ("t: 'It's'\n", 1, 8, "yaml-syntax", "'It''s'"),
    ("body: |\n    a\n  b\n", 3, 3, "yaml-syntax", "under `body: |` must be indented"),
    ("body: | a\n", 1, 9, "yaml-syntax", "text after `|` must start on the next line"),
]


@pytest.mark.parametrize(("text", "line", "column", "code", "says"), HAND_EDITS)
def test_hand_edits_are_explained_by_both_readers(
    text: str, line: int, column: int, code: str, says: str
) -> None:
    """`update` reads files for editing with the pure reader, whose messages differ."""
    for read in (yamlio.load, yamlio.outline):
        with pytest.raises(yamlio.YamlFault) as fault:
            read(text)
        assert (fault.value.line, fault.value.column, fault.value.code) == (line, column, code)
        assert says in fault.value.message


def test_a_quote_closed_on_its_line_is_not_called_unclosed() -> None:
    with pytest.raises(yamlio.YamlFault) as fault:
        yamlio.load('a: "x\\ty \\u12"\n')  # a short \u escape, with the quote closed
    assert fault.value.code == "yaml-bad-escape"
    assert not quotes._closes_on_its_line('a: "x\n', 0, 3)
    assert quotes._closes_on_its_line("a: 'it''s' x\n", 0, 3)
    assert quotes._closes_on_its_line('a: "say \\"hi\\"" x\n', 0, 3)


def test_odd_spaces_in_text_are_left_alone() -> None:
    text = "body: |\n  a\u00a0b\n  \u00a0c\nheading: a\u00a0b\ncovers: [a,\u00a0b]\n"
    assert [(f.line, f.column) for f in yamlio.odd_spaces(text)] == [(5, 12)]
    assert yamlio.odd_spaces("a: \u200bb\n")[0].message.endswith("delete it")


def test_a_complaint_placed_at_the_end_of_a_line_is_still_explained() -> None:
    """Neither reader is known to place "cannot start any token" past a line's last
    character, but if one did, the hint for a value starting with %, @ or ` must not fail:
    the empty string is in every string."""
    text = "title: x\n"
    error = MarkedYAMLError(
        context="while scanning for the next token",
        problem="found character that cannot start any token",
        problem_mark=StreamMark("<text>", 8, 0, 8),
    )

    fault = complaints.explain(error, text, yamlio.load)

    assert (fault.line, fault.column, fault.code) == (1, 9, "yaml-syntax")
    assert fault.message.startswith(
        "this is not valid YAML: found character that cannot start any token"
    )


def test_an_odd_space_above_a_very_deep_file_is_named_not_a_crash() -> None:
    deep = "".join("  " * depth + "-\n" for depth in range(1, 1201))
    with pytest.raises(yamlio.YamlFault) as raised:
        yamlio.load("a:\n\u00a0 - x\nb:\n" + deep)
    assert (raised.value.line, raised.value.column, raised.value.code) == (2, 1, "yaml-odd-space")


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("title: x\nmeeting: ICP Board\nintroduction: y\n", "meeting", 3),
        ("title: x\nintroduction: |\n  one\n  two\nsession: public\n", "introduction", 5),
        ("title: x\nlist:\n  - a\n  - b\nlast: y\n", "list", 5),
        ("title: x\nflow: [1, 2]  # note\nlast: y\n", "flow", 3),
        ("title: x\nlast: y", "last", 3),  # after the end: where a new line would go
    ],
)
def test_the_line_after_a_key_is_where_the_next_key_goes(text: str, key: str, line: int) -> None:
    assert yamlio.Places(text).line_after(key) == line


def test_a_key_that_is_not_there_has_no_line_after_it() -> None:
    assert yamlio.Places("title: x\n").line_after("meeting") is None
    assert yamlio.Places("- a list\n").line_after("title") is None
