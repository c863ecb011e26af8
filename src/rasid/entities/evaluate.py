"""``rasid eval ner`` and ``rasid bench ner``: entity-level exact-match scores (conlleval
conventions) and throughput/peak memory of the NER stage against a baseline run alongside."""

from __future__ import annotations

import resource
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.entities.conll import Score, Sentence, read_conll, score
from rasid.entities.tagger import DEFAULT_MODE, MODES, NerTagger, load_tagger
from rasid.entities.train import TEST_FILE, default_shared_dir

DOC_SENTENCES = 10  # pseudo-document size for document-level consistency on CoNLL files


@dataclass
class NerEvaluation:
    path: str
    sentences: int
    tokens: int
    score: Score
    seconds: float
    doc_sentences: int = 0
    mode: str = DEFAULT_MODE

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.path, "sentences": self.sentences, "tokens": self.tokens}
        for kind in self.score.types():
            p, r, f = self.score.prf(kind)
            out[kind] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                         "gold": self.score.gold.get(kind, 0)}
        p, r, f = self.score.prf()
        out["micro"] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        out["macro_f1"] = round(self.score.macro_f1(), 4)
        out["tokens_per_second"] = round(self.tokens_per_second)
        out["doc_sentences"] = self.doc_sentences
        out["mode"] = self.mode
        return out


def default_test_file(shared: Path | None = None) -> Path:
    return (shared or default_shared_dir()) / TEST_FILE


def evaluate_sentences(sentences: list[Sentence], tagger: NerTagger, path: str = "",
                       doc_sentences: int = DOC_SENTENCES) -> NerEvaluation:
    """Tag and score; runs of ``doc_sentences`` consecutive sentences are treated as one document
    (CoNLL files mark no article boundaries); ``doc_sentences=0`` tags each sentence alone."""
    started = time.perf_counter()
    predicted: list[list[str]] = []
    if doc_sentences <= 0:
        predicted = [tagger.tag_sentence(tokens).tags for tokens, _ in sentences]
    else:
        for i in range(0, len(sentences), doc_sentences):
            chunk = [tokens for tokens, _ in sentences[i:i + doc_sentences]]
            predicted.extend(t.tags for t in tagger.tag(chunk))
    seconds = time.perf_counter() - started
    result = score([tags for _, tags in sentences], predicted)
    return NerEvaluation(path, len(sentences), sum(len(t) for t, _ in sentences), result, seconds,
                         doc_sentences, tagger.mode)


def evaluate_file(path: Path | None = None, model_dir: Path | None = None,
                  doc_sentences: int = DOC_SENTENCES, mode: str = DEFAULT_MODE) -> NerEvaluation:
    path = path or default_test_file()
    tagger = load_tagger(str(model_dir) if model_dir else None, mode)
    return evaluate_sentences(read_conll(path), tagger, str(path), doc_sentences)


def evaluate_modes(path: Path | None = None, model_dir: Path | None = None,
                   doc_sentences: int = DOC_SENTENCES, modes: tuple[str, ...] = MODES) -> list[NerEvaluation]:
    """The same file scored by each model mode (for a side-by-side table)."""
    path = path or default_test_file()
    sentences = read_conll(path)
    return [evaluate_sentences(sentences, load_tagger(str(model_dir) if model_dir else None, mode),
                               str(path), doc_sentences) for mode in modes]


def format_comparison(evals: list[NerEvaluation]) -> str:
    """F1 per type, micro and macro, and speed, one column per mode (P/R in the JSON output)."""
    first = evals[0]
    mode = (f"documents of {first.doc_sentences} sentences" if first.doc_sentences > 0
            else "each sentence alone")
    names = [f"{ev.mode}{' *' if ev.mode == DEFAULT_MODE else ''}" for ev in evals]
    lines = [f"NER on {first.path}: {first.sentences} sentences, {first.tokens} tokens ({mode}); "
             "F1 by model (* = default of the ner stage)",
             f"{'type':<6} {'gold':>5} " + " ".join(f"{n:>10}" for n in names)]
    for kind in first.score.types():
        cells = " ".join(f"{100 * ev.score.prf(kind)[2]:10.2f}" for ev in evals)
        lines.append(f"{kind:<6} {first.score.gold.get(kind, 0):>5} {cells}")
    lines.append(f"{'micro':<6} {sum(first.score.gold.values()):>5} "
                 + " ".join(f"{100 * ev.score.prf()[2]:10.2f}" for ev in evals))
    lines.append(f"{'macro':<6} {'':>5} " + " ".join(f"{100 * ev.score.macro_f1():10.2f}" for ev in evals))
    lines.append(f"{'tok/s':<6} {'':>5} " + " ".join(f"{ev.tokens_per_second:10,.0f}" for ev in evals))
    return "\n".join(lines)


def format_evaluation(ev: NerEvaluation) -> str:
    mode = (f"documents of {ev.doc_sentences} sentences" if ev.doc_sentences > 0
            else "each sentence alone")
    lines = [f"NER ({ev.mode}) on {ev.path}: {ev.sentences} sentences, {ev.tokens} tokens ({mode})",
             f"{'type':<6} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for kind in ev.score.types():
        p, r, f = ev.score.prf(kind)
        lines.append(f"{kind:<6} {ev.score.gold.get(kind, 0):>5} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f}")
    p, r, f = ev.score.prf()
    lines.append(f"{'micro':<6} {sum(ev.score.gold.values()):>5} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f}")
    lines.append(f"{'macro':<6} {'':>5} {'':>6} {'':>6} {100 * ev.score.macro_f1():6.2f}")
    lines.append(f"speed: {ev.tokens_per_second:,.0f} tokens/s (NER tagger alone, one process)")
    return "\n".join(lines)


def _measure(func: Any) -> tuple[float, int]:
    """Wall time of a clean run, then peak traced memory of a second run (tracing slows it)."""
    started = time.perf_counter()
    func()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak


def bench_ner(sentences: list[list[str]], model_dir: Path | None = None, repeat: int = 1,
              mode: str = DEFAULT_MODE) -> dict[str, Any]:
    """Throughput and peak (Python-heap) memory of the tagger vs. whitespace-joining and splitting
    the same text, both measured in this run; plus the model load time (a fresh load)."""
    started = time.perf_counter()
    tagger = NerTagger(model_dir or load_tagger().model_dir, mode)
    load_seconds = time.perf_counter() - started
    tokens = sum(len(s) for s in sentences) * repeat

    def run_ner() -> None:  # as the stage runs: documents of DOC_SENTENCES sentences
        for _ in range(repeat):
            for i in range(0, len(sentences), DOC_SENTENCES):
                tagger.tag(sentences[i:i + DOC_SENTENCES])

    def run_baseline() -> None:
        for _ in range(repeat):
            for sent in sentences:
                " ".join(sent).split()

    base_s, base_peak = _measure(run_baseline)
    ner_s, ner_peak = _measure(run_ner)
    return {
        "mode": mode,
        "process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tokens": tokens,
        "load_seconds": round(load_seconds, 3),
        "ner_tokens_per_second": round(tokens / ner_s),
        "baseline_tokens_per_second": round(tokens / base_s) if base_s > 0 else None,
        "slowdown_vs_baseline": round(ner_s / base_s, 1) if base_s > 0 else None,
        "ner_peak_bytes": ner_peak,
        "baseline_peak_bytes": base_peak,
        "memory_ratio_vs_baseline": round(ner_peak / base_peak, 1) if base_peak else None,
    }


def format_bench(result: dict[str, Any]) -> str:
    return "\n".join([
        f"mode: {result['mode']}   tokens: {result['tokens']:,}   model load: {result['load_seconds']:.2f} s",
        f"NER tagger: {result['ner_tokens_per_second']:,} tokens/s; whitespace baseline: "
        f"{result['baseline_tokens_per_second']:,} tokens/s (NER is {result['slowdown_vs_baseline']}x slower)",
        f"peak Python memory: NER {result['ner_peak_bytes'] / 1e6:.1f} MB vs baseline "
        f"{result['baseline_peak_bytes'] / 1e6:.1f} MB ({result['memory_ratio_vs_baseline']}x); "
        f"process max RSS (model included) {result['process_max_rss_mb']} MB",
    ])
