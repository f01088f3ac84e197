"""Score the assistant on a labelled question file (JSON Lines)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.engine import Assistant
from assistant.errors import AssistantError


@dataclass(frozen=True)
class Case:
    """One labelled question: answerable when `answers` names sections."""

    id: str
    question: str
    history: tuple[str, ...]
    kind: str
    answers: tuple[str, ...]
    expect_all: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """Evaluation metrics and the cases that missed."""

    answerable: int
    unanswerable: int
    top1_correct: int
    abstained_correct: int
    quotes: int
    verbatim: int
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: tuple[str, ...] = ()

    @property
    def top1(self) -> float:
        """Share of answerable questions whose first quote answers them."""
        return self.top1_correct / self.answerable if self.answerable else 1.0

    @property
    def abstention(self) -> float:
        """Share of unanswerable questions that abstained."""
        return self.abstained_correct / self.unanswerable if self.unanswerable else 1.0

    @property
    def verbatim_rate(self) -> float:
        """Share of quotes that are exact slices of their source with highlights inside."""
        return self.verbatim / self.quotes if self.quotes else 1.0

    def to_dict(self) -> dict[str, Any]:
        """Metrics as JSON."""
        return {
            "answerable": self.answerable,
            "unanswerable": self.unanswerable,
            "top1": round(self.top1, 4),
            "abstention": round(self.abstention, 4),
            "verbatim": round(self.verbatim_rate, 4),
            "by_kind": {k: {"correct": c, "total": t} for k, (c, t) in sorted(self.by_kind.items())},
        }


def read_cases(path: Path) -> list[Case]:
    """Read a labelled question file; raises AssistantError naming a bad line."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            cases.append(
                Case(
                    str(data["id"]),
                    data["question"],
                    tuple(data.get("history", ())),
                    data.get("kind", ""),
                    tuple(data.get("answers", ())),
                    tuple(data.get("expect_all", ())),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise AssistantError(f"{path}:{number} is not a labelled question ({exc}).") from exc
    return cases


def top1_right(case: Case, answered: bool, sections: Sequence[str]) -> bool:
    """True when an answerable case is answered with one of its sections first (and its whole list, in order)."""
    if not case.answers or not answered or sections[0] not in case.answers:
        return False
    expected = list(case.expect_all)
    return [s for s in sections if s in expected] == expected


def evaluate(assistant: Assistant, cases: list[Case]) -> Report:
    """Ask every case and count correct top-1 quotes, abstentions and verbatim quotes.

    A list question (with `expect_all`) is correct only when every expected
    section is quoted, in article order.
    """
    texts = {source: assistant.article_text(source) for source in assistant.sources}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    top1 = abstained = quotes = verbatim = 0
    misses = []
    for case in cases:
        answer = assistant.ask(case.question, case.history)
        for quote in (*answer.quotes, *answer.advice):
            quotes += 1
            source = texts.get(quote.source, "")
            exact = source[quote.start : quote.end] == quote.text
            verbatim += exact and all(h in quote.text for h in quote.highlights)
        sections = [q.section for q in answer.quotes]
        if case.answers:
            ok = top1_right(case, answer.status == "answered", sections)
            top1 += ok
        else:
            ok = answer.status == "abstained"
            abstained += ok
        counts[case.kind][0] += ok
        counts[case.kind][1] += 1
        if not ok:
            got = sections[0] if sections else answer.status
            misses.append(f"{case.id} [{case.kind}] {case.question!r} -> {got}")
    answerable = sum(1 for c in cases if c.answers)
    return Report(
        answerable,
        len(cases) - answerable,
        top1,
        abstained,
        quotes,
        verbatim,
        {k: (v[0], v[1]) for k, v in counts.items()},
        tuple(misses),
    )
