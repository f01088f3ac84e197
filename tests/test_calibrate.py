"""Refitting the abstention score: the search on made-up samples, and on the real labelled set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.calibrate import Sample, collect, fit, measure
from assistant.evaluate import evaluate, read_cases
from assistant.retrieve import Settings

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "tests" / "data" / "eval_questions.jsonl"
ONE = Settings(answer_weights=(1.0, 0.0, 0.0, 0.0), answer_bias=0.0)  # the score is the first feature


def sample(score: float, answerable: bool, right: bool = True, scored: bool = True, by_rule: bool = False) -> Sample:
    """A sample whose score under ONE (before the bias) is `score`."""
    return Sample((score, 0.0, 0.0, 0.0), scored, by_rule, answerable, right and answerable)


def test_measure_counts_rules_and_scores() -> None:
    samples = [
        sample(2.0, True),  # answered and right
        sample(-1.0, True),  # the score abstains: a miss
        sample(3.0, True, right=False),  # answered wrongly
        sample(-2.0, False),  # the score abstains
        sample(5.0, False, scored=False, by_rule=True),  # a rule abstains
        sample(1.0, False),  # answered: a miss
    ]
    assert measure(samples, ONE.answer_weights, 0.0) == (pytest.approx(1 / 3), pytest.approx(2 / 3))


def test_fit_takes_the_largest_bias_that_keeps_the_abstention_floor() -> None:
    samples = [sample(s, False) for s in (-3.0, -2.0, -1.0, 0.5)] + [sample(s, True) for s in (-1.5, 0.0, 1.0, 2.0)]
    found = fit(samples, ONE, min_abstention=0.75, rounds=1)
    assert found is not None and found.weights == ONE.answer_weights
    assert found.abstention == 0.75  # -3, -2 and -1 abstain; 0.5 cannot without losing 0.0 too
    assert found.bias == pytest.approx(0.5)  # halfway between -1 (abstains) and 0 (the next score: answered)
    assert found.top1 == 0.75


def test_fit_reports_when_the_floor_cannot_be_kept() -> None:
    samples = [sample(1.0, False, scored=False), sample(1.0, True)]  # no rule and no score can abstain it
    assert fit(samples, ONE, min_abstention=0.5, rounds=5) is None


def test_fit_never_loses_top1_against_its_start() -> None:
    samples = [sample(s, False) for s in (-3.0, -2.0, 0.2)] + [sample(s, True) for s in (-0.5, 1.0)]
    start = Settings(answer_weights=(1.0, 0.0, 0.0, 0.0), answer_bias=-0.1)
    before, _ = measure(samples, start.answer_weights, start.answer_bias)
    found = fit(samples, start, min_abstention=0.6, rounds=50)
    assert found is not None and found.abstention >= 0.6 and found.top1 >= before


@pytest.mark.model
def test_collected_samples_give_the_evaluations_numbers(seed_assistant: Any) -> None:
    cases = read_cases(EVAL)
    report = evaluate(seed_assistant, cases)
    settings = seed_assistant.retriever.settings
    samples = collect(seed_assistant, cases)
    assert seed_assistant.retriever.settings == settings, "collect restores the settings"
    assert measure(samples, settings.answer_weights, settings.answer_bias) == (
        pytest.approx(report.top1),
        pytest.approx(report.abstention),
    )
    found = fit(samples, settings, rounds=200)
    assert found is not None and found.abstention >= 0.95 and found.top1 >= report.top1


def test_calibrate_rejects_a_bad_floor() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "calibrate", str(EVAL), "--min-abstention", "1.5"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "--min-abstention" in result.stderr
