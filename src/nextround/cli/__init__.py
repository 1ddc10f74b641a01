"""The ``nextround`` command line. Each module adds its commands to the one ``main`` group."""

from nextround.cli import (
    brief,
    decision,
    followup,
    money,
    playbook,
    practice,
    records,
    rehearsal,
    research,
    server,
    speech,
    stories,
    workspace,
)
from nextround.cli.base import main

__all__ = [
    "brief",
    "decision",
    "followup",
    "main",
    "money",
    "playbook",
    "practice",
    "records",
    "rehearsal",
    "research",
    "server",
    "speech",
    "stories",
    "workspace",
]
