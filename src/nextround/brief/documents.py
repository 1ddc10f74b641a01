"""The brief's three renderings of one ``Brief``: the standalone HTML a PDF is made from, the
PDF, and the Markdown text; and the file names they are saved under."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.text import slugify

from nextround.briefing import Brief, pdf_bytes
from nextround.interviews.models import Round

# The page's stylesheets, in the order the page links them; WeasyPrint gets their text.
STYLESHEETS = ("nextround/app.css", "brief/brief.css")
_BLANK_LINES = re.compile(r"\n{3,}")


@cache
def stylesheets() -> tuple[str, ...]:
    found = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if not isinstance(path, str):  # pragma: no cover - both ship with the package
            raise LookupError(f"Stylesheet {name} is missing from the installation.")
        found.append(Path(path).read_text(encoding="utf-8"))
    return tuple(found)


def brief_html_document(brief: Brief, *, styled: bool = False) -> str:
    """The brief alone (no site header, links or buttons): what the PDF prints. ``styled``
    puts the stylesheets in the page (a file saved to print from a browser); the PDF gets them
    apart."""
    context = {"brief": brief, "styles": stylesheets() if styled else ()}
    return render_to_string("brief/document.html", context)


def brief_pdf(brief: Brief) -> bytes:
    """The PDF (the ``pdf`` extra); ``Invalid`` saying how to install it when it is missing."""
    return pdf_bytes(brief_html_document(brief), "about:blank", stylesheets=stylesheets())


def brief_markdown(brief: Brief) -> str:
    text = render_to_string("brief/brief.md", {"brief": brief})
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def file_name(round_: Round, extension: str) -> str:
    company = slugify(round_.opportunity.company) or "interview"
    return f"{company}-round-{round_.number}-brief.{extension}"
