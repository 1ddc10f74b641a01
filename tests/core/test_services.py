"""The writes every app shares: the local account, and resuming a paused sign-in."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client

from nextround.core.services import LOCAL_USERNAME, local_user, sign_in_resume

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
