"""What each answer cache is worth on the warm path: the same warm IntentRequests answered in
one process with every cache on, and with each one off in turn.

The caches (docs/architecture.md, "Answer caches"): speech.py keeps each rendering
(_RENDERED); responses.py keeps each built ASK SDK Response (_KEPT) and the JSON it was
serialized to (_KEPT_JSON). Run from the repository (no prerendered answers: a rendering
missing from _RENDERED is rendered by Jinja2, as in a container for an answer `make package`
did not meet). The variants take turns, a short batch at a time, on one CPU, so a slow spell
of this shared machine falls on all of them; each is compared with the batch of every cache
just before it (the paired ratio). Prints figures; asserts nothing.
"""

from __future__ import annotations

import json
import os
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
ROUNDS = 60
PER_BATCH = 120
EVERY_CACHE = "every cache"
VARIANTS = [EVERY_CACHE, "without the kept renderings", "without the kept responses",
            "without the kept JSON"]
DEFAULTS = {"rendered": speech.MAX_RENDERED, "kept": responses.MAX_KEPT}


class _NeverKept(dict):
    """A cache that keeps nothing: every lookup misses."""

    def __setitem__(self, key, value) -> None:
        pass


def _events() -> list[dict]:
    resolver = load_resolver("en-US")
    found = []
    for question in QUESTIONS:
        request = envelopes.spoken_request(resolver, question, "en-US")
        event = envelopes.envelope(request, envelopes.Device(), envelopes.new_session_id(), False, {})
        found.append(json.loads(json.dumps(event)))
    return found


def _set_caches(variant: str) -> None:
    """The caches as the variant has them, each emptied first."""
    speech._RENDERED.clear()
    responses._KEPT.clear()
    speech.MAX_RENDERED = 0 if variant == "without the kept renderings" else DEFAULTS["rendered"]
    responses.MAX_KEPT = 0 if variant == "without the kept responses" else DEFAULTS["kept"]
    responses._KEPT_JSON = _NeverKept() if variant == "without the kept JSON" else {}


def _batch(events: list[dict]) -> float:
    for event in events:  # warm: each answer said once before timing
        lambda_function.lambda_handler(event, None)
    start = time.perf_counter()
    for index in range(PER_BATCH):
        lambda_function.lambda_handler(events[index % len(events)], None)
    return (time.perf_counter() - start) / PER_BATCH * 1000


def main() -> None:
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    events = _events()
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    ratios: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for round_ in range(ROUNDS + 1):
        for variant in VARIANTS[1:]:
            _set_caches(EVERY_CACHE)
            base = _batch(events)
            _set_caches(variant)
            took = _batch(events)
            if round_:  # the first round only warms the process
                times[EVERY_CACHE].append(base)
                times[variant].append(took)
                ratios[variant].append(took / base)
    _set_caches(EVERY_CACHE)
    for name in VARIANTS:
        paired = f", paired ratio {statistics.median(ratios[name]):.2f}x" if ratios[name] else ""
        print(f"warm IntentRequest, {name}: median {statistics.median(times[name]):.3f} ms{paired}")


if __name__ == "__main__":
    main()
