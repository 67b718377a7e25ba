"""The guide's content, read once at import: topics, what to say, and the words people use.

Everything the skill says about facial spasms, and every slot value the interaction model
offers, comes from content/guide.json, so an answer and the words that reach it cannot drift.
That includes the doctor check: its questions, red flags first, the advice each answer leads
to, and the everyday words people answer with.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from .lexicon import Lexicon, spoken_forms, words_of
from .topic_finder import TopicFinder

CONTENT_FILE = Path(__file__).parent / "content" / "guide.json"


# The guide's objects are plain classes with __slots__, made once per process and compared by
# identity. Lambda imports this module at every cold start, where a class costs little to
# create, a NamedTuple about 0.15 ms (it compiles its constructor) and a frozen dataclass about
# 0.5 ms (it compiles all its methods).
class Topic:
    """One topic: what to say about it, piece by piece, and the words that name it."""

    __slots__ = ("id", "title", "name", "say", "items", "example", "slot_type", "words",
                 "follow", "simply", "urgent_parts", "intent", "slot")

    def __init__(self, id: str, title: str, name: str, say: tuple[str, ...],
                 items: tuple[str, ...] = (), example: str | None = None,
                 slot_type: str | None = None, words: tuple[str, ...] = (),
                 follow: tuple[tuple[str, str], ...] = (), simply: str | None = None,
                 urgent_parts: frozenset[int] = frozenset(), intent: str | None = None,
                 slot: tuple[str, str] | None = None) -> None:
        self.id = id
        self.title = title
        self.name = name
        self.say = say
        # The topics this one lists ("three main kinds: ..."), in the order it says them: what
        # "the second one" and a tap on the screen pick from, and where walking the guide goes.
        self.items = items
        self.example = example
        self.slot_type = slot_type
        self.words = words
        # (general topic id, a topic that answers it for this subject): "what about treatment?"
        # after stress is about managing stress, where the guide has such a topic.
        self.follow = follow
        # The answer said again in plainer words, for "I didn't understand".
        self.simply = simply
        # The parts that are urgent advice (a sudden start...): said with the emergency number.
        self.urgent_parts = urgent_parts
        # The intent that asks for this topic, and the (name, slot type) of its slot that can
        # narrow the question to one thing the topic lists: the model builder gives the intent
        # this slot, and the conversation reads it, from here.
        self.intent = intent
        self.slot = slot

    def answered_by(self, general_id: str) -> str | None:
        """The topic that answers a general question for this subject, where the guide has one."""
        return next((answer for general, answer in self.follow if general == general_id), None)


# The slot type whose values are the everyday answers to the doctor check.
SYMPTOM_SLOT_TYPE = "SYMPTOM"
# The slot type of a place in a list just given: "the second one".
POSITION_SLOT_TYPE = "POSITION"


class CheckStep:
    """One question of the doctor check."""

    __slots__ = ("id", "question", "if_yes", "rephrase", "unsure")

    def __init__(self, id: str, question: str, if_yes: str, rephrase: str, unsure: str) -> None:
        self.id = id
        self.question = question
        self.if_yes = if_yes  # the outcome a yes leads to
        self.rephrase = rephrase  # the question in other words, when an answer was not caught
        self.unsure = unsure  # how "I'm not sure" is taken (as a no), said before going on


class CheckOutcome:
    """The guide's advice that an answer to the check leads to."""

    __slots__ = ("id", "title", "say", "offer", "urgent")

    def __init__(self, id: str, title: str, say: str, offer: str, urgent: bool = False) -> None:
        self.id = id
        self.title = title
        self.say = say
        self.offer = offer  # the topic offered next
        self.urgent = urgent


# The SYMPTOM slot value id of "I don't know", "not sure".
UNSURE = "unsure"


class CheckAnswer:
    """Words that answer one step of the check: "it came on suddenly" is a yes to "sudden"."""

    __slots__ = ("id", "step", "means", "words")

    def __init__(self, id: str, step: str, means: str, words: tuple[str, ...]) -> None:
        self.id = id
        self.step = step
        self.means = means  # "yes" or "no"
        self.words = words


class CheckContent:
    __slots__ = ("topic", "steps", "otherwise", "outcomes", "answers", "unsure_words",
                 "unsure_said")

    def __init__(self, topic: str, steps: tuple[CheckStep, ...], otherwise: str,
                 outcomes: Mapping[str, CheckOutcome], answers: Mapping[str, CheckAnswer],
                 unsure_said: tuple[str, ...] = ()) -> None:
        self.topic = topic
        self.steps = steps
        self.otherwise = otherwise
        self.outcomes = outcomes
        self.answers = answers
        # "I don't know", "not sure": an answer to any question, taken as a no and said so.
        self.unsure_said = unsure_said
        self.unsure_words = frozenset(_word_key(w) for w in unsure_said)

    def has_step(self, step_id: object) -> bool:
        return any(s.id == step_id for s in self.steps)

    def step(self, step_id: str) -> CheckStep:
        return next(s for s in self.steps if s.id == step_id)

    def next_step(self, step_id: str) -> CheckStep | None:
        position = self.steps.index(self.step(step_id)) + 1
        return self.steps[position] if position < len(self.steps) else None

    def outcome_of(self, answer: CheckAnswer) -> CheckOutcome | None:
        """The outcome this answer leads to straight away: only a yes does."""
        return self.outcomes[self.step(answer.step).if_yes] if answer.means == "yes" else None

    def answers_a_red_flag_question(self, answer: CheckAnswer) -> bool:
        """Whether the answer, yes or no, answers a question whose yes is urgent ("did it
        start suddenly?"), rather than the question about remedies tried."""
        return self.outcomes[self.step(answer.step).if_yes].urgent

    def is_red_flag(self, answer: CheckAnswer) -> bool:
        outcome = self.outcome_of(answer)
        return outcome is not None and outcome.urgent


class RedFlag:
    """A sign that needs help now, in the words people use for it. One the guide names
    (a sudden start, a severe headache, vision or speech changes) is a yes to its check
    answer; any other (a stroke, a fall, a face drooping...) is an emergency."""

    __slots__ = ("id", "answer", "examples")

    def __init__(self, id: str, answer: CheckAnswer | None, examples: tuple[str, ...]) -> None:
        self.id = id
        self.answer = answer
        self.examples = examples

    @property
    def is_emergency(self) -> bool:
        return self.answer is None


class Guide:
    __slots__ = ("topics", "start", "walk", "walk_index", "parents", "help_topics", "help_examples",
                 "positions", "word_index", "check", "answer_index",
                 "red_flags", "red_flag_words", "answer_words", "beyond_words", "question_words",
                 "asking_words", "mention_words", "elsewhere_words", "finder")

    def __init__(self, topics: Mapping[str, Topic], start: str, walk: tuple[tuple[str, int], ...],
                 parents: Mapping[str, str], help_topics: tuple[str, ...],
                 help_examples: tuple[str, ...], positions: Mapping[str, tuple[str, ...]],
                 word_index: Mapping[tuple[str, str], Topic], check: CheckContent,
                 answer_index: Mapping[str, CheckAnswer], red_flags: Mapping[str, RedFlag],
                 red_flag_words: Lexicon, answer_words: Lexicon, beyond_words: Lexicon,
                 question_words: Lexicon, asking_words: Lexicon, mention_words: Lexicon,
                 elsewhere_words: Lexicon, finder: TopicFinder) -> None:
        self.topics = topics
        self.start = start  # the topic a new conversation offers first
        # Every (topic, part) the guide has to say, in the order saying "yes" again and again
        # hears them: each area, then each topic's parts, then the topics it lists, depth
        # first. The doctor check is the one entry with no part to say: (its topic, 0).
        self.walk = walk
        # (topic, part) -> its place in the walk: the bit that says it was heard.
        self.walk_index = {entry: place for place, entry in enumerate(walk)}
        # Topic id -> the topic that lists it.
        self.parents = parents
        # The example questions help and fallback suggest (their topics' examples), best first.
        self.help_topics = help_topics
        self.help_examples = help_examples
        # "first", "second", "last"... -> the words that say it ("the second one", "number two").
        self.positions = positions
        # (slot type, normalised word) -> topic: how a heard slot value finds its content.
        self.word_index = word_index
        self.check = check
        # Normalised word -> the check answer it gives.
        self.answer_index = answer_index
        self.red_flags = red_flags
        # Which red flag, if any, a heard text says, word by word (see lexicon.py).
        self.red_flag_words = red_flag_words
        # Which other check answer, if any, a heard text gives ("it keeps coming back").
        self.answer_words = answer_words
        # Whether a heard text asks past what the guide says: doses, children, pregnancy.
        self.beyond_words = beyond_words
        # Which topic a question inside a description asks for ("... what's going on?").
        self.question_words = question_words
        # Whether a heard text asks something at all ("could that be it", "kindly tell me").
        self.asking_words = asking_words
        # Which topics a longer description names anywhere in it ("four hours of sleep").
        self.mention_words = mention_words
        # Complaints about somewhere else than the face ("my knee is paining").
        self.elsewhere_words = elsewhere_words
        self.finder = finder

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def is_unsure(self, heard: str | None) -> bool:
        """Whether the words say "I don't know" ("dunno, mate", "i honestly can't remember"):
        callers read a yes or no in the words first ("maybe a month ago, slowly" answers)."""
        if not heard:
            return False
        key = _word_key(heard)
        return key in self.check.unsure_words or any(
            f" {said} " in f" {key} " for said in self.check.unsure_words)

    def position_in(self, heard: str | None) -> str | None:
        """The place in a list these words name ("yeah, the middle one" is the second), by
        its longest phrase: "that last one" is the last, not "one"."""
        key = f" {_word_key(heard or '')} "
        said = [(len(words), place) for place, phrases in self.positions.items()
                for words in phrases if f" {_word_key(words)} " in key]
        return max(said)[1] if said else None

    def in_slot_type(self, slot_type: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.slot_type == slot_type]

    def find_by_word(self, slot_type: str, heard: str) -> Topic | None:
        """The topic whose words include what was heard: of this slot type first, then any.

        Alexa can put a word in the "wrong" slot ("what is dystonia" fills the spasm type
        slot), and the guide still has an answer for it.
        """
        key = _word_key(heard)
        if not key:
            return None
        found = self.word_index.get((slot_type, key))
        if found is None:
            found = next((topic for (_, word), topic in self.word_index.items() if word == key), None)
        return found

    def find_answer(self, heard: str, step: str | None = None) -> CheckAnswer | None:
        """The check answer these words give: listed words ("my speech is slurred") or, word
        by word, a calm answer ("it's been building up slowly for weeks"); of those, one to
        the question being asked (`step`) first: "it's been months and nothing shifts it",
        said to "have they kept happening?", answers that, not how it started. Red flags are
        read before this, by red_flag_in, wherever they are said."""
        listed = self.answer_index.get(_word_key(heard))
        if listed is not None:
            return listed
        found = [self.check.answers[m.name] for m in self.answer_words.matches(heard)]
        return next((a for a in found if a.step == step), found[0] if found else None)

    def red_flag_in(self, heard: str | None) -> RedFlag | None:
        """The red flag these words say, in any words and not denied: "my dad can't talk
        properly" is speech, "no headache" is nothing."""
        elsewhere = None
        for match in self.red_flag_words.matches(heard):
            flag = self.red_flags[match.name]
            if flag.answer is not None and flag.answer.step == self.check.steps[0].id:
                # A sudden start is the spasms' own: "my knee is paining since morning" is not.
                elsewhere = self.about_elsewhere(heard) if elsewhere is None else elsewhere
                if elsewhere:
                    continue
            return flag
        return None

    def asks_beyond(self, heard: str | None) -> bool:
        """Whether these words ask what the guide does not cover (a dose, a child...)."""
        return self.beyond_words.find(heard) is not None

    def asked_topic(self, heard: str | None) -> Topic | None:
        """The topic a question said with a description asks for: "my eye's been twitching
        all week, what's going on?" asks for the causes, "... what to do?" home care."""
        found = self.question_words.find(heard)
        return self.topics[found] if found is not None else None

    def asks(self, heard: str | None) -> bool:
        """Whether the words ask or request something, rather than only describe."""
        return self.asking_words.find(heard) is not None

    def about_elsewhere(self, heard: str | None) -> bool:
        """Whether the words speak of another complaint and not of the face at all: "my knee
        has been aching, what should i do" is not a question the guide answers."""
        return not self.finder.names_condition(heard) and self.elsewhere_words.find(heard) is not None

    def mentioned_topic(self, heard: str | None, slot_type: str | None = None) -> Topic | None:
        """The topic a description names somewhere in it: "i've been getting four hours of
        sleep, could that be it" names fatigue. Denied or not: who says "it's not stress"
        still speaks of stress. A named thing (a cause, a treatment, a type) beats a general
        topic ("my doctor said dystonia" is dystonia), then the longer mention, then the
        slot type asked about, then the first said."""
        best: tuple | None = None
        for match in self.mention_words.matches(heard):
            topic = self.topics[match.name]
            rank = (topic.slot_type is not None, match.length,
                    slot_type is not None and topic.slot_type == slot_type, -match.start)
            if best is None or rank > best[0]:
                best = (rank, topic)
        return best[1] if best else None

    def find_topic(self, heard: str | None, slot_type: str | None = None) -> Topic | None:
        """The topic these words name: by its listed words first, then word by word."""
        if not heard:
            return None
        return (self.find_by_word(slot_type or "", heard) or self.mentioned_topic(heard, slot_type)
                or self.finder.find(heard, slot_type))

    def slot_values(self, slot_type: str) -> list[tuple[str, list[str]]]:
        """(id, words, the first one canonical) for each value of a slot type the guide fills."""
        if slot_type == SYMPTOM_SLOT_TYPE:
            # What people say in answer to the check, and the emergencies they describe, with
            # every phrase the red-flag lexicon spells out in full, so that the model knows
            # the words the skill reads ("keeled over", "paralysis attack").
            values = ([(a.id, list(a.words)) for a in self.check.answers.values()]
                      + [(UNSURE, list(self.check.unsure_said))]
                      + [(f.id, list(f.examples)) for f in self.red_flags.values() if f.is_emergency])
            taken = {_word_key(word) for _, words in values for word in words}
            spelled = {}
            for name, patterns in self.red_flag_words.entries():
                forms = [form for pattern in patterns for form in spoken_forms(pattern)]
                spelled[name] = [f for f in dict.fromkeys(forms) if _word_key(f) not in taken]
                taken.update(_word_key(f) for f in spelled[name])
            return [(value_id, words + spelled.get(value_id, [])) for value_id, words in values]
        if slot_type == POSITION_SLOT_TYPE:
            return [(place, list(words)) for place, words in self.positions.items()]
        return [(t.id, list(dict.fromkeys(t.words or (t.name,)))) for t in self.in_slot_type(slot_type)]


# What Alexa hears has no punctuation we can rely on; words are compared by letters and digits.
NOT_WORD_CHARACTERS = re.compile(r"[^a-z0-9 ]+")


def _word_key(text: str) -> str:
    return " ".join(NOT_WORD_CHARACTERS.sub(" ", text.lower().replace("'", "")).split())


def load_guide(path: Path = CONTENT_FILE) -> Guide:
    raw = json.loads(path.read_text(encoding="utf-8"))
    topics = _load_topics(raw, path)
    check = _load_check(raw["check"], topics)
    _check_references(raw, topics, check)
    walk, parents = _walk(raw["areas"], topics, check.topic)
    lexicon = raw["lexicon"]
    groups = MappingProxyType(dict(lexicon["groups"]))
    red_flags = _red_flags(lexicon, check, topics)
    start, help_topics = raw["start"], tuple(raw["help"])
    finder = TopicFinder(topics.values(), lexicon["ignore_words"], lexicon["condition_words"])
    return Guide(topics=MappingProxyType(topics), start=start, walk=walk,
                 parents=MappingProxyType(parents),
                 help_topics=help_topics,
                 help_examples=tuple(topics[t].example for t in help_topics),
                 positions=MappingProxyType({k: tuple(v) for k, v in raw["positions"].items()}),
                 word_index=MappingProxyType(_word_index(topics)), check=check,
                 answer_index=MappingProxyType(_answer_index(check)),
                 red_flags=MappingProxyType(red_flags),
                 red_flag_words=Lexicon([(e["id"], e["words"]) for e in lexicon["red_flags"]], groups),
                 answer_words=Lexicon([(e["id"], e["words"]) for e in lexicon["check_answers"]], groups),
                 beyond_words=Lexicon([("beyond_guide", lexicon["beyond_guide"])], groups),
                 question_words=Lexicon([(e["id"], e["words"]) for e in lexicon["questions"]], groups),
                 asking_words=Lexicon([("asking", lexicon["asking"])], groups, denials=False),
                 mention_words=Lexicon(lambda: _mentions(topics, lexicon, finder), groups,
                                       denials=False),
                 elsewhere_words=Lexicon([("elsewhere", lexicon["elsewhere"])], groups),
                 finder=finder)


def _load_topics(raw: Mapping, path: Path) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    outcomes = {o["id"]: o for o in raw["check"]["outcomes"]}
    for item in raw["topics"]:
        # A topic may say the doctor check's advice as it stands ("if spasms start suddenly,
        # get medical help right away"): one text for both.
        said_outcomes = [outcomes[o] for o in item.get("say_from", ())]
        slot = item.get("slot")
        topic = Topic(
            id=item["id"],
            title=item["title"],
            name=item["name"],
            say=tuple(item["say"]) + tuple(o["say"] for o in said_outcomes),
            items=tuple(item.get("items", ())),
            example=item.get("example"),
            slot_type=item.get("slot_type"),
            words=tuple(item.get("words", ())),
            follow=tuple(item.get("follow", {}).items()),
            simply=item.get("simply"),
            urgent_parts=frozenset(len(item["say"]) + n for n, o in enumerate(said_outcomes)
                                   if o.get("urgent")),
            intent=item.get("intent"),
            slot=(slot["name"], slot["type"]) if slot else None,
        )
        if topic.id in topics:
            raise ValueError(f"topic {topic.id!r} appears twice in {path}")
        topics[topic.id] = topic
    return topics


def _check_references(raw: Mapping, topics: Mapping[str, Topic], check: CheckContent) -> None:
    """Every topic says something and names only topics there are; so do start and help."""
    for topic in topics.values():
        if not topic.say and topic.id != check.topic:
            raise ValueError(f"topic {topic.id!r} has nothing to say")
        missing = [r for r in (*topic.items, *(id for pair in topic.follow for id in pair))
                   if r not in topics]
        if missing:
            raise ValueError(f"topic {topic.id!r} refers to unknown topics {missing}")
    for listed in (raw["start"], *raw["help"]):
        if listed not in topics:
            raise ValueError(f"start or help names unknown topic {listed!r}")
    without_example = [t for t in raw["help"] if not topics[t].example]
    if without_example:
        raise ValueError(f"help topics need an example question: {without_example}")
    intents = [t.intent for t in topics.values() if t.intent]
    if len(intents) != len(set(intents)):
        raise ValueError("two topics are asked for by the same intent")


def _word_index(topics: Mapping[str, Topic]) -> dict[tuple[str, str], Topic]:
    index: dict[tuple[str, str], Topic] = {}
    for topic in topics.values():
        if topic.slot_type:
            for word in (topic.name, *topic.words):
                index.setdefault((topic.slot_type, _word_key(word)), topic)
    return index


def _answer_index(check: CheckContent) -> dict[str, CheckAnswer]:
    answer_index: dict[str, CheckAnswer] = {}
    for answer in check.answers.values():
        for word in answer.words:
            key = _word_key(word)
            if key in answer_index and answer_index[key] is not answer:
                raise ValueError(f"check answer words {word!r} are in two answers")
            answer_index[key] = answer
    return answer_index


def _red_flags(lexicon: Mapping, check: CheckContent, topics: Mapping[str, Topic]) -> dict[str, RedFlag]:
    """The red flags and emergencies, checked against the doctor check's answers and the topics."""
    red_flags: dict[str, RedFlag] = {}
    for entry in lexicon["red_flags"]:
        answer = check.answers.get(entry["id"])
        if answer is not None and not check.is_red_flag(answer):
            raise ValueError(f"red flag {entry['id']!r} names a check answer that is not one")
        if answer is None and not entry.get("examples"):
            raise ValueError(f"emergency {entry['id']!r} needs examples (its slot values)")
        red_flags[entry["id"]] = RedFlag(entry["id"], answer, tuple(entry.get("examples", ())))
    unlisted = [a.id for a in check.answers.values() if check.is_red_flag(a) and a.id not in red_flags]
    if unlisted:
        raise ValueError(f"check answers that are red flags need words in the lexicon: {unlisted}")
    if set(red_flags) & set(topics):
        raise ValueError("red flags and topics share ids")
    unknown = [e["id"] for e in (*lexicon["questions"], *lexicon["mentions"]) if e["id"] not in topics]
    if unknown:
        raise ValueError(f"question words name unknown topics {unknown}")
    for entry in lexicon["check_answers"]:
        answer = check.answers.get(entry["id"])
        if answer is None or check.is_red_flag(answer):
            raise ValueError(f"check answer words {entry['id']!r} name no answer that is not a red flag")
    return red_flags


def _mentions(topics: Mapping[str, Topic], lexicon: Mapping,
              finder: TopicFinder) -> list[tuple[str, list[str]]]:
    """Each topic's mention patterns: the words people use for it (those that say more than
    the condition itself: "eye twitch" names no type), then the lexicon's wider patterns."""
    extra = {e["id"]: e["words"] for e in lexicon["mentions"]}
    entries = []
    for topic in topics.values():
        listed = [" ".join(words_of(w)) for w in dict.fromkeys(topic.words) if finder.content_words(w)]
        entries.append((topic.id, [*listed, *extra.get(topic.id, ())]))
    return entries


def _walk(areas: list[str], topics: Mapping[str, Topic], check_topic: str
          ) -> tuple[tuple[tuple[str, int], ...], dict[str, str]]:
    walk: list[tuple[str, int]] = []
    parents: dict[str, str] = {}

    def visit(topic_id: str) -> None:
        if any(t == topic_id for t, _ in walk):
            raise ValueError(f"topic {topic_id!r} is listed twice in the guide's areas and items")
        topic = topics[topic_id]
        walk.extend((topic_id, part) for part in range(max(len(topic.say), 1)))
        for item in topic.items:
            parents[item] = topic_id
            visit(item)

    for area in areas:
        visit(area)
    unwalked = [t for t, topic in topics.items() if topic.say and not any(w == t for w, _ in walk)]
    if unwalked or check_topic not in areas:
        raise ValueError(f"the guide's areas and items must reach every topic: {unwalked}")
    return tuple(walk), parents


def _load_check(raw: Mapping, topics: Mapping[str, Topic]) -> CheckContent:
    steps = tuple(CheckStep(s["id"], s["question"], s["if_yes"], s["rephrase"], s["unsure"])
                  for s in raw["steps"])
    outcomes = {o["id"]: CheckOutcome(o["id"], o["title"], o["say"], o["offer"], bool(o.get("urgent")))
                for o in raw["outcomes"]}
    answers = {a["id"]: CheckAnswer(a["id"], a["step"], a["means"], tuple(a["words"]))
               for a in raw["answers"]}
    step_ids = {s.id for s in steps}
    if raw["topic"] not in topics or not steps:
        raise ValueError("the doctor check needs its topic and at least one step")
    for outcome_id in (*(s.if_yes for s in steps), raw["otherwise"]):
        if outcome_id not in outcomes:
            raise ValueError(f"the doctor check leads to unknown outcome {outcome_id!r}")
    for outcome in outcomes.values():
        if outcome.offer not in topics:
            raise ValueError(f"outcome {outcome.id!r} offers unknown topic {outcome.offer!r}")
    clashing = set(answers) & set(topics)
    if clashing:
        # Entity resolution hands over an id; it must say which kind of thing it names.
        raise ValueError(f"check answers and topics share ids {sorted(clashing)}")
    for answer in answers.values():
        if answer.step not in step_ids or answer.means not in ("yes", "no") or not answer.words:
            raise ValueError(f"check answer {answer.id!r} needs a known step, yes or no, and words")
    if UNSURE in answers or UNSURE in topics:
        raise ValueError(f"the id {UNSURE!r} is kept for the check's unsure answer")
    return CheckContent(raw["topic"], steps, raw["otherwise"], MappingProxyType(outcomes),
                       MappingProxyType(answers), unsure_said=tuple(raw["unsure"]))


GUIDE = load_guide()
