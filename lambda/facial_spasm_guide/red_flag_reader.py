"""A second net under the word lists: how likely a long description is an emergency.

The word lists (lexicon.py) catch a red flag said in words they hold; fresh sets of everyday
phrasings keep finding a few idioms they lack ("her hand feels like cotton wool"). This reads
such a description as a whole: a logistic regression over TF-IDF weighted words, word pairs
and letter groups, trained by `skill-console train-red-flags` (skill_console/phrasings/red_flag_training.py)
with scikit-learn on the labelled phrasing sets and the lexicon's examples, and applied here
from its exported numbers (content/red_flag_reader.json), so Lambda never imports scikit-learn.

It is asked only when the word lists found nothing in a description (lexicon.is_description),
and it is loaded on that first question, never at a launch.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .lexicon import is_description, words_of
from .text_features import ngram_features, tfidf_weights

MODEL_FILE = Path(__file__).parent / "content" / "red_flag_reader.json"


def features(text: str) -> list[str]:
    return ngram_features(words_of(text))


class RedFlagReader:
    """The trained numbers: feature -> (idf, coefficient), the intercept, the threshold."""

    __slots__ = ("_vocabulary", "_intercept", "threshold")

    def __init__(self, vocabulary: Mapping[str, tuple[float, float]], intercept: float,
                 threshold: float) -> None:
        self._vocabulary = vocabulary
        self._intercept = intercept
        self.threshold = threshold

    def probability(self, text: str) -> float:
        weights = tfidf_weights(features(text), self._idf)
        score = self._intercept + sum(self._vocabulary[f][1] * w for f, w in weights.items())
        return 1 / (1 + math.exp(-score))

    def _idf(self, feature: str) -> float | None:
        entry = self._vocabulary.get(feature)
        return entry[0] if entry is not None else None

    def says_emergency(self, text: str | None) -> bool:
        # Shorter values are names or answers, which the word lists read.
        return is_description(text) and self.probability(text) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "intercept": self._intercept,
                "vocabulary": {f: list(v) for f, v in sorted(self._vocabulary.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RedFlagReader:
        return cls({f: (v[0], v[1]) for f, v in data["vocabulary"].items()},
                   data["intercept"], data["threshold"])


@functools.cache
def reader() -> RedFlagReader:
    """The shipped model, read on first use."""
    return RedFlagReader.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
