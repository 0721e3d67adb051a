"""Text from the data files is data, never markup."""

from __future__ import annotations

import hypothesis
import pytest
from hypothesis import strategies as st

from icp_objectives.domain import markdown


def test_raw_html_is_shown_as_text() -> None:
    html = markdown.to_html("<script>alert(1)</script> and <b>bold</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "vbscript:x",
        "#",
        "/relative/page",
        "ftp://example.org",
    ],
)
def test_only_web_and_email_links_become_links(href: str) -> None:
    html = markdown.to_html(f"See [the plan]({href}).")
    assert "<a " not in html
    assert "the plan" in html
    assert markdown.unsafe_links(f"See [the plan]({href}).") == [href]


def test_web_and_email_links_are_kept() -> None:
    html = markdown.to_html("[a](https://example.org/x?y=1&z=2) and [b](mailto:team@example.org)")
    assert '<a href="https://example.org/x?y=1&amp;z=2">a</a>' in html
    assert '<a href="mailto:team@example.org">b</a>' in html


def test_images_are_not_loaded() -> None:
    assert "<img" not in markdown.to_html("![tracker](https://example.org/pixel.png)")


def test_body_headings_keep_their_relative_depth() -> None:
    html = markdown.to_html("#### Key points\n\n##### Detail", heading_level=4)
    assert "<h4>Key points</h4>" in html and "<h5>Detail</h5>" in html
    assert markdown.to_markdown("## A\n\n### B", heading_level=4) == "#### A\n\n##### B"


def test_headings_nest_under_the_papers_own() -> None:
    assert "<h4>Key points</h4>" in markdown.to_html("# Key points", heading_level=4)
    assert markdown.to_markdown("# Key points\n\ntext", heading_level=4).startswith(
        "#### Key points"
    )
    assert markdown.to_markdown("Key points\n===\n\ntext", heading_level=4).startswith("#### Key")


def test_markdown_output_neutralises_html_and_unsafe_links() -> None:
    out = markdown.to_markdown(
        "<img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](https://a.b)"
    )
    assert "<img" not in out
    assert "\\](javascript:" in out
    assert "[y](https://a.b)" in out


def test_an_image_of_an_unsafe_target_is_named_and_broken() -> None:
    assert markdown.unsafe_links("![x](javascript:alert(1))") == ["javascript:alert(1)"]
    out = markdown.to_markdown("![x](javascript:alert(1)) ![y](https://a.b/c.png)")
    assert "\\](javascript:" in out
    assert "![y](https://a.b/c.png)" in out


def test_reference_definitions_to_unsafe_targets_are_broken() -> None:
    out = markdown.to_markdown("[x][ref]\n\n[ref]: javascript:alert(1)")
    assert "\\[ref]: javascript" in out


def test_table_cells_stay_on_one_line() -> None:
    assert markdown.inline_text("a | b\nc <i>") == "a \\| b c &lt;i>"


def test_plain_text_escapes_markup_and_leaves_ordinary_text_alone() -> None:
    ordinary = "1.1 School Readiness - Nottingham & Nottinghamshire CCG (MSK), 80% of C#"
    assert markdown.plain_text(ordinary) == ordinary
    assert markdown.plain_text("*now* [x](y)") == "\\*now\\* \\[x\\](y)"
    assert markdown.plain_text("# Title #") == "\\# Title \\#"
    assert markdown.plain_text("2. Second") == "2\\. Second"
    assert markdown.plain_text("&copy; <b>") == "\\&copy; &lt;b>"
    # Text with no markup character is still escaped where its start would make a block
    for start, shown in (("- x", "\\- x"), ("+ x", "\\+ x"), ("> x", "\\> x"), ("3) x", "3\\) x")):
        assert markdown.plain_text(start) == shown
    for cell in ("2019/20 Q3", "72", "72.5", "Common cause", "1.2 Frailty"):
        assert markdown.plain_text(cell) == cell


def test_a_link_in_a_table_cell_keeps_the_table_whole() -> None:
    linked = markdown.inline_link("Risk | *three*", "https://x.org/a b|(c)")
    assert linked == r"[Risk \| \*three\*](https://x.org/a%20b%7C%28c%29)"


@pytest.mark.parametrize("href", [None, "", "#objective-1", "javascript:alert(1)"])
def test_a_link_that_is_no_web_address_is_text_in_markdown(href: str | None) -> None:
    assert markdown.inline_link("Objective 1", href) == "Objective 1"


_LINKY = [
    "[a](",
    "](",
    "]:",
    "[r]: ",
    "[r]",
    "<",
    ">",
    ")",
    "(",
    " ",
    "\n",
    "\n\n",
    "- ",
    "> ",
    "\\",
    "&#104;",
    "http://x",
    "HTTPS://x",
    "https:x",
    "mailto:a@b.org",
    "javascript:x",
    "ftp://x",
    "a@b.org",
    "S:\\Shared",
    "/page",
    "#top",
    "!",
    "`",
    "text",
]


@hypothesis.settings(max_examples=600, deadline=None)
@hypothesis.given(st.lists(st.sampled_from(_LINKY), max_size=14).map("".join))
def test_the_quick_link_check_misses_no_unsafe_link(text: str) -> None:
    """Text the quick check passes has no unsafe link when parsed in full: the parse is skipped
    only where it would have found nothing."""
    if not markdown.may_link_unsafely(text):
        assert markdown._parsed_unsafe_links(text) == []
    assert markdown.unsafe_links(text) == markdown._parsed_unsafe_links(text)


@pytest.mark.parametrize(
    "text",
    [
        "See [the plan](https://example.org/plan) and [us](mailto:team@example.org).",
        "See [the plan]( <HTTPS://example.org/plan> ).",
        "[plan]: https://example.org/plan\n\nSee [plan].",
        "An autolink <https://example.org> and <team@example.org>; 3 < 4 > 2.",
    ],
)
def test_text_with_only_web_and_email_links_is_not_parsed_for_links(text: str) -> None:
    assert not markdown.may_link_unsafely(text)
    assert markdown.unsafe_links(text) == []


@pytest.mark.parametrize(
    "text", ["[a](<javascript:x>)", "[r]: ftp://x\n\n[r]", "<file:///etc/passwd>", "[a]()"]
)
def test_text_that_may_link_elsewhere_is_parsed(text: str) -> None:
    assert markdown.may_link_unsafely(text)
    assert markdown.unsafe_links(text)
