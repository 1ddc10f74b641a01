from __future__ import annotations

from collections import Counter

import pytest

from nextround.cases.bank import KINDS, bank, case_get, cases_for
from nextround.errors import Invalid, NotFound
from nextround.playbook.field import detect_field


def test_the_bank_has_forty_cases_across_every_kind() -> None:
    cases = bank()
    assert len(cases) >= 40
    kinds = Counter(case.kind for case in cases)
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 5


def test_a_nurse_manager_gets_service_and_operations_cases_not_app_design() -> None:
    field = detect_field(role_title="Nurse manager, surgical ward", company="St Anne's Hospital")
    assert field.field == "clinical"
    cases = cases_for(field=field.field)
    kinds = {case.kind for case in cases}
    assert {"service", "operations"} <= kinds
    assert "product" not in kinds
    assert all("clinical" in case.fields for case in cases)


def test_filters_combine_and_general_means_everything() -> None:
    assert cases_for(field="general") == list(bank())
    ops = cases_for(kind="operations", field="logistics")
    assert ops and all(c.kind == "operations" and "logistics" in c.fields for c in ops)


def test_unknown_kind_field_and_key_are_refused() -> None:
    with pytest.raises(Invalid):
        cases_for(kind="riddles")
    with pytest.raises(Invalid):
        cases_for(field="astrology")
    with pytest.raises(NotFound):
        case_get("no-such-case")
    assert case_get("ward-discharge").kind == "operations"
