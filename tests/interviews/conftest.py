"""Fixtures of the interviews tests. ``two_rounds`` is the prep tests' pair of rounds, dated from
today; one interviews test uses it too."""

from __future__ import annotations

from tests.prep.conftest import two_rounds

__all__ = ["two_rounds"]
