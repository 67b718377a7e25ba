"""What each answer cache is worth on the warm path: the same warm IntentRequests answered in
one process with every cache on, and with each one off in turn.

The caches (docs/architecture.md, "Answer caches"): speech.py keeps each rendering
(_RENDERED), responses.py keeps each built ASK SDK Response (_KEPT). A third, the JSON each
kept Response serializes to, was measured here at 0.97x (no gain) and removed. Run from the
repository (no prerendered answers: a rendering missing from _RENDERED is rendered by Jinja2,
as in a container for an answer `make package` did not meet). The variants take turns, a
batch at a time, so a slow spell of this shared machine falls on all of them. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "lambda")]

import lambda_function
from facial_spasm_guide import speech
from facial_spasm_guide.alexa import responses
from skill_console.device import envelopes
from skill_console.device.console import load_resolver

QUESTIONS = ["what causes facial twitching", "does botox help", "what is hemifacial spasm",
             "should i see a doctor", "what can i do at home", "yes"]
BATCHES = 40
PER_BATCH = 50


def _events() -> list[dict]:
    resolver = load_resolver("en-US")
    found = []
    for question in QUESTIONS:
        resolution = resolver.resolve(question)
        request = envelopes.intent_request("en-US", resolution.intent, resolution.slots)
        found.append(envelopes.envelope(request, envelopes.Device(), envelopes.new_session_id(), False, {}))
    return found


def _variant(name: str) -> None:
    """Sets the caches as the variant has them, each emptied first."""
    speech._RENDERED.clear()
    responses._KEPT.clear()
    speech.MAX_RENDERED = 0 if name == "without the kept renderings" else VARIANT_DEFAULTS["rendered"]
    responses.MAX_KEPT = 0 if name == "without the kept responses" else VARIANT_DEFAULTS["kept"]


VARIANT_DEFAULTS = {"rendered": speech.MAX_RENDERED, "kept": responses.MAX_KEPT}
VARIANTS = ["every cache", "without the kept renderings", "without the kept responses"]


def main() -> None:
    events = [json.loads(json.dumps(e)) for e in _events()]
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for batch in range(BATCHES + 1):
        for name in VARIANTS:
            _variant(name)
            for event in events:  # warm: each answer said once before timing
                lambda_function.lambda_handler(event, None)
            for index in range(PER_BATCH):
                event = events[index % len(events)]
                start = time.perf_counter()
                lambda_function.lambda_handler(event, None)
                if batch:  # the first batch only warms the process
                    times[name].append((time.perf_counter() - start) * 1000)
    base = statistics.median(times["every cache"])
    for name in VARIANTS:
        median = statistics.median(times[name])
        print(f"warm IntentRequest, {name}: median {median:.3f} ms ({median / base:.2f}x), "
              f"p99 {statistics.quantiles(times[name], n=100)[98]:.3f} ms")


if __name__ == "__main__":
    main()
