"""Relevance (nextround.feedback.relevance): the job's requirements and the company's terms an
answer uses, compared by stem."""

from __future__ import annotations

from nextround.feedback import analyze_answer


def test_requirements_and_company_terms_used_and_missed_by_stem() -> None:
    # An operations analyst.
    text = (
        "I managed stakeholders across three sites and wrote the SQL behind the weekly report, "
        "always with safety first."
    )
    report = analyze_answer(
        text,
        requirements=["Stakeholder management", "SQL", "Budget forecasting", "sql"],
        company_terms=["Safety first", "Net promoter score"],
    )
    assert report.requirements.used == ["Stakeholder management", "SQL"]
    assert report.requirements.missed == ["Budget forecasting"]
    assert report.company_terms.used == ["Safety first"]
    assert report.company_terms.missed == ["Net promoter score"]
    relevance = report.components["relevance"]
    assert relevance.out_of > 0
    assert relevance.points == relevance.out_of  # 3 used: full marks
