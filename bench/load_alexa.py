"""Load on POST /alexa: N concurrent clients for S seconds against the local server on loopback,
once with request verification off and once with it on. With it on, every request is signed as
Alexa signs it, by a test certificate authority made here (tests/web/alexa_signing.py), and the
server trusts that authority and is handed its chain instead of downloading one: what is
measured is the verifier's work on each request (signature, chain, timestamp). Prints requests
per second, latency percentiles and errors for each; asserts nothing. Defaults: 20 clients, 30
seconds each (`make load`)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "lambda"), str(ROOT / "tests" / "web")]

from cryptography.hazmat.primitives import serialization

from alexa_signing import CERT_URL, chain_pem, make_authority, make_leaf, sign
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
        request = envelopes.spoken_request(resolver, text, "en-US")
        made.append(json.dumps(envelopes.envelope(request, device, envelopes.new_session_id(),
                                                  False, {})).encode())
    return made


# The server with verification on: it trusts the test authority, and its chain "download"
# hands back the test chain.
VERIFYING_SERVER = """
import sys
from pathlib import Path
from cryptography import x509
from werkzeug.serving import run_simple
from skill_console.web.app import create_app
chain, root = Path(sys.argv[2]).read_bytes(), x509.load_pem_x509_certificate(Path(sys.argv[3]).read_bytes())
app = create_app(verify=True, fetch=lambda url: chain, roots=lambda: [root])
run_simple("127.0.0.1", int(sys.argv[1]), app, threaded=True, use_reloader=False, use_debugger=False)
"""


def client(port: int, stop_at: float, payloads: list[tuple[bytes, dict]], latencies: list[float],
           errors: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    number = 0
    while time.perf_counter() < stop_at:
        body, headers = payloads[number % len(payloads)]
        number += 1
        started = time.perf_counter()
        try:
            connection.request("POST", "/alexa", body, {"Content-Type": "application/json", **headers})
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


def run(verify: bool, clients: int, seconds: float, work: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    payloads = [(body, {}) for body in bodies()]
    if verify:
        authority = make_authority()
        key, cert = make_leaf(authority)
        (work / "chain.pem").write_bytes(chain_pem(cert, authority.cert))
        (work / "root.pem").write_bytes(authority.cert.public_bytes(serialization.Encoding.PEM))
        payloads = [(body, {"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body, key)})
                    for body, _ in payloads]
        command = ["-c", VERIFYING_SERVER, str(port), str(work / "chain.pem"), str(work / "root.pem")]
    else:
        command = ["-m", "skill_console.cli", "serve", "--port", str(port), "--no-verify"]
    server = subprocess.Popen([sys.executable, *command], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONPATH": f"{ROOT / 'lambda'}:{ROOT}"})
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        latencies: list[float] = []
        errors: list[str] = []
        stop_at = time.perf_counter() + seconds
        threads = [threading.Thread(target=client, args=(port, stop_at, payloads, latencies, errors))
                   for _ in range(clients)]
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
    print(f"POST /alexa on loopback, verification {'on' if verify else 'off'}: {clients} clients "
          f"for {elapsed:.1f} s")
    print(f"  {len(latencies)} answered, {len(errors)} errors"
          + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    if ordered:
        print(f"  {len(latencies) / elapsed:.0f} requests/s; latency median "
              f"{statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for verify in (False, True):
            run(verify, args.clients, args.seconds, Path(work))


if __name__ == "__main__":
    main()
