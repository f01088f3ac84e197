"""Answer records: the JSON contract and Markdown that shows only quotes and fixed messages."""

from __future__ import annotations

from assistant import messages
from assistant.answer import Answer, Quote

QUOTE = Quote(
    source="article",
    section="Risks > 2. Infection",
    passage_id="article#abc",
    text="2. Infection: A risk. <b>Bold</b> *stars* here.",
    highlights=("2. Infection: A risk.",),
    score=1.7,
    start=10,
    end=57,
)


def test_to_dict_has_the_contract_fields() -> None:
    answer = Answer("q", "answered", (QUOTE,), (messages.DISCLAIMER,))
    data = answer.to_dict()
    assert list(data)[:4] == ["question", "status", "quotes", "notices"]
    assert data["markdown"] == answer.markdown
    assert data["quotes"][0] == {
        "source": "article",
        "section": "Risks > 2. Infection",
        "passage_id": "article#abc",
        "text": QUOTE.text,
        "highlights": ["2. Infection: A risk."],
        "score": 1.7,
        "start": 10,
        "end": 57,
    }


def test_markdown_escapes_markup_and_bolds_highlights() -> None:
    markdown = Answer("ignored user words", "answered", (QUOTE,), (messages.DISCLAIMER,)).markdown
    assert "<b>" not in markdown and "\\*stars\\*" in markdown
    assert "**2. Infection: A risk.**" in markdown
    assert "ignored user words" not in markdown, "the answer never repeats the user's words"
    assert messages.RELEVANCE["high"] in markdown
    assert markdown.rstrip().endswith(messages.DISCLAIMER)


def test_relevance_levels() -> None:
    levels = [Quote("s", "x", "i", "t", (), score, 0, 1).relevance for score in (2.0, 1.3, 0.5)]
    assert levels == ["high", "medium", "low"]


def test_fixed_messages_are_short_and_plain() -> None:
    for message in messages.ALL:
        assert 0 < len(message) <= 200
        assert "<" not in message
