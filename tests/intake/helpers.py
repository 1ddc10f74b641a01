"""Postings made for the intake tests: PDF and Word files built with fpdf2 and python-docx, and
a saved job page."""

from __future__ import annotations

import io

import docx
from fpdf import FPDF
from fpdf.enums import XPos, YPos


def make_pdf(
    pages: list[list[str]], *, owner_password: str = "", user_password: str | None = None
) -> bytes:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # the core fonts can then draw "•"
    pdf.set_font("Helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if owner_password:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    return bytes(pdf.output())


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Data Analyst", level=1)
    document.add_paragraph("Acme Health is hiring an analyst in Chicago.")
    document.add_heading("What you will do", level=2)
    document.add_paragraph("Own the weekly operations report", style="List Bullet")
    document.add_paragraph("Build dashboards for clinic managers", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Salary"
    table.cell(0, 1).text = "$90,000"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Hybrid, three days on site"
    document.add_paragraph("Apply by June 30.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


POSTING_HTML = b"""<!doctype html>
<html><head><title>Data Analyst | Acme Careers</title><meta charset="utf-8">
<style>body { color: red }</style><script>window.tracking = "secret-tracker";</script></head>
<body>
<header><a href="/">Acme logo</a><nav><a href="/jobs">All jobs</a></nav></header>
<main><article>
<header><h1>Data  Analyst</h1></header>
<p>Acme Health is hiring &amp; growing.<br>Start date: September</p>
<h2>What you&#39;ll do</h2>
<ul><li>Own the <a href="/r">weekly</a> report</li><li><p>Build dashboards</p></li></ul>
<table><tr><th>Salary</th><td>$90k</td></tr></table>
<!-- internal note -->
<form><label>Email <input name="e"></label><button>Apply now</button></form>
</article></main>
<aside>Similar jobs: Barista</aside>
<footer>Copyright Acme 2026</footer>
<noscript>Enable JavaScript</noscript>
</body></html>"""


def make_page_tree_pdf(pages: int, *, count: int) -> bytes:
    """A PDF written by hand whose page tree claims ``count`` pages and holds ``pages``: fpdf2
    always writes the true count, a hostile file need not."""
    stream = b"BT /F1 12 Tf 72 720 Td (Nurse) Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[%s]/Count %d>>"
        % (b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)), count),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream),
    ]
    page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
    objects += [page + b"/Resources<</Font<</F1 3 0 R>>>>>>"] * pages
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, io.SEEK_END)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
