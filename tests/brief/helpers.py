"""Reading a brief back: its words, normalised, from Markdown, HTML or a PDF; the last text of
each page WeasyPrint laid out; and more of everything for a brief to show."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from pypdf import PdfReader

from nextround.followup.models import PersonDebrief
from nextround.interviews import services
from nextround.interviews.models import Opportunity, Round
from nextround.stories import services as stories

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


def grow(opportunity: Opportunity, final: Round, user: User) -> None:
    """More of everything: people in both rounds with what was noted about them in the first,
    notes in both, stories told, strengths."""
    first = opportunity.rounds.get(number=1)
    for i in range(6):
        person = services.person_create(
            opportunity=opportunity, name=f"Person {i}", relation="peer", background="Ops."
        )
        final.attendees.add(person)
        first.attendees.add(person)
        services.note_create(round_=first, kind="question", text=f"Question {i}?", rating=3)
        services.note_create(round_=first, kind="concern", text=f"Concern {i}", person=person)
        for round_ in (first, final):
            services.note_create(
                round_=round_, kind="number", text=f"Band {i}", amount_low=90_000, person=person
            )
        PersonDebrief.objects.create(
            owner=user, round=first, person=person, cared_about=f"Forecasts {i}"
        )
        story = stories.story_create(
            owner=user, title=f"Story {i}", action="I forecast volumes.", competencies="sql"
        )
        stories.telling_record(story=story, round_=first, people=[person])
        if i < 4:
            stories.strength_save(owner=user, name=f"Strength {i}", rank=2 + i, stories=[story])
