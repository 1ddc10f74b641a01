"""The opportunities section of the workspace export (nextround.interviews.transfer)."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import User

from nextround.interviews.models import Opportunity
from nextround.workspace.transfer import FORMAT, VERSION, workspace_import

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
