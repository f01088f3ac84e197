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


def words_by_stem(vocabulary: Iterable[str]) -> dict[str, list[str]]:
    """Each stem of `vocabulary` with its words, shortest first, then alphabetical."""
    stem = stemmer().stemWord
    grouped: dict[str, list[str]] = {}
    for word in sorted(vocabulary, key=lambda w: (len(w), w)):
        grouped.setdefault(stem(word), []).append(word)
    return grouped
