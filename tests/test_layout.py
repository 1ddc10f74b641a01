"""The tests mirror the source tree: tests/<package>/test_<module>.py tests
src/nextround/<package>/<module>.py (or the package <module>/), so a module's tests are found by
its path. Tests that cross apps live apart: browser tests of whole flows in tests/browser/, and
the query counts of the main pages and the isolation matrix in tests/pages/; the evaluation
scripts' tests are in tests/evaluation/, the benchmark runner's in tests/benchmarks/."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent
SOURCE = TESTS.parent / "src" / "nextround"
# Scripts outside the package that have tests of their own.
TOP_LEVEL = {"evaluation", "benchmarks"}
# Folders of tests that cross apps, so name no one module.
CROSS_APP = {"browser", "pages"}


def _tested_module(test_file: Path) -> Path:
    relative = test_file.relative_to(TESTS)
    base = TESTS.parent if relative.parts[0] in TOP_LEVEL else SOURCE
    return base / relative.parent / relative.name.removeprefix("test_").removesuffix(".py")


def test_every_test_file_names_a_module_that_exists() -> None:
    test_files = [
        path
        for path in TESTS.rglob("test_*.py")
        if not CROSS_APP & set(path.relative_to(TESTS).parts)
    ]
    assert len(test_files) > 20  # the glob found the suite
    orphans = [
        str(path.relative_to(TESTS))
        for path in test_files
        if path != Path(__file__)
        and not _tested_module(path).with_suffix(".py").is_file()
        and not _tested_module(path).is_dir()
    ]
    assert orphans == []


def test_every_test_folder_is_a_package() -> None:
    # Same file names in two folders (tests/cli/test_stories.py, tests/stories/...) need it.
    folders = {path.parent for path in TESTS.rglob("test_*.py")}
    assert [str(f) for f in folders if not (f / "__init__.py").is_file()] == []
