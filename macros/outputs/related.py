"""Related questions: for each question, the others it has most to do with."""

from __future__ import annotations

import math

from macros.model import Question

__all__ = ["Relatedness"]

# --------------------------------------------------------------------------- questions


class Relatedness:
    """Finds, for each question, the others it has most to do with, through the glossary.

    Two questions are related when they use the same terms, each shared term weighted by
    how rare it is (an inverse document frequency, ``log(1 + N / questions using it)``):
    sharing "variational autoencoder" says more than sharing "regularization" or
    "inference", which many questions use, so one common term does not decide. A question
    that shares no term with any other falls back on the glossary's ``related`` links: the
    questions that use a term related to one of its own, ranked the same way by the weight
    of those related terms.

    An index from term to questions keeps the cost to the number of shared mentions, not
    questions squared; a term used by more than ``common`` questions (whose weight is small
    anyway) is left out of that index.

    Args:
        questions: every question of the site, in document order (ties keep that order).
        related: term id -> ids of its related terms (the glossary's ``related`` links).
        common: terms used by more questions than this are not counted.
    """

    def __init__(
        self, questions: list[Question], related: dict[str, list[str]] | None = None, common: int = 50
    ) -> None:
        self.position = {q: index for index, q in enumerate(questions)}
        self.related_terms = related or {}
        users: dict[str, list[Question]] = {}
        for question in questions:
            for term_id in dict.fromkeys(question.terms):
                users.setdefault(term_id, []).append(question)
        total = max(len(questions), 1)
        self.weight = {term_id: math.log(1 + total / len(qs)) for term_id, qs in users.items()}
        self.users = {term_id: qs for term_id, qs in users.items() if len(qs) <= common}

    def scores(self, question: Question) -> tuple[dict[Question, float], dict[Question, float]]:
        """(questions sharing a term with ``question``, questions using a term related to one of
        its terms and sharing none), each with its score."""
        own = dict.fromkeys(question.terms)
        shared: dict[Question, float] = {}
        for term_id in own:
            for other in self.users.get(term_id, ()):
                if other is not question:
                    shared[other] = shared.get(other, 0.0) + self.weight[term_id]
        linked: dict[Question, float] = {}
        for term_id in own:
            for near in self.related_terms.get(term_id, ()):
                if near in own:
                    continue
                for other in self.users.get(near, ()):
                    if other is not question and other not in shared:
                        linked[other] = linked.get(other, 0.0) + self.weight[near]
        return shared, linked

    def related(self, question: Question, limit: int = 3) -> list[Question]:
        """Up to ``limit`` other questions sharing the rarest terms, or, when none shares a term,
        reached through related terms (ties: document order)."""
        shared, linked = self.scores(question)

        def ranked(scores: dict[Question, float]) -> list[Question]:
            return sorted(scores, key=lambda other: (-round(scores[other], 9), self.position[other]))

        return ranked(shared or linked)[:limit]
