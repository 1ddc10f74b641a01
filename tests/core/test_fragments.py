"""Partials kept by their content: drawn once per state, whatever the context says after."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from nextround.core.fragments import FRAGMENTS, render_cached

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                ("django.template.loaders.locmem.Loader", {"word.html": "<b>{{ word }}</b>"})
            ]
        },
    }
]


@pytest.fixture(autouse=True)
def word_template() -> Iterator[None]:
    caches[FRAGMENTS].clear()
    with override_settings(TEMPLATES=TEMPLATES):
        yield
    caches[FRAGMENTS].clear()


def test_a_partial_is_drawn_escaped() -> None:
    assert render_cached("word.html", {"word": "<i>"}, state=("<i>",)) == "<b>&lt;i&gt;</b>"


def test_the_same_state_is_served_from_the_cache() -> None:
    """The caller promises the state covers what the partial reads; the proof that the second
    call is not drawn again is a context that would draw something else."""
    assert render_cached("word.html", {"word": "first"}, state=("one",)) == "<b>first</b>"
    assert render_cached("word.html", {"word": "second"}, state=("one",)) == "<b>first</b>"


def test_another_state_is_drawn_afresh() -> None:
    assert render_cached("word.html", {"word": "first"}, state=("one",)) == "<b>first</b>"
    assert render_cached("word.html", {"word": "second"}, state=("two",)) == "<b>second</b>"


def test_another_time_zone_is_drawn_afresh() -> None:
    """The dates in a partial read on the user's clock: the same rows in another zone are
    another drawing."""
    assert render_cached("word.html", {"word": "Berlin"}, state=("one",)) == "<b>Berlin</b>"
    with timezone.override("Asia/Tokyo"):
        assert render_cached("word.html", {"word": "Tokyo"}, state=("one",)) == "<b>Tokyo</b>"
