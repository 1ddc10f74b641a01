"""A candidate and a panel of three with debriefs, shared by the letters tests."""

from __future__ import annotations

from nextround.letters import Candidate, Concern, Debrief, Interviewer, Panelist, Strength

CANDIDATE = Candidate(
    name="Sam Rivera",
    role="Platform Engineer",
    company="Acme Logistics",
    strengths=(
        Strength(
            "Billing move",
            "I moved billing to the new platform two weeks early with no downtime",
            ("delivery",),
        ),
        Strength(
            "Pairing rota",
            "I set up a pairing rota that halved the wait for code reviews",
            ("collaboration",),
        ),
        Strength("Cache work", "my caching work cut hosting costs by 30% in a year", ("outcomes",)),
    ),
)

PANEL = (
    Panelist(
        Interviewer("Zoë Ångström", "Engineering Manager", "hiring_manager", "zoe@acme.example"),
        Debrief(
            topics=("on-call load",),
            specific="the warehouse scanners that drop off the network every night",
            concerns=(
                Concern(
                    "my short time with Kubernetes",
                    "I have run a small cluster for a year and passed the CKA in March",
                ),
            ),
        ),
    ),
    Panelist(
        Interviewer("李娜", "Senior Engineer", "peer", "li.na@acme.example"),
        Debrief(cared_about="pairing on the hardest bugs instead of handing them over"),
    ),
    Panelist(
        Interviewer("Dana Cole", "VP Operations", "executive", "dana@acme.example"),
        Debrief(topics=("next year's depots in Canada", "fuel costs")),
    ),
)
