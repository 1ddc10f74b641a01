"""Reading a brief back: its words, normalised, from Markdown, HTML or a PDF; and the last
text of each page WeasyPrint laid out."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

from bs4 import BeautifulSoup
from pypdf import PdfReader

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Letters and digits, case and ligatures folded; Markdown's escapes and markup drop out."""
    folded = unicodedata.normalize("NFKC", text.replace("\\", "")).casefold()
    return _WORD.findall(folded)


def pdf_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def html_brief_text(page: str) -> str:
    soup = BeautifulSoup(page, "html.parser")
    article = soup.find("article", class_="brief")
    assert article is not None
    return article.get_text(" ")


def last_text_tags(document: Any) -> list[str]:
    """For each page WeasyPrint laid out, the tag of the element its last text belongs to."""
    from weasyprint.formatting_structure import boxes

    tags = []
    for page in document.pages:
        last = None
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TextBox) and box.text.strip():
                last = box
        tags.append(last.element_tag if last is not None else "")
    return tags
