from __future__ import annotations

from nextround.errors import Invalid


def test_one_line_names_each_field_with_its_messages() -> None:
    error = Invalid("The round was not saved.", {"ends_at": ["Must end after it starts."]})
    assert error.one_line() == "The round was not saved. (ends_at: Must end after it starts.)"


def test_one_line_does_not_repeat_the_message() -> None:
    error = Invalid("Say why you are skipping it.", {"reason": ["Say why you are skipping it."]})
    assert error.one_line() == "Say why you are skipping it. (reason)"
    mixed = Invalid("Check the form.", {"a": ["Check the form."], "b": ["Too long."]})
    assert mixed.one_line() == "Check the form. (a; b: Too long.)"
