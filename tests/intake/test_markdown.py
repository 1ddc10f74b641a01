"""Markdown postings (nextround.intake.markdown): formatting stripped, headings and lists kept."""

from __future__ import annotations

from pathlib import Path

from nextround.intake import read_path


def test_markdown_formatting_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "posting.md"
    path.write_text(
        "# Senior **Data** Analyst\n\n"
        'Acme is hiring. See [our careers site](https://acme.example/jobs "Jobs").\n'
        "![Acme logo](logo.png)We value `snake_case` names and _clear_ writing.\n\n"
        "Requirements\n------------\n\n"
        "* SQL and __Python__\n"
        "- Dashboards in `Tableau`\n\n"
        "---\n\n"
        "## Benefits ##\n\n"
        "1. Health insurance\n",
        encoding="utf-8",
    )
    document = read_path(path)
    assert document.format == "md"
    assert document.text == (
        "Senior Data Analyst\n\n"
        "Acme is hiring. See our careers site.\n"
        "We value snake_case names and clear writing.\n\n"
        "Requirements\n\n"
        "- SQL and Python\n"
        "- Dashboards in Tableau\n\n"
        "Benefits\n\n"
        "- Health insurance"
    )
