"""Every fact of ../shared/guide/facial-spasm-guide.txt is said by an answer a user reaches by
voice: a sample utterance of the model, then, where the fact is further in, "tell me more"."""

from __future__ import annotations

import pytest

from helpers import contains_all, say, spoken

# (what the user says, in order) -> words the answers must contain between them.
FACTS = [
    (["what are facial spasms"],
     ["sudden", "can't control", "twitching", "spasms", "clenching", "eyelids"]),
    (["what are facial spasms", "tell me more"], ["frustrating", "distressing", "daily life"]),
    (["what types of facial spasms are there"],
     ["essential blepharospasm", "hemifacial spasm", "Tourette syndrome"]),
    (["what is blepharospasm"], ["eyelids keep closing on their own", "vision"]),
    (["what is hemifacial spasm"], ["one side of the face", "irritated nerve"]),
    (["what is tourette syndrome"], ["facial twitches", "vocal sounds"]),
    (["what causes facial twitching"],
     ["neurological problems", "physical triggers", "medical conditions"]),
    (["what causes facial twitching", "tell me more"], ["dystonia", "facial nerves"]),
    (["can dystonia cause facial spasms"], ["abnormal muscle movements in the face"]),
    (["can nerve damage cause facial spasms"], ["facial nerves", "injury", "neurological"]),
    (["what triggers facial spasms"], ["stress", "fatigue", "too much caffeine"]),
    (["can stress cause facial spasms"], ["emotional or physical", "muscle tension"]),
    (["can fatigue cause eye twitching"], ["fatigue", "big contributors"]),
    (["can caffeine cause eye twitching"], ["too much caffeine", "muscle activity", "worse"]),
    (["is it linked to multiple sclerosis"], ["multiple sclerosis", "damage nerves", "face"]),
    (["is it linked to bell's palsy"], ["sudden weakness or paralysis", "one side of the face"]),
    (["how are facial spasms diagnosed"],
     ["medical history", "neurological exam", "how often", "how long"]),
    (["how are facial spasms diagnosed", "tell me more"],
     ["MRI", "CT scan", "blood tests", "rule out other conditions"]),
    (["how are facial spasms treated"],
     ["botulinum toxin injections", "muscle relaxants", "physical therapy", "exercises"]),
    (["how are facial spasms treated", "tell me more"], ["occupational therapy", "muscle control"]),
    (["does botox help"], ["botulinum toxin injections", "help a lot"]),
    (["what can i do at home"], ["yoga", "meditation", "magnesium", "exercise", "deep breathing"]),
    (["what can i do at home", "tell me more"], ["managing stress", "regular exercise"]),
    # When to seek medical advice: the doctor check reaches each rule by its answers.
    (["should i see a doctor", "yes"],
     ["start suddenly", "medical help right away", "nervous system", "acting quickly", "911"]),
    (["should i see a doctor", "no", "yes"],
     ["severe headache", "vision problems", "changes in speech", "medical help fast",
      "serious health issues", "right care", "911"]),
    (["should i see a doctor", "no", "no", "yes"],
     ["keep happening", "home remedies", "lifestyle changes", "see a doctor",
      "check your symptoms", "change your treatment plan"]),
]


@pytest.mark.parametrize("utterances, phrases", FACTS, ids=[" / ".join(u) for u, _ in FACTS])
def test_guide_fact_is_said(sim, utterances, phrases):
    heard = " ".join(spoken(say(sim, utterance)) for utterance in utterances)
    assert contains_all(heard, phrases) == [], heard
