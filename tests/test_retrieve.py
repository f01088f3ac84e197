"""Retrieval logic with a fake embedder: follow-ups, lists, highlights, abstention rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from fakes import WordEmbedder

from assistant.corpus import load_corpus
from assistant.index import build_index
from assistant.lexical import stemmer
from assistant.retrieve import (
    _HOW_TO,
    _NORMAL_QUESTION,
    Retriever,
    _asking_part,
    _asks,
    _content_words,
    _is_role_heading,
    _main_question,
    _numbers_asked,
    _weighed_first,
    _what_is_asked,
)

REPO = Path(__file__).resolve().parent.parent
RISKS = "Risks of Microneedling on Hair Loss"


@pytest.fixture(scope="module")
def retriever() -> Retriever:
    embedder = WordEmbedder()
    return Retriever(build_index(load_corpus(REPO / "corpus"), embedder), embedder)


@pytest.mark.parametrize(
    ("question", "dependent"),
    [
        ("why is that?", True),
        ("and the benefits?", True),
        ("What about psoriasis?", True),
        ("Can microneedling cause an infection?", False),
        ("who should see a dermatologist before trying it?", False),  # the "it" one tries is the treatment
        ("should I still have it done if my scalp is dry?", False),
        ("could the needles themselves do it too?", True),  # "do it": what the earlier question asked about
        ("how does the serum cause it?", True),
        ("what happens to the follicles then?", True),
    ],
)
def test_dependent_questions(question: str, dependent: bool) -> None:
    assert Retriever.is_dependent(question) is dependent


def test_pronouns_and_fillers_are_not_words_the_article_lacks(retriever: Retriever) -> None:
    # "them" once counted as a missing topic word and was expanded to the article's "themselves"
    for question in (
        "How can I reduce them?",
        "Is it safe for myself?",
        "Does it help her scalp?",
        "Is it maybe safe if I already have hair loss?",
        "My friend told me she was worried: is it safe? I heard it can cause hair loss.",
        "Are all of them from the serum, or any other thing?",
        "I got hair loss from each treatment",
        "Name all the reasons it helps hair growth, up or off the scalp, in or out",
        "Should I try it? What is it known for?",
        "What kind of person should do it?",
        "What are the different and various causes of hair loss?",
        "What is it mainly or usually or typically used for, the whole deal?",
        "Is it good before putting stuff on my scalp?",
        "My buddy swears everybody has had this problem online. Any truth to that? Walk me through it.",
        "Honestly, kindly enumerate it lol, I'm terrified: I read a post on a site recently, before booking.",
        "The guy said again it's pretty safe, though I've been a bit unsure. What goes on under the skin?",
        "Name the four things it mentions: what does it physically do, and the serum they apply as well?",
        "Is a professional needed, or whoever? Only keep it down, very much, nothing else",
        "Give an example from this piece, instead of the low ones",
        "ngl my daughter saw it on tiktok for years, is it legit or hype? isn't it linked to those?",
        "Is it all bad news, more than the technician said?",
    ):
        assert retriever.search(question, ("What are the risks?",)).signals["missing"] == 0.0, question


def test_a_plain_phrase_with_a_typo_is_rewritten_once_corrected(retriever: Retriever) -> None:
    assert "excessive" in retriever._in_article_words("is it bad to microneedle too offten")


def test_before_and_after_count_as_missing_only_without_another_topic(retriever: Retriever) -> None:
    # "what happens after microneedling?" asks about a time the article never speaks of
    assert retriever.search("What happens after microneedling?").signals["missing"] == 1.0
    assert retriever.search("risk of infection after microneedling").signals["missing"] == 0.0
    assert retriever.search("What goes on under the scalp?").signals["missing"] == 0.0


def test_list_question_quotes_its_items_in_article_order(retriever: Retriever) -> None:
    result = retriever.search("What are the risks of microneedling on hair loss?")
    assert not result.abstained
    sections = [h.passage.section for h in result.hits]
    assert RISKS not in sections  # the intro ("Here are some factors to consider:") lists nothing
    assert [s for s in sections if s.startswith(RISKS + " > ")] == [
        f"{RISKS} > 1. Trauma to Hair Follicles",
        f"{RISKS} > 2. Infection",
        f"{RISKS} > 3. Allergic Reactions",
        f"{RISKS} > 4. Over-Exfoliation",
    ]
    starts = [h.passage.start for h in result.hits]
    assert starts == sorted(starts)


def test_question_the_list_intro_answers_quotes_it_first(retriever: Retriever) -> None:
    result = retriever.search("Is microneedling safe?")
    assert [h.passage.section for h in result.hits][:1] == [RISKS]  # "generally considered safe for most"
    result = retriever.search("Generally speaking, is it safe or risky?")  # asks yes or no, though it names risks
    assert [h.passage.section for h in result.hits][:1] == [RISKS]


@pytest.mark.parametrize(
    "question",
    [
        "Tell me every reason why microneedling might cause hair loss.",
        "all the reasons it causes hair loss",
        "ok give me every single way it could cause hair loss",
    ],
)
def test_asking_for_every_reason_quotes_a_whole_list(retriever: Retriever, question: str) -> None:
    sections = [h.passage.section for h in retriever.search(question).hits]
    assert [s for s in sections if s.startswith(RISKS + " > ")] == [
        f"{RISKS} > 1. Trauma to Hair Follicles",
        f"{RISKS} > 2. Infection",
        f"{RISKS} > 3. Allergic Reactions",
        f"{RISKS} > 4. Over-Exfoliation",
    ], sections


@pytest.mark.parametrize(
    "question", ["any benefits for hair or just risks?", "Even with the risks, does it have benefits for hair?"]
)
def test_a_list_the_question_only_concedes_is_not_quoted(retriever: Retriever, question: str) -> None:
    sections = [h.passage.section for h in retriever.search(question).hits]
    assert sections and not any(s.startswith(RISKS) for s in sections), sections


@pytest.mark.parametrize(
    "question",
    [
        "Does microneedling only have risks for hair, or are there benefits too?",
        "Even with the risks, is there any reason to try it for my hair?",
    ],
)
def test_a_conceded_list_never_leads_the_answer(retriever: Retriever, question: str) -> None:
    # the risks list was quoted: "only" did not concede it, and a question naming nothing else fell back to it
    sections = [h.passage.section for h in retriever.search(question).hits]
    assert sections and not any(s.startswith(RISKS) for s in sections), sections


def test_leaving_a_list_aside_concedes_it(retriever: Retriever) -> None:
    risks = next(key for key in retriever.groups if key[1] == RISKS)
    assert retriever._conceded("leaving the risks aside, does it do anything good for hair?") == {risks}


def test_a_summary_naming_every_item_gives_way_to_that_list(retriever: Retriever) -> None:
    conclusion = retriever._position(next(p for p in retriever.passages if p.section == "Conclusion"))
    risks = next(key for key in retriever.groups if key[1] == RISKS)
    benefits = next(key for key in retriever.groups if key[1] != RISKS)
    # "due to trauma, infection, allergic reactions, or ..."; of the benefits it names "scalp conditions" only
    assert retriever._summarised(conclusion, [risks, benefits]) == [risks]


def test_naming_a_list_whose_intro_is_best_quotes_its_items(retriever: Retriever) -> None:
    result = retriever.search("risks of microneedling the scalp")
    sections = [h.passage.section for h in result.hits]
    assert sections and all(s.startswith(RISKS + " > ") for s in sections), sections


def test_ordinal_follow_up_picks_from_the_previous_list(retriever: Retriever) -> None:
    previous = "What are the risks of microneedling on hair loss?"
    second = retriever.search("tell me more about the second one", [previous])
    assert [h.passage.section for h in second.hits] == [f"{RISKS} > 2. Infection"]
    last = retriever.search("and the last one?", [previous])
    assert [h.passage.section for h in last.hits] == [f"{RISKS} > 4. Over-Exfoliation"]
    for question, item in (
        ("tell me about the first", "1. Trauma"),
        ("explain number two", "2. Infection"),
        ("and 3?", "3. Allergic"),  # "and #3?" once normalised
    ):
        sections = [h.passage.section for h in retriever.search(question, [previous]).hits]
        assert len(sections) == 1 and sections[0].startswith(f"{RISKS} > {item}"), question


def test_the_next_one_follows_the_one_item_just_quoted(retriever: Retriever) -> None:
    history = ["What are the risks of microneedling on hair loss?", "tell me more about the second one"]
    for question in ("ok and the one after that?", "and the next one?"):
        sections = [h.passage.section for h in retriever.search(question, history).hits]
        assert sections == [f"{RISKS} > 3. Allergic Reactions"], question
    last = ["What are the risks of microneedling on hair loss?", "and the last one?"]
    assert "ordinal" not in retriever.search("and the next one?", last).signals  # nothing follows the last


def test_an_ordinal_word_that_points_nowhere_picks_no_item(retriever: Retriever) -> None:
    previous = "What are the risks of microneedling on hair loss?"
    result = retriever.search("He has had hair loss before. Should he do anything first?", [previous])
    assert "ordinal" not in result.signals  # "first" means beforehand here


def test_what_about_a_list_quotes_it(retriever: Retriever) -> None:
    result = retriever.search("what about the risks?", ["What are the benefits of microneedling for hair?"])
    sections = [h.passage.section for h in result.hits]
    assert len(sections) == 4 and all(s.startswith(RISKS + " > ") for s in sections)


def test_highlights_are_sentences_of_their_passage(retriever: Retriever) -> None:
    result = retriever.search("If an infection occurs in the scalp can it damage the hair follicles?")
    assert result.hits
    for hit in result.hits:
        assert hit.highlights
        assert all(s in hit.passage.sentences for s in hit.highlights)
    assert "infection occurs" in result.hits[0].highlights[0].text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("How much does microneedling for hair loss cost?", "no_quantity"),
        ("How many microneedling treatments cause hair loss?", "no_quantity"),
        ("Is a 0.5 mm needle too deep for hair follicles?", "unknown_number"),
        ("What depth counts as too deep for the needles?", "no_quantity"),  # asked before depth reads as deep
        ("what % of people get hair loss from microneedling", "no_quantity"),
        ("how common is hair loss after microneedling?", "no_quantity"),
        ("Is over-exfoliation permanent, or does the scalp recover?", "no_quantity"),
        ("What are the early signs of a scalp infection?", "no_signs"),
        ("How is an allergic reaction to the serum treated?", "no_advice"),
        ("What antibiotic do you take for a scalp infection?", "no_advice"),
        ("Which is more common, trauma to the follicles or over-exfoliation?", "no_comparison"),
        ("Which make of derma pen is better for hair growth?", "no_comparison"),
        ("Where can I buy a good derma roller for my scalp?", "no_shop"),
        ("What exactly is seborrheic dermatitis?", "no_definition"),  # named only as an example
        ("what even is psoriasis", "no_definition"),
        ("Which serum brand works best with it?", "no_instances"),
        ("How should I care for my scalp after microneedling?", "no_aftercare"),
        ("What should I put on my scalp after microneedling?", "no_aftercare"),
        ("What happens to my scalp after a session?", "no_aftercare"),
        ("When will I see results after microneedling?", "no_quantity"),
        ("If I lose hair from it, will it grow back?", "no_quantity"),
        ("Does hair lost from over-exfoliation grow back?", "no_quantity"),
        ("If my hair falls out from microneedling, will it grow back?", "no_quantity"),
        ("How is a scalp infection from microneedling treated?", "no_advice"),
        ("Which ointment she should apply for the allergic reaction?", "no_advice"),
        ("Which serum ingredients most commonly cause allergic reactions?", "no_instances"),
        ("My salon won't say what is in theirs. Which ingredients in these serums cause allergies?", "no_instances"),
        ("What needle length is right for the scalp?", "no_quantity"),
        ("What roller size should I buy for my scalp?", "no_quantity"),
        ("Does scalp microneedling hurt, and do they use numbing cream?", "no_pain"),
        ("I faint at needles. Is it painful?", "no_pain"),
    ],
)
def test_answer_type_rules(retriever: Retriever, question: str, reason: str) -> None:
    result = retriever.search(question)
    assert result.abstained and result.reason == reason


def test_question_only_about_words_the_article_lacks_abstains(retriever: Retriever) -> None:
    result = retriever.search("Does it tickle?")  # "does it hurt?" is asked of pain, a type of answer (no_pain)
    assert result.abstained and result.reason == "uncovered"


def test_words_all_in_one_passage_answer_even_when_they_score_low(retriever: Retriever) -> None:
    # "qualified" and "professional" occur only in the conclusion, but two common words score low there
    result = retriever.search("qualified professional")
    assert not result.abstained, result.reason
    assert result.hits[0].passage.section == "Conclusion"
    assert retriever.search("What is collagen made of?").abstained, "one word in a passage is not enough"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("who should i get to do it for me?", ()),
        ("who should do it then?", ("Is microneedling safe?",)),
        ("need a trained person to do it?", ()),
        ("Should I go to a properly trained person rather than just anyone?", ()),
        ("Should I do this myself or get a professional to do it?", ()),
        ("Can anybody do it, or do I need a specialist?", ()),
        ("Who should do it so that it carries no risks?", ()),  # names a list, asks who
    ],
)
def test_asking_who_should_do_it_quotes_the_passage_naming_a_professional(
    retriever: Retriever, question: str, history: tuple[str, ...]
) -> None:
    result = retriever.search(question, history)
    assert not result.abstained, result.reason
    assert result.hits[0].passage.section == "Conclusion"  # "seek a qualified professional who can perform..."


def test_a_which_question_is_not_taken_for_one_about_a_word_of_the_same_stem(retriever: Retriever) -> None:
    # "improvements" is not the opening's "improve skin texture", a verb that names them
    assert retriever.search("What skin improvements is microneedling known for?").reason != "no_instances"


def test_empty_lexical_query_does_not_crash(retriever: Retriever) -> None:
    result = retriever.search("the")
    assert result.abstained or result.hits


@pytest.mark.parametrize(
    "question",
    ["What are the risks and benefits of microneedling?", "pros and cons of microneedling for hair"],
)
def test_question_naming_two_lists_quotes_both_in_article_order(retriever: Retriever, question: str) -> None:
    result = retriever.search(question)
    assert not result.abstained
    sections = [h.passage.section for h in result.hits]
    benefits = "Benefits of Microneedling for Hair Health"
    assert RISKS not in sections and benefits not in sections  # items only
    assert sum(s.startswith(f"{RISKS} > ") for s in sections) == 4
    assert sum(s.startswith(f"{benefits} > ") for s in sections) == 3
    starts = [h.passage.start for h in result.hits]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("However, one question that often arises is whether microneedling can cause hair loss.", True),
        ("In this article, we will explore the potential risks and benefits.", True),
        ("Can it cause hair loss?", True),
        ("Anytime the skin is punctured, there is a risk of infection.", False),
    ],
)
def test_sentences_that_ask_rather_than_answer(sentence: str, asks: bool) -> None:
    assert _asks(sentence) is asks


@pytest.mark.parametrize(
    ("label", "role"),
    [("Conclusion", True), ("Final thoughts", True), ("Summary", True), ("Infection", False), ("Risks", False)],
)
def test_role_headings_are_told_from_topic_headings(label: str, role: bool) -> None:
    assert _is_role_heading(label) is role


@pytest.fixture(scope="module")
def narrow_retriever(retriever: Retriever) -> Retriever:
    """The same index scored over at most 5 searched passages (as for a corpus far larger than `candidates`)."""
    settings = dataclasses.replace(retriever.settings, candidates=5, sentence_candidates=10)
    return Retriever(retriever.index, retriever.embedder, settings)


@pytest.mark.parametrize(
    "question",
    [
        "If an infection occurs in the scalp can it damage the hair follicles?",
        "Can over-exfoliation strip the scalp of its natural oils?",
        "Does microneedling improve the absorption of hair growth serums?",
    ],
)
def test_scoring_only_candidates_finds_the_same_best_passage(
    retriever: Retriever, narrow_retriever: Retriever, question: str
) -> None:
    wide, narrow = retriever.search(question), narrow_retriever.search(question)
    assert [h.passage.id for h in narrow.hits][:1] == [h.passage.id for h in wide.hits][:1]


def test_candidates_bring_their_whole_list(retriever: Retriever) -> None:
    settings = dataclasses.replace(retriever.settings, candidates=1, sentence_candidates=1)
    narrowest = Retriever(retriever.index, retriever.embedder, settings)
    result = narrowest.search("What are the risks of microneedling on hair loss?")
    sections = [h.passage.section for h in result.hits]
    assert sum(s.startswith(f"{RISKS} > ") for s in sections) == 4, sections


def test_which_asks_for_a_list_only_when_it_names_one(retriever: Retriever) -> None:
    inside_item = retriever.search("Which scalp conditions can microneedling improve?")
    assert [h.passage.section for h in inside_item.hits] == [
        "Benefits of Microneedling for Hair Health > 2. Reduce Scalp Conditions"
    ]
    whole_list = retriever.search("Which risks does microneedling have?")
    assert sum(h.passage.section.startswith(f"{RISKS} > ") for h in whole_list.hits) == 4


def test_bare_request_for_both_sides_is_answered_with_both_lists(retriever: Retriever) -> None:
    result = retriever.search("what are the pros and cons?")
    assert not result.abstained, result.reason
    sections = [h.passage.section for h in result.hits]
    assert sum(s.startswith(f"{RISKS} > ") for s in sections) == 4
    assert sum(s.startswith("Benefits of Microneedling for Hair Health > ") for s in sections) == 3


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("risks", RISKS),
        ("list every benefit", "Benefits of Microneedling for Hair Health"),
        ("How many risks are there?", RISKS),
        ("what are the 4 risks", RISKS),
        ("How many risks does the article mention, and which ones are they?", RISKS),
        ("Which risks does the article list?", RISKS),
    ],
)
def test_a_question_that_only_names_a_list_quotes_it(retriever: Retriever, question: str, heading: str) -> None:
    result = retriever.search(question)
    assert not result.abstained, result.reason
    sections = [h.passage.section for h in result.hits]
    assert len(sections) >= 3 and all(s.startswith(heading + " > ") for s in sections)  # its items
    assert all(s.startswith(f"{heading} > ") for s in sections[1:])
    assert sections[1:] == sorted(sections[1:]), "items in article order"


def test_a_list_word_with_another_topic_is_not_the_whole_list(retriever: Retriever) -> None:
    sections = [h.passage.section for h in retriever.search("infection risk").hits]
    assert sections == [f"{RISKS} > 2. Infection"]


@pytest.mark.parametrize(
    "question",
    [
        "What is the conclusion of the article?",
        "summarize it",
        "the bottom line?",
        "Is microneedling worth it?",  # the article's title words may come with a verdict word
        "Overall, is it a good idea for hair loss?",
        "What is the final advice of this article?",
        "So in the end, what does the article conclude?",
        "Overall, is the treatment good or bad for the hair?",
    ],
)
def test_asking_for_the_closing_section_quotes_it(retriever: Retriever, question: str) -> None:
    result = retriever.search(question)
    assert not result.abstained, result.reason
    assert [h.passage.section for h in result.hits] == ["Conclusion"]


def test_a_closing_word_with_a_topic_is_read_as_usual(retriever: Retriever) -> None:
    for question in ("summary of the infection risk", "Is microneedling worth the money?"):
        result = retriever.search(question)
        assert [h.passage.section for h in result.hits] != ["Conclusion"], question


@pytest.mark.parametrize(
    ("question", "how_to"),
    [
        ("How can I lower the risk?", True),
        ("how do you treat it", True),
        ("How to clean a roller", True),
        ("How can the risks be minimized?", True),
        ("So what should I do about it?", True),
        ("And how am I supposed to prevent that?", True),
        ("how would an infection be treated?", True),
        ("How could I lose hair from this?", False),  # how it happens, not what to do
        ("How can microneedling cause trauma?", False),
        ("how would that happen?", False),
    ],
)
def test_questions_asking_what_to_do_are_told_apart(question: str, how_to: bool) -> None:
    assert bool(_HOW_TO.search(question.lower())) is how_to


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("is shedding normal?", True),
        ("Is it normal to shed more hair after microneedling?", True),
        ("bleeding after scalp microneedling normal", True),
        ("Is that normal, and should I be worried?", True),
        ("Is this treatment safe for most normal people?", False),
        ("Can it be part of a normal hair care routine?", False),
    ],
)
def test_normal_as_the_question_not_as_a_describing_word(question: str, asks: bool) -> None:
    assert bool(_NORMAL_QUESTION.search(question.lower())) is asks


def test_a_plural_list_name_may_come_with_words_its_items_share(retriever: Retriever) -> None:
    benefits = "Benefits of Microneedling for Hair Health"
    sections = [h.passage.section for h in retriever.search("What are the benefits for the scalp and hair?").hits]
    assert [s for s in sections if s.startswith(benefits + " > ")] == [
        f"{benefits} > 1. Stimulate Hair Growth",
        f"{benefits} > 2. Reduce Scalp Conditions",
        f"{benefits} > 3. Enhance Product Absorption",
    ], sections
    # "conditions" singles out one item, and "risky" is no plural list name
    everything = np.arange(len(retriever.passages))
    assert retriever._lists_named_alone(["benefits", "scalp"], everything)
    assert not retriever._lists_named_alone(["benefits", "scalp", "conditions"], everything)
    assert not retriever._lists_named_alone(["risky", "scalp"], everything)


@pytest.mark.parametrize("question", ["Which kinds of products?", "what kind of products are we talking about?"])
def test_a_follow_up_whose_words_the_quoted_passage_has_is_about_it(retriever: Retriever, question: str) -> None:
    absorption = "Benefits of Microneedling for Hair Health > 3. Enhance Product Absorption"
    previous = "Does microneedling enhance product absorption?"
    assert [h.passage.section for h in retriever.search(previous).hits] == [absorption]
    assert [h.passage.section for h in retriever.search(question, [previous]).hits] == [absorption]


def test_an_item_picked_by_its_place_still_needs_the_kind_of_answer_asked(retriever: Retriever) -> None:
    previous = "What are the risks of microneedling on hair loss?"
    result = retriever.search("How soon would I notice the first one?", [previous])
    assert result.abstained and result.reason == "no_quantity"  # the item was quoted as if it said when


def test_a_noun_asked_about_as_a_verb_is_asked_to_be_caused(retriever: Retriever) -> None:
    opening = next(i for i, p in enumerate(retriever.passages) if p.section == p.title)  # "reduce ... scars"
    assert retriever._says_the_opposite("can microneedling scar the scalp?", opening)
    assert not retriever._says_the_opposite("microneedling scars wrinkles skin texture", opening)


def test_an_intro_that_only_leads_into_its_list_is_not_quoted_as_an_answer(retriever: Retriever) -> None:
    heads = {p.section: i for i, p in enumerate(retriever.passages) if not p.group and " > " not in p.section}
    assert retriever._only_leads_in(heads["Benefits of Microneedling for Hair Health"])  # "... for hair health:"
    assert not retriever._only_leads_in(heads[RISKS])  # "generally considered safe for most individuals"


def test_whether_it_matters_how_deep_is_no_quantity_question(retriever: Retriever) -> None:
    trauma = next(i for i, p in enumerate(retriever.passages) if p.section.endswith("Trauma to Hair Follicles"))
    assert retriever._wrong_type("Does it matter how deep the needles go?", "", trauma) == ""
    assert retriever._wrong_type("How deep should the needles go?", "", trauma) == "no_quantity"


def test_what_leads_to_asks_for_a_cause_not_for_things_to_name(retriever: Retriever) -> None:
    over = next(i for i, p in enumerate(retriever.passages) if p.section.endswith("Over-Exfoliation"))
    assert not retriever._names_no_instances("what leads to over-exfoliation of the scalp?", over)


def test_an_adults_stated_age_is_context_and_a_minors_is_asked() -> None:
    assert _numbers_asked("i am 64 and my doctor mentioned it. is it safe?") == []
    assert _numbers_asked("i'm 15, is it safe for me?") == ["15"]
    assert _numbers_asked("i'm 30 and use a 0.5 mm roller") == ["0.5"]
    assert _numbers_asked("my grandfather is 81 and his crown is thinning. would it help?") == []
    assert _numbers_asked("my wife turned 52 last month; could it irritate her scalp?") == []
    assert _numbers_asked("a 45 year old man asks: is it safe?") == []
    assert _numbers_asked("my 60-year-old aunt wants to try it") == []
    assert _numbers_asked("my daughter is 14, is it safe for her?") == ["14"]
    assert _numbers_asked("my scalp is 20 percent thinner, would 12 sessions help?") == ["20", "12"]
    assert _numbers_asked("could it fade the marks i have had since i was 13") == []  # a past age
    assert _numbers_asked("my dad was bald by 35 and i'm hair loss at 24. what should i do?") == []  # ages of onset
    assert _numbers_asked("is hair loss at 20 percent normal?") == ["20"]
    assert _numbers_asked("33f, postpartum shedding. does a 15 mm roller help?") == ["15"]  # a forum's age and sex
    assert _numbers_asked("16m here, is it safe for me?") == ["16"]  # a minor's age is still asked


def test_numbers_only_in_sentences_that_set_the_scene_are_not_asked() -> None:
    assert (
        _what_is_asked("i rolled daily for 3 weeks. what does over-exfoliation do?") == "what does over-exfoliation do?"
    )
    assert _what_is_asked("i use a 1.5 mm roller. is that too deep?").startswith("i use a 1.5 mm")  # leans on it
    assert _what_is_asked("i had 4 sessions. is it safe for me?").startswith("i had 4")
    assert _what_is_asked("is 1 mm too deep? asking for a friend.") == "is 1 mm too deep?"


def test_signing_up_asks_for_no_signs(retriever: Retriever) -> None:
    # "before he signs up" is about booking, not about signs of a condition
    result = retriever.search("My wife already has thinning hair. What should she do before she signs up?")
    assert result.reason != "no_signs"


def test_how_many_risks_asks_for_the_list_not_a_quantity(retriever: Retriever) -> None:
    trauma = next(i for i, p in enumerate(retriever.passages) if p.section.endswith("Trauma to Hair Follicles"))
    assert retriever._wrong_type("In how many ways can it damage the follicles?", "", trauma) == ""
    assert retriever._wrong_type("How many sessions can damage the follicles?", "", trauma) == "no_quantity"


def test_words_that_only_set_the_scene_may_move_the_question_further(retriever: Retriever) -> None:
    wider, usual = retriever.settings.context_aside_shift, retriever.settings.aside_shift
    assert wider > usual

    def limit(question: str, lacking: list[str]) -> float:
        return retriever._aside_limit(_asking_part(question), lacking)

    assert limit("My uncle runs a barbershop. What are the benefits?", ["barbershop"]) == wider
    assert limit("Is it safe? My uncle runs a barbershop.", ["barbershop"]) == wider
    assert limit("My uncle runs a barbershop. Is it safe for barbers?", ["barbers"]) == usual
    assert limit("Is it safe for my uncle in his barbershop?", ["barbershop"]) == usual
    assert limit("My uncle runs a barbershop. Is it safe.", ["barbershop"]) == usual  # no asking


def test_words_only_in_sentences_before_a_self_contained_question_set_the_scene(retriever: Retriever) -> None:
    def scene(question: str, lacking: list[str]) -> bool:
        return retriever._only_sets_the_scene(_asking_part(question), lacking)

    assert scene("I'm a baker in Lyon and 44. What are the benefits for hair?", ["baker", "lyon"])
    assert not scene("I'm a baker in Lyon. What are the benefits for bakers?", ["baker", "lyon", "bakers"])
    assert not scene("I have lupus. Is microneedling safe for me?", ["lupus"])  # asks about the person
    assert not scene("I have lupus. Can I have microneedling?", ["lupus"])
    assert not scene("My niece has eczema. Does microneedling help with that?", ["eczema"])  # "that" is the eczema
    assert not scene("I want shinier hair. Will microneedling help?", ["shinier"])  # no topic of its own
    assert not scene("I have lupus, what are the benefits", ["lupus"])  # no sentence that only sets the scene
    assert scene("I run a salon in Leeds. Give me the full list of risks.", ["salon", "leeds"])  # a request asks
    assert scene("I'm a baker in Lyon. What are the benefits, one by one?", ["baker", "lyon"])  # not "that one?"


def test_one_topic_word_only_the_best_passage_has_is_enough_to_answer(retriever: Retriever) -> None:
    over = next(i for i, p in enumerate(retriever.passages) if p.section.endswith("Over-Exfoliation"))

    def topic(question: str) -> list[str]:
        return stemmer().stemWords(_content_words(question))

    assert retriever._only_holder_of_its_word(topic("is it a problem to do it excessive?"), over)
    assert not retriever._only_holder_of_its_word(topic("is it excessive for the follicles?"), over)  # two topic words
    assert not retriever._only_holder_of_its_word(topic("what is collagen?"), over)  # another passage's word


def test_greetings_and_salutations_name_no_topic() -> None:
    # a letter's "Dear Sir" took two of the three places for missing words and crowded out "hurt"
    assert _content_words("Dear Sir, does microneedling hurt?") == ["microneedling", "hurt"]
    assert _content_words("Hola amigo, which risks por favor?") == ["risks"]
    assert _content_words("Good morning. I am seventy-eight; is it risky?") == ["risky"]


def test_the_first_of_several_questions_in_a_message_is_the_main_one() -> None:
    assert _main_question("Can it damage my roots? And how do I avoid that?") == "Can it damage my roots?"
    assert _main_question("What are the risks? List them, and tell me how to avoid them.") == "What are the risks?"
    assert _main_question("I worry. How do I avoid the risks?") == "I worry. How do I avoid the risks?"  # one question


def test_the_asking_sentences_missing_words_are_weighed_first() -> None:
    lacking = ["active", "hairline", "forehead", "breakouts"]
    asking = "Will microneedling clear up my active breakouts?"
    assert _weighed_first(lacking, asking)[:2] == ["breakouts", "active"]  # not the scene's "forehead", "hairline"
    assert _weighed_first(["baby", "breastfeeding"], "") == ["breastfeeding", "baby"]  # else the rarest first


def test_a_question_with_missing_words_of_its_own_weighs_only_those() -> None:
    lacking = ["lagos", "clumps", "rolling"]
    assert _weighed_first(lacking, "Could the rolling itself have damaged my roots?") == ["rolling"]  # not the scene's
    leaning = _weighed_first(lacking, "Could rolling make that worse for me?")  # leans on the scene: all are weighed
    assert sorted(leaning) == sorted(lacking)
    pointing = _weighed_first(["brisbane", "certification"], "What certification should that professional have?")
    assert sorted(pointing) == ["brisbane", "certification"]  # "that professional" is the one the scene named
