"""`skill-console check`: an offline certification check of skill-package/, answering as
Amazon's console validation and its reviewers' first tries would.

Per locale: the invocation name; the example phrases (well formed, each a sample utterance);
the interaction model's build rules (30 or more samples per custom intent, no sample in two
intents, declared slots, values of 140 characters or fewer, size limits); the health disclaimer
with the local emergency number in the description; Launch, Help, Stop, Cancel, Fallback and
SessionEnded behaving as certification expects, by running them; and every reachable response
(each intent, each slot value, each follow-up, each doctor-check path) well-formed SSML under
8,000 characters and 90 words, never open without a question.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facial_spasm_guide.guide import GUIDE
from facial_spasm_guide.locales import settings_for
from facial_spasm_guide.ssml import to_text
from skill_console.certification.manifest_rules import example_phrase_problems, invocation_name_problems
from skill_console.certification.reachable import reachable
from skill_console.certification.ssml_rules import MAX_ANSWER_WORDS, word_count
from skill_console.certification.ssml_rules import problems as ssml_problems
from skill_console.device.console import Console, Handler, default_handler
from skill_console.device.simulator import TurnResult
from skill_console.model import rules as model_rules
from skill_console.nlu.resolver import Resolver
from skill_console.paths import SKILL_PACKAGE_DIR

DISCLAIMER_WORDS = ["informational", "not a substitute for professional medical advice",
                    "diagnosis", "doctor"]


@dataclass
class Check:
    name: str
    locale: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Report:
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [
            {"check": c.name, "locale": c.locale, "ok": c.ok, "problems": c.problems}
            for c in self.checks]}

    def to_text(self) -> str:
        lines = []
        for check in self.checks:
            where = f"[{check.locale}] " if check.locale else ""
            lines.append(f"{'PASS' if check.ok else 'FAIL'}  {where}{check.name}")
            lines += [f"      - {problem}" for problem in check.problems[:20]]
            if len(check.problems) > 20:
                lines.append(f"      ... and {len(check.problems) - 20} more")
        failed = sum(not c.ok for c in self.checks)
        lines.append(f"\n{len(self.checks) - failed} of {len(self.checks)} checks passed"
                     + ("" if self.ok else f"; {failed} failed"))
        return "\n".join(lines)


def run(package: Path | None = None, handler: Handler | None = None,
        with_reachable: bool = True) -> Report:
    package = package or SKILL_PACKAGE_DIR
    handler = handler or default_handler()
    checks: list[Check] = []
    manifest_check = Check("skill.json is readable and names a model for each locale", None)
    checks.append(manifest_check)
    try:
        manifest = json.loads((package / "skill.json").read_text(encoding="utf-8"))
        locales = manifest["manifest"]["publishingInformation"]["locales"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        manifest_check.problems.append(f"skill.json cannot be read: {error}")
        return Report(checks)
    for locale, published in locales.items():
        model_path = package / "interactionModels" / "custom" / f"{locale}.json"
        try:
            model = json.loads(model_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            manifest_check.problems.append(f"{locale}: no readable interaction model ({error})")
            continue
        checks += _locale_checks(locale, published, model, handler, with_reachable)
    return Report(checks)


def _locale_checks(locale: str, published: dict, model: dict, handler: Handler,
                   with_reachable: bool) -> list[Check]:
    resolver = Resolver(model)
    new_console: Callable[[], Console] = lambda: Console(locale, handler, resolver)  # noqa: E731
    checks = [
        Check("invocation name", locale, invocation_name_problems(resolver.invocation_name)),
        Check("interaction model build rules", locale, model_rules.problems(model)),
        Check("example phrases", locale,
              example_phrase_problems(list(published.get("examplePhrases", [])), resolver)),
        Check("health disclaimer and emergency number in the description", locale,
              _disclaimer_problems(locale, published.get("description", ""))),
        Check("launch, help, stop, cancel, fallback and session end", locale,
              _running(lambda: _behaviour_problems(new_console, resolver))),
    ]
    if with_reachable:
        checks.append(Check("every reachable response: valid SSML, brief, never open without "
                            "a question", locale, _running(lambda: _reachable_problems(new_console))))
    return checks


def _running(check: Callable[[], list[str]]) -> list[str]:
    """A check that runs the skill: a crash is a finding, not the end of the report."""
    try:
        return check()
    except Exception as error:  # noqa: BLE001 - any failure of the skill is reported
        return [f"running the skill raised {type(error).__name__}: {error}"]


def _disclaimer_problems(locale: str, description: str) -> list[str]:
    lower = description.lower()
    found = [f"the description does not say {words!r}" for words in DISCLAIMER_WORDS
             if words not in lower]
    number = settings_for(locale).emergency_number
    if f"call {number}" not in lower:
        found.append(f"the description does not give the local emergency number ({number})")
    return found


def _behaviour_problems(new_console: Callable[[], Console], resolver: Resolver) -> list[str]:  # noqa: C901 - one list of certification checks
    found: list[str] = []

    def turn(console: Console, intent: str | None = None) -> TurnResult:
        return console.simulator.intent(intent) if intent else console.simulator.launch()

    console = new_console()
    launch = turn(console)
    if launch.end_session or not _asks(launch) or not launch.reprompt_ssml:
        found.append("Launch must welcome, ask a question, keep the session open and reprompt")
    help_ = turn(console, "AMAZON.HelpIntent")
    if help_.end_session or not _asks(help_):
        found.append("Help must end with a question and keep the session open")
    said = _said(help_).lower()
    suggested = [e for e in GUIDE.help_examples if e.lower() in said]
    if not suggested:
        found.append("Help gives no example phrase")
    for example in suggested:
        if resolver.resolve(example).match != "exact":
            found.append(f"Help suggests {example!r}, which the model does not resolve")
    for intent in ("AMAZON.StopIntent", "AMAZON.CancelIntent"):
        console = new_console()
        turn(console)
        result = turn(console, intent)
        if not result.end_session or not result.ssml:
            found.append(f"{intent} must say goodbye and end the session")
    console = new_console()
    turn(console)
    first, second = turn(console, "AMAZON.FallbackIntent"), turn(console, "AMAZON.FallbackIntent")
    for number, result in ((1, first), (2, second)):
        if result.end_session or not _asks(result) or not result.reprompt_ssml:
            found.append(f"Fallback (miss {number}) must guide, ask and keep the session open")
    if _said(first) == _said(second):
        found.append("a second Fallback in a row must give fuller help, not the same words")
    console = new_console()
    turn(console)
    ended = console.simulator.end("USER_INITIATED")
    if ended.ssml or ended.reprompt_ssml:
        found.append("SessionEndedRequest must get no speech")
    return found


def _reachable_problems(new_console: Callable[[], Console]) -> list[str]:
    found: list[str] = []
    for how, result in reachable(new_console):
        broken = False
        for label, ssml in (("speech", result.ssml), ("reprompt", result.reprompt_ssml)):
            if ssml:
                problems = ssml_problems(ssml)
                broken = broken or bool(problems)
                found += [f"{how}: {label}: {problem}" for problem in problems]
        if broken:
            continue  # words and questions cannot be read from SSML that does not parse
        if result.ssml and word_count(result.ssml) > MAX_ANSWER_WORDS:
            found.append(f"{how}: {word_count(result.ssml)} words; at most {MAX_ANSWER_WORDS}")
        if not result.end_session and (not _asks(result) or not result.reprompt_ssml):
            found.append(f"{how}: the session stays open without a question and a reprompt")
    return sorted(set(found))


def _said(result: TurnResult) -> str:
    return to_text(result.ssml) if result.ssml else ""


def _asks(result: TurnResult) -> bool:
    return _said(result).rstrip().endswith("?")
