"""The brief as a PDF through WeasyPrint (the ``pdf`` extra), tagged for accessibility (PDF/UA-1)
with its fonts embedded. WeasyPrint is imported when a PDF is asked for, never before: without
the extra everything else works and the page says how to print from the browser."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.util import find_spec
from typing import Any

from nextround.errors import Invalid

INSTALL = (
    "Making a PDF needs WeasyPrint: install the extra with pip install 'nextround[pdf]' "
    "(and Pango, HarfBuzz's subsetter and a font from the system: scripts/system-deps), "
    "or open the brief's page in your browser and print it to PDF."
)
# PDF/UA-1: a tagged PDF (a structure tree, the language, the title shown) whose fonts are all
# embedded, which WeasyPrint does for every font it uses (subsets of them).
VARIANT = "pdf/ua-1"


def pdf_available() -> bool:
    """Whether the ``pdf`` extra is installed (its system libraries are tried only on use)."""
    return find_spec("weasyprint") is not None


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz missing on the system
        raise Invalid(f"{INSTALL} ({exc})") from None
    # It warns about every screen-only rule of the site's stylesheet it cannot read (media
    # queries by width, `clip`); the print rules it needs are all ones it reads.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint


def _refusing_fetcher(weasyprint: Any) -> Any:
    """A fetcher that loads nothing: the stylesheets come as text, and the brief's own text
    (a link, a note) must never make the renderer read a file or the network."""

    class Refuse(weasyprint.urls.URLFetcher):
        def fetch(self, url: str, headers: object = None) -> Any:
            raise ValueError(f"The brief loads nothing from outside: {url}")

    return Refuse()


@lru_cache(maxsize=8)
def _css(text: str) -> Any:
    """A stylesheet parsed once: the same few are used for every brief, and parsing the site's
    stylesheet is a fifth of a short brief's time. Only read afterwards, by any thread."""
    weasyprint = _weasyprint()
    return weasyprint.CSS(string=text, url_fetcher=_refusing_fetcher(weasyprint))


def render(html: str, base_url: str, *, stylesheets: Sequence[str] = ()) -> Any:
    """WeasyPrint's laid-out document (its pages and boxes), for ``pdf_bytes`` and the tests."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=_refusing_fetcher(weasyprint)
    )
    css = [_css(text) for text in stylesheets]
    return document.render(stylesheets=css, pdf_variant=VARIANT)


def pdf_bytes(html: str, base_url: str, *, stylesheets: Sequence[str] = ()) -> bytes:
    """``html`` printed to PDF (the print media rules apply) with ``stylesheets`` (CSS text).
    ``base_url`` resolves the document's relative links; nothing is fetched."""
    data = render(html, base_url, stylesheets=stylesheets).write_pdf(pdf_variant=VARIANT)
    return bytes(data)
