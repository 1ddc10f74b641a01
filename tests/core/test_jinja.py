"""The Jinja2 partials (``nextround.core.jinja``) and ``{% jinja_include %}``, which draws one
inside a Django template."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import pytest
from django.middleware.csrf import CSRF_TOKEN_LENGTH
from django.template import RequestContext, engines
from django.test import RequestFactory
from django.utils import timezone

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def jinja_folder(tmp_path: Path, settings: Any) -> Path:
    """A folder the Jinja2 engine reads partials from, besides the apps' own."""
    templates = copy.deepcopy(settings.TEMPLATES)
    jinja = next(t for t in templates if t.get("NAME") == "jinja2")
    jinja["DIRS"] = [str(tmp_path)]
    settings.TEMPLATES = templates
    return tmp_path


def _page(source: str, **context: object) -> str:
    request = RequestFactory().get("/")
    template = engines["django"].from_string("{% load jinja %}" + source)
    return str(template.template.render(RequestContext(request, context)))  # type: ignore[attr-defined]


def test_a_partial_is_drawn_with_the_page_context_and_the_values_given(
    jinja_folder: Path,
) -> None:
    (jinja_folder / "_card.html").write_text(
        "<p>{{ title }} · {{ colour }} · {{ url('dashboard') }} · {{ 1 + count }}</p>"
    )
    html = _page('{% jinja_include "_card.html" colour="red" %}', title="<Q3>", count=2)
    assert html == "<p>&lt;Q3&gt; · red · / · 3</p>"


def test_a_name_the_context_lacks_is_an_error_not_an_empty_string(jinja_folder: Path) -> None:
    (jinja_folder / "_card.html").write_text("<p>{{ titel }}</p>")
    with pytest.raises(jinja2.UndefinedError, match="titel"):
        _page('{% jinja_include "_card.html" %}', title="Q3")


def test_every_form_of_a_page_carries_its_one_csrf_token(jinja_folder: Path) -> None:
    """Django's Jinja2 backend masks a new token at each read; the page's own is handed over,
    so the Django and the Jinja2 forms carry the same text, drawn once."""
    (jinja_folder / "_forms.html").write_text("{% for i in range(3) %}{{ csrf_input }}{% endfor %}")
    html = _page('{% csrf_token %}{% jinja_include "_forms.html" %}')
    tokens = TOKEN.findall(html)
    assert len(tokens) == 4
    assert len(set(tokens)) == 1
    assert len(tokens[0]) == CSRF_TOKEN_LENGTH  # a masked token, as Django's own tag draws


def test_the_date_filter_shows_a_moment_in_the_users_zone(jinja_folder: Path) -> None:
    (jinja_folder / "_when.html").write_text('{{ moment|date("j F Y, H:i") }}')
    moment = datetime(2026, 12, 31, 20, 30, tzinfo=UTC)
    with timezone.override("Asia/Tokyo"):
        html = _page('{% jinja_include "_when.html" %}', moment=moment)
    assert html == "1 January 2027, 05:30"
