"""``{% kept_form form %}``: a form drawn once for the values it shows. Drawing a field takes
several of Django's form templates (label, widget, attributes, errors); an empty form shows the
same values on every visit, so its HTML is kept among the fragments (``core.fragments``) by
its class, prefix and values. A bound form (data, errors) is drawn each time."""

from __future__ import annotations

from collections.abc import Hashable

from django import forms, template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from nextround.core.forms import DrawnFromValues
from nextround.core.fragments import kept

register = template.Library()


@register.simple_tag
def kept_form(form: forms.BaseForm, template_name: str = "", **context: Hashable) -> SafeString:
    """``form`` drawn by its own template, or by ``template_name`` given ``form`` and
    ``context`` (plain values); kept when it is unbound and marked ``DrawnFromValues``."""

    def draw() -> str:
        if not template_name:
            return str(form.render())
        return get_template(template_name).render({"form": form, **context})

    if form.is_bound or not isinstance(form, DrawnFromValues):
        return mark_safe(draw())  # escaped by the template engines that drew it
    values = tuple((name, form[name].value()) for name in form.fields)
    shape = (type(form).__module__, type(form).__qualname__, form.prefix, form.auto_id)
    return kept((shape, values, template_name, tuple(context.items())), draw)
