"""`skill-console evaluate FILE`: how well the skill understands a labelled set of phrasings.

A phrasing file (tests/phrasings/*.yaml) lists what people say, each with its locale and
either the topic the answer should come from (`topic`) or the red flag it holds (`urgent`).
Every phrasing goes through the console as a user would say it, the real lambda_handler
answering, and is judged on what the user would hear:

- intents: the intent (and slot id) the console's NLU picked, against what the label means;
  counted apart for exact samples and for the generalised match (the classifier);
- answers: whether the answer came from the labelled topic (its card), an out-of-domain
  request got no medical content, a question beyond the guide sent the user to a doctor or
  pharmacist; newcomer questions are reported on their own;
- urgent: in four places in a conversation (after the launch, in the middle of a topic,
  inside the doctor check, as a one-shot request), whether the urgent advice came first with
  the locale's emergency number, and for a miss, whether the number was still said.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from facial_spasm_guide import conversation, doctor_check
from facial_spasm_guide.conversation_state import Slot
from facial_spasm_guide.guide import GUIDE, Guide
from facial_spasm_guide.locales import settings_for
from skill_console.device.console import Console

# Where in a conversation an urgent phrasing is said: what is said before it.
CONTEXTS: Mapping[str, tuple[str, ...]] = {
    "after launch": ("open facial spasm guide",),
    "mid-topic": ("open facial spasm guide", "what causes facial spasms"),
    "in the doctor check": ("open facial spasm guide", "should i see a doctor"),
    "one-shot": (),
}
SYMPTOM_LABELS = {"symptom_gradual": "gradual", "symptom_persistent": "persistent",
                  "symptom_settling": "settling"}
OUT_OF_DOMAIN = "out_of_domain"
BEYOND_GUIDE = "beyond_guide"


class PhrasingError(ValueError):
    pass


@dataclass(frozen=True)
class Phrasing:
    say: str
    locale: str
    topic: str | None = None
    urgent: str | None = None
    newcomer: bool = False


def read_items(path: Path, kind: str = "phrasings") -> list:
    """The YAML list a phrasing file holds; PhrasingError when it is unreadable or no list."""
    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PhrasingError(f"{path}: {error}") from error
    if not isinstance(items, list):
        raise PhrasingError(f"{path}: expected a list of {kind}")
    return items


def load(path: Path) -> list[Phrasing]:
    items = read_items(path)
    found = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("say"), str) \
                or not isinstance(item.get("locale"), str) \
                or not (item.get("topic") or item.get("urgent")):
            raise PhrasingError(f"{path}: item {number} needs say, locale, and topic or urgent")
        urgent = item.get("urgent")
        found.append(Phrasing(item["say"], item["locale"], item.get("topic"),
                              None if urgent in (None, "none") else urgent,
                              bool(item.get("newcomer"))))
    return found


def expected_intents(label: str, guide: Guide = GUIDE,
                     descriptions: bool = True) -> set[tuple[str, str | None]]:
    """The (intent, slot id) pairs that are right for a topic label; None: no slot value.
    Without `descriptions`, only the intents that ask for the topic by name (the strict
    figure, reported beside the other)."""
    if label == OUT_OF_DOMAIN:
        return {("AMAZON.FallbackIntent", None)}
    if label == BEYOND_GUIDE:
        return {(conversation.BEYOND_GUIDE_INTENT, None)}
    if label in SYMPTOM_LABELS:
        return {("SymptomIntent", SYMPTOM_LABELS[label])}
    # A description of one's spasms is the doctor check's intent by design, whatever it
    # tells of ("one side of my face keeps pulling up"): right when the skill reads the
    # labelled topic in its words.
    right: set[tuple[str, str | None]] = {(doctor_check.CHECK_INTENT, label)} if descriptions else set()
    topic = guide.topic(label)
    for intent, (general, slot) in conversation.TOPIC_INTENTS.items():
        if general == label:
            right.add((intent, None))
        if slot and topic.slot_type == conversation.SLOT_TYPES[slot]:
            right.add((intent, label))
    return right


def _guide_sentences(guide: Guide) -> list[str]:
    texts = [say for topic in guide.topics.values() for say in topic.say]
    texts += [outcome.say for outcome in guide.check.outcomes.values()]
    return [text.split(". ")[0] for text in texts]


@dataclass
class Report:
    intents: Counter = field(default_factory=Counter)  # (intent label, right?) counts
    # The same, counting a description in the doctor check's intent as wrong.
    strict_intents: Counter = field(default_factory=Counter)
    by_match: Counter = field(default_factory=Counter)  # (match kind, right?) counts
    answers: Counter = field(default_factory=Counter)  # (group, right?) counts
    urgent: Counter = field(default_factory=Counter)  # (locale, context, right?) counts
    urgent_heard_number: Counter = field(default_factory=Counter)
    false_alarms: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        found = {}
        for name, counter in (("intents", self.intents), ("strict_intents", self.strict_intents),
                              ("answers", self.answers),
                              ("urgent", self.urgent)):
            total = sum(counter.values())
            if total:
                found[name] = sum(n for key, n in counter.items() if key[-1]) / total
        for group in ("newcomer", OUT_OF_DOMAIN, BEYOND_GUIDE):
            total = self.answers[(group, True)] + self.answers[(group, False)]
            if total:
                found[group] = self.answers[(group, True)] / total
        return found

    def to_json(self) -> dict[str, Any]:
        return {"rates": self.rates(), "intents": _table(self.intents),
                "by_match": _table(self.by_match), "answers": _table(self.answers),
                "urgent": _table(self.urgent, depth=2),
                "misses": self.misses}

    def to_text(self) -> str:
        lines = []
        rates = self.rates()
        for name, rate in rates.items():
            lines.append(f"{name:>13}: {rate:6.1%}")
        if self.intents:
            lines.append("\nintent accuracy per expected intent:")
            for label, (right, total) in sorted(_table(self.intents).items()):
                lines.append(f"  {label:<28} {right:>4}/{total:<4} {right / total:6.1%}")
            lines.append("by how the console matched:")
            for label, (right, total) in sorted(_table(self.by_match).items()):
                lines.append(f"  {label:<28} {right:>4}/{total:<4} right {right / total:6.1%}")
        if self.urgent:
            lines.append("\nurgent advice with the right number, per locale and context:")
            for label, (right, total) in sorted(_table(self.urgent, depth=2).items()):
                heard = self.urgent_heard_number[label]
                lines.append(f"  {label:<34} {right:>4}/{total:<4} {right / total:6.1%}"
                             f"   misses that still heard the number: {heard}")
            alarms = sum(self.false_alarms.values())
            lines.append(f"  not-urgent phrasings taken as urgent: {alarms}")
        if self.misses:
            lines.append(f"\nmisses ({len(self.misses)}):")
            for miss in self.misses:
                lines.append("  " + json.dumps(miss, ensure_ascii=False))
        return "\n".join(lines)


def _table(counter: Counter, depth: int = 1) -> dict[str, tuple[int, int]]:
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, count in counter.items():
        label = " / ".join(str(k) for k in key[:depth])
        table[label][1] += count
        if key[-1]:
            table[label][0] += count
    return {label: (right, total) for label, (right, total) in table.items()}


def _is_right(chosen: tuple[str, str | None], label: str,
              expected: set[tuple[str, str | None]]) -> bool:
    # A question beyond the guide is right by its intent alone: its slot only names what the
    # offer after it is about.
    return chosen in expected or (label == BEYOND_GUIDE and (chosen[0], None) in expected)


class Evaluator:
    def __init__(self, guide: Guide = GUIDE) -> None:
        self.guide = guide
        self._consoles: dict[str, Console] = {}
        self._sentences = _guide_sentences(guide)
        urgent_outcomes = [o for o in guide.check.outcomes.values() if o.urgent]
        self._urgent_openings = tuple(o.say.split(". ")[0] for o in urgent_outcomes)

    def console(self, locale: str) -> Console:
        if locale not in self._consoles:
            self._consoles[locale] = Console(locale=locale)
        console = self._consoles[locale]
        console.new_session()
        return console

    def run(self, phrasings: Iterable[Phrasing]) -> Report:
        report = Report()
        for phrasing in phrasings:
            if phrasing.urgent:
                self._urgent(phrasing, report)
            else:
                self._question(phrasing, report)
        return report

    def _question(self, phrasing: Phrasing, report: Report) -> None:
        console = self.console(phrasing.locale)
        console.turn("open facial spasm guide")
        turn = console.turn(phrasing.say)
        label = phrasing.topic
        chosen = (turn.intent, self.slot_reading(turn.intent, turn.slots))
        expected = expected_intents(label, self.guide)
        intent_right = _is_right(chosen, label, expected)
        strict = expected_intents(label, self.guide, descriptions=False)
        strict_right = _is_right(chosen, label, strict)
        report.intents[(min(intent for intent, _ in strict), intent_right)] += 1
        report.strict_intents[(strict_right,)] += 1
        report.by_match[(turn.match, intent_right)] += 1
        text = turn.to_json()["text"] or ""
        answer_right = self._answer_right(label, turn, text, phrasing.locale)
        report.answers[("all", answer_right)] += 1
        if phrasing.newcomer:
            report.answers[("newcomer", answer_right)] += 1
        if label in (OUT_OF_DOMAIN, BEYOND_GUIDE):
            report.answers[(label, answer_right)] += 1
        urgent = self._is_urgent(text, phrasing.locale)
        if urgent:
            report.false_alarms[phrasing.locale] += 1
        if not (intent_right and answer_right):
            report.misses.append({"say": phrasing.say, "locale": phrasing.locale, "topic": label,
                                  "intent": turn.intent, "slots": turn.slots,
                                  "match": turn.match, "answer_right": answer_right,
                                  "heard": text[:100]})

    def slot_reading(self, intent: str, slots: Mapping[str, Mapping[str, Any]]) -> str | None:
        """What the skill takes a request's slots to name, read as the skill reads them on
        Alexa: a red flag in any slot first; then, for the doctor check's intent, a check
        answer or a topic in its words; for a topic intent, the topic its topic slot names
        (entity resolution's id, else the heard words). A slot that only carries a
        description ("... what should i do") names nothing."""
        flag = doctor_check.red_flag_in({name: Slot(s.get("value"), s.get("id"))
                                         for name, s in slots.items()}, self.guide)
        if flag is not None:
            return flag.id
        if intent == doctor_check.CHECK_INTENT:
            slot = slots.get(doctor_check.CHECK_SLOT) or {}
            if slot.get("id"):
                return slot["id"]
            value = slot.get("value")
            asked = conversation.asked_in_description(value, self.guide)
            if asked is not None:
                return asked.id
            answer = self.guide.find_answer(value) if value else None
            if answer is not None:
                return answer.id
            topic = self.guide.find_topic(value)
            return topic.id if topic is not None else None
        name = conversation.TOPIC_SLOTS.get(intent, "")
        slot = slots.get(name) or {}
        if not (slot.get("value") or slot.get("id")):
            return None
        topic = conversation.topic_in_slot(Slot(slot.get("value"), slot.get("id")),
                                           conversation.SLOT_TYPES[name], self.guide)
        return topic.id if topic is not None else None

    def _answer_right(self, label: str, turn, text: str, locale: str) -> bool:
        title = (turn.result.card or {}).get("title")
        if label == OUT_OF_DOMAIN:
            return not any(sentence in text for sentence in self._sentences)
        if label == BEYOND_GUIDE:
            return "doctor or pharmacist" in text or self._is_urgent(text, locale)
        check_titles = {self.guide.topic(self.guide.check.topic).title,
                        *(o.title for o in self.guide.check.outcomes.values())}
        if label in SYMPTOM_LABELS or label == self.guide.check.topic:
            return title in check_titles
        return title == self.guide.topic(label).title

    def _is_urgent(self, text: str, locale: str, intent: str | None = None) -> bool:
        number = f"call {settings_for(locale).emergency_number}"
        # The urgent advice first: the guide's, or the emergency answer's. A bare "help" is
        # AMAZON.HelpIntent on Alexa, whose answer opens with the emergency line; any other
        # answer that opens with that line (the doctor check's first question) is not the
        # urgent advice.
        openings = (*self._urgent_openings, "Please call")
        if intent == "AMAZON.HelpIntent":
            openings = (*openings, "If this is an emergency")
        return text.startswith(openings) and number in text

    def _urgent(self, phrasing: Phrasing, report: Report) -> None:
        number = f"call {settings_for(phrasing.locale).emergency_number}"
        for context, before in CONTEXTS.items():
            console = self.console(phrasing.locale)
            for line in before:
                console.turn(line)
            said = phrasing.say if before else f"ask facial spasm guide {phrasing.say}"
            turn = console.turn(said)
            text = turn.to_json()["text"] or ""
            right = self._is_urgent(text, phrasing.locale, turn.intent)
            report.urgent[(phrasing.locale, context, right)] += 1
            if not right:
                if number in text:
                    report.urgent_heard_number[f"{phrasing.locale} / {context}"] += 1
                report.misses.append({"say": phrasing.say, "locale": phrasing.locale,
                                      "urgent": phrasing.urgent, "context": context,
                                      "intent": turn.intent, "slots": turn.slots,
                                      "match": turn.match, "heard_number": number in text,
                                      "heard": text[:100]})


def evaluate(paths: Iterable[Path], guide: Guide = GUIDE) -> Report:
    phrasings = [p for path in paths for p in load(path)]
    return Evaluator(guide).run(phrasings)
