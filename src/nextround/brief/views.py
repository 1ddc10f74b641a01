"""The brief of a round as a page (printable), a PDF and a Markdown file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from nextround.brief import documents, selectors
from nextround.briefing import Brief, pdf_available
from nextround.core.web import owner_of
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Round


def _brief(request: HttpRequest, pk: int) -> tuple[Round, Brief]:
    round_ = interview_selectors.round_get(owner=owner_of(request), pk=pk)
    return round_, selectors.round_brief(round_=round_, now=timezone.now())


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def brief_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_, brief = _brief(request, pk)
    context = {"round": round_, "brief": brief, "pdf_available": pdf_available()}
    return render(request, "brief/brief.html", context)


@require_safe
def brief_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    round_, brief = _brief(request, pk)
    content = documents.brief_pdf(brief)
    return _download(content, "application/pdf", documents.file_name(round_, "pdf"))


@require_safe
def brief_markdown(request: HttpRequest, pk: int) -> HttpResponse:
    round_, brief = _brief(request, pk)
    content = documents.brief_markdown(brief)
    name = documents.file_name(round_, "md")
    return _download(content, "text/markdown; charset=utf-8", name)
