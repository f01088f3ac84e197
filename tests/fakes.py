"""Test doubles that need no model weights."""

from __future__ import annotations

import hashlib

import numpy as np

from assistant.lexical import tokenize


class WordEmbedder:
    """Bag of stemmed words hashed into a few hundred dimensions: texts that share words are close."""

    model_id = "fake-word-embedder"
    digest = "0" * 64
    dim = 256
    max_tokens = 64

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors counting each text's hashed word stems."""
        vectors = np.zeros((len(texts), self.dim), np.float32)
        for row, tokens in enumerate(tokenize(list(texts))):
            for token in tokens:
                vectors[row, int(hashlib.sha1(token.encode()).hexdigest(), 16) % self.dim] += 1.0
        vectors[:, 0] += 0.01  # no zero vectors
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def truncate(self, text: str) -> tuple[str, bool]:
        """Cut to `max_tokens` words."""
        parts = text.split()
        return (" ".join(parts[: self.max_tokens]), True) if len(parts) > self.max_tokens else (text, False)
