"""Every reachable response passes ssml-check-core, the maintained SSML validator, with Amazon's
rules (tags, attribute values, raw ampersands), not only our own well-formedness check."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers import REPO_ROOT
from skill_console.device.console import Console
from skill_console.nlu.resolver import SlotFill

pytestmark = pytest.mark.slow

CHECKER = REPO_ROOT / "tools" / "ssml-check"

def ssml_check_core(documents: list[str]) -> list[list[dict]]:
    if shutil.which("node") is None or not (CHECKER / "node_modules" / "ssml-check-core").is_dir():
        pytest.fail("Node.js and tools/ssml-check/node_modules are missing: run `make test`, "
                    "which installs them")
    done = subprocess.run(["node", str(CHECKER / "check.js")], input=json.dumps(documents),
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def test_the_checker_catches_what_alexa_rejects():
    found = ssml_check_core(["<speak>salt & pepper</speak>", "<speak><foo>x</foo></speak>",
                             '<speak><break time="forever"/></speak>', "<speak>fine</speak>"])
    assert [bool(problems) for problems in found] == [True, True, True, False]


def test_every_reachable_response_passes_ssml_check_core(reachable_on_screens):
    documents: dict[str, str] = {}
    for locale, turns in reachable_on_screens.items():
        for how, turn in turns:
            for ssml in (turn.ssml, turn.reprompt_ssml):
                if ssml:
                    documents.setdefault(ssml, f"{locale} {how}")
    console = Console()
    for value in ["salt & pepper", "<speak>x</speak>", "]]>", "quote \" '", "\x07bell", "x" * 10_000]:
        for intent, slot, slot_type in [("CausesIntent", "cause", "CAUSE"),
                                        ("TreatmentsIntent", "treatment", "TREATMENT")]:
            turn = console.simulator.intent(intent, {slot: SlotFill(value, slot_type, "ER_SUCCESS_NO_MATCH")})
            documents.setdefault(turn.ssml, f"{intent} with {value[:20]!r}")
    assert len(documents) > 40
    results = ssml_check_core(list(documents))
    failures = {documents[ssml]: problems for ssml, problems in zip(documents, results, strict=True) if problems}
    assert failures == {}
