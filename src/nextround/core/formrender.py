"""The form renderer (``FORM_RENDERER``): Django's Jinja2 form renderer, with the few templates
every form here draws written out in Python (issue 18).

Drawing one field through Django's form templates takes five template renders (the field
group, its label, its errors, its widget, the widget's attributes), each with a new Jinja2
context: a form of three fields cost about 0.9 ms, and the research page, with a form per
person, spent a third of its time there. The drawers below make the same HTML from the same
contexts Django builds (Django still decides the ids, values, attributes and errors), so the
markup follows Django's and only the template machinery is skipped. Any other template (a
radio list, a file input, a custom widget or field template) is drawn by Django's templates as
before. ``tests/core/test_formrender.py`` draws every form of the project both ways and checks
that the HTML is the same."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.forms.renderers import Jinja2
from markupsafe import escape

Context = Mapping[str, Any]

_OPTION = "django/forms/widgets/select_option.html"
# Widgets whose template is Django's plain <input> (``django/forms/widgets/input.html``).
_INPUTS: tuple[str, ...] = ("input", "text", "number", "email", "url", "password", "hidden")
_INPUTS += ("date", "datetime", "time", "tel", "search", "color", "checkbox")


def _attrs(attrs: Mapping[str, Any]) -> str:
    """Django's ``attrs.html``: ``True`` draws the bare name, ``False`` leaves it out."""
    drawn = []
    for name, value in attrs.items():
        if value is True:
            drawn.append(f" {escape(name)}")
        elif value is not False:
            drawn.append(f' {escape(name)}="{escape(value)}"')
    return "".join(drawn)


def _input(context: Context) -> str:
    w = context["widget"]
    value = "" if w["value"] is None else f' value="{escape(w["value"])}"'
    named = f'type="{escape(w["type"])}" name="{escape(w["name"])}"'
    return f"<input {named}{value}{_attrs(w['attrs'])}>"


def _textarea(context: Context) -> str:
    w = context["widget"]
    value = escape(w["value"]) if w["value"] else ""
    return f'<textarea name="{escape(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>'


def _options(choices: Iterable[Mapping[str, Any]]) -> str:
    return "".join(
        f'\n  <option value="{escape(o["value"])}"{_attrs(o["attrs"])}>'
        f"{escape(o['label'])}</option>"
        for o in choices
    )


def _select(context: Context) -> str | None:
    w = context["widget"]
    groups = w["optgroups"]
    if any(o["template_name"] != _OPTION for _, choices, _ in groups for o in choices):
        return None  # an option drawn by a template of its own
    body = []
    for name, choices, _ in groups:
        if name:
            body.append(f'\n  <optgroup label="{escape(name)}">{_options(choices)}\n  </optgroup>')
        else:
            body.append(_options(choices))
    return f'<select name="{escape(w["name"])}"{_attrs(w["attrs"])}>{"".join(body)}\n</select>'


def _label(context: Context) -> str:
    label = escape(context["label"])
    if not context["use_tag"]:
        return str(label)
    tag, attrs = escape(context["tag"]), context["attrs"]
    return f"<{tag}{_attrs(attrs) if attrs else ''}>{label}</{tag}>"


def _errors(context: Context) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    named = f' id="{escape(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{escape(error)}</li>" for error in errors)
    return f'<ul class="{escape(context["error_class"])}"{named}>{items}</ul>'


def _field(context: Context) -> str:
    field = context["field"]
    parts = []
    if field.use_fieldset:
        described = field.aria_describedby
        parts.append(
            f'<fieldset aria-describedby="{escape(described)}">' if described else "<fieldset>"
        )
        if field.label:
            parts.append(str(field.legend_tag()))
    elif field.label:
        parts.append(str(field.label_tag()))
    if field.help_text:
        named = f' id="{escape(field.auto_id)}_helptext"' if field.auto_id else ""
        parts.append(f'<div class="helptext"{named}>{field.help_text}</div>')
    parts += [str(field.errors), str(field)]
    if field.use_fieldset:
        parts.append("</fieldset>")
    return "\n".join(part for part in parts if part)


def _form(context: Context) -> str:
    """Django's ``div.html``: each visible field in a div, the hidden ones in the last."""
    errors, fields, hidden = context["errors"], context["fields"], context["hidden_fields"]
    hidden_html = "".join(str(field) for field in hidden)
    parts = [str(errors)]
    if errors and not fields:
        parts.append(f"<div>{hidden_html}</div>")
    for index, (field, _) in enumerate(fields):
        classes = field.css_classes()
        named = f' class="{escape(classes)}"' if classes else ""
        last = hidden_html if index == len(fields) - 1 else ""
        parts.append(f"<div{named}>\n{field.as_field_group()}\n{last}</div>")
    if not fields and not errors:
        parts.append(hidden_html)
    return "\n".join(part for part in parts if part)


_DRAWERS: dict[str, Callable[[Context], str | None]] = {
    "django/forms/div.html": _form,
    "django/forms/field.html": _field,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    **{f"django/forms/widgets/{name}.html": _input for name in _INPUTS},
}


class Renderer(Jinja2):
    """Django's Jinja2 form renderer, drawing its most used templates in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        drawer = _DRAWERS.get(template_name)
        drawn = drawer(context) if drawer is not None else None
        if drawn is None:
            return str(super().render(template_name, context, request))
        return drawn.strip()
