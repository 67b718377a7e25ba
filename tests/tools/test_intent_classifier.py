"""The console's estimate of Alexa's NLU: scikit-learn trains it, the console applies it."""

from __future__ import annotations

import json

import pytest

from helpers import REPO_ROOT
from skill_console.device.console import load_resolver
from skill_console.nlu import intent_classifier

PHRASINGS = ["is there medicine for facial twitching", "my mum can't talk properly",
             "what's the weather in paris", "why does my eyelid keep jumping", "botox?",
             "i've been knackered all week", "kindly tell me the causes", "blah"]


@pytest.fixture(scope="module")
def trained(model):
    return intent_classifier.train(model)


@pytest.mark.slow
def test_the_console_applies_the_trained_model_exactly_as_scikit_learn_does(trained):
    vectorizer, classifier = trained
    applied = intent_classifier.exported(vectorizer, classifier)
    expected = classifier.predict_proba(vectorizer.transform(PHRASINGS))
    for text, row in zip(PHRASINGS, expected, strict=True):
        mine = applied.probabilities(text)
        for intent, probability in zip(classifier.classes_, row, strict=True):
            assert mine[intent] == pytest.approx(probability, abs=1e-9), (text, intent)


def test_it_is_trained_on_every_intent_and_out_of_domain_requests(model):
    texts, intents = intent_classifier.training_rows(model)
    declared = {i["name"] for i in model["interactionModel"]["languageModel"]["intents"]}
    assert set(intents) == declared
    assert "what is the weather like" in texts  # a FallbackIntent sample: the negatives
    assert not any("{" in text for text in texts), "every slot is filled with a value"


@pytest.mark.slow
def test_a_cached_model_is_used_and_a_changed_model_is_trained_again(model, tmp_path):
    first = intent_classifier.load(model, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    again = intent_classifier.load(model, tmp_path)
    assert again.probabilities("botox") == first.probabilities("botox")
    changed = json.loads(json.dumps(model))
    changed["interactionModel"]["languageModel"]["intents"][0]["samples"].append("what even are twitches")
    intent_classifier.load(changed, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_the_resolver_reports_the_generalised_match_with_its_confidence():
    resolver = load_resolver("en-US")
    resolution = resolver.resolve("is there medicine for facial twitching please")
    assert (resolution.intent, resolution.match) == ("TreatmentsIntent", "classifier")
    assert 0.3 <= resolution.score <= 1.0
    assert resolution.considered and resolution.considered[0].score <= resolution.score
    assert resolver.resolve("blah blah blah").intent == "AMAZON.FallbackIntent"
    assert resolver.resolve("what's the weather like in paris").intent == "AMAZON.FallbackIntent"


def test_the_model_file_holds_its_out_of_domain_samples():
    model = json.loads((REPO_ROOT / "skill-package/interactionModels/custom/en-GB.json").read_text())
    language = model["interactionModel"]["languageModel"]
    fallback = next(i for i in language["intents"] if i["name"] == "AMAZON.FallbackIntent")
    assert len(fallback["samples"]) >= 100
    assert language["modelConfiguration"]["fallbackIntentSensitivity"]["level"] == "MEDIUM"


def test_a_generalised_match_fills_its_slot_with_words_like_the_slot_values():
    resolver = load_resolver("en-US")
    resolution = resolver.resolve("my aunt's eyelids keep snapping shut on their own")
    assert (resolution.intent, resolution.match) == ("SpasmTypesIntent", "classifier")
    assert resolution.slots["spasmType"].value == "eyelids keep snapping shut on their own"
    # Words of the condition itself ("facial spasm") are like every value and tag none.
    types = resolver.resolve("what are all the types of facial spasm")
    assert types.intent == "SpasmTypesIntent"
    assert types.slots["spasmType"] is None or types.slots["spasmType"].resolved_id
