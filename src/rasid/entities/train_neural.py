"""``rasid train ner --model neural``: train the BiLSTM tagger of :mod:`rasid.entities.neural` with
torch (one thread, fixed seeds) and export its weights to ``neural.npz`` for numpy inference.

The shipped networks train on the whole train split for a number of epochs chosen beforehand on a
dev split (``hp["dev_fraction"] = 0.1``: the last 10% of the sentences, the epoch with the best dev
macro-F1, as the numpy tagger scores it, is kept).  The ANERcorp test split is never read here.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from rasid.entities.conll import Sentence, score
from rasid.entities.embeddings import Embeddings, load_embeddings, save_arrays
from rasid.entities.features import analyse
from rasid.entities.lexicon import LEXICON_FILE, WORDS_FILE, Lexicon, load_lexicon
from rasid.entities.neural import LABELS, NEURAL_FILE, Encoded, NeuralModel, encode, viterbi
from rasid.errors import UserError

SEED = 13
DEV_FRACTION = 0.1  # of the train split, for choosing hyper-parameters (not used by the shipped build)
HYPER: dict[str, Any] = {"char_dim": 24, "char_filters": 50, "char_width": 3, "hidden": 100,
                         "dropout": 0.5, "word_dropout": 0.1, "lr": 2e-3, "batch": 16, "epochs": 20,
                         "clip": 5.0, "stacked": True, "folds": 4,
                         "train_words_dim": 32, "train_words_min": 2,
                         "seed": SEED, "dev_fraction": 0.0, "lr_decay": False, "extra_per_epoch": 0,
                         "average_from": 0}


def _torch() -> Any:
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UserError("training the neural NER needs torch: pip install torch==2.13.0 (CPU)") from exc
    return torch


def build_char_index(sentences: list[Sentence], lex: Lexicon, min_count: int = 2) -> list[str]:
    counts: Counter[str] = Counter()
    for tokens, _ in sentences:
        for tok in tokens:
            counts.update(analyse(tok, lex).key)
    return sorted(c for c, n in counts.items() if n >= min_count)


def build_train_words(sentences: list[Sentence], lex: Lexicon, min_count: int) -> list[str]:
    """Clitic-peeled stems seen at least ``min_count`` times in training (their own embeddings)."""
    counts: Counter[str] = Counter(analyse(t, lex).stem for tokens, _ in sentences for t in tokens)
    return sorted(w for w, n in counts.items() if n >= min_count)


def encode_corpus(sentences: list[Sentence], lex: Lexicon, emb: Embeddings, char_index: dict[str, int],
                  crf_probs: list[np.ndarray] | None = None,
                  train_index: dict[str, int] | None = None,
                  context: list[np.ndarray] | None = None) -> list[Encoded]:
    cache: dict[str, Any] = {}
    return [encode([analyse(t, lex) for t in tokens], lex, emb, char_index,
                   crf_probs[k] if crf_probs is not None else None, cache, train_index,
                   context[k] if context is not None else None)
            for k, (tokens, _) in enumerate(sentences)]


def crf_probs_from(model_dir: Path, train: list[Sentence], held_out: list[Sentence]) -> list[np.ndarray]:
    """Label marginals on ``held_out`` of a CRF trained on ``train`` (with ``model_dir``'s lexicons)."""
    import pycrfsuite

    from rasid.entities.tagger import MODEL_FILE, crf_label_probs
    from rasid.entities.train import train_crf

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in (LEXICON_FILE, WORDS_FILE):
            if (model_dir / name).exists():
                shutil.copy(model_dir / name, work / name)
        train_crf(train, work)
        crf = pycrfsuite.Tagger()
        crf.open(str(work / MODEL_FILE))
        lex = load_lexicon(work)
        return [crf_label_probs(crf, lex, tokens)[1] for tokens, _ in held_out]


def jackknife_crf_probs(model_dir: Path, sentences: list[Sentence], folds: int) -> list[np.ndarray]:
    """CRF label marginals for every sentence from a CRF that did not see it (``folds`` contiguous
    blocks), so the stacked network learns how far to trust the CRF on unseen text."""
    out: list[np.ndarray] = []
    n = len(sentences)
    for f in range(folds):
        lo, hi = f * n // folds, (f + 1) * n // folds
        out.extend(crf_probs_from(model_dir, sentences[:lo] + sentences[hi:], sentences[lo:hi]))
    return out


def make_module(torch: Any, n_chars: int, n_feats: int, emb: Embeddings, hp: dict[str, Any],
                n_train_words: int = 0) -> Any:
    nn = torch.nn

    class Tagger(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("words", torch.tensor(emb.vectors))
            self.char_emb = nn.Embedding(n_chars + 2, hp["char_dim"], padding_idx=0)
            self.char_conv = nn.Conv1d(hp["char_dim"], hp["char_filters"], hp["char_width"],
                                       padding=hp["char_width"] // 2)
            self.tw_dim = hp["train_words_dim"] if n_train_words else 0
            if self.tw_dim:
                self.tw_emb = nn.Embedding(n_train_words + 1, self.tw_dim, padding_idx=0)
            width = emb.vectors.shape[1] + self.tw_dim + hp["char_filters"] + n_feats
            self.drop = nn.Dropout(hp["dropout"])
            self.lstm = nn.LSTM(width, hp["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hp["hidden"], len(LABELS))

        def forward(self, words: Any, known: Any, chars: Any, feats: Any, lengths: Any) -> Any:
            b, t, length = chars.shape
            c = self.char_emb(chars.view(b * t, length)).transpose(1, 2)
            c = torch.relu(self.char_conv(c)) * (chars.view(b * t, length) > 0).unsqueeze(1)
            c = c.max(dim=2).values.view(b, t, -1)
            columns = [self.words[words]] + ([self.tw_emb(known)] if self.tw_dim else [])
            x = self.drop(torch.cat([*columns, c, feats], dim=2))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(self.drop(h))

    return Tagger()


def _batch(torch: Any, items: list[Encoded], tags: list[list[int]] | None, unknown: int,
           word_dropout: float, rng: np.random.Generator) -> tuple[Any, ...]:
    lengths = [len(e.words) for e in items]
    b, t = len(items), max(lengths)
    words = np.full((b, t), unknown, dtype=np.int64)
    known = np.zeros((b, t), dtype=np.int64)
    chars = np.zeros((b, t, items[0].chars.shape[1]), dtype=np.int64)
    feats = np.zeros((b, t, items[0].feats.shape[1]), dtype=np.float32)
    gold = np.full((b, t), -100, dtype=np.int64)
    for k, e in enumerate(items):
        n = lengths[k]
        w, kn = e.words.copy(), e.known.copy()
        if word_dropout > 0:
            drop = rng.random(n) < word_dropout
            w[drop], kn[drop] = unknown, 0
        words[k, :n], known[k, :n], chars[k, :n], feats[k, :n] = w, kn, e.chars, e.feats
        if tags is not None:
            gold[k, :n] = tags[k]
    return (torch.tensor(words), torch.tensor(known), torch.tensor(chars), torch.tensor(feats),
            torch.tensor(lengths), torch.tensor(gold))


def export(module: Any, chars: list[str], path: Path, stacked: bool = False,
           train_words: list[str] | None = None, context_dim: int = 0,
           context_layers: tuple[int, int] | None = None) -> None:
    sd = {k: v.detach().cpu().numpy() for k, v in module.state_dict().items()}
    arrays = {
        "chars": np.array(chars), "char_emb": sd["char_emb.weight"], "char_conv": sd["char_conv.weight"],
        "char_bias": sd["char_conv.bias"], "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        "fw_ih": sd["lstm.weight_ih_l0"], "fw_hh": sd["lstm.weight_hh_l0"],
        "fw_b": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        "bw_ih": sd["lstm.weight_ih_l0_reverse"], "bw_hh": sd["lstm.weight_hh_l0_reverse"],
        "bw_b": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        "stacked": np.array([1.0 if stacked else 0.0]),
    }
    if context_dim:
        arrays["context_dim"] = np.array([float(context_dim)])
    if context_layers:
        arrays["context_layers"] = np.array([float(x) for x in context_layers])
    if "tw_emb.weight" in sd:
        arrays["tw_emb"] = sd["tw_emb.weight"]
        arrays["tw_words"] = np.array(train_words or [])
    save_arrays(path, {k: (v if k in ("chars", "tw_words") else v.astype(np.float32)) for k, v in arrays.items()})


def decode_all(model: NeuralModel, encoded: list[Encoded], batch: int = 32) -> list[list[str]]:
    out: list[list[str]] = []
    for i in range(0, len(encoded), batch):
        for logp in model.log_probs(encoded[i:i + batch]):
            out.append([LABELS[k] for k in viterbi(logp)])
    return out


def train_neural(sentences: list[Sentence], model_dir: Path, *, hp: dict[str, Any] | None = None,
                 log: Any = None, out_name: str = NEURAL_FILE,
                 extra: tuple[list[Sentence], list[np.ndarray]] | None = None,
                 crf_cache: dict[str, Any] | None = None,
                 context: list[np.ndarray] | None = None,
                 context_layers: tuple[int, int] | None = None) -> dict[str, Any]:
    """Train one network and write it as ``out_name`` into ``model_dir`` (which must hold the
    lexicons and ``embeddings.npz``).

    With ``hp["dev_fraction"] > 0`` the network trains on the first part of ``sentences`` and the
    epoch with the best macro-F1 on the rest is kept; with ``0`` it trains on all of them for
    ``hp["epochs"]`` epochs (chosen on dev beforehand) and keeps the last.  ``extra``: more tagged
    sentences with their CRF marginals (e.g. self-labelled news), ``hp["extra_per_epoch"]`` of them
    drawn afresh each epoch.  ``context``: each sentence's transformer word states (a contextual
    network for the accurate mode; see :mod:`rasid.entities.e5`), read from encoder layers
    ``context_layers``.  ``crf_cache`` keeps the jackknifed CRF marginals between calls that
    train networks with other seeds on the same sentences."""
    torch = _torch()
    hp = {**HYPER, **(hp or {})}
    seed = int(hp["seed"])
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    lex = load_lexicon(model_dir)
    emb = load_embeddings(model_dir)
    cut = int(len(sentences) * (1 - hp["dev_fraction"]))
    train, dev = sentences[:cut], sentences[cut:]
    chars = build_char_index(train, lex)
    char_index = {c: i + 1 for i, c in enumerate(chars)}
    stacked = bool(hp["stacked"])
    crf_cache = {} if crf_cache is None else crf_cache
    key = f"{len(train)}/{len(dev)}/{hp['folds']}"
    if stacked and key not in crf_cache:
        crf_cache[key] = (jackknife_crf_probs(model_dir, train, hp["folds"]),
                          crf_probs_from(model_dir, train, dev) if dev else None)
    train_crf_probs, dev_crf_probs = crf_cache[key] if stacked else (None, None)
    if log:
        log(f"inputs ready ({time.perf_counter() - started:.0f}s)")
    train_words = build_train_words(train, lex, hp["train_words_min"]) if hp["train_words_dim"] else []
    train_index = {w: i + 1 for i, w in enumerate(train_words)}
    context_dim = int(context[0].shape[1]) if context else 0
    train_x = encode_corpus(train, lex, emb, char_index, train_crf_probs, train_index,
                            context[:cut] if context else None)
    dev_x = encode_corpus(dev, lex, emb, char_index, dev_crf_probs, train_index,
                          context[cut:] if context else None)
    label_id = {lab: i for i, lab in enumerate(LABELS)}
    train_y = [[label_id[t] for t in tags] for _, tags in train]
    extra_x: list[Encoded] = []
    extra_y: list[list[int]] = []
    if extra is not None and hp["extra_per_epoch"]:
        extra_x = encode_corpus(extra[0], lex, emb, char_index, extra[1] if stacked else None, train_index)
        extra_y = [[label_id[t] for t in tags] for _, tags in extra[0]]
    module = make_module(torch, len(chars), train_x[0].feats.shape[1], emb, hp, len(train_words))
    optimiser = torch.optim.Adam([p for p in module.parameters() if p.requires_grad], lr=hp["lr"])
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    path = model_dir / out_name
    best: dict[str, Any] = {"dev_macro_f1": -1.0}
    mean: dict[str, Any] | None = None
    current: dict[str, Any] = {}
    averaged = 0
    for epoch in range(1, hp["epochs"] + 1):
        module.train()
        if mean is not None:  # train on from the epoch's own weights, not the mean
            module.load_state_dict(current)
        if hp["lr_decay"]:  # linear decay to a tenth of the rate over the epochs
            for group in optimiser.param_groups:
                group["lr"] = hp["lr"] * (1 - 0.9 * (epoch - 1) / max(1, hp["epochs"] - 1))
        items, golds = train_x, train_y
        if extra_x:
            pick = rng.choice(len(extra_x), size=min(hp["extra_per_epoch"], len(extra_x)), replace=False)
            items = train_x + [extra_x[k] for k in pick]
            golds = train_y + [extra_y[k] for k in pick]
        order = rng.permutation(len(items))
        total = 0.0
        for i in range(0, len(order), hp["batch"]):
            idx = order[i:i + hp["batch"]]
            words, known, chars_t, feats, lengths, gold = _batch(
                torch, [items[k] for k in idx], [golds[k] for k in idx], emb.unknown, hp["word_dropout"], rng)
            logits = module(words, known, chars_t, feats, lengths)
            loss = loss_fn(logits.reshape(-1, len(LABELS)), gold.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(module.parameters(), hp["clip"])
            optimiser.step()
            total += float(loss.detach())
        module.eval()
        if hp["average_from"] and epoch >= hp["average_from"]:  # the mean of the weights since that epoch
            averaged += 1
            now = current = {k: v.detach().clone() for k, v in module.state_dict().items()}
            mean = now if mean is None else {k: mean[k] + (now[k] - mean[k]) / averaged for k in now}
            module.load_state_dict(mean)
        if not dev:
            if log:
                log(f"epoch {epoch} loss {total:.1f} ({time.perf_counter() - started:.0f}s)")
            continue
        candidate = model_dir / (out_name + ".tmp")
        export(module, chars, candidate, stacked, train_words, context_dim, context_layers)
        dev_score = score([t for _, t in dev], decode_all(NeuralModel(candidate, emb), dev_x))
        macro = dev_score.macro_f1()
        if log:
            log(f"epoch {epoch} loss {total:.1f} dev macro {100 * macro:.2f} "
                f"({time.perf_counter() - started:.0f}s)")
        if macro > best["dev_macro_f1"]:
            candidate.replace(path)
            best = {"dev_macro_f1": round(macro, 4), "epoch": epoch,
                    "dev_f1": {k: round(dev_score.prf(k)[2], 4) for k in dev_score.types()}}
        else:
            candidate.unlink()
    if not dev:
        export(module, chars, path, stacked, train_words, context_dim, context_layers)
        best = {"epoch": hp["epochs"]}
    best.update({"train_sentences": len(train), "dev_sentences": len(dev), "hyper": hp,
                 "train_seconds": round(time.perf_counter() - started, 1)})
    return best
