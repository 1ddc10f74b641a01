"""The news page evaluation (evaluation/news_pages.py): its manifests read, and its figures on
the pages the reading rules were settled on and on the pages written after them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "news_pages.py"
    spec = importlib.util.spec_from_file_location("news_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return evaluation_module()


def test_every_page_of_the_tuning_set_is_read_right(
    ev: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ev.main([str(PAGES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["25 pages", "title      25/25 (100%)"]
    assert lines[2] == "date       25/25 (100%)"
    assert lines[3].startswith("main text  25/25 (100%)")
    assert len(lines) == 4  # no misses listed


def test_the_held_out_pages_stay_at_least_as_good(ev: ModuleType) -> None:
    """A floor, not the figure: docs/research.md gives it (title 6, date 5, text 5 of 6)."""
    folder = PAGES / "held_out"
    summary = ev.evaluate(folder, ev.read_manifest(folder))
    assert summary.total == 6
    assert summary.count("title_right") >= 6
    assert summary.count("date_right") >= 5
    assert summary.count("text_right") >= 5


def test_a_manifest_with_a_missing_key_is_refused(ev: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html></html>")
    (tmp_path / "manifest.toml").write_text('[[page]]\nfile = "a.html"\ntitle = "A"\n')
    with pytest.raises(ev.ManifestError, match=r"page 1 lacks kind, date, main, boilerplate"):
        ev.read_manifest(tmp_path)
    assert ev.main([str(tmp_path)]) == 2
    assert ev.main([str(tmp_path / "nowhere")]) == 2


def test_a_page_that_cannot_be_read_counts_as_wrong(ev: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("   ")
    (tmp_path / "manifest.toml").write_text(
        '[[page]]\nfile = "empty.html"\nkind = "k"\ntitle = "T"\ndate = ""\n'
        'main = "m"\nboilerplate = "b"\n'
    )
    summary = ev.evaluate(tmp_path, ev.read_manifest(tmp_path))
    assert (summary.count("title_right"), summary.count("date_right")) == (0, 0)
    assert ev.report(summary)[-1] == "  empty.html: not read: empty.html is empty."
