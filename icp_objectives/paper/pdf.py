"""The board paper as a tagged A4 PDF, printed from the HTML paper by WeasyPrint.

WeasyPrint is an optional extra (`pip install 'icp-objectives[pdf]'`), imported only when a PDF
is asked for. The HTML comes from the repository's data and templates, so it is untrusted:
WeasyPrint may read nothing but `data:` URLs, never the network or the disk.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from icp_objectives.domain.errors import EXIT_PROBLEMS, EXIT_USAGE, IcpError
from icp_objectives.domain.wording import visible

if TYPE_CHECKING:
    from types import ModuleType

INSTALL = "pip install 'icp-objectives[pdf]'"

# PDF/UA-1: tagged (a structure tree, headings and tables marked up), with the document's title
# shown and its language set; the outline comes from the headings.
_VARIANT = "pdf/ua-1"
# A fixed file identifier (and no creation date) so the same HTML gives the same bytes.
_IDENTIFIER = b"icp-objectives board paper"
# Where libharfbuzz-subset is missing, WeasyPrint subsets the fonts with fontTools, which stamps
# each subset font with the clock unless SOURCE_DATE_EPOCH says otherwise: a fixed time keeps
# the bytes the same from run to run (HarfBuzz keeps the font's own date).
_FONT_DATE = "0"


class PdfUnavailable(IcpError):
    """WeasyPrint cannot be imported: the optional extra is missing, or a library it needs."""

    exit_code = EXIT_USAGE


class PdfFailed(IcpError):
    """WeasyPrint could not lay out the paper; the HTML came from the repository's templates."""

    exit_code = EXIT_PROBLEMS


def _weasyprint() -> ModuleType:
    """The weasyprint module, imported on first use; PdfUnavailable says what to install."""
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable(
            f"--format pdf needs WeasyPrint, which is not installed; run {INSTALL}"
        ) from None
    except OSError as error:  # installed, but the Pango library it loads is missing
        raise PdfUnavailable(
            f"--format pdf needs WeasyPrint, which cannot load a library it needs ({error});"
            f" install Pango (Debian: apt-get install libpango-1.0-0) and run {INSTALL}"
        ) from None
    if not hasattr(weasyprint, "URLFetcher"):  # before 68.0, it could not be told to fetch nothing
        version = getattr(weasyprint, "__version__", "an older one")
        raise PdfUnavailable(
            f"--format pdf needs WeasyPrint 68.1 or newer, not {version};"
            " run pip install --upgrade 'icp-objectives[pdf]'"
        )
    module: ModuleType = weasyprint
    return module


def require() -> None:
    """Stop early, before any data is read, when a PDF cannot be made here."""
    _weasyprint()


def to_pdf(html: str) -> bytes:
    """The HTML paper printed to PDF: A4 pages by its print stylesheet, tagged, with a title,
    a language and an outline; the same HTML gives the same bytes."""
    weasyprint = _weasyprint()
    quiet = logging.getLogger("weasyprint")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a refused URL or an unknown CSS property is not news
    try:
        with _fixed_font_dates():
            document = weasyprint.HTML(string=html, url_fetcher=_refusing_fetcher(weasyprint))
            pdf: bytes = document.write_pdf(pdf_variant=_VARIANT, pdf_identifier=_IDENTIFIER)
    except Exception as error:  # templates/ may hand it anything: elements nested 3,000 deep...
        what = visible(str(error) or type(error).__name__)[:200]
        raise PdfFailed(
            f"WeasyPrint could not print the HTML paper as a PDF: {what}; check what the"
            " repository's templates/ change"
        ) from None
    finally:
        quiet.setLevel(level)
    return pdf


def _refusing_fetcher(weasyprint: ModuleType) -> Any:
    """A URL fetcher that hands over `data:` URLs (an image a template embeds) and refuses all
    else: a link in the data or a template never reaches the network or a local file."""

    class DataOnly(weasyprint.URLFetcher):  # type: ignore[misc, name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url[:5].lower() != "data:":
                raise ValueError("the paper reads no files and no network")
            return super().fetch(url, headers)

    return DataOnly(allowed_protocols=["data"], allow_redirects=False, timeout=1)


@contextmanager
def _fixed_font_dates() -> Iterator[None]:
    """SOURCE_DATE_EPOCH set while the PDF is written, unless the caller has set it already."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = _FONT_DATE
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
