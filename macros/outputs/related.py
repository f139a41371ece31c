"""Related questions: for each question, the others it has most to do with."""

from __future__ import annotations

import math
import re
from collections import Counter

from macros.model import Question

__all__ = ["Relatedness", "TextSimilarity"]

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

    A question that shares no term at all, not even through ``related`` links, gets the
    questions whose text is most like its own (:class:`TextSimilarity`), when ``texts``
    are given: a document with few terms still has neighbours for most of its questions.

    Args:
        questions: every question of the site, in document order (ties keep that order).
        related: term id -> ids of its related terms (the glossary's ``related`` links).
        common: terms used by more questions than this are not counted.
        texts: each question's text (question and answer), in the order of ``questions``.
    """

    def __init__(
        self,
        questions: list[Question],
        related: dict[str, list[str]] | None = None,
        common: int = 50,
        texts: list[str] | None = None,
    ) -> None:
        self.questions = questions
        self.texts = texts
        self._text: TextSimilarity | None = None  # made on first need: most sites never need it
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
        reached through related terms, or else the most similar texts (ties: document order)."""
        shared, linked = self.scores(question)

        def ranked(scores: dict[Question, float]) -> list[Question]:
            return sorted(scores, key=lambda other: (-round(scores[other], 9), self.position[other]))

        found = ranked(shared or linked)[:limit]
        if not found and self.texts is not None:
            if self._text is None:
                self._text = TextSimilarity(self.texts)
            found = [self.questions[k] for k in self._text.neighbours(self.position[question], limit)]
        return found


# --------------------------------------------------------------------------- text


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{2}")
_STOP = frozenset(
    """
    about above after again against all also although always among another any are aren't around because
    been before being below between both but can cannot could did does doing done down during each either
    else even ever every few for from further get gets getting given gives had has have having her here hers
    him his how however into isn't it's its itself just least less like likely made make makes many may
    might more most much must need needs never new not now off often once one only onto other others
    otherwise our out over own per rather same several she should since some such than that the their theirs
    them then there these they thing things this those though through thus too under until upon use used
    uses using very was wasn't way ways well were what when where whether which while who whom whose why
    will with within without would yes yet you your example examples following answer question questions
    value values different instead because first second и в во не что он на я с со как а то все она так его
    но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг
    ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут
    где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда кто
    этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем
    всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая
    много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более
    всегда конечно всю между это
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)


class TextSimilarity:
    """Questions whose texts use the same rare words: TF-IDF cosine similarity.

    Each text keeps its :data:`WORDS` heaviest words (weight ``(1 + log tf) · log(N / df)``),
    and words that more than :attr:`cap` texts use are left out (common words say little,
    and they would make the index quadratic). Neighbours are then found through an index from
    word to texts: the cost is the number of shared postings, at most ``WORDS × cap`` per
    text, not the number of texts squared. Plain arithmetic in a fixed order: the same
    texts give the same neighbours in every build.

    Args:
        texts: one text per question.
    """

    WORDS = 20
    MIN_SCORE = 0.08
    """Below this cosine, two texts share too little to call them related."""

    def __init__(self, texts: list[str]) -> None:
        counts = [Counter(_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP) for text in texts]
        df: Counter = Counter()
        for count in counts:
            df.update(count.keys())
        total = len(texts)
        self.cap = max(3, min(30, total // 10))
        self.vectors: list[dict[str, float]] = []
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for index, count in enumerate(counts):
            weights = {
                word: (1 + math.log(tf)) * math.log(total / df[word])
                for word, tf in count.items()
                if 2 <= df[word] <= self.cap
            }
            top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: self.WORDS]
            norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
            vector = {word: weight / norm for word, weight in top}
            self.vectors.append(vector)
            for word, weight in vector.items():
                self.postings.setdefault(word, []).append((index, weight))

    def neighbours(self, index: int, limit: int = 3) -> list[int]:
        """Up to ``limit`` other texts most like text ``index``, most alike first (ties: order)."""
        scores: dict[int, float] = {}
        for word, weight in self.vectors[index].items():
            for other, other_weight in self.postings[word]:
                if other != index:
                    scores[other] = scores.get(other, 0.0) + weight * other_weight
        ranked = sorted(scores, key=lambda other: (-round(scores[other], 9), other))
        return [other for other in ranked if scores[other] >= self.MIN_SCORE][:limit]


def _stem(word: str) -> str:
    """A word without its plural ending ("closures", "closure"): enough to count it once."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
