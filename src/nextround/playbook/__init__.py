"""The second-round playbook as plain Python: knowledge base, prep plans, likely questions,
questions to ask, calendar files and the question classifier. Imports nothing from Django."""
