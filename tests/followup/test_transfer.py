"""The follow-up section of the workspace export, and reading it back."""

from __future__ import annotations

import json
from datetime import date, datetime

from django.contrib.auth.models import User

from nextround.followup import services
from nextround.followup.models import Debrief, PersonDebrief, Reply, Sent, ThankYou
from nextround.interviews import services as interviews
from nextround.interviews.models import NoteKind, Opportunity, Person, Round
from nextround.workspace import transfer

AFTER = datetime.fromisoformat("2026-12-03T20:00:00+00:00")


def _debrief(panel: Round, people: list[Person]) -> None:
    services.debrief_save(
        round_=panel,
        entry=services.RoundEntry(overall=4, feel="Warm", done=True),
        people=[
            services.PersonEntry(person=people[0], specific="the intake backlog", rapport=4),
            services.PersonEntry(person=people[1], topics="SQL reviews\ndashboards"),
        ],
        now=AFTER,
    )


def test_the_export_carries_the_follow_up_records_and_reads_them_back(
    user: User,
    other_user: User,
    opportunity: Opportunity,
    rounds: list[Round],
    people: list[Person],
) -> None:
    panel = rounds[1]
    _debrief(panel, people)
    concern = interviews.note_create(
        round_=panel, kind=NoteKind.CONCERN, text="No hospital work", person=people[0]
    )
    services.thank_you_save(round_=panel, person=people[0], subject="Thanks", body="Dear Dana")
    services.followup_sent(
        round_=panel, kind="concern_answer", concern=concern, on=date(2026, 12, 4)
    )
    services.reply_record(
        round_=panel, received_on=date(2026, 12, 8), said="Next week", new_date=date(2026, 12, 15)
    )
    document = transfer.workspace_export(owner=user, now=AFTER)
    (doc_round,) = [r for r in document["opportunities"][0]["rounds"] if r["number"] == 2]
    assert doc_round["debrief"]["overall"] == 4
    assert doc_round["followups_sent"][0]["concern"] == len(doc_round["notes"]) - 1

    transfer.workspace_import(owner=other_user, document=json.loads(json.dumps(document)))
    (copy,) = Round.objects.filter(owner=other_user, number=2)
    assert Debrief.objects.get(round=copy).feel == "Warm"
    assert {d.person.name: d.rapport for d in PersonDebrief.objects.filter(round=copy)} == {
        "Dana Ortiz": 4,
        "Sam Lee": None,
    }
    assert ThankYou.objects.get(round=copy).body == "Dear Dana"
    sent = Sent.objects.get(round=copy)
    assert sent.concern is not None and sent.concern.text == "No hospital work"
    assert Reply.objects.get(round=copy).new_date == date(2026, 12, 15)
    again = transfer.workspace_export(owner=other_user, now=AFTER)
    (again_round,) = [r for r in again["opportunities"][0]["rounds"] if r["number"] == 2]
    for key in ("debrief", "thank_yous", "followups_sent", "replies"):
        strip = {"created_at", "updated_at"}
        rows = doc_round[key] if isinstance(doc_round[key], list) else [doc_round[key]]
        back = again_round[key] if isinstance(again_round[key], list) else [again_round[key]]
        assert [{k: v for k, v in r.items() if k not in strip} for r in rows] == [
            {k: v for k, v in r.items() if k not in strip} for r in back
        ]


def test_an_export_naming_a_note_that_is_no_concern_is_refused(
    user: User, other_user: User, rounds: list[Round], people: list[Person]
) -> None:
    import pytest

    from nextround.errors import Invalid

    panel = rounds[1]
    interviews.note_create(round_=panel, kind=NoteKind.FREE, text="just a note")
    services.followup_sent(round_=panel, kind="thanks", person=people[0], on=date(2026, 12, 4))
    document = transfer.workspace_export(owner=user, now=AFTER)
    (doc_round,) = [r for r in document["opportunities"][0]["rounds"] if r["number"] == 2]
    doc_round["followups_sent"][0]["concern"] = 0
    with pytest.raises(Invalid, match=r"followups_sent\[0\]\.concern"):
        transfer.workspace_import(owner=other_user, document=document)
    assert not Round.objects.filter(owner=other_user).exists()
