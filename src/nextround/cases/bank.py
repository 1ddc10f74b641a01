"""The case bank: practice prompts for case rounds (``data/bank.toml``), each of one kind and
tagged with the employer fields it suits, so a nurse manager is given service and operations
cases and a product manager app design. Read once and shared read-only between threads."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import msgspec

from nextround.errors import Invalid, NotFound
from nextround.playbook.knowledge import FIELDS

Kind = Literal["sizing", "profitability", "product", "metrics", "entry", "operations", "service"]
KINDS: tuple[Kind, ...] = Kind.__args__  # type: ignore[attr-defined]
KIND_LABELS: dict[str, str] = {
    "sizing": "Market sizing",
    "profitability": "Profitability",
    "product": "Product improvement or design",
    "metrics": "Metric diagnosis",
    "entry": "Market entry",
    "operations": "Operations",
    "service": "Public-sector or clinical service",
}
assert set(KIND_LABELS) == set(KINDS)


class Case(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    key: str
    kind: Kind
    fields: tuple[str, ...]
    title: str
    prompt: str
    facts: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


class _Bank(msgspec.Struct, frozen=True):
    cases: tuple[Case, ...]


@cache
def bank() -> tuple[Case, ...]:
    """Every case, in the file's order. Checked on load: keys unique, fields known."""
    raw = resources.files("nextround.cases").joinpath("data/bank.toml").read_bytes()
    cases = msgspec.toml.decode(raw, type=_Bank).cases
    keys = [case.key for case in cases]
    assert len(set(keys)) == len(keys), "case keys must be unique"
    for case in cases:
        assert set(case.fields) <= set(FIELDS), f"{case.key}: unknown field"
    return cases


def case_get(key: str) -> Case:
    for case in bank():
        if case.key == key:
            return case
    raise NotFound(f"No case in the bank is called {key!r}.")


def cases_for(*, kind: str = "", field: str = "") -> list[Case]:
    """The cases of a kind (any when blank) that suit a field (any when blank or "general":
    a general employer gets the whole bank)."""
    if kind and kind not in KINDS:
        raise Invalid(f"Unknown kind of case {kind!r}: choose from {', '.join(KINDS)}.")
    if field and field not in FIELDS:
        raise Invalid(f"Unknown field {field!r}: choose from {', '.join(FIELDS)}.")
    return [
        case
        for case in bank()
        if (not kind or case.kind == kind)
        and (not field or field == "general" or field in case.fields)
    ]
