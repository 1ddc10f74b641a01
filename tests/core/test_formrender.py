"""The form renderer (``nextround.core.formrender``) draws the HTML Django's own Jinja2 form
templates draw: for every form of the project, unbound and with errors, for the widgets and
cases written out in Python, and on every page of the example workspace."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterator
from importlib.util import find_spec
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.cache import caches
from django.forms.renderers import Jinja2, get_default_renderer
from django.test import Client
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from nextround.core.formrender import Renderer
from nextround.core.fragments import FRAGMENTS
from nextround.core.pagecache import PAGES
from nextround.workspace.demo import demo_load

DJANGO = Jinja2()
OURS = Renderer()
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def _project_forms() -> Iterator[type[forms.BaseForm]]:
    for config in apps.get_app_configs():
        module = f"{config.name}.forms"
        if config.name.startswith("nextround.") and find_spec(module) is not None:
            importlib.import_module(module)  # an error inside a forms module fails the test
    stack = list(forms.BaseForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack += cls.__subclasses__()
        if cls.__module__.startswith("nextround."):
            yield cls


def _built_alone() -> list[type[forms.BaseForm]]:
    """The project's forms that need nothing but their data to be built."""
    found = []
    for cls in set(_project_forms()):
        needed = [
            p
            for p in list(inspect.signature(cls.__init__).parameters.values())[1:]
            if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        if not needed and not inspect.isabstract(cls):
            found.append(cls)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def _same(form_class: type[forms.BaseForm], **kwargs: Any) -> None:
    drawn = {
        name: str(form_class(renderer=renderer, **kwargs))
        for name, renderer in (("django", DJANGO), ("ours", OURS))
    }
    assert parse_html(drawn["ours"]) == parse_html(drawn["django"]), form_class
    assert drawn["ours"].strip()


def test_the_project_has_the_forms_this_test_walks() -> None:
    names = {cls.__name__ for cls in _built_alone()}
    assert {"PersonResearchForm", "BudgetForm", "StoryForm", "RoundDebriefForm"} <= names
    assert len(names) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", _built_alone(), ids=lambda c: c.__qualname__)
def test_every_form_is_drawn_as_django_draws_it(form_class: type[forms.BaseForm]) -> None:
    _same(form_class)
    _same(form_class, data={})  # bound: each required field with its error
    _same(form_class, prefix="p7", data={"p7-unknown": "<b>"})


class Everything(forms.Form):
    """Each case the renderer writes out, and some it leaves to Django's templates."""

    name = forms.CharField(
        label="Name <\"&'>", help_text=mark_safe("Say <em>who</em>."), max_length=20
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    count = forms.IntegerField(min_value=0, initial=3)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    sure = forms.BooleanField(required=False, initial=True)
    hidden = forms.CharField(widget=forms.HiddenInput, initial='a"b')
    kind = forms.ChoiceField(
        choices=[("", "—"), ("Near", [("a", "A & B"), ("b", "<B>")]), ("c", "C")], required=False
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    radio = forms.ChoiceField(choices=[("1", "One"), ("2", "Two")], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=[("1", "One")], widget=forms.CheckboxSelectMultiple, required=False
    )
    split = forms.SplitDateTimeField(required=False)
    nameless = forms.CharField(label="", required=False)

    def clean(self) -> dict[str, Any]:
        raise forms.ValidationError("Something as a whole is <wrong>.")


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"auto_id": False},
        {"label_suffix": ""},
        {"data": {}},
        {"data": {"name": "x" * 30, "note": "a\n<b>", "count": "-1", "sure": "on", "kind": "a"}},
        {"data": {"many": ["y"], "radio": "1", "hidden": "<i>", "when": "2026-12-07"}},
    ],
    ids=["unbound", "no ids", "no suffix", "empty", "errors", "choices"],
)
def test_each_case_is_drawn_as_django_draws_it(kwargs: dict[str, Any]) -> None:
    _same(Everything, **kwargs)


class OnlyHidden(forms.Form):
    secret = forms.CharField(widget=forms.HiddenInput)


@pytest.mark.parametrize("kwargs", [{}, {"data": {}}], ids=["unbound", "bound"])
def test_a_form_of_hidden_fields_is_drawn_as_django_draws_it(kwargs: dict[str, Any]) -> None:
    _same(OnlyHidden, **kwargs)


def test_templates_it_does_not_write_out_are_drawn_by_django() -> None:
    """An option with a template of its own: the whole select goes to Django's templates."""

    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class WithMarked(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A")], widget=Marked)

    drawn = str(WithMarked(renderer=OURS))
    assert parse_html(drawn) == parse_html(str(WithMarked(renderer=DJANGO)))
    assert '<input type="select" name="pick"' in drawn  # Django's input_option.html


@pytest.fixture
def example(user: Any) -> dict[str, str]:
    opportunity, _ = demo_load(owner=user, now=timezone.now())
    first, second = opportunity.rounds.order_by("number")[:2]
    urls = {
        "round": reverse("round_detail", args=[second.pk]),
        "round over": reverse("round_detail", args=[first.pk]),
        "debrief": reverse("debrief", args=[first.pk]),
        "thanks": reverse("thanks", args=[first.pk]),
        "research": reverse("research", args=[opportunity.pk]),
        "money": reverse("money", args=[opportunity.pk]),
        "budget": reverse("budget"),
        "opportunity": reverse("opportunity_detail", args=[opportunity.pk]),
        "new story": reverse("story_create"),
        "round edit": reverse("round_edit", args=[second.pk]),
        "new person": reverse("person_create", args=[opportunity.pk]),
        "practice": reverse("practice_home"),
    }
    return urls


def _pages(client: Client, urls: dict[str, str], renderer: str, settings: Any) -> dict[str, str]:
    settings.FORM_RENDERER = renderer
    get_default_renderer.cache_clear()  # type: ignore[attr-defined]  # kept since first made
    caches[PAGES].clear()
    caches[FRAGMENTS].clear()  # forms kept by their values (core.templatetags.kept_forms)
    drawn = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        drawn[name] = TOKEN.sub(r'\1…"', response.content.decode())
    return drawn


@pytest.mark.django_db
def test_the_example_workspace_pages_are_drawn_as_with_django_templates(
    example: dict[str, str], settings: Any
) -> None:
    client = Client()
    client.get(reverse("dashboard"))  # signs the local user in
    try:
        django = _pages(client, example, "django.forms.renderers.Jinja2", settings)
        ours = _pages(client, example, "nextround.core.formrender.Renderer", settings)
    finally:
        get_default_renderer.cache_clear()  # type: ignore[attr-defined]
    assert ours.keys() == django.keys()
    for name in example:
        assert "<form" in ours[name], name
        assert parse_html(ours[name]) == parse_html(django[name]), name
