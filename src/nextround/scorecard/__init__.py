"""The candidate's own verdict on a job: criteria with weights and anchored 1–5 scores, hard
gates no score outweighs, weighted totals, the ranking across opportunities, how far one weight
must move to change first place, and the chart. Plain Python, no Django."""
