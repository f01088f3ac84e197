"""Word tokens for BM25 and term matching: lowercase, English stopwords removed, stemmed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

WORD = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=1)
def stemmer() -> Any:
    """The Snowball English stemmer (PyStemmer)."""
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """bm25s's English stopword list."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def words(text: str) -> list[str]:
    """Lowercase words of two or more letters, stopwords removed, not stemmed."""
    stop = stopwords()
    return [w for w in WORD.findall(text.lower()) if w not in stop]


def tokenize(texts: list[str]) -> list[list[str]]:
    """Stemmed BM25 tokens for each text."""
    stem = stemmer().stemWords
    return [stem(words(text)) for text in texts]


def word_of_stem(vocabulary: Iterable[str]) -> dict[str, str]:
    """Each stem of `vocabulary` with one word for it: the shortest, then the first alphabetically."""
    stem = stemmer().stemWord
    chosen: dict[str, str] = {}
    for word in sorted(vocabulary, key=lambda w: (len(w), w)):
        chosen.setdefault(stem(word), word)
    return chosen
