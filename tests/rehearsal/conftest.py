"""Fixtures of the rehearsal tests: a signed-in client."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client(db: None) -> Client:
    signed_in = Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in
    signed_in.get("/")
    return signed_in
