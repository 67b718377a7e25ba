"""Choosing an intent for words that are not a sample: a linear model over the model's samples.

Alexa's NLU is a statistical model trained on the skill's samples and slot values; this is
the console's estimate of it. scikit-learn trains a logistic regression over TF-IDF weighted
word and character n-grams of every sample, each slot filled with the slot type's values,
with AMAZON.FallbackIntent's samples (out-of-domain requests) as the negatives. Its
probability for the chosen intent is the confidence the console reports.

Importing scikit-learn takes over a second, and `skill-console ask` answers in less: so the
trained model's numbers (the vocabulary with its idf weights, one coefficient per intent,
the intercepts) are kept in a cache file per interaction model, and the console applies them
itself with the same analyzer the vectorizer was trained with. tests/tools/test_intent_classifier.py
checks the two give the same probabilities. Training happens once per model change.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from facial_spasm_guide.text_features import ngram_features, tfidf_weights
from skill_console.nlu.builtin_phrases import BUILT_IN_PHRASES
from skill_console.nlu.normalise import normalise

FALLBACK_INTENT = "AMAZON.FallbackIntent"
# Bump when the features or training change, so a cached model is not reused.
VERSION = "3"
# Each sample with a slot is trained with this many of the slot type's values, taken in turn
# so that every value and synonym appears in some sample.
FILLS_PER_SAMPLE = 3
KEPT_MODELS = 12
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / \
    "facial-spasm-guide" / "intent-classifier"


def features(text: str) -> list[str]:
    """What the model sees of an utterance (text_features.ngram_features of its words)."""
    return ngram_features(normalise(text).split())


def training_rows(model: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(texts, intents): every sample with its slots filled, and Alexa's built-in phrases."""
    language = model["interactionModel"]["languageModel"]
    values = {t["name"]: [w for v in t["values"]
                          for w in (v["name"]["value"], *v["name"].get("synonyms", []))]
              for t in language.get("types", [])}
    turn = dict.fromkeys(values, 0)
    texts: list[str] = []
    intents: list[str] = []
    owners: dict[str, str] = {}
    for intent in language["intents"]:
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for slot_type in slot_types.values():
            owners.setdefault(slot_type, intent["name"])
        samples = [*intent.get("samples", []), *BUILT_IN_PHRASES.get(intent["name"], [])]
        for sample in samples:
            for text in _filled(sample, slot_types, values, turn):
                texts.append(text)
                intents.append(intent["name"])
    # A value said on its own ("botox?", "yoga") goes where it is first asked about: the
    # first intent in the model with a slot of its type.
    for slot_type, owner in owners.items():
        for value in values.get(slot_type, []):
            texts.append(value)
            intents.append(owner)
    return texts, intents


def _filled(sample: str, slot_types: Mapping[str, str], values: Mapping[str, list[str]],
            turn: dict[str, int]) -> Iterable[str]:
    slots = [name for name in slot_types if "{" + name + "}" in sample]
    if not slots:
        yield sample
        return
    for _ in range(FILLS_PER_SAMPLE):
        text = sample
        for name in slots:
            pool = values.get(slot_types[name]) or [name]
            position = turn.get(slot_types[name], 0)
            turn[slot_types[name]] = position + 1
            text = text.replace("{" + name + "}", pool[position % len(pool)])
        yield text


class IntentClassifier:
    """The trained model's numbers, applied without scikit-learn."""

    def __init__(self, classes: Sequence[str], intercepts: Sequence[float],
                 vocabulary: Mapping[str, Sequence[float]]) -> None:
        self.classes = list(classes)
        self._intercepts = list(intercepts)
        # feature -> [idf, one coefficient per class]
        self._vocabulary = vocabulary

    def probabilities(self, text: str) -> dict[str, float]:
        weights = tfidf_weights(features(text), self._idf)
        scores = list(self._intercepts)
        for feature, weight in weights.items():
            row = self._vocabulary[feature]
            for index in range(len(scores)):
                scores[index] += row[index + 1] * weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def _idf(self, feature: str) -> float | None:
        row = self._vocabulary.get(feature)
        return row[0] if row is not None else None

    def knows_a_word(self, text: str) -> bool:
        """Whether any word of the text is a word of some training sample."""
        return any(f"w:{word}" in self._vocabulary for word in normalise(text).split())

    def best(self, text: str) -> tuple[str, float]:
        probabilities = self.probabilities(text)
        intent = max(probabilities, key=probabilities.get)
        return intent, probabilities[intent]

    def to_json(self) -> dict[str, Any]:
        return {"classes": self.classes, "intercepts": self._intercepts,
                "vocabulary": self._vocabulary}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IntentClassifier:
        return cls(data["classes"], data["intercepts"], data["vocabulary"])


def train(model: Mapping[str, Any]):
    """(the scikit-learn vectorizer, the fitted LogisticRegression): what the cache holds."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, intents = training_rows(model)
    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    # Intents with few samples weigh more, by the square root of how much fewer they have:
    # fully balanced, a built-in's ten phrases ("yeah", "okay") outweigh whole sentences
    # that merely contain them. Chosen on the dev phrasing sets (docs in README).
    counts = Counter(intents)
    weights = {intent: math.sqrt(len(intents) / (len(counts) * n)) for intent, n in counts.items()}
    classifier = LogisticRegression(C=20.0, max_iter=3000, class_weight=weights)
    classifier.fit(matrix, intents)
    return vectorizer, classifier


def exported(vectorizer, classifier) -> IntentClassifier:
    idf = vectorizer.idf_
    coefficients = classifier.coef_
    vocabulary = {feature: [float(idf[column]), *(float(c) for c in coefficients[:, column])]
                  for feature, column in vectorizer.vocabulary_.items()}
    return IntentClassifier([str(c) for c in classifier.classes_],
                            [float(i) for i in classifier.intercept_], vocabulary)


def model_key(model: Mapping[str, Any]) -> str:
    text = json.dumps(model, sort_keys=True) + VERSION + json.dumps(BUILT_IN_PHRASES, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load(model: Mapping[str, Any], cache_dir: Path = CACHE_DIR) -> IntentClassifier:
    """The classifier for this interaction model: from the cache, or trained and cached."""
    path = cache_dir / f"{model_key(model)}.json"
    try:
        return IntentClassifier.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError):
        pass
    classifier = exported(*train(model))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(classifier.to_json()), encoding="utf-8")
        temporary.replace(path)
        _prune(cache_dir)
    except OSError:
        pass  # a read-only home still gets answers, trained each time
    return classifier


def _prune(cache_dir: Path) -> None:
    """Keeps the newest few models (a few MB each): one per locale, and a change or two."""
    kept = sorted(cache_dir.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEPT_MODELS:]:
        old.unlink(missing_ok=True)
