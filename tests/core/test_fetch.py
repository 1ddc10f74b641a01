"""The product's fetcher takes its allow-list from the settings (nextround.core.fetch)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from nextround.core.fetch import fetch_document
from nextround.errors import Invalid

PAGE = "<html><body><main><h1>Night porter</h1><p>Front desk, nights.</p></main></body></html>"


def test_a_host_in_the_setting_is_fetched_and_others_refused(
    html_site: Callable[[dict[str, str]], str], settings: Any
) -> None:
    site = html_site({"/job": PAGE})  # allows 127.0.0.1 through the setting
    assert fetch_document(f"{site}/job").text.startswith("Night porter")
    settings.APP = dataclasses.replace(settings.APP, fetch_allow_hosts=())
    with pytest.raises(Invalid, match=r"127\.0\.0\.1 is inside this computer"):
        fetch_document(f"{site}/job")
