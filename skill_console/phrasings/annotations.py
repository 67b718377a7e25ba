"""`skill-console export-annotations`: the labelled phrasings as Alexa NLU annotation sets.

Amazon's NLU Evaluation Tool runs an annotation set (utterances with the intent they should
get) against the deployed interaction model: the only way to see what the real Alexa NLU
does with them. One set per locale, as the body of SMAPI's update-annotations call (JSON)
and as the CSV the developer console's batch test takes. Expected slots are left out: a
label says what the answer is about, not which words Alexa should put in the slot.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from facial_spasm_guide.conversation import EMERGENCY_INTENT
from facial_spasm_guide.doctor_check import CHECK_INTENT
from skill_console.phrasings.questions import Phrasing, expected_intents, load


def expected_intent(phrasing: Phrasing) -> str:
    if phrasing.urgent:
        return EMERGENCY_INTENT if phrasing.urgent == "call_for_help" else CHECK_INTENT
    # The intent that asks for the topic by name (a description in SymptomIntent is also
    # right, but is not what the annotation should expect).
    return min(intent for intent, _ in expected_intents(phrasing.topic, descriptions=False))


def by_locale(paths: Iterable[Path]) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in paths:
        for phrasing in load(path):
            found[phrasing.locale].append((phrasing.say, expected_intent(phrasing)))
    return dict(found)


def write(paths: Iterable[Path], folder: Path) -> list[Path]:
    """Writes <folder>/<locale>.json and <locale>.csv; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for locale, rows in sorted(by_locale(paths).items()):
        body = {"data": [{"inputs": {"utterance": utterance},
                          "expected": [{"intent": {"name": intent}}]} for utterance, intent in rows]}
        json_path = folder / f"{locale}.json"
        json_path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        csv_path = folder / f"{locale}.csv"
        with csv_path.open("w", newline="", encoding="utf-8") as out:
            table = csv.writer(out)
            table.writerow(["utterance", "intent"])
            table.writerows(rows)
        written += [json_path, csv_path]
    return written
