"""article-assistant: answers questions about an article by quoting it verbatim."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Answer", "Assistant", "Quote", "__version__"]

if TYPE_CHECKING:
    from assistant.answer import Answer, Quote
    from assistant.engine import Assistant


def __getattr__(name: str) -> Any:
    """Import the public records lazily so `--help` stays fast."""
    if name in ("Answer", "Quote"):
        from assistant import answer

        return getattr(answer, name)
    if name == "Assistant":
        from assistant.engine import Assistant

        return Assistant
    raise AttributeError(name)
