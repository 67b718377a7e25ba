"""The second red-flag net: scikit-learn trains it on the dev sets, the skill applies it."""

from __future__ import annotations

import json

import pytest
from test_reading_heard_words import heard, speech

from facial_spasm_guide.guide import GUIDE
from facial_spasm_guide.red_flag_reader import MODEL_FILE, reader
from skill_console.phrasings import red_flag_training

# Emergencies in words no red-flag list holds, and calm descriptions of five words or more.
UNLISTED_EMERGENCIES = [
    "my husband just went grey and sweaty and he's not answering me properly",
    "she went really pale and sort of slumped in her chair and her eye is twitching",
    "mum went all wobbly and now she can't seem to manage her cup at all",
]
CALM = [
    "my eyelid has been twitching on and off for a few weeks when i'm tired",
    "no headache, no blurry vision, it's just my eyelid flickering again",
    "my face twitches a lot when i drink too much coffee at work",
    "the twitching in my cheek has been easing off since i started yoga",
    "i've had this twitch for a month and the home remedies haven't helped",
]


@pytest.fixture(scope="module")
def trained():
    return red_flag_training.train(*red_flag_training.training_rows())


@pytest.mark.slow
def test_the_skill_applies_the_trained_model_as_scikit_learn_does(trained):
    vectorizer, classifier = trained
    applied = red_flag_training.exported(vectorizer, classifier)
    texts = UNLISTED_EMERGENCIES + CALM
    for text, row in zip(texts, classifier.predict_proba(vectorizer.transform(texts)), strict=True):
        # The exported numbers are rounded to six places, to keep the file small.
        assert applied.probability(text) == pytest.approx(row[1], abs=1e-4), text


def test_the_shipped_model_is_the_one_the_dev_sets_train(trained):
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    fresh = red_flag_training.exported(*trained).to_json()
    assert shipped["vocabulary"].keys() == fresh["vocabulary"].keys(), \
        "run `skill-console train-red-flags` after changing the phrasing sets or the lexicon"
    assert shipped["threshold"] == fresh["threshold"]


def test_the_held_out_set_is_never_trained_on():
    paths = red_flag_training.dev_paths()
    assert len(paths) >= 10
    assert all(path.parent == red_flag_training.DEV_SETS and "_dev" in path.name for path in paths)


@pytest.mark.parametrize("said", UNLISTED_EMERGENCIES)
def test_an_emergency_no_list_holds_still_gets_the_number_at_once(said):
    assert GUIDE.red_flag_in(said) is None  # the word lists alone miss it
    response = heard("SymptomIntent", "symptom", "SYMPTOM", said)
    assert speech(response).startswith("Please call 911 now")
    assert response["response"]["shouldEndSession"] is True


@pytest.mark.parametrize("said", CALM)
def test_a_calm_description_is_not_taken_for_an_emergency(said):
    assert not speech(heard("SymptomIntent", "symptom", "SYMPTOM", said)).startswith(
        ("Please call", "If spasms start suddenly", "If spasms come with"))


def test_under_five_words_is_left_to_the_word_lists():
    assert not reader().says_emergency("she's pale")  # under five words: the word lists' job
