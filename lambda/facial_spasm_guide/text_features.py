"""What a linear text model trained by scikit-learn sees of some words, and how it weighs them.

Both the skill's red-flag net (red_flag_reader.py) and the console's intent classifier
(skill_console/nlu/intent_classifier.py) are trained with scikit-learn's TfidfVectorizer over these
features and applied from their exported numbers, so that neither Lambda nor `skill-console ask`
imports scikit-learn.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence


def ngram_features(words: Sequence[str]) -> list[str]:
    """The words, word pairs, and the letter groups of each word (so "twitchy" and
    "twitching" share something)."""
    found = [f"w:{w}" for w in words]
    found += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    for word in words:
        padded = f"<{word}>"
        found += [f"c:{padded[i:i + n]}" for n in (3, 4) for i in range(len(padded) - n + 1)]
    return found


def tfidf_weights(features: Iterable[str], idf: Callable[[str], float | None]) -> dict[str, float]:
    """Each known feature's weight as the vectorizer computes it: sublinear tf times idf, the
    row scaled to unit length. `idf` gives None for a feature the model never saw."""
    counts: dict[str, int] = {}
    for feature in features:
        counts[feature] = counts.get(feature, 0) + 1
    weights = {}
    for feature, count in counts.items():
        weight = idf(feature)
        if weight is not None:
            weights[feature] = (1 + math.log(count)) * weight
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {f: w / norm for f, w in weights.items()}
