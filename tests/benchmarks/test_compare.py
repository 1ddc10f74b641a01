"""benchmarks/compare.py: a run's result is reused only for the code it measured."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


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


def _reused(compare: ModuleType, work: Path, code: str) -> list[object]:
    """What ``run_side`` takes from ``work`` for a baseline of ``code``, running nothing."""
    bench = compare.Bench("answers", "Answer analyzer", "answers.py", [])
    side = compare.Side("baseline", "baseline", work, code)
    compare.run_side(bench, side, 0, work, reuse="only")
    return list(bench.runs["baseline"])


def test_a_result_is_reused_only_for_the_code_it_measured(
    compare: ModuleType, tmp_path: Path
) -> None:
    _finished_run(tmp_path, "commit 69a4d412099d")
    assert _reused(compare, tmp_path, "commit 69a4d412099d") == [{"rows": "from an earlier run"}]
    assert _reused(compare, tmp_path, "commit 28766ee3cf2a") == []


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_the_working_tree_code_follows_edits_and_new_files(
    compare: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a repository of its own: an edit to the package or a new file in it is other code;
    a file elsewhere (docs) is not."""
    (tmp_path / "src").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "src" / "pages.py").write_text("FAST = False\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "c")
    monkeypatch.setattr(compare, "ROOT", tmp_path)
    committed = compare.working_tree_code()

    (tmp_path / "docs" / "notes.md").write_text("not code\n")
    assert compare.working_tree_code() == committed
    (tmp_path / "src" / "pages.py").write_text("FAST = True\n")
    edited = compare.working_tree_code()
    assert edited != committed
    (tmp_path / "src" / "cache.py").write_text("KEPT = {}\n")
    assert compare.working_tree_code() not in (committed, edited)
