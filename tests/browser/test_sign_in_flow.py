"""Signing in with a password and out again, in Chromium, on a server that is not in local mode
(so no one is signed in automatically)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import _blocking_findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long passphrase for tests"


@pytest.fixture
def shared_server() -> Iterator[None]:
    with override_settings(APP=dataclasses.replace(settings.APP, host="192.0.2.1")):
        yield


def test_sign_in_then_sign_out_with_the_header_button(page: Page, shared_server: None) -> None:
    get_user_model().objects.create_user("dana", password=PASSWORD)
    page.goto("/stories/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.get_by_role("button", name="Sign out").count() == 0
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/stories/")
    sign_out = page.get_by_role("button", name="Sign out dana")
    expect(sign_out).to_be_visible()
    assert _blocking_findings(page) == []
    sign_out.click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.url.endswith("/login/")
    page.goto("/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()  # signed out for real
