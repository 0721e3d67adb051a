"""An inline `<svg>` of the paper (a measure's chart) as a PNG picture with alt text. Pure.

The picture's title and description (`wp:docPr` title and descr, what Word shows as alt text)
are the svg's own `<title>` and `<desc>`. The svg is drawn with CairoSVG, which is never
allowed to fetch anything: a chart is drawn from what the paper holds.
"""

from __future__ import annotations

import io
import re
import struct

from docx.shared import Emu, Inches
from docx.text.run import Run

from icp_objectives.domain.errors import EXIT_PROBLEMS, EXIT_USAGE, IcpError
from icp_objectives.paper.docx_tree import Node

SCALE = 2  # pixels per CSS pixel: sharp when printed
_CSS_PX_PER_INCH = 96
_SPACES = re.compile(r"\s+")


class PictureFailed(IcpError):
    """A chart that cannot be drawn into the Word paper, and what to do about it."""

    exit_code = EXIT_USAGE  # a library missing on this machine, as for other optional parts


def alt_text(svg: Node) -> tuple[str, str]:
    """The svg's title and description, each on one line; the title stands in for a missing
    description."""
    title = next((_one_line(n.text()) for n in svg.elements() if n.tag == "title"), "")
    desc = next((_one_line(n.text()) for n in svg.elements() if n.tag == "desc"), "")
    return title, desc or title


def _one_line(text: str) -> str:
    """Text as a screen reader hears it: one line, spaces collapsed."""
    return _SPACES.sub(" ", text).strip()


def _refuse(url: str, resource_type: str) -> bytes:
    """CairoSVG's fetcher for any address a chart names: none is fetched."""
    raise ValueError(f"the chart refers to {url}, and a chart may not fetch anything")


def png(source: str) -> bytes:
    """The svg drawn as a PNG, at SCALE pixels per CSS pixel."""
    try:
        from cairosvg.surface import PNGSurface  # loads libcairo: only charts need it
    except (OSError, ImportError) as error:
        raise PictureFailed(
            "the paper has charts, and drawing them into Word needs the Cairo library, which"
            f" cannot be loaded ({error}); install it (libcairo2 on Debian or Ubuntu, cairo"
            " with Homebrew), or leave Word out with --format html"
        ) from None
    try:
        data = PNGSurface.convert(
            bytestring=source.encode("utf-8"), scale=SCALE, url_fetcher=_refuse, unsafe=False
        )
    except Exception as error:  # a template may draw anything: say which chart, not crash
        raise PictureFailed(
            f"a chart in the paper cannot be drawn ({type(error).__name__}: {error}); check the"
            " svg its template writes",
            exit_code=EXIT_PROBLEMS,
        ) from None
    assert isinstance(data, bytes)
    return data


def draw(run: Run, svg: Node, width: Emu) -> None:
    """Put the svg into `run` as a picture at most `width` wide, with its alt text."""
    data = png(svg.source)
    pixels = struct.unpack(">I", data[16:20])[0]  # the PNG's IHDR width
    natural = Inches(pixels / SCALE / _CSS_PX_PER_INCH)
    shape = run.add_picture(io.BytesIO(data), width=Emu(min(natural, width)))
    title, description = alt_text(svg)
    properties = shape._inline.docPr
    properties.set("title", title)
    properties.set("descr", description)
