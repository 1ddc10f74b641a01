"""``{% kept_form %}``: an unbound form marked DrawnFromValues is drawn once for its values,
with the same HTML as ``{{ form }}``; a bound or unmarked form is drawn every time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django import forms
from django.core.cache import caches
from django.template import Context, Template

from nextround.core.forms import DrawnFromValues
from nextround.core.fragments import FRAGMENTS


class NameForm(DrawnFromValues, forms.Form):
    name = forms.CharField(label="Name", help_text="As you like to be called.")
    kind = forms.ChoiceField(choices=[("a", "A <b>"), ("b", "B")])


class UnmarkedForm(forms.Form):
    name = forms.CharField()


@pytest.fixture(autouse=True)
def empty_fragments() -> Iterator[None]:
    caches[FRAGMENTS].clear()
    yield
    caches[FRAGMENTS].clear()


def _kept(form: forms.BaseForm) -> str:
    return Template("{% load kept_forms %}{% kept_form form %}").render(Context({"form": form}))


def _drawn(form: forms.BaseForm) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def test_the_html_is_the_forms_own() -> None:
    for form in (NameForm(), NameForm(initial={"name": "<Dana>"}, prefix="p1")):
        assert _kept(form) == _drawn(form)
    assert 'value="&lt;Dana&gt;"' in _kept(NameForm(initial={"name": "<Dana>"}, prefix="p1"))


def test_an_unbound_form_is_drawn_once_for_its_values(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _kept(NameForm(initial={"name": "Dana"}))
    monkeypatch.setattr(NameForm, "render", lambda self, *a, **k: "drawn again")
    assert _kept(NameForm(initial={"name": "Dana"})) == first
    assert _kept(NameForm(initial={"name": "Sam"})) == "drawn again"  # other values
    assert _kept(NameForm(initial={"name": "Dana"}, prefix="p2")) == "drawn again"


def test_a_bound_or_unmarked_form_is_drawn_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    bound = NameForm({"name": "", "kind": "c"})
    assert "This field is required." in _kept(bound) and _kept(bound) == _drawn(bound)
    _kept(UnmarkedForm())
    monkeypatch.setattr(UnmarkedForm, "render", lambda self, *a, **k: "drawn again")
    monkeypatch.setattr(NameForm, "render", lambda self, *a, **k: "drawn again")
    assert _kept(UnmarkedForm()) == "drawn again"
    assert _kept(NameForm({"name": "x", "kind": "a"})) == "drawn again"


def test_a_template_of_its_own_gets_the_form_and_the_values_named() -> None:
    template = Template("{% load kept_forms %}{% kept_form form 'core/_nav.html' url_name=page %}")
    html = template.render(Context({"form": NameForm(), "page": "budget"}))
    assert 'href="/budget/" aria-current="page"' in html
