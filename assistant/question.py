"""Clean and check what a user typed before it reaches retrieval."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 2_000
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]{0,200}>")
_CODE_BLOCK = re.compile(r"<(script|style)\b[^>]{0,200}>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_MARKDOWN = re.compile(r"[*_`#>|~\[\]]+")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Question:
    """A normalised question and what was done to it.

    `text` is what retrieval reads; `problem` names why it cannot be asked
    ("empty", "no_words", "not_english") or is "" when it can.
    """

    text: str
    problem: str = ""
    truncated: bool = False


def normalize(raw: object) -> Question:
    """Normalise user input: NFKC, invisible and control characters removed, whitespace folded.

    HTML tags and Markdown symbols are dropped (they are never rendered); text
    past MAX_CHARS is cut and flagged. Never raises, whatever `raw` is.
    """
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        " " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE
    )
    text = _SPACE.sub(" ", _MARKDOWN.sub(" ", _TAG.sub(" ", _CODE_BLOCK.sub(" ", text)))).strip()
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0]
    if not text:
        return Question("", "empty")
    letters = [ch for ch in text if ch.isalpha()]
    if not letters and not any(ch.isdigit() for ch in text):
        return Question(text, "no_words", truncated)
    if letters and sum(1 for ch in letters if _LATIN.match(ch)) / len(letters) < 0.5:
        return Question(text, "not_english", truncated)
    return Question(text, "", truncated)


def clean_history(history: object) -> tuple[str, ...]:
    """Keep the usable earlier questions (newest last), normalised; drops anything else."""
    if isinstance(history, str) or not isinstance(history, (list, tuple)):
        return ()
    kept = []
    for item in history[-8:]:
        if isinstance(item, dict):
            if item.get("role", "user") != "user":
                continue
            item = item.get("content")
        text = _content_text(item)
        if text is None:
            continue
        question = normalize(text)
        if not question.problem:
            kept.append(question.text)
    return tuple(kept)


def _content_text(content: object) -> str | None:
    """The typed text of a chat message's content, or None when it holds none.

    Gradio 6 gives a string or a list of parts ({"type": "text", "text": ...},
    files, components); only text parts count, so a file's server path or a
    dict's repr never becomes part of a question.
    """
    if isinstance(content, str):
        return content
    parts = content if isinstance(content, (list, tuple)) else [content]
    texts = [
        part if isinstance(part, str) else part["text"]
        for part in parts
        if isinstance(part, str) or (isinstance(part, dict) and isinstance(part.get("text"), str))
    ]
    return " ".join(texts) if texts else None
