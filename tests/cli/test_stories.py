"""The story commands: requirements, match, coverage and story add|list|show.

They run in-process with click's CliRunner against the test database. The posting's kinds can be
read off by eye: three must-haves under "Requirements", one nice-to-have, two responsibilities.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User

from nextround import intake
from nextround.cli import main
from nextround.interviews.models import Opportunity, Person, Round
from nextround.stories import services
from nextround.stories.models import Story
from tests.stories.helpers import (
    DEGREE_REQ,
    INVOICE_REQ,
    NEGOTIATE_REQ,
    POSTING,
    SIX_SIGMA_REQ,
    SQL_REQ,
    TABLEAU_REQ,
)

STORIES: list[dict[str, str]] = [
    {
        "title": "Built the weekly operations dashboard",
        "situation": "Leadership read five different spreadsheets every Monday.",
        "task": "I was asked to give them one view of the week.",
        "action": "I built a Tableau dashboard fed from the warehouse system and trained them.",
        "result": "The Monday meeting went from 90 to 40 minutes.",
    },
    {
        "title": "Renegotiated the freight contracts",
        "situation": "Freight costs had risen 18% in a year and both carrier contracts were due.",
        "task": "I had to cut the cost without losing delivery reliability.",
        "action": (
            "I benchmarked our rates against four other carriers, negotiated new contracts with "
            "both suppliers and set up quarterly service reviews."
        ),
        "result": "Freight cost fell by $240k a year.",
        "competencies": "negotiation",
    },
]

Ok = Callable[..., str]
Bad = Callable[..., str]


def as_json(output: str) -> Any:
    return json.loads(output)


@pytest.fixture
def posting_file(tmp_path: Path) -> Path:
    path = tmp_path / "posting.md"
    path.write_text(POSTING, encoding="utf-8")
    return path


@pytest.fixture
def stories_file(tmp_path: Path) -> Path:
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(STORIES), encoding="utf-8")
    return path


def by_text(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["text"]: r for r in found["requirements"]}


# --- requirements --------------------------------------------------------------------------


def test_requirements_json_from_a_markdown_file(ok: Ok, posting_file: Path) -> None:
    found = as_json(ok("requirements", str(posting_file), "--json"))
    assert set(found) == {"requirements", "terms", "facts"}
    assert found["facts"]["pay"] is None  # the posting states no pay, place or hours
    rows = by_text(found)
    assert all({"text", "kind", "terms"} <= set(r) for r in found["requirements"])
    assert {t: r["kind"] for t, r in rows.items()} == {
        TABLEAU_REQ: "responsibility",
        "Reconcile vendor invoices against purchase orders": "responsibility",
        SQL_REQ: "must-have",
        NEGOTIATE_REQ: "must-have",
        DEGREE_REQ: "must-have",
        SIX_SIGMA_REQ: "nice-to-have",
    }
    assert {"SQL", "Excel"} <= set(rows[SQL_REQ]["terms"])
    assert "Tableau" in rows[TABLEAU_REQ]["terms"]
    assert "Lean Six Sigma" in rows[SIX_SIGMA_REQ]["terms"]
    # The posting's key terms are drawn from the requirements' own terms; a verb phrase gives
    # its object ("Build weekly dashboards" gives "dashboards").
    every_term = [t for r in found["requirements"] for t in r["terms"]]
    assert {"SQL", "Tableau", "dashboards"} <= set(found["terms"])
    assert all(any(k in t for t in every_term) for k in found["terms"])


def test_requirements_as_text_grouped_by_kind(ok: Ok, posting_file: Path) -> None:
    out = ok("requirements", str(posting_file)).splitlines()
    must = out.index("Must-have (3):")
    nice = out.index("Nice-to-have (1):")
    assert out[must + 1].startswith(f"  - {SQL_REQ}  [")
    assert "SQL" in out[must + 1] and "Excel" in out[must + 1]
    assert out[nice + 1].startswith(f"  - {SIX_SIGMA_REQ}")


FACTS_POSTING = f"""{POSTING}
Job Type: Full-time
Pay: $70,000 - $85,000 per year
Schedule: Monday to Friday
Work Location: Hybrid remote in Austin, TX 78701
"""


def test_requirements_show_the_posting_facts_apart(db: None) -> None:
    result = CliRunner().invoke(main, ["requirements", "-"], input=FACTS_POSTING)
    assert result.exit_code == 0, (result.output, result.exception)
    out = result.stdout.splitlines()
    about = out.index("About the posting:")
    assert out[about + 1 : about + 6] == [
        "  Pay: $70,000–$85,000 a year",
        "  Location: Austin, TX",
        "  Work setting: hybrid",
        "  Schedule: Monday to Friday",
        "  Employment: full-time",
    ]
    assert "Must-have (3):" in out  # the labelled lines are no requirements
    result = CliRunner().invoke(main, ["requirements", "-", "--json"], input=FACTS_POSTING)
    facts = json.loads(result.stdout)["facts"]
    assert facts["pay"] == {
        "low": 70000.0,
        "high": 85000.0,
        "currency": "USD",
        "period": "yearly",
        "text": "Pay: $70,000 - $85,000 per year",
    }
    assert facts["employment_types"] == ["full-time"]
    assert facts["work_setting"] == "hybrid"


def test_requirements_from_standard_input(db: None) -> None:
    result = CliRunner().invoke(main, ["requirements", "-", "--json"], input=POSTING)
    assert result.exit_code == 0, (result.output, result.exception)
    rows = by_text(json.loads(result.stdout))
    assert rows[NEGOTIATE_REQ]["kind"] == "must-have"
    assert rows[SIX_SIGMA_REQ]["kind"] == "nice-to-have"


def test_requirements_from_empty_standard_input(db: None) -> None:
    result = CliRunner().invoke(main, ["requirements", "-"], input="  \n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: Standard input held no posting text.\n"


def test_requirements_from_a_file_over_a_reading_limit(db: None, tmp_path: Path) -> None:
    path = tmp_path / "paras.html"
    path.write_bytes(b"<html><body>" + b"<p>Dental cover" * 20_000)
    result = CliRunner().invoke(main, ["requirements", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: paras.html has more than 15,000 elements, more than a posting needs. "
        "Copy the job's part of it and paste that instead.\n"
    )


@pytest.fixture
def job_site(html_site: Callable[[dict[str, str]], str]) -> str:
    page = f"<html><body><h2>Requirements</h2><ul><li>{SQL_REQ}</li></ul></body></html>"
    return html_site({"/job": page})


def test_requirements_from_an_address(ok: Ok, job_site: str) -> None:
    found = as_json(ok("requirements", f"{job_site}/job", "--json"))
    assert [(r["text"], r["kind"]) for r in found["requirements"]] == [(SQL_REQ, "must-have")]


def test_requirements_from_an_address_inside_the_machine(bad: Bad, job_site: str) -> None:
    inside = job_site.replace("127.0.0.1", "localhost") + "/job"  # only 127.0.0.1 is allowed
    assert bad("requirements", inside) == (
        f"Error: Couldn't fetch {inside}: localhost is inside this computer or a private "
        "network, and nextround fetches only public web addresses (NEXTROUND_FETCH_ALLOW_HOSTS "
        "can name a host to allow)."
    )


def test_requirements_of_a_missing_file(bad: Bad, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.md"
    assert bad("requirements", str(missing)) == f"Error: There is no file at {missing}."


def test_requirements_of_an_empty_file(bad: Bad, tmp_path: Path) -> None:
    empty = tmp_path / "posting.md"
    empty.write_text("")
    assert bad("requirements", str(empty)) == (
        "Error: posting.md has no readable text: the file is empty."
    )


def test_requirements_of_a_picture(bad: Bad, tmp_path: Path) -> None:
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(200))
    line = bad("requirements", str(picture))
    assert line.startswith("Error: Can't read photo.jpg")
    assert "PDF (.pdf) or Word (.docx)" in line


def test_requirements_of_a_folder(bad: Bad, tmp_path: Path) -> None:
    assert bad("requirements", str(tmp_path)) == (
        f"Error: {tmp_path} is a folder; choose a posting file inside it."
    )


# --- match ---------------------------------------------------------------------------------


def test_match_ranks_the_right_story_first_and_lists_gaps(
    ok: Ok, posting_file: Path, stories_file: Path
) -> None:
    found = as_json(
        ok("match", "--posting", str(posting_file), "--stories", str(stories_file), "--json")
    )
    assert found["method"] == "semantic"  # the ml extra is installed in this environment
    assert "sentence embeddings" in found["matching"]
    rows = {r["text"]: r for r in found["requirements"]}
    negotiate = rows[NEGOTIATE_REQ]
    assert negotiate["covered"] is True
    assert negotiate["matches"][0]["story"] == "Renegotiated the freight contracts"
    assert negotiate["matches"][0]["story_id"] == 2  # numbered from 1 in file order
    assert "negotiating contracts" in negotiate["matches"][0]["evidence"]
    assert rows[TABLEAU_REQ]["matches"][0]["story"] == "Built the weekly operations dashboard"
    # A degree and years are checked against the CV: neither covered nor a gap.
    assert DEGREE_REQ not in rows and DEGREE_REQ not in found["gaps"]
    assert [(c["text"], c["kind"], c["status"]) for c in found["checks"]] == [
        (SQL_REQ, "years", "check"),
        (DEGREE_REQ, "credential", "check"),
    ]
    assert NEGOTIATE_REQ not in found["gaps"]
    assert found["gaps"] == [r["text"] for r in found["requirements"] if not r["covered"]]


def test_match_as_text(ok: Ok, posting_file: Path, stories_file: Path) -> None:
    out = ok("match", "--posting", str(posting_file), "--stories", str(stories_file))
    lines = out.splitlines()
    at = lines.index(f"[covered] {NEGOTIATE_REQ}  (must-have)")
    assert "✓ Renegotiated the freight contracts  shows: negotiating contracts" in lines[at + 1]
    assert f"[GAP] {INVOICE_REQ}  (responsibility)" in lines
    start = lines.index("Check against your CV (set with --check KEY=have|partly|missing|check):")
    assert lines[start + 2].startswith("  [check] ") and lines[start + 2].endswith(
        f"{DEGREE_REQ}  (licence, degree or certificate)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is { not json", "not valid JSON"),
        ('[{"situation": "No title here"}]', "not a list of stories with a title each"),
        ('{"title": "One story, not a list"}', "not a list of stories with a title each"),
    ],
    ids=["not-json", "no-title", "not-a-list"],
)
def test_match_with_bad_stories_file(
    bad: Bad, posting_file: Path, tmp_path: Path, content: str, message: str
) -> None:
    stories = tmp_path / "stories.json"
    stories.write_text(content)
    line = bad("match", "--posting", str(posting_file), "--stories", str(stories))
    assert line.startswith(f"Error: {stories}: {message}")


def test_match_with_missing_stories_file(bad: Bad, posting_file: Path, tmp_path: Path) -> None:
    line = bad("match", "--posting", str(posting_file), "--stories", str(tmp_path / "no.json"))
    assert "--stories" in line
    assert "does not exist" in line


# --- the story bank ------------------------------------------------------------------------


def test_story_add_list_and_show(
    ok: Ok, user: User, rounds: list[Round], people: list[Person]
) -> None:
    added = as_json(
        ok(
            "story",
            "add",
            "--title",
            "Renegotiated the freight contracts",
            "--situation",
            "Freight costs had risen 18% in a year.",
            "--task",
            "I had to cut the cost.",
            "--action",
            "We benchmarked the rates and we negotiated new contracts.",
            "--result",
            "Costs went down.",
            "--numbers",
            "$240k a year",
            "--competencies",
            "negotiation, cost control",
            "--json",
        )
    )
    story = Story.objects.get()
    assert added["id"] == story.pk
    assert story.owner == user
    assert added["competencies"] == ["negotiation", "cost control"]
    analysis = added["analysis"]
    assert {"score", "seconds", "parts", "suggestions", "voice", "quantified"} <= set(analysis)
    assert analysis["voice"]["verdict"] == "team"
    assert analysis["voice"]["we_count"] == 2
    # The figure is in the numbers field, not in the result: the tip says so.
    assert any("$240k" in tip for tip in analysis["suggestions"])

    listed = as_json(ok("story", "list", "--json"))
    assert [(s["id"], s["title"], s["told"]) for s in listed] == [
        (story.pk, "Renegotiated the freight contracts", 0)
    ]
    assert listed[0]["score"] == analysis["score"]

    shown = as_json(ok("story", "show", str(story.pk), "--json"))
    assert shown["told"] == []
    assert shown["analysis"] == analysis

    services.telling_record(story=story, round_=rounds[0])
    shown = as_json(ok("story", "show", str(story.pk), "--json"))
    assert shown["told"] == [{"round": rounds[0].pk, "people": [people[0].pk]}]
    assert as_json(ok("story", "list", "--json"))[0]["told"] == 1


def test_story_show_as_text(ok: Ok, user: User, rounds: list[Round]) -> None:
    story = services.story_create(
        owner=user, title="Calmed a tense night shift", action="I rewrote the rota."
    )
    services.telling_record(story=story, round_=rounds[0])
    out = ok("story", "show", str(story.pk))
    assert out.startswith(f"Story {story.pk}: Calmed a tense night shift\n")
    assert "Told in First round — Operations Analyst at Northwind Health to Dana Ortiz" in out


def test_story_list_as_a_table(ok: Ok, user: User, rounds: list[Round]) -> None:
    zebra = services.story_create(owner=user, title="Zebra crossing")
    apple = services.story_create(owner=user, title="Apple harvest")
    services.telling_record(story=zebra, round_=rounds[0])
    services.telling_record(story=zebra, round_=rounds[1])
    lines = ok("story", "list").splitlines()
    assert lines[0].split() == ["ID", "SCORE", "LENGTH", "TOLD", "TITLE"]
    rows = {line.split(maxsplit=4)[4]: line.split(maxsplit=4) for line in lines[1:]}
    assert set(rows) == {"Apple harvest", "Zebra crossing"}
    assert (rows["Zebra crossing"][0], rows["Zebra crossing"][3]) == (str(zebra.pk), "2")
    assert (rows["Apple harvest"][0], rows["Apple harvest"][3]) == (str(apple.pk), "0")


def test_story_add_with_a_blank_title_is_refused(bad: Bad, db: None) -> None:
    line = bad("story", "add", "--title", "", "--action", "I did it.")
    assert line.startswith("Error: The story was not saved.")
    assert "title" in line
    assert Story.objects.count() == 0


def test_story_show_of_an_unknown_or_foreign_id(bad: Bad, other_user: User) -> None:
    assert bad("story", "show", "987654") == "Error: No story with id 987654."
    theirs = services.story_create(owner=other_user, title="Secret merger")
    assert bad("story", "show", str(theirs.pk)) == f"Error: No story with id {theirs.pk}."


def test_story_list_leaves_out_other_accounts(ok: Ok, other_user: User) -> None:
    services.story_create(owner=other_user, title="Secret merger")
    assert as_json(ok("story", "list", "--json")) == []


# --- coverage ------------------------------------------------------------------------------


def test_coverage_of_an_opportunity(ok: Ok, user: User, opportunity: Opportunity) -> None:
    services.posting_set(opportunity=opportunity, text=POSTING)
    for fields in STORIES:
        services.story_create(owner=user, **fields)
    negotiation = Story.objects.get(title="Renegotiated the freight contracts")
    found = as_json(ok("coverage", str(opportunity.pk), "--json"))
    rows = {r["text"]: r for r in found["requirements"]}
    assert len(rows) == 4 and len(found["checks"]) == 2
    assert rows[NEGOTIATE_REQ]["matches"][0]["story_id"] == negotiation.pk
    assert rows[NEGOTIATE_REQ]["covered"] is True
    assert DEGREE_REQ not in found["gaps"]
    assert rows[SIX_SIGMA_REQ]["kind"] == "nice-to-have"


def test_coverage_sets_cv_checks(ok: Ok, bad: Bad, opportunity: Opportunity) -> None:
    services.posting_set(opportunity=opportunity, text=POSTING)
    found = as_json(ok("coverage", str(opportunity.pk), "--json"))
    keys = {c["text"]: c["key"] for c in found["checks"]}
    degree, years = keys[DEGREE_REQ], keys[SQL_REQ]
    found = as_json(
        ok(
            "coverage",
            str(opportunity.pk),
            "--check",
            f"{degree}=missing",
            "--check",
            f"{years}=have",
            "--json",
        )
    )
    assert {c["text"]: c["status"] for c in found["checks"]} == {
        SQL_REQ: "have",
        DEGREE_REQ: "missing",
    }
    text = ok("coverage", str(opportunity.pk))
    assert f"  [missing] {degree}  {DEGREE_REQ}  (licence, degree or certificate)" in text
    assert bad("coverage", str(opportunity.pk), "--check", f"{degree}=maybe") == (
        "Error: Unknown status 'maybe'; use one of check, have, partly, missing."
    )
    assert bad("coverage", str(opportunity.pk), "--check", "no-equals") == (
        "Error: --check 'no-equals': write KEY=STATUS, e.g. 3f2a9c01b7d4=have."
    )
    assert bad("coverage", str(opportunity.pk), "--check", "abc=have") == (
        "Error: This opportunity's posting has no requirement 'abc' to check."
    )


def test_coverage_without_a_posting_has_no_rows(ok: Ok, opportunity: Opportunity) -> None:
    found = as_json(ok("coverage", str(opportunity.pk), "--json"))
    assert (found["requirements"], found["gaps"], found["checks"]) == ([], [], [])


def test_coverage_of_an_unknown_or_foreign_opportunity(
    bad: Bad, other_user: User, opportunity: Opportunity
) -> None:
    from nextround.interviews import services as interview_services

    assert bad("coverage", "987654") == "Error: No opportunity with id 987654."
    theirs = interview_services.opportunity_create(
        owner=other_user, company="Secret Co", role_title="CFO"
    )
    assert bad("coverage", str(theirs.pk)) == f"Error: No opportunity with id {theirs.pk}."


def test_coverage_without_a_posting_and_one_story_with_semantic_matching(ok: Ok) -> None:
    """The sequence of issue 15, item 1, in one workspace."""
    added = ok("opportunity", "add", "--company", "Acme", "--role", "Dev")
    opportunity_id = added.split()[2].rstrip(":")
    ok("story", "add", "--title", "T", "--action", "I cut costs by 10%")
    found = as_json(ok("coverage", opportunity_id, "--json"))
    assert found["method"] == "semantic"  # the ml extra is installed in this environment
    assert (found["requirements"], found["gaps"]) == ([], [])
    assert "No requirements to cover yet: give the opportunity its posting first." in ok(
        "coverage", opportunity_id
    )


def test_posting_gives_an_opportunity_its_posting_then_coverage_reads_it(
    ok: Ok, bad: Bad, opportunity: Opportunity, tmp_path: Path
) -> None:
    path = tmp_path / "posting.md"
    path.write_text(FACTS_POSTING, encoding="utf-8")
    out = ok("posting", str(opportunity.pk), str(path))
    assert out.startswith(f"Posting saved for {opportunity}.")
    opportunity.refresh_from_db()
    saved = opportunity.posting_text
    assert saved == intake.read_path(path).text.strip()  # the file as read, headings and all
    listed = as_json(ok("requirements", str(path), "--json"))["requirements"]
    assert listed and all(r["text"] in out for r in listed)
    found = as_json(ok("coverage", str(opportunity.pk), "--json"))
    assert len(found["requirements"]) + len(found["checks"]) == len(listed)
    # Nothing to read keeps the posting there is.
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert bad("posting", str(opportunity.pk), str(empty)).startswith("Error: ")
    opportunity.refresh_from_db()
    assert opportunity.posting_text == saved
