"""The search index: FAISS (dense) + BM25 (bm25s) + manifest; atomic save, verified load."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant import __version__
from assistant.corpus import Document, Passage, corpus_files, file_digest, load_corpus, section_label
from assistant.embed import Embedder, sha256_file
from assistant.errors import AssistantError, IndexCorrupt, IndexFault, IndexMissing, IndexStale
from assistant.lexical import tokenize, words

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: the article's words and section labels are embedded at build time
MANIFEST = "manifest.json"
PASSAGES = "passages.jsonl"
PASSAGE_VECTORS = "passages.faiss"
SENTENCE_VECTORS = "sentences.faiss"
BM25_DIR = "bm25"
LEXICON = "lexicon.json"
TERM_VECTORS = "terms.npy"
LABEL_VECTORS = "labels.npy"
EXACT_LIMIT = 20_000  # vectors; above this an IVF index answers a query in a fraction of a flat scan
IVF_MIN_LISTS = 64
IVF_MAX_LISTS = 4096
IVF_PROBES = 16  # recall@10 >= 0.95 against exact search in `make bench` (docs/benchmarks.md)
IVF_TRAIN_PER_LIST = 40
SEARCH_THREADS_ENV = "ARTICLE_ASSISTANT_FAISS_THREADS"
PROGRESS_MIN = 2_000
BUILD_HINT = "Run: article-assistant build"


@dataclass(frozen=True)
class Lexicon:
    """The article's distinct words and section labels, sorted, with their vectors (row i embeds item i)."""

    terms: tuple[str, ...]
    term_vectors: np.ndarray
    labels: tuple[str, ...]
    label_vectors: np.ndarray


@dataclass(frozen=True)
class SearchIndex:
    """Everything retrieval reads: passages, their vectors, sentence vectors, BM25, and the embedded lexicon."""

    manifest: dict[str, Any]
    passages: tuple[Passage, ...]
    passage_vectors: Any
    sentence_vectors: Any
    sentence_owner: np.ndarray
    bm25: Any
    lexicon: Lexicon


def article_terms(passages: tuple[Passage, ...]) -> list[str]:
    """Distinct words of the passages and their section paths (stopwords removed), sorted."""
    texts = [*dict.fromkeys(p.section for p in passages), *(p.text for p in passages)]
    return sorted({w for text in texts for w in words(text)})


def embed_lexicon(passages: tuple[Passage, ...], embedder: Embedder, progress: bool = False) -> Lexicon:
    """Embed the passages' distinct words and section labels (done once, at build time)."""
    terms = article_terms(passages)
    labels = sorted({section_label(p.section) for p in passages})

    def vectors(texts: list[str]) -> np.ndarray:
        """Rows for `texts` (an empty matrix of the model's width when there are none)."""
        return _encode(embedder, texts, progress) if texts else np.zeros((0, embedder.dim), np.float32)

    return Lexicon(tuple(terms), vectors(terms), tuple(labels), vectors(labels))


def context_text(passage: Passage) -> str:
    """The text embedded and scored for a passage: its heading, then its words."""
    heading = passage.section.split(" > ", 1)[0]
    return f"{heading}. {passage.text}"


def build_index(documents: list[Document], embedder: Embedder) -> SearchIndex:
    """Embed and index the passages and sentences of `documents`, in memory."""
    import bm25s

    passages = tuple(p for d in documents for p in d.passages)
    progress = len(passages) >= PROGRESS_MIN
    passage_vectors = _faiss_index(_encode(embedder, [context_text(p) for p in passages], progress))
    sentences = [(i, s.text) for i, p in enumerate(passages) for s in p.sentences]
    sentence_vectors = _faiss_index(_encode(embedder, [text for _, text in sentences], progress))
    bm25 = bm25s.BM25()
    bm25.index(tokenize([context_text(p) for p in passages]), show_progress=progress)
    manifest = {
        "format_version": FORMAT_VERSION,
        "builder": f"article-assistant {__version__}",
        "model": {"id": embedder.model_id, "digest": embedder.digest, "dim": embedder.dim},
        "corpus": {d.path.name: d.sha256 for d in documents},
        "counts": {"documents": len(documents), "passages": len(passages), "sentences": len(sentences)},
        "faiss": {"passages": type(passage_vectors).__name__, "sentences": type(sentence_vectors).__name__},
    }
    owner = np.array([i for i, _ in sentences], dtype=np.int64)
    lexicon = embed_lexicon(passages, embedder, progress)
    configure_faiss()  # built with all threads; searched with one
    return SearchIndex(manifest, passages, passage_vectors, sentence_vectors, owner, bm25, lexicon)


def save_index(index: SearchIndex, index_dir: Path) -> None:
    """Write `index` to `index_dir`: each file via a temp file and os.replace, manifest last."""
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=index_dir))
    try:
        lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in index.passages)
        (staging / PASSAGES).write_text(lines, encoding="utf-8")
        faiss.write_index(index.passage_vectors, str(staging / PASSAGE_VECTORS))
        faiss.write_index(index.sentence_vectors, str(staging / SENTENCE_VECTORS))
        index.bm25.save(str(staging / BM25_DIR), show_progress=False)
        lexicon = {"terms": list(index.lexicon.terms), "labels": list(index.lexicon.labels)}
        (staging / LEXICON).write_text(json.dumps(lexicon, ensure_ascii=False) + "\n", encoding="utf-8")
        np.save(staging / TERM_VECTORS, index.lexicon.term_vectors.astype(np.float32), allow_pickle=False)
        np.save(staging / LABEL_VECTORS, index.lexicon.label_vectors.astype(np.float32), allow_pickle=False)
        files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        manifest = dict(index.manifest, files={name: sha256_file(staging / name) for name in files})
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        names = [*files, MANIFEST]
        for name in names:  # flush everything first, so the window of mixed old and new files is only the renames
            _fsync(staging / name)
        for name in names:
            target = index_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load_index(index_dir: Path, embedder: Embedder, corpus_dir: Path | None = None) -> SearchIndex:
    """Load and verify an index.

    Checks the format version, the model id and weight digest, the corpus file
    digests (when `corpus_dir` exists) and every file's sha-256. Raises
    IndexMissing, IndexStale or IndexCorrupt, each naming the command to run.
    """
    manifest = read_manifest(index_dir)
    check_manifest(manifest, embedder, corpus_dir)
    for name, digest in manifest.get("files", {}).items():
        path = index_dir / name
        if not path.is_file():
            raise IndexCorrupt(f"Index file {path} is missing. {BUILD_HINT}")
        if sha256_file(path) != digest:
            raise IndexCorrupt(f"Index file {path} is damaged (checksum mismatch). {BUILD_HINT}")
    try:
        return _read_files(index_dir, manifest)
    except AssistantError:
        raise
    except Exception as exc:  # faiss and numpy raise assorted errors on bad files
        raise IndexCorrupt(f"Index in {index_dir} cannot be read ({exc}). {BUILD_HINT}") from exc


def read_manifest(index_dir: Path) -> dict[str, Any]:
    """Read manifest.json; raises IndexMissing or IndexCorrupt."""
    path = index_dir / MANIFEST
    if not path.is_file():
        raise IndexMissing(f"No index in {index_dir}. {BUILD_HINT}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexCorrupt(f"{path} is damaged ({exc}). {BUILD_HINT}") from exc
    if not isinstance(manifest, dict) or not _valid_manifest(manifest):
        raise IndexCorrupt(f"{path} is not an index manifest. {BUILD_HINT}")
    return manifest


def _valid_manifest(manifest: dict[str, Any]) -> bool:
    """True when the manifest has the shape load_index reads (so a tampered one fails as IndexCorrupt)."""
    files, corpus = manifest.get("files"), manifest.get("corpus", {})
    if not isinstance(files, dict) or not isinstance(corpus, dict):
        return False
    if not all(isinstance(v, dict) for v in (manifest.get("model", {}), manifest.get("counts", {}))):
        return False
    names_ok = all(
        isinstance(name, str) and name and not name.startswith("/") and ".." not in name.split("/") for name in files
    )
    return names_ok and all(isinstance(v, str) for v in (*files.values(), *corpus.values()))


def check_manifest(manifest: dict[str, Any], embedder: Embedder, corpus_dir: Path | None) -> None:
    """Raise IndexStale when the manifest does not match the format, model or corpus."""
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexStale(f"The index format is {manifest.get('format_version')}, not {FORMAT_VERSION}. {BUILD_HINT}")
    model = manifest.get("model", {})
    if model.get("id") != embedder.model_id or model.get("digest") != embedder.digest:
        raise IndexStale(f"The index was built with model {model.get('id')!r}, not {embedder.model_id!r}. {BUILD_HINT}")
    if corpus_dir is not None and corpus_dir.is_dir():
        current = {p.name: file_digest(p) for p in corpus_files(corpus_dir)}
        built = manifest.get("corpus", {})
        if current != built:
            changed = sorted(set(current.items()) ^ set(built.items()))
            names = ", ".join(sorted({name for name, _ in changed}))
            raise IndexStale(f"The corpus changed since the index was built ({names}). {BUILD_HINT}")


def open_index(corpus_dir: Path, index_dir: Path, embedder: Embedder) -> SearchIndex:
    """Load the index, rebuilding it (and saying so in the log) when it is stale or broken.

    Builds under a lock so two processes never write at once. When the index
    folder is read-only the rebuilt index is used from memory and a warning says so.
    Raises IndexFault when there is no corpus to rebuild from.
    """
    try:
        return load_index(index_dir, embedder, corpus_dir)
    except IndexFault as fault:
        if not corpus_dir.is_dir() or not corpus_files(corpus_dir):
            raise
        log.warning("%s Rebuilding it from %s.", fault, corpus_dir)
    with _build_lock(index_dir):
        with contextlib.suppress(IndexFault):
            return load_index(index_dir, embedder, corpus_dir)
        index = build_index(load_corpus(corpus_dir), embedder)
        try:
            save_index(index, index_dir)
        except OSError as exc:
            log.warning("Could not save the rebuilt index to %s (%s); using it from memory.", index_dir, exc)
        return index


def _read_files(index_dir: Path, manifest: dict[str, Any]) -> SearchIndex:
    """Read the index files named by a verified manifest."""
    import bm25s
    import faiss

    configure_faiss()
    lines = (index_dir / PASSAGES).read_text(encoding="utf-8").splitlines()
    passages = tuple(Passage.from_dict(json.loads(line)) for line in lines if line)
    passage_vectors = faiss.read_index(str(index_dir / PASSAGE_VECTORS))
    sentence_vectors = faiss.read_index(str(index_dir / SENTENCE_VECTORS))
    bm25 = bm25s.BM25.load(str(index_dir / BM25_DIR), show_progress=False)
    owner = np.array([i for i, p in enumerate(passages) for _ in p.sentences], dtype=np.int64)
    counts = manifest.get("counts", {})
    expected = (counts.get("passages"), counts.get("sentences"), counts.get("passages"))
    if (passage_vectors.ntotal, sentence_vectors.ntotal, len(passages)) != expected or len(owner) != expected[1]:
        raise IndexCorrupt(f"Index in {index_dir} has inconsistent counts. {BUILD_HINT}")
    return SearchIndex(manifest, passages, passage_vectors, sentence_vectors, owner, bm25, _read_lexicon(index_dir))


def _read_lexicon(index_dir: Path) -> Lexicon:
    """Read the embedded words and labels; their vectors must match them row for row."""
    data = json.loads((index_dir / LEXICON).read_text(encoding="utf-8"))
    terms, labels = tuple(str(t) for t in data["terms"]), tuple(str(t) for t in data["labels"])
    term_vectors = np.load(index_dir / TERM_VECTORS, allow_pickle=False)
    label_vectors = np.load(index_dir / LABEL_VECTORS, allow_pickle=False)
    dim = term_vectors.shape[1] if term_vectors.ndim == 2 else -1
    if term_vectors.shape != (len(terms), dim) or label_vectors.shape != (len(labels), dim):
        raise IndexCorrupt(f"Index in {index_dir} has a lexicon that does not match its vectors. {BUILD_HINT}")
    return Lexicon(terms, term_vectors, labels, label_vectors)


def _encode(embedder: Embedder, texts: list[str], progress: bool) -> np.ndarray:
    """Encode texts in batches, with a progress bar for large corpora."""
    if not progress:
        return embedder.encode(texts)
    from tqdm import tqdm

    step = 512
    chunks = [embedder.encode(texts[i : i + step]) for i in tqdm(range(0, len(texts), step), desc="Embedding")]
    return np.vstack(chunks)


def configure_faiss() -> None:
    """Search with one OpenMP thread (or $ARTICLE_ASSISTANT_FAISS_THREADS).

    A query is one vector: FAISS's second thread only spins against torch's own
    OpenMP pool, and on a 2-core machine that made a flat search of 10^4 vectors
    8x slower (docs/benchmarks.md).
    """
    import faiss

    threads = os.environ.get(SEARCH_THREADS_ENV, "").strip()
    faiss.omp_set_num_threads(int(threads) if threads.isdigit() and int(threads) > 0 else 1)


def _faiss_index(vectors: np.ndarray) -> Any:
    """Exact inner-product search up to EXACT_LIMIT vectors, then IVF (see approximate_index)."""
    return exact_index(vectors) if len(vectors) <= EXACT_LIMIT else approximate_index(vectors)


def exact_index(vectors: np.ndarray) -> Any:
    """A flat inner-product index: exact search, cost linear in the number of vectors."""
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return index


def approximate_index(vectors: np.ndarray) -> Any:
    """An IVF inner-product index: 4*sqrt(n) lists (64..4096), IVF_PROBES of them scanned per query.

    Chosen over HNSW because it builds in under three minutes for 10^6 vectors on 2 cores
    and keeps exact vectors (reconstruct by id, which retrieval uses, via a direct map).
    The lists' centroids are found through a small HNSW graph instead of a scan of all
    of them (at 10^6 vectors: 1.56 -> 1.17 ms for retrieval's two searches, same recall).
    """
    import faiss

    count, dim = vectors.shape
    lists = int(min(IVF_MAX_LISTS, max(IVF_MIN_LISTS, 4 * np.sqrt(count))))
    index = faiss.index_factory(dim, f"IVF{lists}_HNSW32,Flat", faiss.METRIC_INNER_PRODUCT)
    ivf = faiss.extract_index_ivf(index)  # the same index, typed as IVF (`index` owns it)
    rng = np.random.default_rng(0)  # a fixed training sample: the same corpus gives the same index
    sample = vectors[np.sort(rng.choice(count, min(count, lists * IVF_TRAIN_PER_LIST), replace=False))]
    index.train(sample)
    index.add(vectors)
    ivf.nprobe = IVF_PROBES
    ivf.make_direct_map()
    return index


def _fsync(path: Path) -> None:
    """Flush a file to disk before it is moved into place."""
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


@contextlib.contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock for a build; falls back to a lock in the temp folder."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = (index_dir / ".lock").open("a")
    except OSError:
        name = hashlib.sha256(str(index_dir.resolve()).encode()).hexdigest()[:16]
        handle = (Path(tempfile.gettempdir()) / f"article-assistant-{name}.lock").open("a")
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
