"""Answer and Quote records, and their Markdown rendering (quotes and fixed messages only)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant import messages

HIGH = 1.6
MEDIUM = 1.2
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


@dataclass(frozen=True)
class Quote:
    """A verbatim passage of an article, cited by section, with its best sentences."""

    source: str
    section: str
    passage_id: str
    text: str
    highlights: tuple[str, ...]
    score: float
    start: int
    end: int

    @property
    def relevance(self) -> str:
        """'high', 'medium' or 'low': the score in words."""
        return "high" if self.score >= HIGH else "medium" if self.score >= MEDIUM else "low"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract's quote object."""
        return {
            "source": self.source,
            "section": self.section,
            "passage_id": self.passage_id,
            "text": self.text,
            "highlights": list(self.highlights),
            "score": self.score,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Answer:
    """What the assistant says: verbatim quotes plus fixed notices.

    `status` is "answered", "abstained" or "invalid". `advice` holds the article's
    own pointer to a professional, shown under answered questions.
    """

    question: str
    status: str
    quotes: tuple[Quote, ...] = ()
    notices: tuple[str, ...] = ()
    advice: tuple[Quote, ...] = ()
    suggestions: tuple[str, ...] = field(default=())

    @property
    def markdown(self) -> str:
        """The chat text: quotes with citations and highlights, then the notices."""
        return render_markdown(self)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract (see README)."""
        return {
            "question": self.question,
            "status": self.status,
            "quotes": [q.to_dict() for q in self.quotes],
            "notices": list(self.notices),
            "advice": [q.to_dict() for q in self.advice],
            "suggestions": list(self.suggestions),
            "markdown": self.markdown,
        }


def render_markdown(answer: Answer) -> str:
    """Render an Answer as Markdown; article text is HTML-escaped so it never renders as markup."""
    parts = [_quote_markdown(q) for q in answer.quotes]
    if answer.status == "answered" and answer.advice:
        parts.append(f"{messages.FROM_ARTICLE}\n\n" + "\n\n".join(_quote_markdown(q) for q in answer.advice))
    parts.extend(_escape(notice) for notice in answer.notices)
    if answer.suggestions:
        parts.append("\n".join(f"- {_escape(s)}" for s in answer.suggestions))
    return "\n\n".join(parts)


def mark_highlights(text: str, highlights: Sequence[str], escape: Callable[[str], str], wrap: str) -> str:
    """`text` escaped, with each highlight sentence (found in order) wrapped as `wrap.format(escaped)`."""
    pieces: list[str] = []
    cursor = 0
    for sentence in highlights:
        at = text.find(sentence, cursor) if sentence else -1
        if at < 0:
            continue
        pieces.append(escape(text[cursor:at]))
        pieces.append(wrap.format(escape(sentence)))
        cursor = at + len(sentence)
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)


def _quote_markdown(quote: Quote) -> str:
    """A blockquote with highlighted sentences in bold and the section cited under it."""
    lines = mark_highlights(quote.text, quote.highlights, _escape, "**{}**").splitlines() or [""]
    block = "\n".join(f"> {line}" for line in lines)
    label = messages.RELEVANCE[quote.relevance]
    return f"{block}\n>\n> — *{_escape(quote.section)}* ({_escape(quote.source)}) · {label}"


def _escape(text: str) -> str:
    """Escape HTML and Markdown control characters so text shows literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
