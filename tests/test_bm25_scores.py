"""Bm25Scorer against bm25s's own scores of every passage (brute force)."""

from __future__ import annotations

import itertools

import bm25s
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.bm25_scores import Bm25Scorer, Bm25Scores

WORDS = [f"w{i}" for i in range(12)]


def corpus(seed: int, size: int = 300) -> list[list[str]]:
    """Token lists with a few common and many rare words (the common ones exceed a small tier)."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, len(WORDS) + 1)
    weights /= weights.sum()
    return [list(rng.choice(WORDS, size=int(rng.integers(1, 8)), p=weights)) for _ in range(size)]


def index(tokens: list[list[str]]) -> bm25s.BM25:
    """A bm25s index of token lists."""
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    return bm25


def brute_force(bm25: bm25s.BM25, query: list[str]) -> np.ndarray:
    """bm25s's own scores of every passage (zeros when no query word is indexed)."""
    if not any(t in bm25.vocab_dict for t in query):
        return np.zeros(bm25.scores["num_docs"], np.float32)
    return np.asarray(bm25.get_scores(query))


def scored(query: list[str], seed: int, tier: int) -> tuple[np.ndarray, Bm25Scores]:
    """bm25s's own scores of every passage of corpus `seed`, and the scorer's answer with `tier`."""
    bm25 = index(corpus(seed))
    return brute_force(bm25, query), Bm25Scorer(bm25, tier=tier).score(query)


queries = st.lists(st.sampled_from([*WORDS, "absent"]), min_size=0, max_size=6)


@settings(max_examples=60, deadline=None)
@given(query=queries, seed=st.integers(0, 5))
def test_scores_at_any_passage_are_bm25s_scores(query: list[str], seed: int) -> None:
    dense, scores = scored(query, seed, tier=20)
    positions = np.arange(300)
    np.testing.assert_allclose(scores.at(positions), dense, rtol=1e-6, atol=1e-6)
    assert (scores.scores <= dense[scores.ids] + 1e-5).all()  # sums over top postings: a share may be missing
    assert set(scores.ids.tolist()) <= set(np.flatnonzero(dense > 0).tolist())


@settings(max_examples=60, deadline=None)
@given(query=queries, seed=st.integers(0, 5))
def test_without_long_postings_the_leaders_are_exact(query: list[str], seed: int) -> None:
    dense, scores = scored(query, seed, tier=300)
    assert scores.top == pytest.approx(float(dense.max()), abs=1e-6)
    assert scores.ids.tolist() == np.flatnonzero(dense > 0).tolist()
    np.testing.assert_allclose(scores.scores, dense[scores.ids], rtol=1e-6, atol=1e-6)
    if dense.max() > 0:
        half = np.flatnonzero(dense >= 0.5 * dense.max())
        assert scores.leaders(300).tolist() == half.tolist()
        assert len(scores.leaders(3)) == min(3, len(half))
        assert dense[scores.leaders(3)].min() >= np.sort(dense[half])[-min(3, len(half))] - 1e-6
    else:
        assert scores.leaders(10).size == 0


def test_long_postings_keep_their_best_passages() -> None:
    bm25 = index(corpus(1))
    common = WORDS[0]
    dense = bm25.get_scores([common])
    assert (dense > 0).sum() > 20  # the word is in more passages than the tier keeps
    scores = Bm25Scorer(bm25, tier=20).score([common])
    assert len(scores.ids) == 20
    assert scores.top == pytest.approx(float(dense.max()))
    assert dense[scores.ids].min() >= np.sort(dense)[-20] - 1e-6


def test_repeated_words_count_again_as_in_bm25s() -> None:
    bm25 = index(corpus(2))
    query = [WORDS[3], WORDS[3], WORDS[5]]
    scores = Bm25Scorer(bm25).score(query)
    np.testing.assert_allclose(scores.at(np.arange(300)), bm25.get_scores(query), rtol=1e-6)


def test_unsorted_postings_are_put_in_passage_order() -> None:
    bm25 = index(corpus(3))
    expected = Bm25Scorer(bm25).score(WORDS[:4]).at(np.arange(300))
    data, indices, indptr = (bm25.scores[k] for k in ("data", "indices", "indptr"))
    order = np.concatenate([np.arange(s, e)[::-1] for s, e in itertools.pairwise(indptr)])
    bm25.scores = dict(bm25.scores, data=data[order], indices=indices[order])
    np.testing.assert_allclose(Bm25Scorer(bm25).score(WORDS[:4]).at(np.arange(300)), expected, rtol=1e-6)


@pytest.mark.parametrize("method", ["bm25l", "bm25+"])
def test_variants_that_score_absent_words_match_bm25s(method: str) -> None:
    bm25 = bm25s.BM25(method=method)
    bm25.index(corpus(4), show_progress=False)
    query = [WORDS[0], WORDS[7]]
    scores = Bm25Scorer(bm25, tier=20).score(query)
    np.testing.assert_allclose(scores.at(np.arange(300)), bm25.get_scores(query), rtol=1e-5)


def test_only_holder_is_the_one_passage_with_a_word() -> None:
    scorer = Bm25Scorer(index([["common", "rare"], ["common"], ["common", "pair"], ["pair"]]))
    assert scorer.only_holder("rare") == 0
    assert scorer.only_holder("pair") is None, "two passages hold it"
    assert scorer.only_holder("common") is None
    assert scorer.only_holder("absent") is None


def test_holders_are_the_passages_with_a_word() -> None:
    scorer = Bm25Scorer(index([["common", "rare"], ["common"], ["common", "pair"], ["pair"]]))
    assert sorted(scorer.holders("pair").tolist()) == [2, 3]
    assert sorted(scorer.holders("common").tolist()) == [0, 1, 2]
    assert scorer.holders("absent").tolist() == []
