"""What to say next, given the request, its slots and the session: plain Python, no SDK.

The Alexa glue turns a request into a Turn and the session attributes into a State; this
module answers with a Reply that names an answer (a set of templates) and its context.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import doctor_check, walking
from .conversation_state import Offer, Reply, Slot, State, Turn
from .guide import GUIDE, POSITION_SLOT_TYPE, SYMPTOM_SLOT_TYPE, UNSURE, Guide, Topic
from .lexicon import is_description
from .plain_text import tidy

__all__ = ["HANDLED_INTENTS", "Offer", "Reply", "Slot", "State", "Turn", "error", "respond"]

# Custom intent -> (the topic it asks about, the slot that can narrow it to one named thing):
# each topic in the guide names the intent that asks for it and that slot.
TOPIC_INTENTS: Mapping[str, tuple[str, str | None]] = {
    topic.intent: (topic.id, topic.slot[0] if topic.slot else None)
    for topic in GUIDE.topics.values() if topic.intent}

DESCRIPTION_SLOT = "description"
# Slot name -> the slot type the guide fills: the topics' slots, a place in a list, the doctor
# check's answers, and what was described before a general question.
SLOT_TYPES: Mapping[str, str] = {
    **{topic.slot[0]: topic.slot[1] for topic in GUIDE.topics.values() if topic.slot},
    "position": POSITION_SLOT_TYPE,
    doctor_check.CHECK_SLOT: SYMPTOM_SLOT_TYPE,
    # What was described before a general question ("... what should i do"): read for red
    # flags, for complaints about elsewhere, as every slot, and for a yes to the doctor
    # check's questions; otherwise not answered.
    DESCRIPTION_SLOT: "AMAZON.SearchQuery",
}

# Questions that, about a named type of spasm, the guide answers only for facial spasms in
# general: "what about treatment?" after hemifacial spasm says so, then gives the general answer.
GENERAL_ONLY_TOPICS = frozenset({"causes", "triggers", "diagnosis", "treatments", "home_care"})

# A heard slot value is read back as at most this many words: enough to recognise, never
# the user's whole sentence.
MAX_ECHO_WORDS = 4
MAX_ECHO_CHARS = 60


# Intents of their own for asking help now, and for questions past what the guide says.
EMERGENCY_INTENT = "EmergencyIntent"
BEYOND_GUIDE_INTENT = "BeyondGuideIntent"
BEYOND_GUIDE_SLOT = "treatment"
# "what is {spasmType}", "what is a {test}" say nothing of the condition itself: words the
# guide has nothing on there are not a question about facial spasms ("what is a pizza oven"),
# so no answer about them either. Every other topic intent's samples ask about the condition.
OPEN_QUESTION_INTENTS = frozenset({"SpasmTypesIntent", "DiagnosisIntent"})

# A tap on a screen (APL SendEvent): the glue reads its arguments into this slot, holding a
# topic's id or TOUCH_OFFER ("yes" to the offer on screen). It is answered as the spoken request.
TOUCH_REQUEST = "Alexa.Presentation.APL.UserEvent"
TOUCH_SLOT = "touched"
TOUCH_OFFER = "offer"


def respond(turn: Turn, state: State, guide: Guide = GUIDE) -> Reply:  # noqa: C901 - one flat dispatch
    if turn.request_type == "LaunchRequest":
        return _launch(state, guide)
    if turn.request_type in ("SessionEndedRequest", "System.ExceptionEncountered"):
        # Alexa accepts no speech for these.
        return Reply(template=None, context={}, state=state, end_session=True)
    if turn.request_type == TOUCH_REQUEST:
        return _touched(turn.slots.get(TOUCH_SLOT) or Slot(), state, guide)
    if turn.request_type != "IntentRequest":
        return error(state, guide)
    # Safety first: a red flag in any words, in any slot of any intent, at any point.
    red_flag = doctor_check.red_flag_in(turn.slots, guide)
    if red_flag is not None:
        return doctor_check.urgent_advice(red_flag, state, guide)
    intent = turn.intent or ""
    if intent == EMERGENCY_INTENT:
        return doctor_check.urgent_advice(guide.red_flags[doctor_check.EMERGENCY_FLAG], state, guide)
    if intent == BEYOND_GUIDE_INTENT or any(guide.asks_beyond(s.value) for s in turn.slots.values()
                                            if not s.resolved_id):
        return _beyond_guide(turn.slots, state, guide)
    if not state.asking and any(guide.about_elsewhere(s.value) for s in turn.slots.values()
                                if not s.resolved_id):
        # "my knee is paining, what to do": no answer of the guide's, but the number.
        return _fallback(state, guide)
    if intent == doctor_check.CHECK_INTENT:
        return _after_a_description(_check_answer(turn.slots, state, guide), turn.slots)
    if state.asking and intent in _CHECK_HANDLERS:
        return _CHECK_HANDLERS[intent](state, guide)
    if intent in TOPIC_INTENTS:
        return _after_a_description(_topic_intent(intent, turn.slots, state, guide), turn.slots)
    if intent == CHOOSE_ITEM_INTENT:
        return _choose_item(turn.slots, state, guide)
    handler = _BUILT_IN_HANDLERS.get(intent)
    if handler is None:
        return _fallback(state, guide)
    return handler(state, guide)


def _touched(slot: Slot, state: State, guide: Guide) -> Reply:
    """A tapped item: what saying its name would get; a tap on the offer is a yes."""
    if slot.resolved_id == TOUCH_OFFER:
        return _take_offer(state, guide)
    topic = guide.topics.get(slot.resolved_id or "")
    if topic is None:
        return _fallback(state, guide)
    return _named_reply(topic, state, guide)


def _after_a_description(reply: Reply, slots: Mapping[str, Slot]) -> Reply:
    """A topic answered from someone's description of their spasms also says the emergency
    line: a red flag said in words no list holds would otherwise go without the number."""
    if reply.template == "topic" and any(not slot.resolved_id and is_description(slot.value)
                                       for slot in slots.values()):
        return Reply(reply.template, {**reply.context, "described": True}, reply.state,
                     reply.end_session)
    return reply


def error(state: State, guide: Guide = GUIDE) -> Reply:
    """The apology for anything that went wrong: the session stays open and usable."""
    return Reply("error", {"examples": _examples(guide, 1)}, state._replace(asking=None))


def _launch(state: State, guide: Guide) -> Reply:
    return _menu(state, guide, template="launch")


def _topic_intent(intent: str, slots: Mapping[str, Slot], state: State, guide: Guide) -> Reply:
    topic_id, slot_name = TOPIC_INTENTS[intent]
    topic = guide.topic(topic_id)
    said = (slots.get(DESCRIPTION_SLOT) or Slot()).value
    answer = guide.find_answer(said) if said else None
    if answer is not None and answer.means == "yes":
        # "even after lifestyle changes it's continuing, what to do": home care is what
        # they tried; the guide's advice for it comes through the check, red flags first.
        return doctor_check.start(state, guide)
    if slot_name:
        slot = slots.get(slot_name) or Slot()
        named = topic_in_slot(slot, SLOT_TYPES[slot_name], guide)
        if named is not None and slot_name == "cause" and named.slot_type == SLOT_TYPES["treatment"]:
            # "could my tablets be causing it": whether a treatment causes spasms is a side
            # effect, which the guide does not cover.
            return _beyond_guide(slots, state, guide)
        if named is not None:
            return _named_reply(named, state, guide)
        heard = clean_heard(slot.value, guide)
        if heard:
            if guide.finder.names_condition(slot.value):
                # "what is jaw clenching": the condition itself, in words the guide lacks.
                start = guide.topic(guide.start) if intent in OPEN_QUESTION_INTENTS else topic
                return _topic_reply(start, 0, state._replace(subject=None), guide)
            if intent in OPEN_QUESTION_INTENTS:
                return _not_found(heard, topic, state)
            if slot_name == BEYOND_GUIDE_SLOT:
                # "can i take gabapentin": a medicine the guide does not name gets nothing
                # that sounds like a yes, but the guide's treatments on offer.
                return _beyond_guide(slots, state, guide, offer=topic)
            # "can pizza cause twitching": nothing on pizza, but the question has an answer.
            return _topic_reply(topic, 0, state._replace(subject=None), guide, missed=heard)
    if topic.id == guide.start:
        state = state._replace(subject=None)
    return _follow_up(topic, state, guide)


def _named_reply(topic: Topic, state: State, guide: Guide) -> Reply:
    """A topic asked for by name becomes the subject that general questions stay with;
    what facial spasms are is no such subject."""
    subject = None if topic.id == guide.start else topic.id
    return _topic_reply(topic, 0, state._replace(subject=subject), guide)


def _follow_up(topic: Topic, state: State, guide: Guide) -> Reply:
    """A general question asked while a named subject is being discussed stays with it as far
    as the guide allows: its own answer where the guide has one, else the general one, said so."""
    subject = guide.topics.get(state.subject or "")
    if subject is None or topic.id not in GENERAL_ONLY_TOPICS:
        return _topic_reply(topic, 0, state, guide)
    answered_by = subject.answered_by(topic.id)
    if answered_by is not None:
        return _topic_reply(guide.topic(answered_by), 0, state, guide)
    if subject.slot_type == SLOT_TYPES["spasmType"]:
        return _topic_reply(topic, 0, state, guide, general_for=subject)
    return _topic_reply(topic, 0, state, guide)


def _check_answer(slots: Mapping[str, Slot], state: State, guide: Guide) -> Reply:
    slot = slots.get(doctor_check.CHECK_SLOT) or Slot()
    lead, rest = doctor_check.split_lead(slot.value)
    asked = None if state.asking or slot.resolved_id else asked_in_description(slot.value, guide)
    if asked is not None:
        # A description with a question in it is answered (red flags were read first).
        return _named_reply(asked, state, guide)
    answer = doctor_check.check_answer_in(slot, guide, state.asking)
    if answer is None and lead and rest:
        answer = guide.find_answer(rest, state.asking)
    if answer is None and (slot.resolved_id == UNSURE or guide.is_unsure(slot.value)):
        # "I don't know" answers a question; with none waiting it is no request.
        return doctor_check.take_unsure(state, guide) if state.asking else _fallback(state, guide)
    if answer is not None or (state.asking and lead):
        return doctor_check.take_words(answer, state, guide, lead)
    named = guide.find_topic(slot.value)
    if named is not None:
        # "and coffee?", "botox?": a topic said on its own lands here on Alexa.
        return _named_reply(named, state, guide)
    heard = clean_heard(slot.value, guide)
    if state.asking:
        return doctor_check.unclear(state, guide)
    if not heard:
        return _fallback(state, guide)
    if guide.finder.names_condition(slot.value):
        # Symptoms described without a red flag: the check asks the guide's questions.
        return doctor_check.start(state, guide)
    return _not_found(heard, guide.topic(guide.check.topic), state)


def asked_in_description(value: str | None, guide: Guide, slot_type: str | None = None
                         ) -> Topic | None:
    """The topic a description said outside the doctor check is about, if any.

    Said without a question, words that answer the check ("i quit coffee and it's still
    happening") are that answer, unless they only deny a red flag beside a thing the guide
    names ("her speech is fine, her eyelids just keep clamping shut"). Otherwise a thing the
    guide names in it ("i drink a lot of coffee and my eye won't quit") is what the person
    wants to hear about, then a general question said with it ("... what to do?").
    """
    if not value:
        return None
    asked = guide.asked_topic(value)
    asking = asked is not None or guide.asks(value)
    # A thing the slot's own type names wins a tie: "my neurologist mentioned botox", said
    # where a treatment goes, is Botox.
    named = guide.mentioned_topic(value, slot_type)
    answer = None if asking else guide.find_answer(value)
    if answer is not None and (named is None or named.slot_type is None
                               or not guide.check.answers_a_red_flag_question(answer)):
        return None
    if named is not None and named.slot_type is not None:
        return named
    if asked is not None:
        return asked
    return named if asking else None


def _beyond_guide(slots: Mapping[str, Slot], state: State, guide: Guide,
                  offer: Topic | None = None) -> Reply:
    """A dose, a child, a pregnancy: nothing that sounds like a yes. Say the guide does not
    cover it, to ask a doctor or pharmacist, and offer what the guide does say."""
    slot = slots.get(BEYOND_GUIDE_SLOT) or Slot()
    named = topic_in_slot(slot, SLOT_TYPES[BEYOND_GUIDE_SLOT], guide)
    if named is not None and named.say:
        offer = named
    offer = offer or guide.topic(guide.check.topic)
    # Nothing was said about a topic: the state holds only the offer.
    return Reply("beyond_guide", {"offer": offer},
                 state._replace(topic=None, part=0, offer=Offer(offer.id), asking=None, misses=0))


def _not_found(heard: str, overview: Topic, state: State) -> Reply:
    """Something the guide does not cover: say so briefly and offer what it does cover."""
    context = {"heard": heard, "offer": overview}
    return Reply("not_found", context, state._replace(offer=Offer(overview.id), asking=None))


def topic_in_slot(slot: Slot, slot_type: str, guide: Guide) -> Topic | None:
    """The topic a topic intent's slot names: entity resolution's id, else its words."""
    if slot.resolved_id:
        topic = guide.topics.get(slot.resolved_id)
        if topic is not None and topic.slot_type is not None:
            return topic
    # Entity resolution may be absent or may not have matched: the words still count. A
    # description is read as anywhere else: "what can a doctor give you" asks for treatments,
    # though it mentions a doctor.
    asked = (asked_in_description(slot.value, guide, slot_type)
             if is_description(slot.value) or guide.asks(slot.value) else None)
    return asked or guide.find_topic(slot.value, slot_type)


def _topic_reply(topic: Topic, part: int, state: State, guide: Guide,
                  general_for: Topic | None = None, missed: str | None = None) -> Reply:
    if topic.id == guide.check.topic:
        return doctor_check.start(state, guide)
    state = walking.hearing(state, guide, topic.id, part)
    offer = walking.next_step(state, guide, topic.id, part)
    listed = walking.listed_in(guide, topic.id, part)
    if general_for is not None and state.caveat == general_for.id:
        general_for = None  # its caveat was said already
    context = {
        "general_for": general_for,
        "topic": topic,
        "part": part,
        "urgent": part in topic.urgent_parts,
        "choices": tuple(guide.topic(t) for t in listed),
        **_offer_context(state, guide, topic.id, offer),
    }
    if missed:
        context["heard"] = missed
    new_state = state._replace(topic=topic.id, part=part, offer=offer, misses=0, asking=None,
                               listed=listed, declined=False,
                               caveat=general_for.id if general_for else state.caveat)
    return Reply("topic", context, new_state)


def _offer_context(state: State, guide: Guide, topic_id: str | None, offer: Offer | None
                   ) -> dict:
    """How an answer ends: the next step offered, worded to fit what was just said and varied
    as the conversation goes on, and an example question for the reprompt that is neither the
    question just answered nor the one on offer."""
    kind = walking.offer_kind(guide, topic_id, offer) if offer else None
    return {
        "offer": guide.topic(offer.topic) if offer else None,
        "offer_kind": kind,
        "offer_is_more": kind == walking.MORE,
        "style": bin(state.heard).count("1") % 3,
        "example": _example(state, guide, topic_id, offer),
    }


def _example(state: State, guide: Guide, topic_id: str | None, offer: Offer | None) -> str:
    avoid = (topic_id, offer.topic if offer else None)
    other = [t for t in guide.help_topics if t not in avoid] or guide.help_topics
    chosen = next((t for t in other if not walking.is_heard(state, guide, t)), other[0])
    return guide.topic(chosen).example or ""


def _take_offer(state: State, guide: Guide) -> Reply:
    if state.offer is None:
        return _what_else(state, guide)
    return _topic_reply(guide.topic(state.offer.topic), state.offer.part, state, guide)


def _what_else(state: State, guide: Guide, template: str = "what_else") -> Reply:
    """No offer is pending (all heard, a thanks, a "no"): ask what they would like."""
    new_state = state._replace(offer=None, asking=None, misses=0,
                               declined=template == "declined")
    return Reply(template, {"example": _example(state, guide, state.topic, None)}, new_state)


def _no(state: State, guide: Guide) -> Reply:
    """A "no" to an offer asks what they would like instead; a second "no", or a "no" with
    nothing on offer, ends politely."""
    if state.declined or state.offer is None:
        return _goodbye(state, guide)
    return _what_else(state, guide, template="declined")


def _thanks(state: State, guide: Guide) -> Reply:
    """Thanks are not a yes: say you're welcome and ask whether there is anything else."""
    return _what_else(state, guide, template="thanks")


def _go_back(state: State, guide: Guide) -> Reply:
    if not state.back:
        return _repeat(state, guide)
    topic_id, part = guide.walk[state.back[-1]]
    # Going back is not a new step forward: what is said now is not kept to go back to.
    earlier = state._replace(back=state.back[:-1], topic=None, part=0)
    return _topic_reply(guide.topic(topic_id), part, earlier, guide)


def _simpler(state: State, guide: Guide) -> Reply:
    """"I didn't understand": the answer again in plainer words, with the same offer."""
    topic = guide.topics.get(state.topic or "")
    if topic is None or not topic.simply:
        return _help(state, guide)
    offer = state.offer
    context = {"topic": topic, **_offer_context(state, guide, topic.id, offer)}
    return Reply("simpler", context, state._replace(misses=0, declined=False))


def _explain(state: State, guide: Guide) -> Reply:
    """"What's that?": the thing the last answer named that has not been explained yet."""
    if state.topic is None:
        return _fallback(state, guide)
    named = walking.named_in(guide, state.topic, state.part)
    # An answer that lists topics explains what it lists ("conditions like dystonia" in the
    # neurological causes asks about dystonia, not about medical conditions).
    named = [t for t in named if t in guide.topic(state.topic).items] or named
    if not named:
        return _simpler(state, guide)
    unheard = [t for t in named if not walking.is_heard(state, guide, t)]
    return _named_reply(guide.topic((unheard or named)[0]), state, guide)


# What "the second one" says, as the POSITION slot's ids.
POSITIONS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}
POSITION_SLOT = "position"


def _choose_item(slots: Mapping[str, Slot], state: State, guide: Guide) -> Reply:
    """"The second one": an item of the list just given, by its place in it."""
    slot = slots.get(POSITION_SLOT) or Slot()
    index = POSITIONS.get(slot.resolved_id or guide.position_in(slot.value) or "")
    if not state.listed:
        return _fallback(state, guide)
    if index is None or index >= len(state.listed):
        return _others(state, guide, which=True)
    return _named_reply(guide.topic(state.listed[index]), state, guide)


def _others(state: State, guide: Guide, which: bool = False) -> Reply:
    """"What else?", "what were the other causes?": the other topics of the list this one
    belongs to, or the list just given; elsewhere, the next step of the walk."""
    current = guide.topics.get(state.topic or "")
    if current is None:
        return _take_offer(state, guide)
    if current.items:
        others, current = current.items, None
    elif current.id in guide.parents:
        others = tuple(t for t in guide.topic(guide.parents[current.id]).items if t != current.id)
    elif which and state.listed:
        others, current = state.listed, None
    else:
        return _take_offer(state, guide)
    unheard = [t for t in others if not walking.is_heard(state, guide, t)]
    offer = Offer(unheard[0]) if unheard else state.offer
    context = {"current": current, "choices": tuple(guide.topic(t) for t in others),
               **_offer_context(state, guide, state.topic, offer)}
    return Reply("others", context, state._replace(offer=offer, listed=others, misses=0,
                                                     declined=False))


def _menu(state: State, guide: Guide, template: str = "menu") -> Reply:
    start = (Offer(guide.start) if not walking.is_heard(state, guide, guide.start)
             else walking.next_step(state, guide, None))
    context = {"offer": guide.topic(start.topic) if start else None,
               "examples": _examples(guide, 1)}
    return Reply(template, context, state._replace(offer=start, misses=0, subject=None,
                                                 asking=None, declined=False))


def _help(state: State, guide: Guide) -> Reply:
    return Reply("help", {"examples": _examples(guide, 3)}, state._replace(misses=0))


def _goodbye(state: State, guide: Guide) -> Reply:
    return Reply("goodbye", {}, state, end_session=True)


# The first miss says sorry and offers again; the second is shorter; the third offers help;
# the fourth ends the session. Each says the emergency line.
FALLBACKS = ("fallback", "fallback_again", "fallback_help", "fallback_end")


def _fallback(state: State, guide: Guide) -> Reply:
    misses = min(state.misses + 1, len(FALLBACKS))
    template = FALLBACKS[misses - 1]
    ending = template == FALLBACKS[-1]
    # The last miss ends the session: nothing is offered, on a screen either.
    offer = state.offer if not ending else None
    context = {"examples": _examples(guide, 2),
               "offer": guide.topic(offer.topic) if offer else None,
               "offer_is_more": offer is not None
               and walking.offer_kind(guide, state.topic, offer) == walking.MORE}
    return Reply(template, context, state._replace(misses=misses), end_session=ending)


def _repeat(state: State, guide: Guide) -> Reply:
    if not state.last_speech:
        return _menu(state, guide)
    context = {"speech": state.last_speech, "reprompt": state.last_reprompt or ""}
    return Reply("repeat", context, state)


_BUILT_IN_HANDLERS = {
    "AMAZON.HelpIntent": _help,
    "AMAZON.StopIntent": _goodbye,
    "AMAZON.CancelIntent": _goodbye,
    "AMAZON.NoIntent": _no,
    "AMAZON.PreviousIntent": _go_back,
    "ThanksIntent": _thanks,
    "OkayIntent": _take_offer,
    "SimplerIntent": _simpler,
    "ExplainIntent": _explain,
    "OtherItemsIntent": _others,
    "AMAZON.FallbackIntent": _fallback,
    "AMAZON.NavigateHomeIntent": _menu,
    "AMAZON.StartOverIntent": _menu,
    "AMAZON.RepeatIntent": _repeat,
    "AMAZON.YesIntent": _take_offer,
    "AMAZON.MoreIntent": _take_offer,
    "AMAZON.NextIntent": _take_offer,
}

# While the doctor check waits for an answer, these mean something else.
_CHECK_HANDLERS = {
    "AMAZON.YesIntent": doctor_check.take_yes,
    "AMAZON.NoIntent": doctor_check.take_no,
    "AMAZON.FallbackIntent": doctor_check.unclear,
    "OkayIntent": lambda state, guide: doctor_check.reask(state, guide, "okay"),
    "AMAZON.HelpIntent": lambda state, guide: doctor_check.reask(state, guide, "help"),
    "AMAZON.MoreIntent": lambda state, guide: doctor_check.reask(state, guide, "help"),
    "AMAZON.NextIntent": lambda state, guide: doctor_check.reask(state, guide, "help"),
}

CHOOSE_ITEM_INTENT = "ChooseItemIntent"
BUILT_IN_INTENTS = tuple(_BUILT_IN_HANDLERS)
# Intent -> the slot that names one of the guide's topics in it.
TOPIC_SLOTS: Mapping[str, str] = {
    **{intent: slot for intent, (_, slot) in TOPIC_INTENTS.items() if slot},
    BEYOND_GUIDE_INTENT: BEYOND_GUIDE_SLOT,
}
HANDLED_INTENTS = (*TOPIC_INTENTS, doctor_check.CHECK_INTENT, EMERGENCY_INTENT,
                   BEYOND_GUIDE_INTENT, CHOOSE_ITEM_INTENT, *BUILT_IN_INTENTS)


def clean_heard(value: str | None, guide: Guide = GUIDE) -> str:
    """A heard value made safe and short to say back: its few words that could name
    something ("pizza spasm" of "what about a pizza spasm"), no control characters."""
    if not value:
        return ""
    words = tidy(value).split()
    while words and guide.finder.is_filler(words[0]):
        words.pop(0)
    while words and guide.finder.is_filler(words[-1]):
        words.pop()
    text = " ".join(words[:MAX_ECHO_WORDS])
    if len(text) > MAX_ECHO_CHARS:
        text = text[:MAX_ECHO_CHARS].rsplit(" ", 1)[0]
    return text


def _examples(guide: Guide, count: int) -> tuple[str, ...]:
    return guide.help_examples[:count]
