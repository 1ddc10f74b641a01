"""The ``nextround`` command line. Each module adds its commands to the one ``main`` group."""

from nextround.cli import (
    followup,
    playbook,
    practice,
    records,
    research,
    speech,
    stories,
    workspace,
)
from nextround.cli.base import main

__all__ = [
    "followup",
    "main",
    "playbook",
    "practice",
    "records",
    "research",
    "speech",
    "stories",
    "workspace",
]
