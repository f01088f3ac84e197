"""Refit the answer score behind the decision to abstain, on a labelled question file.

Most abstentions are decided by rules; the rest by a linear score over four
signals (`retrieve.answer_score`). `collect` retrieves every labelled question once
with the score switched off; `fit` then searches weights and a bias that answer
the most questions correctly while at least `min_abstention` of the unanswerable
ones still abstain. Nothing is written: the result is printed for
`retrieve.Settings`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from assistant.engine import Assistant
from assistant.evaluate import Case, top1_right
from assistant.retrieve import SCORE_SIGNALS, Settings


@dataclass(frozen=True)
class Sample:
    """One labelled question as the abstention decision sees it, with the score switched off."""

    features: tuple[float, ...]  # the SCORE_SIGNALS of its best passage
    scored: bool  # no rule decided, so the score does
    by_rule: bool  # it abstains anyway: a rule decided, or the input was turned away
    answerable: bool
    right: bool  # its top-1 answer is correct (when it is not abstained)


@dataclass(frozen=True)
class Fit:
    """Weights and bias of the answer score, and what they give on the samples."""

    weights: tuple[float, ...]
    bias: float
    top1: float
    abstention: float


def collect(assistant: Assistant, cases: list[Case]) -> list[Sample]:
    """Retrieve every case with the answer score never abstaining; record its signals and outcome."""
    saved = assistant.retriever.settings
    assistant.retriever.settings = dataclasses.replace(saved, answer_threshold=-math.inf)
    try:
        samples = []
        for case in cases:
            retrieval = assistant.retrieve(case.question, case.history)  # None: input ask turns away
            answered = retrieval is not None and not retrieval.abstained
            signals = retrieval.signals if retrieval else {}
            sections = [hit.passage.section for hit in retrieval.hits] if retrieval else []
            samples.append(
                Sample(
                    features=tuple(signals.get(name, 0.0) for name in SCORE_SIGNALS),
                    scored=bool(signals.get("scored")) and answered,
                    by_rule=not answered,
                    answerable=bool(case.answers),
                    right=top1_right(case, answered, sections),
                )
            )
        return samples
    finally:
        assistant.retriever.settings = saved


def measure(samples: list[Sample], weights: tuple[float, ...], bias: float) -> tuple[float, float]:
    """Top-1 correct share of answerable samples and abstained share of unanswerable ones."""
    return _Table.of(samples).measure(np.array(weights, dtype=np.float64), bias)


def fit(
    samples: list[Sample], start: Settings, min_abstention: float = 0.95, rounds: int = 20_000, seed: int = 0
) -> Fit | None:
    """Search weights around `start`'s for the best top-1 with abstention at least `min_abstention`.

    The first round tries `start`'s weights; each later one scales every weight by
    a random factor (log-normal, sigma 0.5), rounded to 2 places. For each, the
    bias is the largest that keeps abstention at the floor (halfway to the next
    score). Ties go to the bias closest to `start`'s. The search is seeded, so a
    run is repeatable. None when no weights reach the floor.
    """
    table = _Table.of(samples)
    need = math.ceil(min_abstention * int((~table.answerable).sum()) - 1e-9)
    start_weights = np.array(start.answer_weights, dtype=np.float64)
    rng = np.random.default_rng(seed)
    best: tuple[tuple[float, float], Fit] | None = None
    for round_ in range(rounds):
        factors = np.exp(rng.normal(0.0, 0.5, len(start_weights))) if round_ else 1.0
        weights = np.round(start_weights * factors, 2)
        bias = table.largest_bias(weights, need)
        if bias is None:
            continue
        top1, abstention = table.measure(weights, bias)
        key = (top1, -abs(bias - start.answer_bias))
        if abstention >= min_abstention and (best is None or key > best[0]):
            best = (key, Fit(tuple(float(w) for w in weights), bias, top1, abstention))
    return best[1] if best else None


@dataclass(frozen=True)
class _Table:
    """The samples as aligned arrays."""

    features: np.ndarray
    scored: np.ndarray
    by_rule: np.ndarray
    answerable: np.ndarray
    right: np.ndarray

    @classmethod
    def of(cls, samples: list[Sample]) -> _Table:
        """Arrays of `samples`."""
        return cls(
            np.array([s.features for s in samples], dtype=np.float64).reshape(len(samples), len(SCORE_SIGNALS)),
            np.array([s.scored for s in samples], dtype=bool),
            np.array([s.by_rule for s in samples], dtype=bool),
            np.array([s.answerable for s in samples], dtype=bool),
            np.array([s.right for s in samples], dtype=bool),
        )

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """Each sample's score without the bias; infinite where the score does not decide."""
        return np.where(self.scored, self.features @ weights, np.inf)

    def measure(self, weights: np.ndarray, bias: float) -> tuple[float, float]:
        """Top-1 correct share of answerable samples and abstained share of unanswerable ones."""
        abstains = self.by_rule | (self.scores(weights) + bias < 0)
        top1 = (self.answerable & self.right & ~abstains).sum() / max(int(self.answerable.sum()), 1)
        abstention = (~self.answerable & abstains).sum() / max(int((~self.answerable).sum()), 1)
        return float(top1), float(abstention)

    def largest_bias(self, weights: np.ndarray, need: int) -> float | None:
        """The largest bias (to 4 places) at which at least `need` unanswerable samples abstain, or None."""
        scores = self.scores(weights)
        finite = np.sort(scores[np.isfinite(scores)])
        missing = need - int((~self.answerable & self.by_rule).sum())
        if missing <= 0:
            return round(float(-finite[0]) + 1.0, 4) if len(finite) else 0.0
        unanswered = np.sort(scores[~self.answerable & np.isfinite(scores)])
        if len(unanswered) < missing:
            return None
        cut = unanswered[missing - 1]  # this score and every lower one must abstain
        above = finite[finite > cut]
        threshold = (cut + above[0]) / 2 if len(above) else cut + 1.0
        return round(float(-threshold), 4)
