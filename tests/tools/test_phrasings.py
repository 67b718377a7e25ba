"""Understanding measured on phrasings people wrote without seeing the model (tests/phrasings/).

The dev sets are what the model and the word lists were tuned on: a held-out set, once
measured, becomes one (WRITING.md there lists which round each `*_devN.yaml` was). The
held-out set (tests/phrasings/heldout/, now round 17)
is frozen before any tuning and checked only at the end of a piece of work, by `make heldout`
(its test is marked `heldout`, left out of `make test`), with floors the skill must not fall
below. Its full figures come from `skill-console evaluate tests/phrasings/heldout/*.yaml`.

Conversation moves ("yep", "the second one", "no, it came on slowly") said after an offer, a
list, a term or a doctor-check question are in tests/phrasings/moves/: `dev.yaml` (round M1) and
`dev2.yaml` (round M2, measured once as held-out) tuned on, `heldout.yaml` (round M3) frozen like
the rest and checked by `make heldout`.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from helpers import REPO_ROOT
from skill_console.phrasings import moves
from skill_console.phrasings.questions import CONTEXTS, evaluate, load

PHRASINGS = REPO_ROOT / "tests" / "phrasings"
DEV = sorted(PHRASINGS.glob("*.yaml"))
HELD_OUT = sorted((PHRASINGS / "heldout").glob("*.yaml"))
MOVES_DEV = sorted((PHRASINGS / "moves").glob("dev*.yaml"))
MOVES_HELD_OUT = PHRASINGS / "moves" / "heldout.yaml"


@pytest.fixture(scope="module")
def dev_report():
    return evaluate(DEV)


def test_the_sets_are_large_enough_and_cover_every_locale_and_red_flag():
    phrasings = [p for path in [*DEV, *HELD_OUT] for p in load(path)]
    urgent = [p for p in phrasings if p.urgent]
    assert len(phrasings) >= 400 and len(urgent) >= 200
    assert {p.locale for p in urgent} == {"en-US", "en-CA", "en-GB", "en-AU", "en-IN"}
    assert {p.urgent for p in urgent} >= {"sudden", "headache", "vision", "speech", "stroke",
                                          "face_droop", "numbness", "weakness", "fainting",
                                          "seizure", "breathing", "confusion", "call_for_help"}
    assert HELD_OUT, "the frozen held-out set is there"


@pytest.mark.slow
def test_red_flags_get_the_urgent_advice_in_every_locale_and_context(dev_report):
    rates = dev_report.rates()
    assert rates["urgent"] >= 0.98, dev_report.to_text()
    contexts = {key[1] for key in dev_report.urgent}
    assert contexts == set(CONTEXTS)


def test_every_red_flag_that_misses_still_hears_the_emergency_number(dev_report):
    missed = [m for m in dev_report.misses if "urgent" in m and not m["heard_number"]]
    # The console's NLU sometimes sends a sentence to an intent that reads none of its words
    # ("yeah okay... is it a stroke" as AMAZON.YesIntent): under 1 in 100, each listed here.
    assert len(missed) <= 0.01 * sum(dev_report.urgent.values()), missed


def test_everyday_questions_get_the_right_answer(dev_report):
    rates = dev_report.rates()
    assert rates["answers"] >= 0.85, dev_report.to_text()
    assert rates["newcomer"] >= 0.8
    assert rates["intents"] >= 0.78
    assert rates["out_of_domain"] >= 0.95
    assert rates["beyond_guide"] >= 0.85


def test_conversation_moves_are_followed_after_offers_lists_terms_and_check_questions():
    said = [m for path in MOVES_DEV for m in moves.load(path)]
    assert {m.move for m in said} == set(moves.JUDGES)
    assert {m.after for m in said} == set(moves.CONTEXTS)
    assert len(moves.load(MOVES_HELD_OUT)) >= 100, "the frozen moves set is there"
    report = moves.evaluate(MOVES_DEV)
    assert report.rates()["moves"] >= 0.9, report.to_text()


def test_a_move_judge_tells_a_followed_move_from_a_missed_one(tmp_path):
    # The judges read what the user heard next: a "no" that ends the session, or a "yes"
    # that does not take the offer, is a miss.
    moves_file = tmp_path / "moves.yaml"
    moves_file.write_text('- {say: "yes please", locale: en-GB, move: "yes", after: "an offer"}\n'
                     '- {say: "yes please", locale: en-GB, move: "no", after: "an offer"}\n'
                     '- {say: "the third one", locale: en-US, move: choose_item, '
                     'position: third, after: "a list"}\n'
                     '- {say: "the first one", locale: en-US, move: choose_item, '
                     'position: third, after: "a list"}\n'
                     '- {say: "no, it came on slowly", locale: en-AU, move: check_no, '
                     'question: sudden, after: "a check question"}\n'
                     '- {say: "i dunno really", locale: en-IN, move: unsure, '
                     'after: "a check question"}\n', encoding="utf-8")
    report = moves.evaluate([moves_file])
    assert [m["say"] for m in report.misses] == ["yes please", "the first one"]
    assert report.rates()["moves"] == pytest.approx(4 / 6)


@pytest.mark.heldout
def test_the_held_out_moves_are_followed():
    report = moves.evaluate([MOVES_HELD_OUT])
    assert report.rates()["moves"] >= 0.75, report.to_text()


@pytest.mark.heldout
def test_the_held_out_set_keeps_the_safety_floors():
    report = evaluate(HELD_OUT)
    rates = report.rates()
    assert rates["urgent"] >= 0.9, report.to_text()
    assert rates["out_of_domain"] >= 0.9
    assert rates["answers"] >= 0.8


def test_the_sets_export_as_nlu_annotation_sets_one_per_locale(tmp_path, model):
    from skill_console.phrasings.annotations import write

    written = write(DEV, tmp_path)
    assert {p.name for p in written} >= {"en-GB.json", "en-GB.csv", "en-IN.json"}
    intents = {i["name"] for i in model["interactionModel"]["languageModel"]["intents"]}
    body = json.loads((tmp_path / "en-AU.json").read_text(encoding="utf-8"))
    assert body["data"] and all(item["inputs"]["utterance"] for item in body["data"])
    assert {item["expected"][0]["intent"]["name"] for item in body["data"]} <= intents
    header = (tmp_path / "en-AU.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "utterance,intent"


@pytest.mark.slow
def test_evaluate_prints_accuracy_per_intent_and_fails_under_the_rate(tmp_path):
    phrasings = tmp_path / "few.yaml"
    phrasings.write_text('- {say: "what causes facial twitching", locale: en-US, topic: causes}\n'
                         '- {say: "play some jazz", locale: en-US, topic: causes}\n'
                         '- {say: "my arm has gone numb", locale: en-GB, urgent: numbness}\n')
    command = [str(REPO_ROOT / ".venv" / "bin" / "skill-console"), "evaluate", str(phrasings)]
    done = subprocess.run([*command, "--min-rate", "0.9"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout
    assert "CausesIntent" in done.stdout and "1/2" in done.stdout
    assert "exact" in done.stdout and "en-GB / in the doctor check" in done.stdout
    assert "play some jazz" in done.stdout  # the misses are listed
    assert "under the required rate: intents" in done.stderr
    ok = subprocess.run([*command, "--min-rate", "0.4", "--min-urgent", "1"], capture_output=True,
                        text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
