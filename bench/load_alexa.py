"""Load on POST /alexa: N concurrent clients for S seconds against the local server on loopback,
verification off (signing is Alexa's job, not this test's). Prints requests per second, latency
percentiles and errors; asserts nothing. Defaults: 20 clients, 30 seconds (`make load`)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "lambda")]

from skill_console.device import envelopes
from skill_console.device.console import load_resolver

UTTERANCES = ["what causes facial twitching", "does botox help", "what is hemifacial spasm",
              "should i see a doctor", "i have a terrible headache", "how are facial spasms treated",
              "tell me more", "help", "what can i do at home", "order me a pizza"]


def bodies() -> list[bytes]:
    resolver = load_resolver("en-US")
    device = envelopes.Device()
    made = []
    for text in UTTERANCES:
        resolution = resolver.resolve(text)
        request = envelopes.intent_request("en-US", resolution.intent, resolution.slots)
        made.append(json.dumps(envelopes.envelope(request, device, envelopes.new_session_id(),
                                                  False, {})).encode())
    return made


def client(port: int, stop_at: float, payloads: list[bytes], latencies: list[float],
           errors: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    number = 0
    while time.perf_counter() < stop_at:
        body = payloads[number % len(payloads)]
        number += 1
        started = time.perf_counter()
        try:
            connection.request("POST", "/alexa", body, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            data = answer.read()
            if answer.status != 200 or b"outputSpeech" not in data:
                errors.append(f"HTTP {answer.status}")
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "skill_console.cli", "serve", "--port", str(port), "--no-verify"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'lambda'}:{ROOT}"})
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        payloads = bodies()
        latencies: list[float] = []
        errors: list[str] = []
        stop_at = time.perf_counter() + args.seconds
        threads = [threading.Thread(target=client, args=(port, stop_at, payloads, latencies, errors))
                   for _ in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    ordered = sorted(latencies)
    p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else float("nan")
    print(f"POST /alexa on loopback, verification off: {args.clients} clients for {elapsed:.1f} s")
    print(f"  {len(latencies)} answered, {len(errors)} errors"
          + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    print(f"  {len(latencies) / elapsed:.0f} requests/s; latency median "
          f"{statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
