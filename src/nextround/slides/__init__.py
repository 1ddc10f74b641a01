"""Presentation rounds: each slide's time and word budget from the slot (``budget``), slide text
from a .pptx or a PDF (``importing``), and a rehearsal timed slide by slide (``rehearsal``),
the questions the audience will likely ask (``audience``), with the thresholds in
``thresholds``. Plain Python; nothing here imports Django."""
