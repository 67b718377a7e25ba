"""Console speed: resolving one utterance against the full model, and `skill-console ask` from
a cold start. Prints figures; asserts nothing (targets: under 2 ms median, under 1 s)."""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "lambda")]

from skill_console.certification.reachable import example_value
from skill_console.model import build
from skill_console.nlu.resolver import Resolver

COLD_RUNS = 7


def utterances(resolver: Resolver, model: dict) -> list[str]:
    """Every sample with its slots filled, plus near misses and junk, in a fixed shuffle."""
    language = model["interactionModel"]["languageModel"]
    texts = []
    for intent in language["intents"]:
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent["samples"]:
            for name, slot_type in slot_types.items():
                sample = sample.replace("{" + name + "}", example_value(slot_type))
            texts.append(sample)
    texts += ["why is my eye twitching", "can coffee give me eye twitching", "order me a pizza",
              "tell me a joke", "is botox any good", "x" * 10_000, ""] * 20
    random.Random(7).shuffle(texts)
    return texts


def resolve_timings(resolver: Resolver, texts: list[str]) -> list[float]:
    for text in texts[:200]:  # warm up
        resolver.resolve(text)
    timings = []
    for text in texts:
        start = time.perf_counter()
        resolver.resolve(text)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def phrasings() -> list[str]:
    """What people say that is no sample: the dev phrasing sets, through the classifier."""
    import yaml

    return [item["say"] for path in sorted((ROOT / "tests" / "phrasings").glob("*.yaml"))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def cold_ask(utterance: str) -> list[float]:
    console = Path(sys.executable).parent / "skill-console"
    runs = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        subprocess.run([str(console), "ask", utterance], check=True, capture_output=True, cwd=ROOT)
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    path = build.output_path("en-US")
    start = time.perf_counter()
    resolver = Resolver.from_file(path)
    load_ms = (time.perf_counter() - start) * 1000
    import json
    texts = utterances(resolver, json.loads(path.read_text()))
    timings = resolve_timings(resolver, texts)
    timings.sort()
    print(f"model: {path.relative_to(ROOT)}, {len(texts)} utterances; resolver built in {load_ms:.0f} ms")
    print(f"resolve one utterance: median {statistics.median(timings):.3f} ms, "
          f"p99 {timings[int(len(timings) * 0.99)]:.3f} ms, max {timings[-1]:.3f} ms (target: median < 2 ms)")
    said = phrasings()
    generalised = sorted(resolve_timings(resolver, said))
    print(f"resolve one dev phrasing ({len(said)}, mostly through the classifier): median "
          f"{statistics.median(generalised):.3f} ms, p99 {generalised[int(len(generalised) * 0.99)]:.3f} ms")
    for utterance in ("what causes facial twitching", "is there anything for my eye jumping"):
        runs = sorted(cold_ask(utterance))
        print(f"skill-console ask {utterance!r}, cold start: median {statistics.median(runs):.3f} s, "
              f"min {runs[0]:.3f} s, max {runs[-1]:.3f} s over {COLD_RUNS} runs (target: < 1 s)")


if __name__ == "__main__":
    main()
