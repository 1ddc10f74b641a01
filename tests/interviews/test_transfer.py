"""The opportunities section of the workspace export (nextround.interviews.transfer)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.interviews.models import Opportunity, RoundNote
from nextround.workspace.transfer import FORMAT, VERSION, workspace_export, workspace_import

pytestmark = pytest.mark.django_db


def test_checking_a_file_for_repeated_uids_grows_with_its_size_not_its_square(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: 10,000 opportunities took 6 s before a single one was written, comparing each
    uid with every one before it. Counted here: how many times two uids are compared."""
    count = 1500
    uids = [uuid.UUID(int=i + 1, version=4) for i in range(count)]
    Opportunity.objects.bulk_create(
        Opportunity(owner=user, uid=uid, company=f"Company {i}", role_title="Analyst")
        for i, uid in enumerate(uids)
    )
    document = {
        "format": FORMAT,
        "version": VERSION,
        "opportunities": [
            {"uid": str(u), "company": f"Company {i}", "role_title": "Analyst", "stage": "applied"}
            for i, u in enumerate(uids)
        ],
    }
    compared = 0
    equal = uuid.UUID.__eq__

    def counting(self: uuid.UUID, other: object) -> bool:
        nonlocal compared
        compared += 1
        return equal(self, other)

    monkeypatch.setattr(uuid.UUID, "__eq__", counting)
    report = workspace_import(owner=user, document=document)
    assert report.skipped == count  # all already here: the file was only read and checked
    assert compared < 10 * count  # a list search made 1,125,750


def _document_with_questions(notes: list[dict[str, object]]) -> dict[str, object]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "opportunities": [
            {
                "uid": str(uuid.UUID(int=7, version=4)),
                "company": "Acme",
                "role_title": "Analyst",
                "stage": "interviewing",
                "rounds": [
                    {
                        "number": 1,
                        "starts": "2026-11-02T10:00:00+00:00",
                        "ends": "2026-11-02T11:00:00+00:00",
                        "timezone": "UTC",
                        "notes": notes,
                    }
                ],
            }
        ],
    }


def test_a_question_kind_set_by_hand_survives_export_and_import(
    user: User, other_user: User
) -> None:
    document = _document_with_questions(
        [
            {"kind": "question", "text": "What are your salary expectations?"},
            {
                "kind": "question",
                "text": "Why do you want to work here?",
                "category": "fit",
                "category_by_hand": True,
            },
            # Not by hand: the stored tag is ignored and the question tagged afresh.
            {
                "kind": "question",
                "text": "Any questions for us?",
                "category": "case",
                "category_by_hand": False,
            },
        ]
    )
    workspace_import(owner=user, document=document)
    notes = RoundNote.objects.filter(owner=user).order_by("id")
    assert [(n.category, n.category_by_hand) for n in notes] == [
        ("salary", False),
        ("fit", True),
        ("closing", False),
    ]
    exported = workspace_export(owner=user, now=datetime(2026, 12, 1, tzinfo=UTC))
    written = exported["opportunities"][0]["rounds"][0]["notes"]
    assert [(n["category"], n["category_by_hand"]) for n in written] == [
        ("salary", False),
        ("fit", True),
        ("closing", False),
    ]
    workspace_import(owner=other_user, document=exported)
    again = RoundNote.objects.filter(owner=other_user).order_by("id")
    assert [(n.category, n.category_by_hand) for n in again] == [
        ("salary", False),
        ("fit", True),
        ("closing", False),
    ]


def test_a_category_by_hand_must_be_a_known_one(user: User) -> None:
    document = _document_with_questions(
        [{"kind": "question", "text": "Why us?", "category": "gossip", "category_by_hand": True}]
    )
    with pytest.raises(Invalid, match=r"notes\[0\]\.category: unknown value 'gossip'"):
        workspace_import(owner=user, document=document)
    assert not RoundNote.objects.filter(owner=user).exists()
