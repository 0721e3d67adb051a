"""Whatever a person types is stored so that it reads back exactly as typed: no YAML or Markdown
injection through bullets, bodies, headings or notes."""

from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icp_objectives import yamlio
from icp_objectives.domain import markdown
from icp_objectives.domain.periods import parse_quarter
from icp_objectives.edit import entries, splice
from icp_objectives.edit.entries import Content, EntryError
from tests.conftest import MakeRepo, RunCli

BASE = "# Comment kept\nobjective: 2\nentries:\n  - covers: '2.1'\n    body: |\n      - Old\n"

NASTY = [
    "key: value",
    "# not a comment",
    "'single' and \"double\" quotes",
    "---",
    "...",
    "- a leading dash",
    "-- two dashes",
    "first line\nsecond line",
    "line\n\n\nafter blank lines",
    "line\n- looks like a new bullet\n# looks like a heading",
    "  leading spaces",
    "trailing spaces   ",
    "tab\there",
    "{flow: map}",
    "[flow, list]",
    "&anchor *alias !tag",
    "| pipe > fold",
    "% percent @ at ` backtick",
    "ends with colon:",
    "null",
    "~",
    "yes",
    "1.10",
    "0x1F",
    "2020-04-01",
    '"',
    "'",
    "\\ backslash \\n not a newline",
    "emoji 🎉 and accents é ü",
    "zero\u200bwidth",
    "windows\r\nline end",
    "**Bold label:** and [a link](https://example.org/a_b?c=d#e)",
    "    four spaces: a code block?",
    "<b>raw html</b>",
]

# Any text except surrogates (not encodable) and the NUL byte a text file cannot hold.
TYPED = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=60
)


def stored(entry: dict[str, object]) -> dict[str, object]:
    text = splice.add_entry(BASE, entry)
    assert text.startswith(BASE)
    data = yamlio.load(text)
    assert isinstance(data, dict)
    last = data["entries"][-1]
    assert isinstance(last, dict)
    return last


def unbullet(body: str) -> list[str]:
    """The items of a body made by `bullet_lines`, back as typed."""
    items: list[list[str]] = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("- "):
            items.append([line[2:]])
        else:
            assert line == "" or line.startswith("  "), line
            items[-1].append(line[2:])
    return ["\n".join(item) for item in items]


def as_typed(text: str) -> str:
    return entries.normalise_text(text).strip("\n")


def as_bullet(text: str) -> str:
    """A bullet as typed, with what would start a Markdown block escaped (see below)."""
    first, *others = as_typed(text).split("\n")
    return "\n".join(
        [markdown.as_text(first), *(markdown.as_text(o, first=False) if o else "" for o in others)]
    )


@pytest.mark.parametrize("text", NASTY)
def test_nasty_bullets_read_back_as_typed(text: str) -> None:
    entry = entries.build(("2.2",), Content(bullets=(text, "second")))
    assert unbullet(str(stored(entry)["body"])) == [as_bullet(text), "second"]


@pytest.mark.parametrize("text", NASTY)
def test_nasty_one_line_fields_read_back(text: str) -> None:
    if "\n" in text.strip() or "\r" in text.strip():
        return
    content = Content(
        body=text,
        heading=text,
        author=text,
        readings=({"measure": "m", "value": 1, "note": text.strip()},),
    )
    got = stored(entries.build(("2.2",), content))
    assert got["heading"] == got["author"] == text.strip()
    assert got["body"] == as_typed(text) + "\n"
    assert got["readings"] == [{"measure": "m", "value": 1, "note": text.strip()}]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bullets=st.lists(TYPED.filter(lambda t: t.strip()), min_size=1, max_size=3))
def test_any_bullets_read_back_as_typed(bullets: list[str]) -> None:
    entry = entries.build(("2.2",), Content(bullets=tuple(bullets)))
    assert unbullet(str(stored(entry)["body"])) == [as_bullet(b) for b in bullets]


@settings(max_examples=150, deadline=None)
@given(body=TYPED.filter(lambda t: t.strip()), note=TYPED.filter(lambda t: t.strip()))
def test_any_body_and_note_read_back_as_typed(body: str, note: str) -> None:
    reading = {"measure": "m", "value": 2.5, "note": note}
    got = stored(entries.build(("2",), Content(body=body, readings=(reading,))))
    assert got["body"] == as_typed(body) + "\n"
    assert got["readings"] == [reading]


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("childcare=72", {"measure": "childcare", "value": 72}),
        ("childcare = 72.5", {"measure": "childcare", "value": 72.5}),
        ("childcare=72@2020/21 Q1", {"measure": "childcare", "value": 72, "period": "2020/21 Q1"}),
        ("childcare=72@Q1 2020-21", {"measure": "childcare", "value": 72, "period": "2020/21 Q1"}),
        ("childcare=72@2020/21", {"measure": "childcare", "value": 72, "period": "2020/21"}),
        (
            "childcare=72@2020/21 Q1:Fell in lockdown: now 72%",
            {"measure": "childcare", "value": 72, "period": "2020/21 Q1",
             "note": "Fell in lockdown: now 72%"},
        ),
        ("childcare=-3:Note with @ and = signs", {"measure": "childcare", "value": -3,
                                                  "note": "Note with @ and = signs"}),
        ("childcare=13@Q1", {"measure": "childcare", "value": 13, "period": "2021/22 Q1"}),
        ("childcare=13@Quarter 4", {"measure": "childcare", "value": 13, "period": "2021/22 Q4"}),
    ],
)  # fmt: skip
def test_reading_syntax(typed: str, reading: dict[str, object]) -> None:
    assert entries.parse_reading(typed, parse_quarter("2021/22 Q3")) == reading


@pytest.mark.parametrize("typed", ["72.50", "72", "+5", "-0.0", "0.125", "1000000"])
def test_reading_values_are_written_as_typed(make_repo: MakeRepo, cli: RunCli, typed: str) -> None:
    root = make_repo({})
    result = cli("update", "1.1", "-q", "2020/21 Q2", "-b", "x", "-r", f"childcare={typed}@Q1",
                 "--create", "--root", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = Path(root, "objectives/updates/2020-21/Q2/objective-1.yaml").read_text()
    assert f"        value: {typed}\n        period: 2020/21 Q1\n" in text
    assert yamlio.load(text)["entries"][0]["readings"][0]["value"] == float(typed)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("childcare", "needs a measure and a value"),
        ("=72", "needs a measure and a value"),
        ("Child Care=72", "is not a measure id"),
        ("childcare=seventy", "'seventy' is not a number"),
        ("childcare=1e3", "'1e3' is not a number"),
        ("childcare=\u0667\u0662", "is not a number"),
        ("childcare=1_000", "'1_000' is not a number"),
        ("childcare=5.", "'5.' is not a number"),
        ("childcare=.5", "'.5' is not a number"),
        ("childcare=0x1F", "'0x1F' is not a number"),
        ("childcare=inf", "'inf' is not a number"),
        ("childcare=" + "9" * 400, "finite"),
        ("childcare=nan", "'nan' is not a number"),
        ("childcare=72@", "nothing after '@'"),
        ("childcare=72:", "empty note"),
    ],
)
def test_bad_readings_say_why(typed: str, message: str) -> None:
    with pytest.raises(EntryError, match=message):
        entries.parse_reading(typed)


@pytest.mark.parametrize(
    "text", ["- a leading dash", "x: y # z", "line\n## heading inside", "---", "'quoted'"]
)
def test_nasty_text_through_the_command_validates_and_reads_back(
    make_repo: MakeRepo, cli: RunCli, text: str
) -> None:
    root = make_repo({})
    result = cli("update", "2.2", "-q", "2020/21 Q1", "-b", text, "--root", str(root))
    assert result.exit_code == 0, result.output
    path = Path(root, "objectives/updates/2020-21/Q1/objective-2.yaml")
    body = yamlio.load(path.read_text())["entries"][0]["body"]
    assert unbullet(body) == [as_bullet(text)]


SHOWN_AS_TYPED = [
    "---", "***", "* * *", "___", "- dash", "* star", "+ x", "> quote", "# x", "###### x",
    "1. x", "2) y", "```", "~~~ tilde", "[ref]: https://example.org", "-", "1.",
]  # fmt: skip


@pytest.mark.parametrize("text", SHOWN_AS_TYPED)
def test_block_syntax_in_a_bullet_is_text_in_that_bullet(text: str) -> None:
    html = markdown.to_html(entries.bullet_lines([text, "second"])).replace("\n", "")
    assert html == f"<ul><li>{html_escape(text, quote=False)}</li><li>second</li></ul>"


@pytest.mark.parametrize("later", ["---", "===", "- dash", "> quote", "# x", "| a | b |", "1. x"])
def test_block_syntax_on_a_later_line_stays_in_the_bullet(later: str) -> None:
    html = markdown.to_html(entries.bullet_lines([f"first\n{later}"])).replace("\n", "")
    assert html == f"<ul><li>first{html_escape(later, quote=False)}</li></ul>"


def test_bullets_show_as_typed_in_the_paper(make_repo: MakeRepo, cli: RunCli) -> None:
    root = make_repo({})
    bullets = [arg for text in SHOWN_AS_TYPED[:11] for arg in ("-b", text)]
    bullets += ["-b", "**Bold:** and [a link](https://example.org)"]
    result = cli("update", "2.2", "-q", "2020/21 Q1", *bullets, "--root", str(root))
    assert result.exit_code == 0, result.output
    paper = cli("report", "2020/21 Q1", "-f", "html", "-o", "-", "--root", str(root))
    html = paper.stdout.replace(">\n<", "><")
    items = "".join(f"<li>{html_escape(text, quote=False)}</li>" for text in SHOWN_AS_TYPED[:11])
    items += '<li><strong>Bold:</strong> and <a href="https://example.org">a link</a></li>'
    assert f"<ul>{items}</ul>" in html


def test_check_typed_passes_plain_text_and_gives_the_correction_as_one_line() -> None:
    assert entries.check_typed("2.2", bullets=["x"], readings=["childcare=72"]) is None
    assert entries.check_typed("2.2", correction="  Figure was wrong.\r\n") == "Figure was wrong."


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"target": "2\x002"}, "TARGET holds a control character"),
        ({"status": "amb\x1ber"}, "--status holds a control character"),
        ({"heading": "caf\udce9"}, "--heading is not UTF-8 text"),
        ({"body": "a\x00"}, "--body holds a control character"),
        ({"author": "a\x7f"}, "--author holds a control character"),
        ({"bullets": ["ok", "a\x1b[31m"]}, "--bullet holds a control character"),
        ({"readings": ["childcare=1:caf\udce9"]}, "--reading is not UTF-8 text"),
        ({"correction": "a\x07"}, "--correction holds a control character"),
        ({"correction": "one\ntwo"}, "--correction must be one line"),
        ({"correction": "  "}, "--correction is empty"),
    ],
)
def test_check_typed_names_the_option_at_fault(typed: dict[str, Any], message: str) -> None:
    arguments = {"target": "2.2", **typed}
    with pytest.raises(EntryError, match=re.escape(message)):
        entries.check_typed(**arguments)


def test_check_typed_checks_every_value_before_the_correction_is_read() -> None:
    with pytest.raises(EntryError, match="--bullet holds"):
        entries.check_typed("2.2", correction="one\ntwo", bullets=["a\x00"])
