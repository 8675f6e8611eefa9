"""The weights of question ranking, in one place, shared by both engines and tuned on the question set.

A question's words are scored by BM25 (each engine's own); these are added on top. They were set on
the tuning half of ``bench/questions/`` only (``python -m bench.search_quality``); ``docs/search.md``
gives the measured effect.
"""

from __future__ import annotations

#: What a question is answered with: a source's content, not a shared person's or body's own row.
DOCUMENT_KINDS: tuple[str, ...] = ("decision", "meeting", "record", "passage")
#: Two neighbouring words of the question found within this many words of each other…
PAIR_SLOP = 6
#: …multiply that phrase's BM25 score by this, added to the words' own scores.
PAIR_BOOST = 0.5
#: A record dated inside the question's date window scores this many times its words' score.
DATE_FACTOR = 3.0
#: Of a word found in several fields (title, text, body), the best field's score counts, plus this
#: share of the others' (dis_max): a title repeating the text's first words does not count twice.
FIELD_TIE = 0.1
#: Added when the record is tagged with a name the question used, by facet. A topic tag is strong
#: evidence; a person tag is weak, since every decision of a meeting carries all who attended it.
NAME_SCORES: dict[str, float] = {"topic": 5.0, "organisation": 1.0, "administration": 1.0, "actor": 1.0}
#: Added when the record is of a kind the question asks for (decisions, meetings).
KIND_SCORE = 1.0
#: Results are grouped by document down to this many places; pages below it list records.
GROUPED_DEPTH = 200
#: A grouped hit shows its document's best record and at most this many more under it.
MAX_ALSO = 2
