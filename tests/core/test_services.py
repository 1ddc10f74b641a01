"""The writes every app shares: the local account, resuming a paused sign-in, and rows locked
for a write."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client

from nextround.core import stamps
from nextround.core.services import LOCAL_USERNAME, local_user, lock_for_write, sign_in_resume
from nextround.interviews.models import Opportunity

pytestmark = pytest.mark.django_db


def _wrong_passwords(address: str, username: str, times: int = 2) -> None:
    client = Client(REMOTE_ADDR=address)
    for _ in range(times):
        client.post("/login/", {"username": username, "password": "guess"})


def test_the_local_account_is_made_once_without_a_usable_password() -> None:
    first = local_user()
    assert local_user().pk == first.pk
    assert first.username == LOCAL_USERNAME and not first.has_usable_password()


def test_resuming_forgets_only_what_was_named() -> None:
    _wrong_passwords("192.0.2.10", "dana")
    _wrong_passwords("198.51.100.7", "sam")
    _wrong_passwords("203.0.113.5", "lee")
    assert sign_in_resume(username="dana") == 1
    assert sign_in_resume(address="198.51.100.7") == 1
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["lee"]
    assert sign_in_resume(username="nobody") == 0
    assert sign_in_resume() == 1
    assert not AccessAttempt.objects.exists()


def test_locking_for_a_write_renews_the_accounts_stamp_first(
    opportunity: Opportunity, other_user: User
) -> None:
    mine, theirs = stamps.current(opportunity.owner_id), stamps.current(other_user.pk)
    with transaction.atomic():
        rows = lock_for_write(Opportunity.objects.filter(pk=opportunity.pk), of=opportunity)
        assert stamps.current(opportunity.owner_id) != mine  # before the rows are read
        assert list(rows) == [opportunity]
    assert stamps.current(other_user.pk) == theirs


@pytest.mark.django_db(transaction=True)
def test_locking_for_a_write_needs_a_transaction(opportunity: Opportunity) -> None:
    before = stamps.current(opportunity.owner_id)
    with pytest.raises(transaction.TransactionManagementError, match="needs transaction"):
        lock_for_write(Opportunity.objects.all(), of=opportunity)
    assert stamps.current(opportunity.owner_id) == before  # nothing renewed on its own
