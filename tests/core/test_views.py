"""Django's error handlers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_server_error_page_renders_without_touching_the_session() -> None:
    from django.test import RequestFactory

    from nextround.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Nothing you saved before was lost" in response.content.decode()
