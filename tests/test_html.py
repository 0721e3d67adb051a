"""The HTML paper's structure, checked as an accessibility and safety reviewer would."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import PROJECT, MakeRepo, RunCli


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.lang: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self._in_title = tag == "title"
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture(params=["small", "shipped"])
def html(request: pytest.FixtureRequest, make_repo: MakeRepo, cli: RunCli) -> str:
    root: Path = make_repo({}) if request.param == "small" else PROJECT
    if not (root / "objectives").is_dir():
        pytest.skip("no shipped data")
    return cli("report", "Q1", "-f", "html", "-o", "-", "--root", str(root)).stdout


def test_one_h1_and_no_skipped_heading_levels(html: str) -> None:
    outline = _outline(html)
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, f"h{before} is followed by h{after}"


def test_language_title_and_table_headers(html: str) -> None:
    outline = _outline(html)
    assert outline.lang == "en-GB"
    assert outline.title.strip()
    assert outline.tags.count("table") == outline.tags.count("caption")
    assert outline.tags.count("th") >= 2 * outline.tags.count("table")


def test_self_contained_and_inert(html: str) -> None:
    outline = _outline(html)
    assert not {"script", "iframe", "img", "object", "embed", "link"} & set(outline.tags)
    assert not [a for a in outline.attributes if a[1].startswith("on")]
    for tag, name, value in outline.attributes:
        if name == "href":
            assert value and value.startswith(("#", "https://", "http://", "mailto:")), value
        if name == "src":
            raise AssertionError(f"{tag} loads {value}")
