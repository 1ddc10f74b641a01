"""Domain errors, named after the condition. Services raise them; the web error middleware and
the CLI turn them into a page, a form error or a one-line message. Nothing here imports Django."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class NextroundError(Exception):
    """Base class; ``status`` is the HTTP status the web layer answers with."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(NextroundError):
    status = 404


class Invalid(NextroundError):
    """Input that breaks a rule; ``field_errors`` maps field names to their messages."""

    def __init__(
        self, message: str, field_errors: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.field_errors = {k: list(v) for k, v in (field_errors or {}).items()}

    def one_line(self) -> str:
        """The message, then each field with its own messages; a field whose message only
        repeats the first is named alone."""
        if not self.field_errors:
            return self.message
        parts = [
            field if msgs == [self.message] else f"{field}: {' '.join(msgs)}"
            for field, msgs in self.field_errors.items()
        ]
        return f"{self.message} ({'; '.join(parts)})"


class Conflict(NextroundError):
    status = 409
