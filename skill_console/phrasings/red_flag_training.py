"""`skill-console train-red-flags`: trains the skill's second red-flag net and writes it to
lambda/facial_spasm_guide/content/red_flag_reader.json (see red_flag_reader.py).

Positives: every urgent phrasing of the dev sets (tests/phrasings/*_dev*.yaml) and every
example of the lexicon's red flags. Negatives: every other dev phrasing (questions, calm
descriptions, denied red flags). The frozen held-out set is never read. The threshold was
chosen on the dev sets, one set left out at a time (README, "A second net").
"""

from __future__ import annotations

import json
from pathlib import Path

from facial_spasm_guide.guide import GUIDE
from facial_spasm_guide.red_flag_reader import MODEL_FILE, RedFlagReader, features
from skill_console.paths import PHRASINGS_DIR
from skill_console.phrasings.moves import load as moves_load
from skill_console.phrasings.questions import load

DEV_SETS = PHRASINGS_DIR
MOVES_DEV = DEV_SETS / "moves"
THRESHOLD = 0.8
# Features seen once only are noise in a model this size, and double the file.
MIN_DOCUMENTS = 2


def dev_paths() -> list[Path]:
    """The dev phrasing sets: tests/phrasings/*_dev*.yaml, never the held-out folder."""
    return sorted(DEV_SETS.glob("*_dev*.yaml"))


def training_rows(paths: list[Path] | None = None) -> tuple[list[str], list[int]]:
    paths = paths if paths is not None else dev_paths()
    texts: list[str] = []
    labels: list[int] = []
    for path in paths:
        for phrasing in load(path):
            texts.append(phrasing.say)
            labels.append(1 if phrasing.urgent else 0)
    # Conversation moves ("once more, i couldn't hear properly") are never emergencies.
    for move in (m for path in sorted(MOVES_DEV.glob("dev*.yaml")) for m in moves_load(path)):
        texts.append(move.say)
        labels.append(0)
    for flag in GUIDE.red_flags.values():
        for example in flag.examples:
            texts.append(example)
            labels.append(1)
    return texts, labels


def train(texts: list[str], labels: list[int]):
    """(the fitted vectorizer, the fitted LogisticRegression)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=MIN_DOCUMENTS)
    matrix = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    classifier.fit(matrix, labels)
    return vectorizer, classifier


def exported(vectorizer, classifier, threshold: float = THRESHOLD) -> RedFlagReader:
    idf = vectorizer.idf_
    coefficients = classifier.coef_[0]
    vocabulary = {feature: (round(float(idf[column]), 6), round(float(coefficients[column]), 6))
                  for feature, column in vectorizer.vocabulary_.items()}
    return RedFlagReader(vocabulary, round(float(classifier.intercept_[0]), 6), threshold)


def write(path: Path = MODEL_FILE) -> Path:
    reader = exported(*train(*training_rows()))
    path.write_text(json.dumps(reader.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    return path
