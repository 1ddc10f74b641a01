"""The stories app's section of the workspace export: the owner's stories (named by refs "s1",
"s2", … in export order), strengths and quotes at the top of the document; in each round, where
stories were told ("tellings"); in each opportunity, the planned answers to its concerns
("concern_answers") and what the CV showed for the requirements to check against it
("cv_checks", left out when there are none).

A concern raised in a round keeps what I will say and its status on its note, which the
interviews section carries (``response``, ``status``); its entry here names the note, how I
answer and the story, and nothing else. A file of version 3 or before also gave the answer's
text and status there: the text joins the note's response (both kept, a blank line between,
the same text once) and the note's status stands, as the migration of stored answers does.

Tellings, strengths and concern answers are written back as stored, after ``full_clean``: the
services would refuse them for reasons that do not hold for a copy (attendees who no longer
attend, a posting that reads differently now).
"""
