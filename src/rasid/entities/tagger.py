"""The NER model: a CRF over :mod:`rasid.entities.features`, loaded once per process.

``NerTagger.tag(sentences)`` takes token strings and returns IOB2 tags with a confidence per token;
it knows nothing about Documents (the ``ner`` stage in :mod:`rasid.entities.ner` maps offsets).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from rasid.entities import consistency
from rasid.entities.features import analyse, sentence_features
from rasid.entities.lexicon import Lexicon, load_lexicon
from rasid.errors import UserError

MODEL_FILE = "model.crfsuite"
MANIFEST_FILE = "MANIFEST.json"
PROPAGATED_SCORE = 0.5  # confidence given to a name tagged by document-level consistency
MAX_SENTENCE_TOKENS = 400  # longer "sentences" are tagged in overlapping-free chunks (linear time)


def default_model_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "ner"


@dataclass
class Tagged:
    tags: list[str]
    scores: list[float]


class NerTagger:
    def __init__(self, model_dir: Path) -> None:
        path = model_dir / MODEL_FILE
        if not path.exists():
            raise UserError(f"no NER model at {path}; build it with 'rasid train ner'")
        self.model_dir = model_dir
        self.lexicon: Lexicon = load_lexicon(model_dir)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        manifest = model_dir / MANIFEST_FILE
        self.manifest = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "unversioned"))

    def tag_sentence(self, tokens: list[str]) -> Tagged:
        if not tokens:
            return Tagged([], [])
        if len(tokens) > MAX_SENTENCE_TOKENS:
            tags: list[str] = []
            scores: list[float] = []
            for start in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                part = self.tag_sentence(tokens[start:start + MAX_SENTENCE_TOKENS])
                tags.extend(part.tags)
                scores.extend(part.scores)
            return Tagged(tags, scores)
        feats = sentence_features(tokens, self.lexicon)
        labels = list(self._tagger.tag(feats))
        scores = [self._tagger.marginal(label, i) if label != "O" else 1.0 for i, label in enumerate(labels)]
        return Tagged(labels, scores)

    def tag(self, sentences: list[list[str]], document: bool = True) -> list[Tagged]:
        """Tag the sentences of one document; ``document`` adds the document-level decisions
        of :mod:`rasid.entities.consistency` (a name tagged once is tagged everywhere)."""
        tagged = [self.tag_sentence(s) for s in sentences]
        if not document:
            return tagged
        infos = [[analyse(t, self.lexicon) for t in s] for s in sentences]
        for info, result in zip(infos, tagged, strict=True):
            consistency.join_split_names(info, result.tags)
            consistency.latin_after_trigger(info, result.tags)
        names = consistency.known_names(infos, [t.tags for t in tagged], [t.scores for t in tagged])
        if names:
            longest = max(len(k) for k in names)
            for info, result in zip(infos, tagged, strict=True):
                before = list(result.tags)
                consistency.split_coordinated(info, result.tags, names)
                consistency.retype(info, result.tags, names)
                consistency.propagate(info, result.tags, names, longest)
                for i, (old, new) in enumerate(zip(before, result.tags, strict=True)):
                    if old != new:
                        result.scores[i] = PROPAGATED_SCORE
        return tagged


@lru_cache(maxsize=2)
def load_tagger(model_dir: str | None = None) -> NerTagger:
    """The tagger for ``model_dir`` (default: the shipped model), loaded once per process."""
    return NerTagger(Path(model_dir) if model_dir else default_model_dir())
