"""The skill reads the words Alexa hands it, whatever intent they arrive in.

On a real Echo, Alexa's NLU chooses the intent and the skill sees only slot values, often
whole phrases entity resolution did not match (ER_SUCCESS_NO_MATCH). These tests send real
request envelopes, slots filled as Alexa fills them, through the deployed lambda_handler.
"""

from __future__ import annotations

import pytest

import lambda_function
from facial_spasm_guide.guide import GUIDE

# (intent, slot name, slot type) for every slot a sentence can arrive in.
from facial_spasm_guide.ssml import to_text
from helpers import EMERGENCY, LOCALES, assert_valid_response
from skill_console.certification.ssml_rules import word_count
from skill_console.device import envelopes
from skill_console.nlu.resolver import SlotFill

# (intent, slot name, slot type) for every slot a sentence can arrive in.
SLOTS = [("SymptomIntent", "symptom", "SYMPTOM"), ("CausesIntent", "cause", "CAUSE"),
         ("SpasmTypesIntent", "spasmType", "SPASM_TYPE"),
         ("TreatmentsIntent", "treatment", "TREATMENT"),
         ("BeyondGuideIntent", "treatment", "TREATMENT"),
         # What was described before "... what should I do" or "... should I see a doctor".
         ("HomeRemediesIntent", "description", "AMAZON.SearchQuery"),
         ("SeeDoctorIntent", "description", "AMAZON.SearchQuery")]


def ask(intent: str, slots: dict[str, SlotFill | None] | None = None, locale: str = "en-US",
        attributes: dict | None = None) -> dict:
    request = envelopes.intent_request(locale, intent, slots or {})
    event = envelopes.envelope(request, envelopes.Device(), envelopes.new_session_id(),
                               attributes is None, attributes or {})
    response = lambda_function.lambda_handler(event, None)
    assert_valid_response(response)
    return response


def heard(intent: str, slot: str, slot_type: str, value: str, locale: str = "en-US",
          attributes: dict | None = None) -> dict:
    # Built-in slot types have no entity resolution.
    status = None if slot_type.startswith("AMAZON.") else "ER_SUCCESS_NO_MATCH"
    return ask(intent, {slot: SlotFill(value, slot_type, status)}, locale, attributes)


def speech(response: dict) -> str:
    return to_text(response["response"]["outputSpeech"]["ssml"])


def ssml(response: dict) -> str:
    return response["response"]["outputSpeech"]["ssml"]


RED_FLAG_SENTENCES = {
    "my mum's face suddenly started twitching and she can't talk properly": "If spasms",
    "i have a severe headache and my face is twitching": "If spasms come with a severe headache",
    "everything's gone blurry": "If spasms come with a severe headache",
    "my words are coming out wrong": "If spasms come with a severe headache",
    "my vision is fine but my speech is slurred": "If spasms come with a severe headache",
    "no headache but it came on out of nowhere this morning": "If spasms start suddenly",
    "i think i'm having a stroke": "Please call",
    "my face is drooping on one side": "Please call",
    "my dad's arm has gone numb": "Please call",
    "she can't lift her arm": "Please call",
    "he passed out in the kitchen": "Please call",
    "she's having a seizure": "Please call",
    "i can't breathe properly": "Please call",
    "grandad is suddenly really confused": "Please call",
    "call an ambulance": "Please call",
    # Everyday words the phrasing sets showed missing, said here in other words.
    "it feels like someone is taking a hammer to my skull": "If spasms come with a severe headache",
    "he says there are two of everything": "If spasms come with a severe headache",
    "it hit like flicking a switch, zero warning": "If spasms start suddenly",
    "i can barely feel my lip": "Please call",
    "she's dragging her left leg": "Please call",
    "my arm just flops when i lift it": "Please call",
    "grandad's gone all scrambled today": "Please call",
    "her mouth is hanging lower on the left": "Please call",
    "it's splitting and my eye won't stop": "If spasms come with a severe headache",
    "only half her smile goes up now": "Please call",
    "my cheek feels like cotton wool": "Please call",
    "his right leg won't cooperate": "Please call",
    "she's been having blackouts": "Please call",
    "dad's not knowing where he is": "Please call",
    "her hand feels like it belongs to somebody else": "Please call",
    "it kicked off ten minutes ago, never had anything like it": "If spasms start suddenly",
    "it's like my head is on fire": "If spasms come with a severe headache",
    "the print keeps swimming and i can't make the words out": "If spasms come with a severe headache",
    "is my father getting lakwa": "Please call",
    "her right side sits lower now": "Please call",
    "my foot won't do what i tell it": "Please call",
    "next thing he knew he was on the floor": "Please call",
    "she didn't know which town she was in": "Please call",
    # A "not" that denies something else before the subject: the start was sudden.
    "not slowly, it began at once": "If spasms start suddenly",
    "terribly bad, sort of throbbing": "If spasms come with a severe headache",
    "a horrible pain across the top of her head": "If spasms come with a severe headache",
}


@pytest.mark.parametrize("intent, slot, slot_type", SLOTS, ids=[s[0] for s in SLOTS])
@pytest.mark.parametrize("said, opening", RED_FLAG_SENTENCES.items(), ids=range(len(RED_FLAG_SENTENCES)))
def test_a_red_flag_in_any_slot_of_any_intent_gets_the_urgent_advice_first(intent, slot, slot_type,
                                                                           said, opening):
    response = heard(intent, slot, slot_type, said)
    assert speech(response).startswith(opening), speech(response)
    assert "call 911" in speech(response)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_emergency_number_is_said_digit_by_digit_in_every_locale(locale):
    number = EMERGENCY[locale].removeprefix("call ")
    for response in (heard("SymptomIntent", "symptom", "SYMPTOM", "she's collapsed", locale),
                     heard("CausesIntent", "cause", "CAUSE", "a splitting headache", locale),
                     ask("EmergencyIntent", locale=locale),
                     ask("AMAZON.FallbackIntent", locale=locale)):
        assert f'<say-as interpret-as="digits">{number}</say-as>' in ssml(response)
        assert EMERGENCY[locale] in speech(response)


def test_an_emergency_names_no_diagnosis_and_ends_the_session():
    response = heard("SymptomIntent", "symptom", "SYMPTOM", "i think my husband is having a stroke")
    text = speech(response)
    assert text.startswith("Please call 911 now")
    assert "stroke" not in text.lower() and "?" not in text
    assert response["response"]["shouldEndSession"] is True
    assert response["response"]["card"]["title"] == "Call 911 now"


@pytest.mark.parametrize("said", ["no headache", "i don't have a headache", "my vision is fine",
                                  "no blurred vision or anything", "it didn't start suddenly",
                                  "deep breathing", "my eye twitches when i'm tired",
                                  "is it a sign of something serious",
                                  "it's easing off since i gave up cola, only now and then"])
def test_a_denied_or_harmless_phrase_is_not_taken_for_a_red_flag(said):
    text = speech(heard("SymptomIntent", "symptom", "SYMPTOM", said))
    assert not text.startswith(("If spasms start suddenly", "If spasms come with", "Please call")), text


def test_a_red_flag_in_the_doctor_check_ends_the_check_with_the_urgent_advice():
    started = ask("SeeDoctorIntent")
    attributes = started["sessionAttributes"]
    assert attributes["asking"] == "sudden"
    response = heard("SymptomIntent", "symptom", "SYMPTOM",
                     "no it came on slowly but now she's slurring her words", attributes=attributes)
    assert speech(response).startswith("If spasms come with a severe headache")
    assert "asking" not in response["sessionAttributes"]
    response = heard("CausesIntent", "cause", "CAUSE", "her arm feels like jelly",
                     attributes=attributes)
    assert speech(response).startswith("Please call 911 now")


@pytest.mark.parametrize("intent, slots, reply", [
    ("AMAZON.FallbackIntent", {}, "Sorry, I didn't catch that"),
    ("SpasmTypesIntent", {"spasmType": SlotFill("the weather in paris", "SPASM_TYPE",
                                                "ER_SUCCESS_NO_MATCH")}, "anything on weather in paris"),
])
def test_every_non_answer_still_says_the_emergency_number(intent, slots, reply):
    text = speech(ask(intent, slots))
    assert reply in text and "If this is an emergency, call 911." in text


def test_a_second_miss_and_an_unclear_check_answer_still_say_the_emergency_number():
    first = ask("AMAZON.FallbackIntent")
    second = ask("AMAZON.FallbackIntent", attributes=first["sessionAttributes"])
    assert "I still didn't get that" in speech(second)
    assert "If this is an emergency, call 911." in speech(second)
    check = ask("SeeDoctorIntent")
    unclear = heard("SymptomIntent", "symptom", "SYMPTOM", "purple monkey dishwasher",
                    attributes=check["sessionAttributes"])
    assert "didn't catch that" in speech(unclear)
    assert "If this is an emergency, call 911." in speech(unclear)


@pytest.mark.parametrize("intent, slot, slot_type, said, topic", [
    ("SpasmTypesIntent", "spasmType", "SPASM_TYPE", "a facial spasm", "about"),
    ("TreatmentsIntent", "treatment", "TREATMENT", "is there medicine", "treatments"),
    ("SymptomIntent", "symptom", "SYMPTOM", "coffee", "caffeine"),
    ("SymptomIntent", "symptom", "SYMPTOM", "botox", "botulinum_toxin"),
    ("CausesIntent", "cause", "CAUSE", "lack of sleep", "fatigue"),
    ("TreatmentsIntent", "treatment", "TREATMENT", "seeing a physio", "physical_therapy"),
    ("SpasmTypesIntent", "spasmType", "SPASM_TYPE", "an m. r. i.", "scans"),
    ("CausesIntent", "cause", "CAUSE", "a problem with my nerves", "neurological"),
    # A question in the slot is read as a question, and the slot's own kind of thing wins a tie.
    ("TreatmentsIntent", "treatment", "TREATMENT", "what would doctors give", "treatments"),
    ("TreatmentsIntent", "treatment", "TREATMENT", "my neurologist suggested botox", "botulinum_toxin"),
    ("TreatmentsIntent", "treatment", "TREATMENT", "oral medication", "muscle_relaxants"),
    ("TreatmentsIntent", "treatment", "TREATMENT", "ways to unwind", "stress_management"),
    ("CausesIntent", "cause", "CAUSE", "being so tense all the time", "stress"),
    ("CausesIntent", "cause", "CAUSE", "too much chai", "caffeine"),
    ("SpasmTypesIntent", "spasmType", "SPASM_TYPE", "dis tone ya", "dystonia"),
])
def test_heard_words_are_read_against_every_topic(intent, slot, slot_type, said, topic):
    response = heard(intent, slot, slot_type, said)
    assert response["response"]["card"]["title"] == GUIDE.topic(topic).title, speech(response)
    assert "don't have anything" not in speech(response)


# Whole descriptions, as a catch-all slot hands them over: what they ask about is answered.
@pytest.mark.parametrize("said, topic", [
    ("i get through six cans of energy drink on a night shift is that what's doing it", "caffeine"),
    ("we've had a newborn for a month and i'm running on empty could that be why", "fatigue"),
    ("my brother had a car crash that hit his cheek and now it twitches are they related", "nerve_damage"),
    ("her eyelids keep clamping shut when she reads what is that called", "blepharospasm"),
    ("only the right side of his face pulls up every few minutes", "hemifacial_spasm"),
    ("my eyelid has been flickering for a fortnight what should i do", "home_care"),
    ("the neurologist mentioned focal dystonia what does that mean", "dystonia"),
    # A red flag only denied does not make it an answer to the check.
    ("my speech is perfectly normal but my eyelids keep screwing shut", "blepharospasm"),
    ("i'm definitely not having a stroke, i only want to know what causes these twitches", "causes"),
    ("no blurred vision at all, so do injections of botox actually work", "botulinum_toxin"),
])
def test_a_description_gets_the_topic_it_names_or_asks_for(said, topic):
    response = heard("SymptomIntent", "symptom", "SYMPTOM", said)
    assert response["response"]["card"]["title"] == GUIDE.topic(topic).title, speech(response)


def test_a_description_that_only_answers_the_check_starts_the_check():
    response = heard("SymptomIntent", "symptom", "SYMPTOM",
                     "i gave up coffee weeks ago and it's still happening every day")
    # Outside the check, an answer to it starts the check, red flags first.
    assert response["response"]["card"]["title"] != GUIDE.topic("caffeine").title
    assert speech(response).endswith("Did the spasms start suddenly?")


@pytest.mark.parametrize("said", ["my knee has been paining since this morning what to do",
                                  "i've had a sore throat for days what should i do"])
@pytest.mark.parametrize("intent, slot, slot_type", SLOTS[:2] + SLOTS[-2:],
                         ids=[s[0] for s in SLOTS[:2] + SLOTS[-2:]])
def test_a_complaint_about_somewhere_else_gets_no_medical_answer_but_the_number(said, intent,
                                                                                slot, slot_type):
    text = speech(heard(intent, slot, slot_type, said))
    assert "If this is an emergency, call 911." in text
    assert not text.startswith(("If spasms", "Please call", "There are things"))


def test_words_the_guide_lacks_get_the_intents_general_answer_and_a_few_words_back():
    response = heard("CausesIntent", "cause", "CAUSE",
                     "eating far too much dark chocolate late every single night of the week")
    text = speech(response)
    assert text.startswith("I don't have anything on eating far too much, but here's what the guide says.")
    assert GUIDE.topic("causes").say[0] in text
    assert word_count(ssml(response)) <= 90


@pytest.mark.parametrize("intent, slot, slot_type, said", [
    ("BeyondGuideIntent", "treatment", "TREATMENT", "magnesium"),
    ("TreatmentsIntent", "treatment", "TREATMENT", "botox while pregnant"),
    ("CausesIntent", "cause", "CAUSE", "giving my toddler magnesium"),
    ("SymptomIntent", "symptom", "SYMPTOM", "can i double my dose of muscle relaxants"),
    ("TreatmentsIntent", "treatment", "TREATMENT", "stop taking my tablets"),
    ("SymptomIntent", "symptom", "SYMPTOM", "will her twitch be lifelong"),
    # "could my tablets be causing it": whether a treatment causes spasms is a side effect.
    ("CausesIntent", "cause", "CAUSE", "my tablets"),
])
def test_questions_beyond_the_guide_get_no_answer_that_sounds_like_a_yes(intent, slot, slot_type, said):
    text = speech(heard(intent, slot, slot_type, said))
    assert text.startswith("The guide doesn't cover that"), text
    assert "doctor or pharmacist" in text
    assert not any(say in text for topic in GUIDE.topics.values() for say in topic.say)


def test_a_red_flag_inside_a_question_beyond_the_guide_still_comes_first():
    text = speech(heard("BeyondGuideIntent", "treatment", "TREATMENT",
                        "can i take more tablets my vision has gone blurry"))
    assert text.startswith("If spasms come with a severe headache")


@pytest.mark.parametrize("said", ["gabapentin", "clonazepam", "st john's wort"])
def test_a_medicine_the_guide_does_not_name_gets_no_answer_that_sounds_like_a_yes(said):
    response = heard("TreatmentsIntent", "treatment", "TREATMENT", said)
    text = speech(response)
    assert text.startswith("The guide doesn't cover that"), text
    assert "doctor or pharmacist" in text and "If this is an emergency, call 911." in text
    # What the guide does say about treatments is on offer.
    assert text.endswith(f"about {GUIDE.topic('treatments').name}?")


@pytest.mark.parametrize("said, topic", [
    ("is it something to panic about", "doctor"),
    ("it's not an emergency i just want to know what facial spasms are", "about"),
])
def test_a_general_question_said_as_a_description_gets_its_topic(said, topic):
    response = heard("SymptomIntent", "symptom", "SYMPTOM", said)
    assert response["response"]["card"]["title"] == GUIDE.topic(topic).title, speech(response)


@pytest.mark.parametrize("said", ["i've cut out coffee and the spasms haven't stopped",
                                  "tried magnesium, tried yoga, nothing, it's still going",
                                  "done all the home remedies and still the eye is jumping",
                                  "she's been doing yoga every day and it won't stop"])
def test_spasms_that_go_on_after_home_care_answer_the_checks_question_on_them(said):
    assert GUIDE.find_answer(said).id == "persistent"


@pytest.mark.parametrize("said", ["my doctor already ruled out a stroke and said it's stress",
                                  "a twitch in my cheek since the fall, slowly getting worse",
                                  "her eyes keep blinking shut like she can't hold them open"])
def test_words_that_only_sound_like_a_red_flag_get_no_urgent_advice(said):
    text = speech(heard("SymptomIntent", "symptom", "SYMPTOM", said, locale="en-CA"))
    assert not text.startswith(("If spasms start suddenly", "If spasms come with", "Please call")), text


def test_home_care_that_has_not_helped_gets_the_doctor_check_not_home_care_again():
    response = heard("HomeRemediesIntent", "description", "AMAZON.SearchQuery",
                     "i've changed my diet and cut out coffee and it still keeps happening")
    assert speech(response).endswith("Did the spasms start suddenly?"), speech(response)
    assert response["sessionAttributes"]["asking"] == GUIDE.check.steps[0].id


CAFFEINE = SlotFill("coffee", "CAUSE", "ER_SUCCESS_MATCH", "caffeine", "caffeine")


@pytest.mark.parametrize("described, named, topic", [
    (("HomeRemediesIntent", {"description": SlotFill("my eye has been twitching all week",
                                                     "AMAZON.SearchQuery")}),
     ("HomeRemediesIntent", {}), "home_care"),
    (("SymptomIntent", {"symptom": SlotFill("i drink loads of coffee every day could that be why "
                                            "my eye twitches", "SYMPTOM", "ER_SUCCESS_NO_MATCH")}),
     ("CausesIntent", {"cause": CAFFEINE}), "caffeine"),
])
def test_an_answer_to_a_description_also_says_the_emergency_number(described, named, topic):
    # A red flag said in words no list holds would otherwise go without the number; a plain
    # question stays short.
    response = ask(*described)
    assert response["response"]["card"]["title"] == GUIDE.topic(topic).title
    assert "If this is an emergency, call 911." in speech(response)
    plain = ask(*named)
    assert plain["response"]["card"]["title"] == GUIDE.topic(topic).title
    assert "If this is an emergency" not in speech(plain)
