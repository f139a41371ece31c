"""Related questions: shared terms weighted by how rare they are, the glossary's related links
when a question shares no term with any other."""

from __future__ import annotations

from macros.model import Question
from macros.outputs.related import Relatedness

from ..helpers import seed_site


def questions(*term_lists: list[str]) -> list[Question]:
    made = []
    for number, terms in enumerate(term_lists, start=1):
        question = Question(number, f"Question {number}?", "An answer.", number * 3, number * 3 + 1)
        question.terms = list(terms)
        made.append(question)
    return made


def numbers(found: list[Question]) -> list[int]:
    return [q.number for q in found]


def test_a_rare_shared_term_outweighs_a_common_one_earlier_in_the_document():
    # "regularization" is used by four of five questions, "vae" by two.
    qs = questions(["regularization", "vae"], ["regularization"], ["regularization"], ["regularization"], ["vae"])
    assert numbers(Relatedness(qs).related(qs[0])) == [5, 2, 3]


def test_one_rare_term_outweighs_two_that_every_question_uses():
    every = ["inference", "generative-model"]  # used by seven of the eight questions
    qs = questions(*([every] * 6), [*every, "elbo"], ["elbo"])
    related = Relatedness(qs).related(qs[6])
    assert numbers(related)[0] == 8  # one rare term in common, against two that say little
    assert numbers(related)[1:] == [1, 2]  # then document order among equals


def test_more_shared_terms_of_the_same_rarity_rank_higher():
    qs = questions(["a", "b", "c"], ["a"], ["a", "b"], ["a", "b", "c"], ["d"])
    assert numbers(Relatedness(qs).related(qs[0])) == [4, 3, 2]


def test_a_question_sharing_no_term_falls_back_on_the_glossary_related_links():
    qs = questions(["mamba", "flashattention"], ["softmax"], ["transformer", "llm"], ["unrelated"])
    related = {"flashattention": ["attention"], "mamba": ["state-space-model", "transformer"], "attention": ["softmax"]}
    # Question 1 shares no term; "mamba" is related to "transformer", which question 3 uses.
    assert numbers(Relatedness(qs, related).related(qs[0])) == [3]
    # Without the glossary's links it has none.
    assert Relatedness(qs).related(qs[0]) == []


def test_related_links_rank_by_the_weight_of_the_related_terms_and_never_return_the_question():
    qs = questions(["x"], ["common"], ["common", "rare"], ["common"])
    related = {"x": ["common", "rare", "x"]}
    # Question 3 uses two related terms (one rare), questions 2 and 4 one common one.
    assert numbers(Relatedness(qs, related).related(qs[0])) == [3, 2, 4]


def test_the_fallback_is_only_for_a_question_that_shares_no_term():
    qs = questions(["a", "x"], ["a"], ["y"])
    related = {"x": ["y"]}
    # Question 1 shares "a" with question 2: question 3, reached only through "x" -> "y", is not added.
    assert numbers(Relatedness(qs, related).related(qs[0])) == [2]


def test_at_most_limit_questions_and_none_for_a_question_without_terms():
    qs = questions(["a"], ["a"], ["a"], ["a"], ["a"], [])
    relatedness = Relatedness(qs)
    assert numbers(relatedness.related(qs[0])) == [2, 3, 4]
    assert numbers(relatedness.related(qs[0], limit=5)) == [2, 3, 4, 5]
    assert relatedness.related(qs[5]) == []


def test_a_term_used_by_more_than_common_questions_is_not_counted():
    qs = questions(*([["everywhere"]] * 5), ["everywhere", "rare"], ["rare"])
    relatedness = Relatedness(qs, common=4)
    assert relatedness.related(qs[0]) == []  # only "everywhere", left out of the index
    assert numbers(relatedness.related(qs[5])) == [7]


def test_every_seed_question_has_related_questions_and_a_rare_term_decides():
    site = seed_site()
    missing = [q.number for q in site.questions if not site.related(q)]
    assert missing == []
    by_number = {q.number: q for q in site.questions}
    # Question 8 (attention bottlenecks) shares no term with another question: the
    # glossary's links (transformer -> large language model, full attention -> context
    # window) lead to question 3 (limitations of large language models).
    assert numbers(site.related(by_number[8]))[0] == 3
    # Question 5 (mode collapse) shares "generator" and "GAN" with question 4 and only
    # "regularization" with question 1: question 4 comes first.
    assert numbers(site.related(by_number[5]))[:2] == [4, 1]


# --------------------------------------------------------------------------- similar text


def test_a_question_without_terms_gets_the_questions_with_the_most_similar_text():
    qs = questions([], [], [], [], ["x"], ["x"])
    texts = [
        "How does the kernel schedule threads across cores and priorities?",
        "What is a thread priority, and how does the kernel scheduler use it on many cores?",
        "How do you bake sourdough bread with a starter?",
        "Which flour makes the best sourdough starter?",
        "Kernel scheduler threads priorities cores",  # shares words, but its question has a term of its own
        "Unrelated words entirely.",
    ]
    related = Relatedness(qs, texts=texts)
    assert sorted(numbers(related.related(qs[0]))) == [2, 5]  # the bread questions are no neighbours
    assert numbers(related.related(qs[2])) == [4]
    assert numbers(related.related(qs[4])) == [6]  # shared terms come first, whatever the text


def test_text_neighbours_need_more_than_a_common_word():
    qs = questions(*([[]] * 4))
    texts = ["alpha beta", "gamma delta", "epsilon zeta", "eta theta"]
    assert [numbers(Relatedness(qs, texts=texts).related(q)) for q in qs] == [[], [], [], []]
