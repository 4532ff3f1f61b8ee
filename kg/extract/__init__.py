"""Text → facts: the rule-based reader of news articles about meetings.

Stages (one module each): ``text`` cleans the body and splits sentences, ``gazetteer`` links
known names, ``mentions`` finds people, organisations, places, technologies and roles in a
sentence, ``meetings`` finds the meetings a clause tells of, ``reader`` runs them over an article.
"""

from kg.extract.reader import extract_article  # noqa: E402

__all__ = ["extract_article"]
