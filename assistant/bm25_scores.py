"""BM25 scores of a query without scoring every passage: exact where asked, the best found through top postings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

TIER = 256  # postings kept per word to find the best passages; a word in fewer passages keeps them all


@dataclass(frozen=True)
class Bm25Scores:
    """BM25 scores of one query: the passages in its words' top postings, and how to score any passage exactly.

    `ids` (sorted positions) are the passages in the top postings of the query's
    words and `scores` their sums over those postings. When no word is in more
    than TIER passages, that is every passage holding a query word with its exact
    score, and `top` is the exact best score; otherwise the sums may miss a word's
    share for a passage outside its top postings (use `at` for exact scores).
    """

    ids: np.ndarray
    scores: np.ndarray
    top: float
    scorer: Bm25Scorer
    tokens: np.ndarray

    def at(self, positions: np.ndarray) -> np.ndarray:
        """Exact BM25 scores of the passages at `positions`."""
        return self.scorer.scores_at(self.tokens, positions)

    def leaders(self, k: int) -> np.ndarray:
        """Up to `k` best of `ids` among those with at least half the top score (sorted positions)."""
        if self.top <= 0:
            return np.zeros(0, np.int64)
        keep = self.scores >= 0.5 * self.top
        ids, scores = self.ids[keep], self.scores[keep]
        if len(ids) > k:
            ids = ids[np.argpartition(scores, -k)[-k:]]
        return np.sort(ids)


class Bm25Scorer:
    """Scores token lists over a bm25s index through its postings (the CSC matrix of precomputed word scores).

    A query costs the length of its words' top postings (at most TIER each) instead
    of a pass over every passage, which keeps BM25 flat as the corpus grows.
    """

    def __init__(self, bm25: Any, tier: int = TIER) -> None:
        """Read the postings of a loaded bm25s.BM25 and keep each long word's `tier` best."""
        self._vocabulary: dict[str, int] = bm25.vocab_dict
        self._data = np.asarray(bm25.scores["data"])
        self._indices = np.asarray(bm25.scores["indices"])
        self._indptr = np.asarray(bm25.scores["indptr"]).astype(np.int64, copy=False)
        nonoccurrence = getattr(bm25, "nonoccurrence_array", None)
        self._nonoccurrence = None if nonoccurrence is None else np.asarray(nonoccurrence)
        self._sort_postings()
        self._tiers: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        lengths = np.diff(self._indptr)
        for token in np.flatnonzero(lengths > tier).tolist():
            start, end = self._indptr[token], self._indptr[token + 1]
            best = np.sort(np.argpartition(self._data[start:end], -tier)[-tier:])
            self._tiers[token] = (self._indices[start:end][best], self._data[start:end][best])

    def score(self, tokens: list[str]) -> Bm25Scores:
        """Scores of the passages in the top postings of `tokens` (repeated tokens count again, as in bm25s)."""
        token_ids = np.asarray([self._vocabulary[t] for t in tokens if t in self._vocabulary], dtype=np.int64)
        if not len(token_ids):
            return Bm25Scores(np.zeros(0, np.int64), np.zeros(0, self._data.dtype), 0.0, self, token_ids)
        postings = [self._postings(t) for t in token_ids.tolist()]
        ids, inverse = np.unique(np.concatenate([p[0] for p in postings]), return_inverse=True)
        scores = np.bincount(inverse, weights=np.concatenate([p[1] for p in postings]), minlength=len(ids))
        if self._nonoccurrence is not None:
            scores += self._nonoccurrence[token_ids].sum()
        scores = scores.astype(self._data.dtype)
        return Bm25Scores(ids.astype(np.int64), scores, float(scores.max()), self, token_ids)

    def only_holder(self, token: str) -> int | None:
        """The one passage holding `token`, or None when none or several do."""
        holders = self.holders(token)
        return int(holders[0]) if len(holders) == 1 else None

    def holders(self, token: str) -> np.ndarray:
        """Positions of the passages holding `token` (empty when none does)."""
        index = self._vocabulary.get(token)
        if index is None:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self._indices[self._indptr[index] : self._indptr[index + 1]], dtype=np.int64)

    def scores_at(self, token_ids: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Exact BM25 scores of `positions` for the query `token_ids`."""
        positions = np.asarray(positions, dtype=np.int64)
        out = np.zeros(len(positions), dtype=self._data.dtype)
        for token in token_ids.tolist():
            start, end = self._indptr[token], self._indptr[token + 1]
            column = self._indices[start:end]
            at = np.searchsorted(column, positions)
            found = at < len(column)
            found[found] = column[at[found]] == positions[found]
            out[found] += self._data[start + at[found]]
        if self._nonoccurrence is not None and len(token_ids):
            out += self._nonoccurrence[token_ids].sum()
        return out

    def _postings(self, token: int) -> tuple[np.ndarray, np.ndarray]:
        """Passages in the word's top postings and their scores (all of them for a word in at most TIER passages)."""
        if token in self._tiers:
            return self._tiers[token]
        start, end = self._indptr[token], self._indptr[token + 1]
        return self._indices[start:end], self._data[start:end]

    def _sort_postings(self) -> None:
        """Make sure each word's postings are in passage order (bm25s writes them so; searchsorted needs it)."""
        indices, indptr = self._indices, self._indptr
        if len(indices) < 2:
            return
        increasing = indices[1:] > indices[:-1]
        starts = indptr[1:-1]
        increasing[starts[(starts > 0) & (starts < len(indices))] - 1] = True  # a new word's postings begin
        if increasing.all():
            return
        columns = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        order = np.lexsort((indices, columns))
        self._indices, self._data = indices[order], self._data[order]
