"""The labelled coverage check (evaluation/coverage_check.py): stories from another trade must
not be claimed for a trade's own requirements, and truly covered pairs must be found."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from nextround.config import data_folder
from tests.conftest import import_extra

ROOT = Path(__file__).resolve().parents[2]


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "coverage_check.py"
    spec = importlib.util.spec_from_file_location("coverage_check", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return evaluation_module()


def test_the_labelled_data_is_complete_and_consistent(ev: ModuleType) -> None:
    for path in (ev.DATA / "trades.json", ev.DATA / "heldout.json"):
        (trades,) = ev.load([path])
        stories = {s["id"] for t in trades for s in t.stories}
        for trade in trades:
            assert len(trade.stories) >= 3
            for r in trade.requirements:
                labelled = set(r["covers"]) | set(r["related"])
                assert labelled <= stories, r["id"]
                assert not set(r["covers"]) & set(r["related"]), r["id"]
                assert not (r["check"] and r["covers"]), r["id"]
    (tuned,) = ev.load([ev.DATA / "trades.json"])
    assert len(tuned) >= 5


@pytest.mark.parametrize("name", ["trades.json", "heldout.json"])
def test_word_matching_meets_both_targets_on_cross_trade_claims_and_checks(
    ev: ModuleType, name: str
) -> None:
    (trades,) = ev.load([ev.DATA / name])
    figures = ev.evaluate(trades)
    assert figures.cross_share <= ev.CROSS_TARGET, figures.cross_claimed
    assert figures.checks_found == figures.checks_labelled and not figures.checks_added
    if name == "trades.json":
        # The held-out set's found share is reported in docs/stories.md; it was not tuned on.
        assert figures.found_share >= ev.FOUND_TARGET, figures.missed


def test_all_trades_in_one_bank_meet_both_targets(ev: ModuleType) -> None:
    trades = [t for s in ev.load([ev.DATA / "trades.json", ev.DATA / "heldout.json"]) for t in s]
    figures = ev.evaluate(trades)
    assert figures.cross_share <= ev.CROSS_TARGET, figures.cross_claimed
    assert figures.found_share >= ev.FOUND_TARGET, figures.missed


def test_meaning_never_adds_a_claim_from_another_trade(ev: ModuleType) -> None:
    semantic = import_extra("nextround.fit.semantic", "ml")
    (trades,) = ev.load([ev.DATA / "trades.json"])
    embedder = semantic.load(int8=semantic.int8_folder(data_folder()))  # as the product runs
    figures = ev.evaluate(trades, embedder.embed)
    assert figures.cross_share <= ev.CROSS_TARGET, figures.cross_claimed
    assert figures.found_share >= ev.FOUND_TARGET, figures.missed


def test_the_script_prints_the_figures(ev: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    ev.main([str(ev.DATA / "trades.json")])
    out = capsys.readouterr().out
    assert out.startswith("trades.json, lexical:\n  cross-trade claims: ")
    assert "covered found:" in out
