"""The reviewed word lists in guide.json: red flags, check answers, questions beyond the guide.

The skill trusts entity resolution's id for a value it matched (one of the guide's own listed
words), so every listed word must read the same way word by word; and none of the words the
guide uses for its topics may ever be taken for a red flag.
"""

from __future__ import annotations

import pytest

from facial_spasm_guide.guide import GUIDE
from facial_spasm_guide.lexicon import Lexicon, spoken_forms, words_of

CHECK = GUIDE.check


def topic_words():
    for topic in GUIDE.topics.values():
        yield from (topic.name, topic.title, *topic.words)


def test_every_listed_red_flag_word_is_its_red_flag_word_by_word():
    for flag in GUIDE.red_flags.values():
        said = flag.examples if flag.is_emergency else flag.answer.words
        for words in said:
            found = GUIDE.red_flag_in(words)
            assert found is not None, (flag.id, words)
            if not flag.is_emergency:
                # A guide red flag may read as an emergency (both give the number at once),
                # never as another guide red flag's advice.
                assert found is flag or found.is_emergency, (flag.id, words, found.id)


def test_the_symptom_slot_holds_the_phrases_the_lexicon_spells_out_each_read_as_its_flag():
    values = dict(GUIDE.slot_values("SYMPTOM"))
    assert {"keeled over", "passed out", "paralysis attack"} <= set(values["fainting"] + values["stroke"])
    assert {"double vision", "two of everything"} <= set(values["vision"])
    for flag in GUIDE.red_flags.values():
        value_id = flag.id if flag.is_emergency else flag.answer.id
        for words in values[value_id]:
            found = GUIDE.red_flag_in(words)
            assert found is not None and (found is flag or found.is_emergency), (flag.id, words)
    said = [w for words in values.values() for w in words]
    assert len(said) == len(set(said)), "a phrase in two values would resolve to either"


def test_spoken_forms_lists_a_plain_pattern_and_refuses_the_rest():
    assert spoken_forms("(passed|blacked) out (cold|)") == ["passed out cold", "passed out",
                                                            "blacked out cold", "blacked out"]
    assert spoken_forms("numb*") == spoken_forms("face ... droop*") == spoken_forms("^ fast") == []
    assert spoken_forms("<cant> see") == []
    assert spoken_forms("(cant|can not) breathe") == ["can not breathe"]  # no apostrophe lost
    assert spoken_forms("(dropped|fell) like a") == []  # the start of a longer phrase
    assert spoken_forms("(a|b) (c|d) (e|f) (g|h)", limit=12) == []


def test_no_word_the_guide_uses_for_a_topic_or_a_calm_answer_is_a_red_flag():
    calm = [w for a in CHECK.answers.values() if not CHECK.is_red_flag(a) for w in a.words]
    for words in [*topic_words(), *calm, *GUIDE.help_examples]:
        assert GUIDE.red_flag_in(words) is None, words
        assert not GUIDE.asks_beyond(words), words


def test_calm_answers_read_word_by_word_give_their_own_answer():
    for answer in CHECK.answers.values():
        if CHECK.is_red_flag(answer):
            continue
        for words in answer.words:
            found = GUIDE.answer_words.find(words)
            assert found in (None, answer.id), (answer.id, words, found)


@pytest.mark.parametrize("said, flag", [
    # Everyday idioms, in other words than the lexicon's.
    ("she went out like a light on the stairs", "fainting"), ("could it be a c v a", "stroke"),
    ("water dribbles out of the corner of his mouth", "face_droop"),
    ("my cheek feels like i've been to the dentist", "numbness"),
    ("my fingers have gone clumsy", "weakness"), ("he's gone all mixed up", "confusion"),
    ("it's like she has marbles in her mouth", "speech"), ("a film over my left eye", "vision"),
    ("he was frothing and his arms shook", "seizure"),
    ("nothing of what he says makes sense", "confusion"), ("the telly is all smeary", "vision"),
    ("fetch him some help", "call_for_help"),
    ("my vision is fine but my speech is slurred", "speech"),
    ("no headache, but my dad can't lift his arm", "weakness"),
    ("she says her head is killing her", "headache"),
    ("his words are all jumbled up", "speech"),
    ("the twitch isn't the worst bit, it's that i'm slurring", "speech"),
    ("no feeling in her left hand", "numbness"),
    ("no, my speech is slurred", "speech"),
    ("it didn't start suddenly but now i can't see properly", "vision"),
    ("not a headache, no, he's convulsing", "seizure"),
    ("it all comes out garbled, like she can't find the words", "speech"),
    ("he can't get a sentence out", "speech"),
    ("her mouth has gone all slack", "face_droop"),
    ("he keeled sideways off the bench", "fainting"),
])
def test_red_flags_in_everyday_words_with_negation_and_other_people(said, flag):
    assert GUIDE.red_flag_in(said).id == flag


@pytest.mark.parametrize("said", [
    "no headache", "i don't have a headache or blurred vision", "it didn't start suddenly",
    "not sudden at all", "no numbness or weakness", "i haven't fainted or anything",
    "she's not confused", "my speech is fine", "deep breathing exercises", "a double double",
    "a faint twitch in my eyelid", "my back has been aching since this morning",
    "i go to the dentist tomorrow", "my son has had a stammer since he was little",
    "i drool a bit when i sleep", "i get mixed up about which remedies to try",
    "half his face scrunches up now and then",
    # How long, not how it started: "since morning" is Indian English for "since this morning".
    "my eyelid has been jumping since morning",
])
def test_denied_or_harmless_words_are_not_red_flags(said):
    assert GUIDE.red_flag_in(said) is None


@pytest.mark.parametrize("said, topic", [
    ("i get through ten cuppas a day", "caffeine"),
    ("we've had two hours' kip a night since the baby came", "fatigue"),
    ("her eyes screw shut by themselves", "blepharospasm"),
    ("the right side of his face pulls up", "hemifacial_spasm"),
    ("i haven't tried yoga, does it help", "yoga_meditation"),
    ("what's the weather like", None),
    ("my doctor mentioned focal dystonia", "dystonia"),
])
def test_a_description_names_the_topic_it_mentions(said, topic):
    found = GUIDE.mentioned_topic(said)
    assert (found.id if found else None) == topic


@pytest.mark.parametrize("said, beyond", [
    ("how much magnesium a day", True), ("giving my toddler magnesium", True),
    ("is it safe while breastfeeding", True), ("can i double my dose", True),
    ("i am driving myself mad with this twitch", False), ("my son is twenty five", False),
    ("botox", False),
    ("a glass of wine with my muscle relaxers", True), ("i'm on warfarin, can i have botox", True),
    ("i stopped drinking coffee, do i need medicine", False),
])
def test_questions_beyond_the_guide(said, beyond):
    assert GUIDE.asks_beyond(said) is beyond


def test_apostrophes_and_punctuation_are_read_as_alexa_hears_them():
    assert words_of("My vision's gone, it's BLURRY!") == ["my", "vision", "gone", "its", "blurry"]
    assert words_of("can’t") == words_of("cannot") == ["cannot"]
    # Alexa may hand over "won't" or "will not": a negation reads the same either way.
    assert words_of("she won't wake up") == words_of("she will not wake up")
    for said in ["she won't wake up", "she will not wake up"]:
        assert GUIDE.red_flag_in(said).id == "fainting"
    for said in ["no, i don't have a headache", "no, i do not have a headache"]:
        assert GUIDE.red_flag_in(said) is None


def test_every_pattern_compiles_and_a_broken_one_is_refused():
    for lexicon in (GUIDE.red_flag_words, GUIDE.answer_words, GUIDE.beyond_words):
        lexicon.compile()
    for broken in ["(unclosed", "closed)", "<nothing>"]:
        with pytest.raises(ValueError):
            Lexicon([("x", [broken])], {}).compile()
    with pytest.raises(ValueError):
        Lexicon([("x", ["<loop>"])], {"loop": "a|<loop>"}).compile()


def test_the_pattern_syntax():
    lexicon = Lexicon([("gap", ["face ... droop*"]), ("start", ["^ fast"]),
                       ("group", ["<cant> see"])], {"cant": "cant|cannot"})
    assert lexicon.find("her face is all droopy") == "gap"
    assert lexicon.find("face one two three four five droopy") is None  # past the gap
    assert lexicon.find("fast and then") == "start"
    assert lexicon.find("it came on fast") is None  # not at the start
    assert lexicon.find("i cannot see") == "group"
    assert lexicon.find("i can't not see") is None  # denied
