"""How well the candidate's evidence fits the job: story analysis, requirement extraction and
the matching of stories to requirements. Plain Python; nothing here imports Django."""
