"""Record addresses put together from kept pieces are the addresses Django reverses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
    set_script_prefix,
)
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from nextround.core import links
from nextround.core.links import link


@pytest.fixture(autouse=True)
def forgotten() -> Iterator[None]:
    links._kept.clear()
    yield
    links._kept.clear()


def _id_routes(patterns: list[URLPattern | URLResolver]) -> Iterator[tuple[str, int]]:
    """Every named route whose arguments are all ids (``<int:…>``), with how many it takes."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _id_routes(entry.url_patterns)
            continue
        pattern = entry.pattern
        if entry.name and isinstance(pattern, RoutePattern) and pattern.converters:
            kinds = pattern.converters.values()
            if all(isinstance(kind, IntConverter) for kind in kinds):
                yield entry.name, len(kinds)


ID_ROUTES = sorted(set(_id_routes(get_resolver().url_patterns)))


def test_the_project_has_routes_by_id() -> None:
    names = {name for name, _ in ID_ROUTES}
    assert {"round_detail", "note_edit", "opportunity_detail"} <= names


@pytest.mark.parametrize(("name", "arity"), ID_ROUTES)
def test_every_route_by_id_is_linked_as_django_reverses_it(name: str, arity: int) -> None:
    for ids in ([0] * arity, [7] * arity, list(range(1, arity + 1)), [10**12 + 5] * arity):
        assert link(name, *ids) == reverse(name, args=ids)
    assert links._kept[(name, arity, "/", None)] is not None  # from kept pieces


def test_other_arguments_are_reversed_by_django() -> None:
    assert link("note_create", 3, "question") == reverse("note_create", args=[3, "question"])
    assert link("dashboard") == reverse("dashboard")
    with pytest.raises(NoReverseMatch):
        link("round_detail", -1)
    with pytest.raises(NoReverseMatch):
        link("round_detail", True)  # noqa: FBT003 - a flag is no id, though Python counts it as one
    assert not links._kept


def test_a_route_that_refuses_the_stand_in_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    real = reverse

    def refusing(name: str, args: list[object]) -> str:
        if any(arg == links._STAND_IN for arg in args):
            raise NoReverseMatch(name)
        return real(name, args=args)

    monkeypatch.setattr(links, "reverse", refusing)
    assert link("round_detail", 12) == real("round_detail", args=[12])
    assert links._kept[("round_detail", 1, "/", None)] is None


def test_addresses_follow_the_script_prefix() -> None:
    plain = link("round_detail", 5)
    set_script_prefix("/mounted/")
    try:
        assert link("round_detail", 5) == "/mounted" + plain == reverse("round_detail", args=[5])
    finally:
        set_script_prefix("/")
    assert link("round_detail", 5) == plain
