"""Lists kept by their content: every edit to what a list shows shows on the next request,
on the pages that draw it (the carry-forward view, the round page, the opportunities page)."""

from __future__ import annotations

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round, RoundNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in


def _note_on(client: Client, url: str, note: RoundNote) -> str:
    """The note's item as the page shows it, or "" when the page does not show it."""
    response = client.get(url)
    assert response.status_code == 200
    item = BeautifulSoup(response.content, "html.parser").find(id=f"note-{note.pk}")
    return " ".join(item.get_text(" ").split()) if item else ""


def test_each_edit_to_an_earlier_note_shows_in_the_carry_forward(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    first, second = rounds
    url = reverse("round_carry_forward", args=[second.pk])
    note = services.note_create(
        round_=first, kind="question", person=people[0], text="Why freight?", rating=2
    )
    shown = _note_on(client, url, note)
    assert "Why freight?" in shown and "Dana Ortiz" in shown and "2/5" in shown
    assert _note_on(client, url, note) == shown  # the same notes: the same items

    services.note_update(note=note, text="Why logistics?", improve="Lead with the result.")
    shown = _note_on(client, url, note)
    assert "Why logistics?" in shown and "Lead with the result." in shown
    services.note_update(note=note, rating=4)
    assert "4/5" in _note_on(client, url, note)
    services.person_update(person=people[0], name="Dana Ortiz-Lee")
    assert "Dana Ortiz-Lee" in _note_on(client, url, note)
    services.note_update(note=note, person=None)
    assert "Dana" not in _note_on(client, url, note)
    services.round_update(round_=first, is_final=True)
    assert "First round (final)" in _note_on(client, url, note)
    services.note_delete(note=note)
    assert _note_on(client, url, note) == ""


def test_a_concern_addressed_moves_to_the_addressed_ones(
    client: Client, rounds: list[Round]
) -> None:
    first, second = rounds
    url = reverse("round_carry_forward", args=[second.pk])
    concern = services.note_create(round_=first, kind="concern", text="No team lead yet.")
    assert "open" in _note_on(client, url, concern)
    services.note_update(note=concern, status="closed", response="Led the pilot team.")
    shown = _note_on(client, url, concern)
    assert "addressed" in shown and "Led the pilot team." in shown


def test_an_edit_to_a_note_of_the_round_shows_on_its_page(
    client: Client, rounds: list[Round]
) -> None:
    first, _ = rounds
    url = reverse("round_detail", args=[first.pk])
    note = services.note_create(round_=first, kind="promise", text="Send the deck.")
    assert "Send the deck." in _note_on(client, url, note)
    services.note_update(note=note, promised_by="them", due_on=datetime(2026, 11, 12).date())
    shown = _note_on(client, url, note)
    assert "they owe it" in shown and "due 12 Nov 2026" in shown


def _rows(client: Client) -> list[list[str]]:
    response = client.get(reverse("opportunity_list"))
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").find("tbody")
    return (
        [
            [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
            for tr in table.find_all("tr")
        ]
        if table
        else []
    )


def test_each_edit_to_an_opportunity_shows_in_the_list(
    client: Client, opportunity: Opportunity, rounds: list[Round]
) -> None:
    assert _rows(client) == [
        ["Northwind Health", "Operations Analyst", "Chicago, IL", "Interviewing", "2 rounds"]
    ]
    services.opportunity_update(opportunity=opportunity, company="Northwind Care", location="")
    services.opportunity_set_stage(opportunity=opportunity, stage="offer")
    services.round_delete(round_=rounds[1])
    assert _rows(client) == [["Northwind Care", "Operations Analyst", "", "Offer", "1 round"]]
    services.opportunity_delete(opportunity=opportunity)
    assert _rows(client) == []
