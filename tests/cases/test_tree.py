from __future__ import annotations

import pytest

from nextround.cases import thresholds as t
from nextround.cases.tree import branches, overlaps
from nextround.errors import Invalid


def test_top_level_lines_are_branches_with_their_children() -> None:
    tree = "Revenue\n\t- price\n\t- volume\n* Costs\n    1. fixed\n        a) rent\n- Market"
    found = branches(tree)
    assert [b.label for b in found] == ["Revenue", "Costs", "Market"]
    assert found[0].children == ("price", "volume")
    assert found[1].children == ("fixed", "rent")
    assert overlaps(found) == []


def test_overlapping_branches() -> None:
    found = branches("- staff rota gaps\n- gaps in the staff rota\n- pharmacy")
    [pair] = overlaps(found)
    assert pair.jaccard > t.BRANCH_OVERLAP_MAX
    assert "rota" in pair.shared


def test_too_long_a_tree_is_refused() -> None:
    with pytest.raises(Invalid):
        branches("- x\n" * (t.MAX_TREE_LINES + 1))
