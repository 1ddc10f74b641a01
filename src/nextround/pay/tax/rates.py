"""The rate tables in ``nextround/pay/data/*.toml``, read once. Floats in the files are read
as ``Decimal`` so 6.2 % stays 6.2 %; every table names its sources and tax year."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any

from nextround.pay.derivation import Source


@cache
def table(name: str) -> Mapping[str, Any]:
    """The parsed file ``data/<name>.toml`` (built once, only read afterwards)."""
    text = files("nextround.pay").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text, parse_float=Decimal)


def dec(value: object) -> Decimal:
    """A number from a rates file as a Decimal (integers and Decimal floats only)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"not a number in a rates file: {value!r}")
    return Decimal(value)


def sources(data: Mapping[str, Any]) -> tuple[Source, ...]:
    return tuple(Source(str(item["name"]), str(item["address"])) for item in data["sources"])
