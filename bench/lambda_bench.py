"""The skill as Lambda runs it, against a bare ASK SDK skill, measured in one run, alternating.

- cold start: a fresh python3.13 process (-B -I -S: no bytecode writing, nothing but the unzipped
  package on sys.path) imports lambda_function and answers one LaunchRequest. The project runs
  from `make package`'s zip; the bare skill (bench/bare_skill/, one handler) has ask-sdk-core
  installed by `python3.13 -m pip install --target` the standard way. Goal: 1.1x or better,
  judged on the median of the back-to-back pairs' ratios (the ratio of medians is printed too).
  As on Lambda, the standard library modules that Lambda's Python runtime has imported before
  it imports the handler are loaded first, outside the timing, for both skills (RUNTIME_MODULES).
- warm latency: 2,000 IntentRequests in one process each, median and p99. The two processes
  stay up side by side and take turns, a batch of requests at a time, so that a slow spell of
  this shared machine falls on both. Goal: 1.3x or better.
- package size zipped, and peak memory (max RSS) of the cold-start process.
- speech length of every distinct reachable answer (en-US): words, and seconds as espeak-ng
  speaks it.
Every skill process runs on the same one CPU (the machine's last), so that neither skill gets
a faster core or a warmer cache than the other. Prints figures; asserts nothing.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import wave
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "lambda")]

from skill_console.certification.reachable import reachable
from skill_console.certification.ssml_rules import word_count
from skill_console.device import envelopes
from skill_console.device.console import Console, load_resolver
from skill_console.release import packaging

WORK = ROOT / "build" / "bench"
# Pairs of cold starts: the goal's figure takes more, since one start scatters by a fifth here.
COLD_RUNS = 101
COLD_RUNS_OTHERS = 41
WARM_REQUESTS = 2000
WARM_BATCH = 50
SDK_VERSION = "1.19.0"

# What Lambda's Python runtime (awslambdaric: bootstrap.py and the lambda_runtime_client,
# lambda_runtime_marshaller and lambda_runtime_log_utils modules it imports) has already
# imported from the standard library when it imports the function's handler module.
RUNTIME_MODULES = ("concurrent.futures", "datetime", "decimal", "enum", "importlib", "json",
                   "logging", "math", "os", "time", "traceback")

COLD = r"""
import importlib, json, resource, sys, time
for module in filter(None, sys.argv[3].split(",")):
    importlib.import_module(module)
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
import lambda_function
lambda_function.lambda_handler(json.loads(sys.argv[2]), None)
elapsed = time.perf_counter() - started
print(json.dumps({"ms": elapsed * 1000, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# A long-lived skill process: after a warm-up, each line it reads asks for a batch of requests,
# and it answers with their times in milliseconds.
WARM = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import lambda_function
event = json.loads(sys.argv[2])
for _ in range(50):
    lambda_function.lambda_handler(event, None)
print("ready", flush=True)
for line in sys.stdin:
    times = []
    for _ in range(int(line)):
        started = time.perf_counter()
        lambda_function.lambda_handler(event, None)
        times.append((time.perf_counter() - started) * 1000)
    print(json.dumps(times), flush=True)
"""


def prepare(python313: str) -> tuple[Path, Path, Path, Path]:
    if WORK.exists():
        shutil.rmtree(WORK)
    project_zip = packaging.build(python313, build_dir=WORK / "package-build",
                                  zip_path=WORK / "lambda.zip")
    project = WORK / "project"
    with zipfile.ZipFile(project_zip) as archive:
        archive.extractall(project)
    bare = WORK / "bare"
    subprocess.run([python313, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--root-user-action=ignore", "--target", str(bare),
                    f"ask-sdk-core=={SDK_VERSION}"], check=True)
    shutil.copy(ROOT / "bench" / "bare_skill" / "lambda_function.py", bare)
    bare_zip = WORK / "bare.zip"
    packaging.zip_folder(bare, bare_zip)
    return project, bare, project_zip, bare_zip


def events() -> tuple[str, str]:
    device = envelopes.Device()
    launch = envelopes.envelope(envelopes.launch_request("en-US"), device,
                                envelopes.new_session_id(), True, {})
    asked = envelopes.spoken_request(load_resolver("en-US"), "what causes facial twitching", "en-US")
    intent = envelopes.envelope(asked, device, envelopes.new_session_id(), False, {})
    return json.dumps(launch), json.dumps(intent)


BENCH_CPU = max(os.sched_getaffinity(0))


def _on_bench_cpu() -> None:
    os.sched_setaffinity(0, {BENCH_CPU})


def run_json(command: list[str]):
    done = subprocess.run(command, capture_output=True, text=True, check=True,
                          preexec_fn=_on_bench_cpu)
    return json.loads(done.stdout)


def cold_starts(python313: str, folders: dict[str, Path], event: str, runs: int = COLD_RUNS,
                modules: tuple[str, ...] = RUNTIME_MODULES) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {name: [] for name in folders}
    order = list(folders.items())
    for _ in range(runs):
        # Alternating, and each going first in turn, so drift hits both alike.
        order.reverse()
        for name, folder in order:
            results[name].append(run_json([python313, "-B", "-I", "-S", "-c", COLD, str(folder), event,
                                           ",".join(modules)]))
    return results


def print_cold(what: str, results: dict[str, list[dict]], goal: str = "") -> None:
    """The medians, and the median of the ratios of back-to-back pairs: this shared machine's
    speed drifts between pairs more than within one, and a pair's ratio cancels that drift."""
    ms = {name: statistics.median(r["ms"] for r in runs) for name, runs in results.items()}
    paired = statistics.median(ours["ms"] / theirs["ms"]
                               for ours, theirs in zip(results["project"], results["bare"], strict=True))
    print(f"cold start, {what} (median of {len(results['bare'])}, alternating): project {ms['project']:.1f} ms, "
          f"bare {ms['bare']:.1f} ms; ratio of medians {ms['project'] / ms['bare']:.2f}x, "
          f"paired ratio {paired:.2f}x{goal}")


def warm(python313: str, folders: dict[str, Path], intent: str) -> dict[str, list[float]]:
    workers = {name: subprocess.Popen([python313, "-B", "-I", "-S", "-c", WARM, str(folder), intent],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                      preexec_fn=_on_bench_cpu)
               for name, folder in folders.items()}
    results: dict[str, list[float]] = {name: [] for name in folders}
    try:
        for worker in workers.values():
            assert worker.stdout.readline().strip() == "ready"
        for _ in range(WARM_REQUESTS // WARM_BATCH):
            for name, worker in workers.items():  # taking turns, one batch each
                worker.stdin.write(f"{WARM_BATCH}\n")
                worker.stdin.flush()
                results[name] += json.loads(worker.stdout.readline())
    finally:
        for worker in workers.values():
            worker.stdin.close()
            worker.wait()
    return results


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)]


def speech_lengths() -> tuple[list[int], list[float]]:
    answers = {turn.ssml for _, turn in reachable(lambda: Console("en-US")) if turn.ssml}
    words = [word_count(ssml) for ssml in answers]
    seconds = []
    if shutil.which("espeak-ng"):
        with tempfile.TemporaryDirectory() as folder:
            wav = Path(folder) / "answer.wav"
            for ssml in answers:
                subprocess.run(["espeak-ng", "-m", "-w", str(wav), ssml], check=True,
                               capture_output=True)
                with wave.open(io.BytesIO(wav.read_bytes())) as audio:
                    seconds.append(audio.getnframes() / audio.getframerate())
    return words, seconds


def main() -> None:
    python313 = packaging.find_python313()
    print(f"python: {python313}")
    project, bare, project_zip, bare_zip = prepare(python313)
    folders = {"project": project, "bare": bare}
    launch, intent = events()

    cold = cold_starts(python313, folders, launch)
    print_cold("import + one LaunchRequest", cold, " (goal 1.1x or better, paired)")
    print_cold("import + one IntentRequest (a one-shot question)",
               cold_starts(python313, folders, intent, COLD_RUNS_OTHERS))
    print_cold("import + one LaunchRequest, from an empty interpreter (no runtime modules)",
               cold_starts(python313, folders, launch, COLD_RUNS_OTHERS, modules=()))
    rss = {name: statistics.median(r["rss_mb"] for r in runs) for name, runs in cold.items()}

    times = warm(python313, folders, intent)
    medians = {name: statistics.median(t) for name, t in times.items()}
    tails = {name: p99(t) for name, t in times.items()}
    print(f"warm IntentRequest ({WARM_REQUESTS} each): project median {medians['project']:.3f} ms, "
          f"p99 {tails['project']:.3f} ms; bare median {medians['bare']:.3f} ms, "
          f"p99 {tails['bare']:.3f} ms; ratio median {medians['project'] / medians['bare']:.2f}x, "
          f"p99 {tails['project'] / tails['bare']:.2f}x (goal 1.3x or better)")

    print(f"package zipped: project {project_zip.stat().st_size / 1024:.0f} KB, "
          f"bare {bare_zip.stat().st_size / 1024:.0f} KB")
    print(f"peak memory (max RSS, cold start): project {rss['project']:.1f} MB, "
          f"bare {rss['bare']:.1f} MB")

    words, seconds = speech_lengths()
    line = (f"speech of {len(words)} distinct reachable answers (en-US): words median "
            f"{statistics.median(words):.0f}, max {max(words)}")
    if seconds:
        line += (f"; espeak-ng seconds median {statistics.median(seconds):.1f}, "
                 f"max {max(seconds):.1f}")
    else:
        line += "; espeak-ng not installed, no seconds"
    print(line)


if __name__ == "__main__":
    main()
