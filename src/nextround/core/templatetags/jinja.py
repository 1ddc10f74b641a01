"""``{% jinja_include "prep/_plan.html" fold=True %}``: a partial from an app's ``jinja2/``
folder (``nextround.core.jinja``) drawn inside a Django template, with the page's context and
the keyword values given, as ``{% include %}`` draws a Django partial.

The page's CSRF token is handed over as it is, with ``csrf_input`` made from it. Django's Jinja2
backend would add both as lazy values that mask a new token each time a form reads one: a
plan with forty items cost forty maskings, a tenth of the round page."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja_include(context: Context, template_name: str, **values: object) -> SafeString:
    names: dict[str, object] = {str(k): v for k, v in context.flatten().items()}
    token = names.get("csrf_token")
    if token is not None:  # the page's token, drawn once (a SimpleLazyObject)
        names["csrf_input"] = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token
        )
    names.update(values)
    html: str = get_template(template_name).template.render(names)  # type: ignore[attr-defined]
    return mark_safe(html)  # escaped by Jinja2 as it drew it
