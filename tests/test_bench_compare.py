"""benchmarks/compare.py: a run's result is reused only for the code it measured."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def compare() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))  # compare.py imports its sibling docsection
    try:
        spec = importlib.util.spec_from_file_location("bench_compare", BENCHMARKS / "compare.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def _finished_run(work: Path, code: str) -> None:
    folder = work / "answers-baseline-0"
    folder.mkdir(parents=True)
    (folder / "result.json").write_text(json.dumps({"rows": "from an earlier run"}))
    (folder / "measured.txt").write_text(code)


def test_a_result_is_reused_only_for_the_code_it_measured(
    compare: ModuleType, tmp_path: Path
) -> None:
    _finished_run(tmp_path, "commit 69a4d412099d")
    same = compare.Bench("answers", "Answer analyzer", "answers.py", [])
    compare.run_side(
        same,
        compare.Side("baseline", "baseline", tmp_path, "commit 69a4d412099d"),
        0,
        tmp_path,
        reuse="only",
    )
    assert same.runs["baseline"] == [{"rows": "from an earlier run"}]

    other = compare.Bench("answers", "Answer analyzer", "answers.py", [])
    compare.run_side(
        other,
        compare.Side("baseline", "baseline", tmp_path, "commit 28766ee3cf2a"),
        0,
        tmp_path,
        reuse="only",
    )
    assert other.runs["baseline"] == []


def test_the_working_tree_code_changes_with_an_untracked_file(
    compare: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = compare.working_tree_code()
    assert before.startswith("working tree at ")
    probe = BENCHMARKS / "_probe_untracked.py"
    try:
        probe.write_text("# a file the digest must notice\n")
        assert compare.working_tree_code() != before
    finally:
        probe.unlink()
    assert compare.working_tree_code() == before
