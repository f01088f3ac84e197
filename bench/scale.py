"""Benchmark 4: index build time, size, memory, search latency and recall by corpus size; end-to-end at scale."""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from typing import Any

import numpy as np

from bench.common import REPO, Case, percentile, ratio, rss_mib, summary_ms

DIM = 384
LATENT = 48
CLUSTERS = 1000
RECALL_TARGET = 0.95
E2E_TARGET = 1.25
SYNTHETIC_SECTIONS = 200
WORDS_PER_PASSAGE = 12


def synthetic_vectors(count: int, seed: int, dim: int = DIM) -> np.ndarray:
    """Unit vectors shaped like sentence embeddings: clusters in a low-dimensional subspace, plus noise."""
    basis = np.random.default_rng(42).standard_normal((LATENT, dim)).astype(np.float32)
    centres = np.random.default_rng(43).standard_normal((CLUSTERS, LATENT)).astype(np.float32)
    rng = np.random.default_rng(seed)
    out = np.empty((count, dim), np.float32)
    for start in range(0, count, 100_000):
        size = min(100_000, count - start)
        latent = centres[rng.integers(0, CLUSTERS, size)] + 0.7 * rng.standard_normal((size, LATENT), np.float32)
        block = latent @ basis + 2.0 * rng.standard_normal((size, dim), np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start : start + size] = block
    return out


def _search_ms(index: Any, queries: np.ndarray, k: int) -> float:
    """p50 milliseconds of one-vector searches."""
    times = []
    for row in queries:
        start = time.perf_counter()
        index.search(row[None, :], k)
        times.append(time.perf_counter() - start)
    return percentile(times, 50) * 1000


def _size_mib(index: Any) -> float:
    """Serialized size of a FAISS index in MiB."""
    import faiss

    return float(len(faiss.serialize_index(index))) / 2**20


def vector_scale(sizes: list[int], queries: int = 30) -> list[dict[str, Any]]:
    """Per size: exact and approximate index build time, size, memory, search p50 (k=10, k=400), recall@10."""
    from assistant.index import EXACT_LIMIT, approximate_index, configure_faiss, exact_index

    rows = []
    probe = synthetic_vectors(queries, seed=1)
    for n in sizes:
        vectors = synthetic_vectors(n, seed=0)
        row: dict[str, Any] = {"n": n, "chosen": "exact" if n <= EXACT_LIMIT else "approximate"}
        for kind, builder in (("exact", exact_index), ("approximate", approximate_index)):
            if kind == "approximate" and n < 10_000:
                continue
            gc.collect()
            before = rss_mib()
            start = time.perf_counter()
            index = builder(vectors)
            build = time.perf_counter() - start
            configure_faiss()
            row[kind] = {
                "build_s": build,
                "size_mib": _size_mib(index),
                "rss_delta_mib": rss_mib() - before,
                "search_k10_ms": _search_ms(index, probe, 10),
                "search_k400_ms": _search_ms(index, probe, 400),
            }
            row[f"_{kind}"] = index
        if "approximate" in row:
            _, truth = row["_exact"].search(probe, 10)
            _, found = row["_approximate"].search(probe, 10)
            row["recall_at_10"] = float(np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found, strict=True)]))
            row["speedup_k10"] = ratio(row["exact"]["search_k10_ms"], row["approximate"]["search_k10_ms"])
        rows.append({k: v for k, v in row.items() if not k.startswith("_")})
        del row, vectors
        gc.collect()
    return rows


def synthetic_index(base: Any, total: int, embedder: Any, seed: int = 0) -> Any:
    """A SearchIndex of the real article's passages followed by synthetic ones, `total` passages in all.

    Synthetic passages have one sentence of WORDS_PER_PASSAGE words drawn from the
    article's vocabulary, one of SYNTHETIC_SECTIONS sections, and synthetic vectors;
    the lexicon (words and labels) is embedded with `embedder`, as a build would.
    """
    import bm25s

    from assistant.corpus import Passage, Sentence
    from assistant.index import SearchIndex, _faiss_index, context_text, embed_lexicon
    from assistant.lexical import tokenize, words

    real = base.passages
    extra = max(0, total - len(real))
    rng = np.random.default_rng(seed)
    vocabulary = np.array(sorted({w for p in real for w in words(p.text)}))
    picks = rng.integers(0, len(vocabulary), (extra, WORDS_PER_PASSAGE))
    synthetic = []
    for i in range(extra):
        text = " ".join(vocabulary[picks[i]]).capitalize() + "."
        section = f"Synthetic topic {i % SYNTHETIC_SECTIONS}"
        sentence = Sentence(text, 0, len(text))
        synthetic.append(Passage(f"syn-{i}", "synthetic", "Synthetic", section, "", text, 0, len(text), (sentence,)))
    passages = (*real, *synthetic)
    real_passages = np.vstack([base.passage_vectors.reconstruct(i) for i in range(len(real))])
    real_sentences = np.vstack([base.sentence_vectors.reconstruct(i) for i in range(base.sentence_vectors.ntotal)])
    extra_vectors = synthetic_vectors(extra, seed=seed + 7)
    passage_vectors = _faiss_index(np.vstack([real_passages, extra_vectors]))
    sentence_vectors = _faiss_index(np.vstack([real_sentences, extra_vectors]))
    owner = np.array([i for i, p in enumerate(passages) for _ in p.sentences], dtype=np.int64)
    bm25 = bm25s.BM25()
    bm25.index(tokenize([context_text(p) for p in passages]), show_progress=False)
    counts = {"documents": 2, "passages": len(passages), "sentences": len(owner)}
    manifest = dict(base.manifest, counts=counts)
    lexicon = embed_lexicon(passages, embedder)
    return SearchIndex(manifest, passages, passage_vectors, sentence_vectors, owner, bm25, lexicon)


def bench_assistant(index: Any, embedder: Any) -> Any:
    """An Assistant over a synthetic index (topic discovery is capped, so load time stays bounded)."""
    from assistant.engine import Assistant

    return Assistant(index, embedder, corpus_dir=REPO / "corpus")


def end_to_end(
    base_assistant: Any, sizes: list[int], cases: list[Case], profile_largest: bool = True
) -> dict[str, Any]:
    """Assistant.ask latency over synthetic corpora, each interleaved with the smallest one; what grows with N."""
    embedder = base_assistant.embedder
    small_index = synthetic_index(base_assistant.index, sizes[0], embedder)
    small = bench_assistant(small_index, embedder)
    rows: list[dict[str, Any]] = []
    profile: dict[str, Any] = {}
    for n in sizes:
        gc.collect()
        before = rss_mib()
        start = time.perf_counter()
        index = synthetic_index(base_assistant.index, n, embedder)
        index_s = time.perf_counter() - start
        start = time.perf_counter()
        assistant = bench_assistant(index, embedder)
        load_s = time.perf_counter() - start
        memory = rss_mib() - before
        for case in cases[:5]:
            assistant.ask(case.question, list(case.history))
        big_times: list[float] = []
        small_times: list[float] = []
        search_times: list[float] = []
        for case in cases:
            for which in (assistant, small):
                start = time.perf_counter()
                which.ask(case.question, list(case.history))
                (big_times if which is assistant else small_times).append(time.perf_counter() - start)
            vector = embedder.encode([case.question])
            start = time.perf_counter()
            assistant.index.passage_vectors.search(vector, 100)
            assistant.index.sentence_vectors.search(vector, 400)
            search_times.append(time.perf_counter() - start)
        big, base = summary_ms(big_times), summary_ms(small_times)
        rows.append(
            {
                "n": n,
                "index": type(index.passage_vectors).__name__,
                "build_s": index_s,
                "assistant_init_s": load_s,
                "rss_delta_mib": memory,
                "ask": big,
                "ask_at_smallest": base,
                "ratio_p50": ratio(big["p50_ms"], base["p50_ms"]),
                "search_only": summary_ms(search_times),
            }
        )
        if profile_largest and n == sizes[-1]:
            profile = _profile(assistant, cases, index)
        del assistant, index
        gc.collect()
    last = rows[-1]["ratio_p50"]
    return {"rows": rows, "ratio_largest": last, "target": E2E_TARGET, "meets": last <= E2E_TARGET, "profile": profile}


def _profile(assistant: Any, cases: list[Case], index: Any) -> dict[str, Any]:
    """pyinstrument: where ask and Assistant construction spend their time at this size (project functions)."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    for case in cases[:20]:
        assistant.ask(case.question, list(case.history))
    profiler.stop()
    ask = _by_function(profiler, len(cases[:20]))
    profiler = Profiler(interval=0.001)
    profiler.start()
    bench_assistant(index, assistant.embedder)
    profiler.stop()
    return {"ask_ms_per_question": ask, "init_s": {k: v / 1000 for k, v in _by_function(profiler, 1).items()}}


def _by_function(profiler: Any, calls: int, top: int = 14) -> dict[str, float]:
    """Inclusive milliseconds per call of the heaviest functions (project code and numpy/faiss/bm25s calls)."""
    totals: dict[str, float] = defaultdict(float)
    root = profiler.last_session.root_frame()

    def walk(frame: Any, seen: frozenset[str]) -> None:
        """Add each frame's time once per stack (recursion counted once)."""
        path = frame.file_path or ""
        if "/assistant/" in path or "bm25s" in path or frame.function in ("search", "matmul", "get_scores"):
            name = f"{path.rsplit('/', 1)[-1]}:{frame.function}:{frame.line_no}"
            if name not in seen:
                totals[name] += frame.time
                seen = seen | {name}
        for child in frame.children:
            walk(child, seen)

    if root is not None:
        walk(root, frozenset())
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:top]
    return {name: seconds * 1000 / calls for name, seconds in ranked}
