"""Spelling: typos corrected into the article's words, then into common English words; chat shorthand."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fakes import WordEmbedder

from assistant.corpus import load_corpus
from assistant.index import build_index
from assistant.lexical import words_by_stem
from assistant.spelling import Spelling, edit_distance

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def spelling() -> Spelling:
    terms = list(build_index(load_corpus(REPO / "corpus"), WordEmbedder()).lexicon.terms)
    return Spelling(terms, words_by_stem(terms))


def _reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook full-table way."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, j in itertools.product(range(len(a) + 1), range(len(b) + 1)):
        if min(i, j) == 0:
            table[i][j] = max(i, j)
            continue
        cost = a[i - 1] != b[j - 1]
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
            table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("grwoth", "growth"),
        ("infecton", "infection"),
        ("kitten", "sitting"),
        ("", "abc"),
        ("abc", "abc"),
        ("ca", "abc"),
    ],
)
def test_edit_distance_matches_reference(a: str, b: str) -> None:
    expected = _reference_distance(a, b)
    assert edit_distance(a, b, 10) == expected
    assert edit_distance(a, b, 1) == min(expected, 2)


def test_spelling_is_corrected_to_article_words(spelling: Spelling) -> None:
    fixed = spelling.correct("does microneedlng cause infecton of hair folicles")
    assert fixed == "does microneedling cause infection of hair follicles"
    assert spelling.correct("Does it hurt?") == "Does it hurt?"
    assert spelling.correct("pregnancy") == "pregnancy", "no near article word: unchanged"
    assert spelling.correct("injections, inflamed") == "injections, inflamed", "two edits from a word"
    assert spelling.correct("mikroneedlng") == "microneedling", "a long word may be two edits away"


def test_words_of_an_article_words_family_become_it(spelling: Spelling) -> None:
    fixed = spelling.correct("can it treat hair loss and make hair grow? any allergy?")
    assert fixed == "can it treatment hair loss and make hair growth? any allergic?"
    for question in ("What are the signs?", "Is the depth right?", "Does it hurt?", "numbing cream"):
        assert spelling.correct(question) == question, "no suffix apart from an article word"


def test_words_written_in_two_parts_are_joined_when_the_article_writes_them_as_one(spelling: Spelling) -> None:
    assert spelling.correct("micro needling or micro-needling?") == "microneedling or microneedling?"
    assert spelling.correct("can hair loss happen") == "can hair loss happen", "both parts are words"


def test_typos_of_words_the_article_lacks_become_common_english_words(spelling: Spelling) -> None:
    # left as they were, "hlep" and "usualy" counted as topics the article does not cover
    assert spelling.correct("waht does it hlep with usualy?") == "what does it help with usually?"
    assert spelling.correct("does microneedling hlep hair grwoth") == "does microneedling help hair growth"


def test_a_short_typo_no_english_word_matches_becomes_the_article_word(spelling: Spelling) -> None:
    assert spelling.correct("can microneedlin cause hair los?") == "can microneedling cause hair loss?"
    assert spelling.correct("a red car, a cold sun, dye") == "a red car, a cold sun, dye", "short English words kept"


def test_a_short_typo_of_a_common_word_becomes_that_word(spelling: Spelling) -> None:
    assert spelling.correct("wil it help? hte risks adn") == "will it help? the risks and"
    assert spelling.correct("zyx") == "zyx", "no word one edit away"
    assert spelling.correct("grow bak") == "growth back", "a very common word, not only a stopword"


def test_real_words_and_unknown_names_without_a_near_word_are_kept(spelling: Spelling) -> None:
    for question in ("Is it safe during pregnancy?", "Does it work with finasteride?", "Can I go swimming after?"):
        assert spelling.correct(question) == question


def test_chat_shorthand_is_written_out() -> None:
    assert Spelling.expand_shorthand("what r the risks if u do it on ur head") == (
        "what are the risks if you do it on your head"
    )
    assert Spelling.expand_shorthand("shud i see a dermatologist first") == "should i see a dermatologist first"
    assert Spelling.expand_shorthand("what do ppl use it for w hair loss") == "what do people use it for with hair loss"
    assert Spelling.expand_shorthand("if the tech messes up") == "if the technician messes up"
    assert Spelling.expand_shorthand("dose microneedling help?") == "does microneedling help?", "a common slip"
    assert Spelling.expand_shorthand("what dose of it is safe") == "what dose of it is safe"
    assert Spelling.expand_shorthand("what role dose blood flow play?") == "what role does blood flow play?"
    assert Spelling.expand_shorthand("how dose it work") == "how does it work"
    assert Spelling.expand_shorthand("what dose should I use?") == "what dose should I use?", "a dose asked for"
    assert Spelling.expand_shorthand("Is U.S. law the same? R&D?") == "Is U.S. law the same? R&D?", "capitals kept"
    assert Spelling.expand_shorthand("vitamin c, your hair") == "vitamin c, your hair"
    assert Spelling.expand_shorthand("Wat is it for? Pls say") == "what is it for? please say", "opening a sentence"


def test_a_long_word_no_dictionary_knows_may_be_two_edits_from_an_article_word(spelling: Spelling) -> None:
    assert spelling.correct("can it dammage hair follicals") == "can it damage hair follicles"
    assert "routine" not in spelling.correct("what about rogaine"), "two edits only past a shared start"
    assert spelling.correct("is it genraly safe") == "is it generally safe"  # seven letters


def test_a_long_unknown_word_one_edit_away_may_differ_in_its_first_letters(spelling: Spelling) -> None:
    assert spelling.correct("can it cause scalp iritation") == "can it cause scalp irritation"
    assert spelling.correct("alergic reactions") == "allergic reactions"


def test_a_word_spelt_as_it_sounds_and_a_family_word_in_ty(spelling: Spelling) -> None:
    assert spelling.correct("can it give me an infecshun") == "can it give me an infection"
    assert spelling.correct("what is the main safety advice") == "what is the main safe advice"


def test_a_common_english_word_is_not_taken_for_a_typo_of_an_article_word(spelling: Spelling) -> None:
    # "whole" is one edit from the article's "while", "scare" from "scars"; both are more common words
    assert spelling.correct("the whole scalp, does it scare you") == "the whole scalp, does it scare you"
    assert spelling.correct("how to minimise the risk") == "how to minimize the risk", "a spelling the list lacks"


def test_two_article_words_written_as_one_are_split(spelling: Spelling) -> None:
    assert (
        spelling.correct("does it cause hairloss or help hairgrowth?") == "does it cause hair loss or help hair growth?"
    )


def test_a_comparative_in_ier_is_its_article_word(spelling: Spelling) -> None:
    assert spelling.correct("a healthier scalp") == "a healthy scalp"
    assert spelling.correct("weaker follicles") == "weaken follicles", "the article's verb of the same family"
    assert spelling.correct("get in deeper") == "get in deeper", "only -ier: 'deeper' is about absorption here"


def test_an_adjective_or_verb_becomes_the_article_word_in_en_or_tion(spelling: Spelling) -> None:
    assert spelling.correct("can the roots get weak?") == "can the roots get weaken?"
    assert spelling.correct("does the skin produce more collagen?") == "does the skin production more collagen?"


def test_a_word_written_without_its_silent_first_letter_is_found(spelling: Spelling) -> None:
    assert spelling.correct("does it help soriasis or sorisis?") == "does it help psoriasis or psoriasis?"
    assert spelling.correct("does it help sores?") == "does it help sores?"  # an English word


def test_words_the_caller_keeps_are_never_corrected(spelling: Spelling) -> None:
    assert spelling.correct("an influencer said so") == "an influence said so"  # no dictionary has it
    terms = sorted(spelling.vocabulary)
    keeping = Spelling(terms, words_by_stem(terms), kept=frozenset({"influencer"}))
    assert keeping.correct("an influencer said so") == "an influencer said so"


def test_a_typo_of_an_ordinal_becomes_the_ordinal_before_a_more_frequent_word(spelling: Spelling) -> None:
    assert spelling.correct("tell me more about the secnd one") == "tell me more about the second one"  # not "send"
    assert spelling.correct("and the fisrt one?") == "and the first one?"
