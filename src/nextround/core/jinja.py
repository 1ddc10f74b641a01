"""The Jinja2 environment for the partials drawn most often (issue 18): a list of notes or of plan
items drawn by Jinja2 costs a fraction of the same loop in Django's engine, which resolves every
variable and tag node by node on each pass.

Pages, ``base.html`` and most partials stay in Django's templates. A partial moved to an app's
``jinja2/`` folder keeps its name: Django's loader (``get_template``) finds it there, and a
Django template draws it with ``{% jinja_include "name" %}`` (``core/templatetags/jinja.py``).
An app offers functions to its Jinja2 partials in a module ``<app>.jinja`` with a dict
``GLOBALS``, found here the way Django finds template tag libraries, so that core imports no app.

A name the template reads but the context lacks is an error (``StrictUndefined``), not an empty
string as in Django's engine: a misspelt name fails the tests instead of drawing nothing."""

from __future__ import annotations

from datetime import date, datetime
from importlib import import_module
from importlib.util import find_spec
from typing import Any

import jinja2
from django.apps import apps
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr, pluralize, timesince_filter, truncatewords
from django.utils.timezone import is_aware, localtime

from nextround.core.links import link
from nextround.core.templatetags.clock import on_clock
from nextround.core.templatetags.kept_forms import kept_form


def _date(value: date | datetime | None, fmt: str) -> str:
    """Django's ``date`` filter, given an aware time in the user's zone as Django's engine
    gives it."""
    if isinstance(value, datetime) and is_aware(value):
        value = localtime(value)
    return str(date_filter(value, fmt))


def _app_globals() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.jinja"
        ours = config.name.startswith("nextround.") and module_name != __name__
        if ours and find_spec(module_name) is not None:
            found.update(import_module(module_name).GLOBALS)
    return found


def environment(**options: Any) -> jinja2.Environment:
    # Django's backend passes Undefined (or DebugUndefined), which draws a missing name as "".
    options["undefined"] = jinja2.StrictUndefined
    env = jinja2.Environment(**options, keep_trailing_newline=True)
    env.globals["url"] = link
    env.globals["on_clock"] = on_clock
    env.globals["kept_form"] = kept_form
    env.globals.update(_app_globals())
    env.filters["linebreaksbr"] = lambda text: linebreaksbr(text, autoescape=True)
    env.filters["pluralize"] = pluralize
    env.filters["date"] = _date
    env.filters["timesince"] = timesince_filter
    env.filters["truncatewords"] = truncatewords
    return env
