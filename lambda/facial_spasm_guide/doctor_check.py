"""The "should I see a doctor?" check: the guide's own advice, asked one question at a time,
red flags first. Plain Python, no SDK.

A red flag ("my speech is slurred", "it came on suddenly") gets the urgent advice at once,
wherever it is said: as an answer, in the middle of another topic, or inside another
question's slot. The check never diagnoses; it says which of the guide's rules applies.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import walking
from .conversation_state import Offer, Reply, Slot, State
from .guide import CheckAnswer, CheckOutcome, CheckStep, Guide, RedFlag
from .lexicon import is_description, words_of
from .red_flag_reader import reader

# The custom intent that carries an answer in the user's own words, and its slot.
CHECK_INTENT = "SymptomIntent"
CHECK_SLOT = "symptom"
# The emergency a request for help now is, and what the second net's finds get: the local
# number at once, naming nothing.
EMERGENCY_FLAG = "call_for_help"


def start(state: State, guide: Guide) -> Reply:
    return start_knowing(state._replace(known=()), guide)


def check_answer_in(slot: Slot, guide: Guide, step: str | None = None) -> CheckAnswer | None:
    """The check answer a slot holds: by entity resolution's id, or by the words heard (an
    answer to the question asked, `step`, first)."""
    answer = guide.check.answers.get(slot.resolved_id or "")
    if answer is None and slot.value:
        answer = guide.find_answer(slot.value, step)
    return answer


def red_flag_in(slots: Mapping[str, Slot], guide: Guide) -> RedFlag | None:
    """A red flag said anywhere in the request, in any slot of any intent, in any words:
    the id entity resolution gave, or the heard words read one by one. Words entity
    resolution matched are one of the guide's own listed values, whose red flag (or none)
    is their id (tests/skill/test_lexicon.py checks every listed value)."""
    for slot in slots.values():
        flag = guide.red_flags.get(slot.resolved_id) if slot.resolved_id else guide.red_flag_in(slot.value)
        if flag is not None:
            return flag
    for slot in slots.values():
        if not slot.resolved_id and _reads_as_an_emergency(slot.value, guide):
            return guide.red_flags[EMERGENCY_FLAG]
    return None


def _reads_as_an_emergency(heard: str | None, guide: Guide) -> bool:
    """The second net (red_flag_reader.py), for a long description the word lists found
    nothing in: not for words that deny red flags or say the spasms are calm ("no, it came
    on over weeks and it's easing"), nor for a complaint about somewhere else."""
    if not is_description(heard):
        return False
    answer = guide.find_answer(heard)
    if answer is not None and answer.means == "no":
        return False
    return reader().says_emergency(heard) and not guide.about_elsewhere(heard)


def urgent_advice(flag: RedFlag, state: State, guide: Guide) -> Reply:
    """What a red flag gets before anything else: the guide's urgent advice for the signs it
    names, and for any other emergency, the local emergency number and nothing more."""
    if flag.is_emergency:
        return Reply("emergency", {}, state._replace(offer=None, asking=None, misses=0),
                     end_session=True)
    return advise(guide.check.outcome_of(flag.answer), state, guide)


def take_yes(state: State, guide: Guide) -> Reply:
    step = guide.check.step(state.asking)
    return advise(guide.check.outcomes[step.if_yes], state, guide)


def take_no(state: State, guide: Guide, reason: str = "next") -> Reply:
    """On to the next question, skipping those already answered: one answered yes early
    ("and it keeps coming back") gives its advice once the red-flag questions are done."""
    known = dict(state.known)
    following = guide.check.next_step(state.asking)
    while following is not None and following.id in known:
        if known[following.id] == "yes":
            return advise(guide.check.outcomes[following.if_yes], state, guide)
        following = guide.check.next_step(following.id)
    if following is None:
        return advise(guide.check.outcomes[guide.check.otherwise], state, guide, reason=reason)
    return _ask(following, state, guide, reason=reason)


def take_unsure(state: State, guide: Guide) -> Reply:
    """"I don't know": taken as a no, and said how, with the rule to keep in mind."""
    return take_no(state, guide, reason="unsure")


def unclear(state: State, guide: Guide) -> Reply:
    """An answer not understood: the question in other words once, then a way out."""
    if state.misses >= 1:
        offer = _offer_after(guide, state, "seek_advice")
        context = {"offer": guide.topic(offer.topic) if offer else None, "offer_is_more": False,
                   "topic": guide.topic(guide.check.topic)}
        return Reply("check_way_out", context,
                     state._replace(asking=None, offer=offer, misses=0, known=()))
    return reask(state, guide, reason="unclear")


# Words that open an answer with its yes or no: "no, it came on slowly".
_LEADS = {"yes": "yes", "yeah": "yes", "yep": "yes", "yup": "yes", "aye": "yes",
          "no": "no", "nope": "no", "nah": "no"}


def split_lead(heard: str | None) -> tuple[str | None, str]:
    """("no", "it came on slowly") for "no, it came on slowly"; (None, words) otherwise."""
    words = words_of(heard or "")
    if len(words) > 1 and _LEADS.get(words[0]):
        return _LEADS[words[0]], " ".join(words[1:])
    return None, " ".join(words)


def take_words(answer: CheckAnswer | None, state: State, guide: Guide,
                    lead: str | None = None) -> Reply:
    """What the user said about their symptoms, in their own words, during the check or,
    when the words are among the check's answers, at any other point. A yes or no said
    before the words goes with them ("no, it came on slowly"); said before words that are
    no answer, it answers the question."""
    check = guide.check
    if answer is not None and check.is_red_flag(answer):
        return advise(check.outcome_of(answer), state, guide)
    if state.asking is None:
        if answer is not None:
            # "It came on gradually", "it keeps coming back": kept, not asked again.
            state = state._replace(known=((answer.step, answer.means),))
        return start_knowing(state, guide)
    if answer is None:
        if lead == "yes":
            return take_yes(state, guide)
        if lead == "no":
            return take_no(state, guide)
        return unclear(state, guide)
    if answer.step == state.asking:
        return take_yes(state, guide) if answer.means == "yes" else take_no(state, guide)
    known = (*[k for k in state.known if k[0] != answer.step], (answer.step, answer.means))
    return reask(state._replace(known=known), guide, reason="noted")


def start_knowing(state: State, guide: Guide) -> Reply:
    """The check, with the answers already given kept: its first question not yet answered."""
    known = state.known
    state = walking.hearing(state, guide, guide.check.topic)
    first = guide.check.steps[0]
    if dict(known).get(first.id) != "no":
        return _ask(first, state._replace(known=known), guide, reason="first")
    return take_no(state._replace(asking=first.id, known=known), guide, reason="first")


def reask(state: State, guide: Guide, reason: str) -> Reply:
    """The waiting question again, with a word on why: not caught, help, or another answer."""
    return _ask(guide.check.step(state.asking), state, guide, reason=reason)


def advise(outcome: CheckOutcome, state: State, guide: Guide, reason: str | None = None) -> Reply:
    said = walking.outcome_parts(guide).get(outcome.id)
    if said is not None:
        state = walking.hearing(state, guide, *said)
    offer = _offer_after(guide, state, outcome.offer)
    context = {"outcome": outcome, "offer": guide.topic(offer.topic) if offer else None,
               "offer_is_more": False, "topic": guide.topic(guide.check.topic),
               "unsure": guide.check.step(state.asking).unsure if reason == "unsure" else None}
    new_state = state._replace(topic=guide.check.topic, part=0, offer=offer, asking=None,
                               misses=0, known=(), listed=(), declined=False)
    return Reply("check_outcome", context, new_state)


def _offer_after(guide: Guide, state: State, topic_id: str) -> Offer | None:
    """The topic the advice leads to, unless it was heard: then the walk's next step."""
    if not walking.is_heard(state, guide, topic_id):
        return Offer(topic_id)
    return walking.next_step(state, guide, guide.check.topic)


def _ask(step: CheckStep, state: State, guide: Guide, reason: str) -> Reply:
    steps = guide.check.steps
    previous = guide.check.step(state.asking) if state.asking else None
    context = {"step": step, "number": steps.index(step) + 1, "count": len(steps),
               "reason": reason, "topic": guide.topic(guide.check.topic),
               "unsure": previous.unsure if reason == "unsure" and previous else None}
    new_state = state._replace(topic=guide.check.topic, part=0, offer=None, asking=step.id,
                               misses=state.misses + 1 if reason == "unclear" else 0,
                               listed=(), declined=False)
    return Reply("check_question", context, new_state)
