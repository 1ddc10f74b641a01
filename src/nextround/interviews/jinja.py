"""What the interviews app's Jinja2 partials call (``nextround.core.jinja``)."""

from nextround.interviews.templatetags.lists import note_list

GLOBALS = {"note_list": note_list}
