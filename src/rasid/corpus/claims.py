"""Claim series: how an estimate about one subject moved, by date, outlet and attributed source.

A claim is a quantity with a unit (``facts._claims``); its subject key is the unit, the event
type of its sentence (when an event was found there) and the entities of its sentence.  A series
is asked for by subject key, or by words: each must be in the claim's sentence or its article's
title, and at least one in the sentence (folded and clitic-insensitive, like search), so «جندي
كوريا روسيا» gathers the troop estimates.
"""

from __future__ import annotations

from typing import Any

from rasid.corpus.db import Database
from rasid.corpus.records import ClaimPoint, ClaimSubject
from rasid.corpus.terms import query_terms
from rasid.errors import UserError

_POINT = ("SELECT c.published, c.outlet, c.attributed_source, c.value, c.min_value, c.max_value, c.unit, c.text, "
          "SUBSTR(d.text, c.sent_start + 1, c.sent_end - c.sent_start), c.doc_id, d.story_id, c.subject "
          "FROM claims c JOIN documents d ON d.id = c.doc_id")


def subjects(db: Database, min_documents: int = 1, limit: int = 100) -> list[ClaimSubject]:
    """Subjects with claims in at least ``min_documents`` documents, the most covered first."""
    rows = db.all("SELECT c.subject_key, MIN(c.subject), COUNT(*), COUNT(DISTINCT c.doc_id), "
                  "COUNT(DISTINCT d.story_id) FROM claims c JOIN documents d ON d.id = c.doc_id "
                  "GROUP BY c.subject_key HAVING COUNT(DISTINCT c.doc_id) >= ? "
                  "ORDER BY COUNT(DISTINCT d.story_id) DESC, COUNT(*) DESC, c.subject_key LIMIT ?",
                  (int(min_documents), int(limit)))
    return [ClaimSubject(r[0], r[1], int(r[2]), int(r[3]), int(r[4])) for r in rows]


def series(db: Database, subject: str, unit: str | None = None) -> list[ClaimPoint]:
    """The claims of a subject key, or of sentences containing every word of ``subject``, by date."""
    subject = subject.strip()
    if not subject:
        raise UserError("say which subject: a subject key from `rasid claims --list` or a few words")
    rows = db.all(_POINT + " WHERE c.subject_key = ? ORDER BY c.published, c.doc_id, c.idx", (subject,))
    sentence_params: list[Any] = []
    if not rows:
        where: list[str] = []
        params: list[Any] = []
        in_sentence: list[str] = []
        for term in query_terms(subject):
            like = f"% {term} %"
            if unit is None and term.isascii() and term.isalpha():
                where.append("(c.unit = ? OR (' ' || c.terms || ' ') LIKE ? OR (' ' || c.context_terms || ' ') LIKE ?)")
                params += [term, like, like]
                in_sentence.append("c.unit = ?")
                params_sentence = [term]
            else:
                where.append("((' ' || c.terms || ' ') LIKE ? OR (' ' || c.context_terms || ' ') LIKE ?)")
                params += [like, like]
                in_sentence.append("(' ' || c.terms || ' ') LIKE ?")
                params_sentence = [like]
            sentence_params.extend(params_sentence)
        if in_sentence:  # every word in the sentence or the title, and at least one in the sentence
            where.append("(" + " OR ".join(in_sentence) + ")")
            params += sentence_params
        if unit:
            where.append("c.unit = ?")
            params.append(unit)
        if not where:
            raise UserError("the claim subject has no words")
        rows = db.all(_POINT + " WHERE " + " AND ".join(where) + " ORDER BY c.published, c.doc_id, c.idx", params)
    return [ClaimPoint(*r) for r in rows]
