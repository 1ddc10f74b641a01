"""Django's error handlers, and the layout every page shares."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_server_error_page_renders_without_touching_the_session() -> None:
    from django.test import RequestFactory

    from nextround.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Nothing you saved before was lost" in response.content.decode()


def test_every_page_links_the_icon_and_the_icon_is_served(client: Client) -> None:
    page = client.get("/login/").content.decode()
    found = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert found, "the layout links an icon"
    icon = client.get(found[1])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(b"<svg")  # type: ignore[attr-defined]
