"""Joining two records' texts (nextround.text.merge): nothing lost, nothing doubled."""

from __future__ import annotations

import pytest

from nextround.text import join_texts


@pytest.mark.parametrize(
    ("texts", "joined"),
    [
        (("", ""), ""),
        (("Tell the dock story.", ""), "Tell the dock story."),
        (("", "Tell the dock story."), "Tell the dock story."),
        (("  Tell the dock story.\n", "Tell the dock story."), "Tell the dock story."),
        (
            ("Tell the dock story.", "Ask how changes get agreed."),
            "Tell the dock story.\n\nAsk how changes get agreed.",
        ),
        (("B", "A", "B", " ", "C"), "B\n\nA\n\nC"),
    ],
)
def test_join_texts_keeps_each_text_once_in_order(texts: tuple[str, ...], joined: str) -> None:
    assert join_texts(*texts) == joined


def test_joining_again_changes_nothing() -> None:
    once = join_texts("First plan.", "Second plan.")
    assert join_texts(once, "Second plan.") != once  # a part is not the whole text
    assert join_texts(once, once) == once
    assert join_texts(once) == once
