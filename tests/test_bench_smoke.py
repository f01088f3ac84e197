"""The benchmark package runs on tiny sizes and reports the expected structure (no timing thresholds)."""

from __future__ import annotations

import numpy as np
import pytest

from bench import latency, memory, report, scale
from bench.common import load_cases, percentile, summary_ms


def test_percentile_and_summary() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert summary_ms([0.001, 0.002])["n"] == 2


def test_question_list_has_answerable_and_unanswerable_cases() -> None:
    cases = load_cases()
    assert len(cases) >= 50
    assert {c.answerable for c in cases} == {True, False}


def test_synthetic_vectors_are_unit_rows() -> None:
    vectors = scale.synthetic_vectors(50, seed=0)
    assert vectors.shape == (50, scale.DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)


def test_vector_scale_reports_exact_and_approximate() -> None:
    [small, larger] = scale.vector_scale([200, 10_000], queries=3)
    assert "approximate" not in small and small["exact"]["size_mib"] > 0
    assert 0 <= larger["recall_at_10"] <= 1
    assert set(larger["approximate"]) == {"build_s", "size_mib", "rss_delta_mib", "search_k10_ms", "search_k400_ms"}


def test_merge_keeps_the_hand_written_text() -> None:
    generated = f"{report.BEGIN}\nnew\n{report.END}\n"
    merged = report.merge(f"# Title\n\n{report.BEGIN}\nold\n{report.END}\n\nNotes\n", generated)
    assert merged == f"# Title\n\n{report.BEGIN}\nnew\n{report.END}\n\nNotes\n"


@pytest.mark.model
def test_in_process_benchmarks_on_a_few_questions(seed_assistant: object) -> None:
    cases = load_cases(limit=4)
    result = latency.run(seed_assistant, cases, rounds=1, warmup=1)
    assert result["ask"]["n"] == 4 and result["floor"]["n"] == 4 and result["ratio_p50"] > 0
    assert latency.encode_counts(seed_assistant, cases)["mean"] >= 1
    used = memory.run(seed_assistant, cases, total=8, checkpoints=2)
    assert len(used["series_mib"]) == 2
    e2e = scale.end_to_end(seed_assistant, [300, 400], cases[:2], profile_largest=False)
    assert [row["n"] for row in e2e["rows"]] == [300, 400]
    assert e2e["rows"][1]["index"] == "IndexFlatIP"
