"""POST /alexa: a correctly signed request gets the skill's answer; every forged or malformed
variant gets HTTP 400 with a short JSON error, and the skill does not run."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from alexa_signing import CERT_URL, body_of, chain_pem, make_authority, make_leaf, sign
from facial_spasm_guide.alexa.entry import build_skill
from helpers import REPO_ROOT
from skill_console.device import envelopes
from skill_console.web import verification
from skill_console.web.app import MAX_BODY_BYTES, create_app

SKILL_ID = envelopes.LOCAL_SKILL_ID


@pytest.fixture(scope="module")
def authority():
    return make_authority()


@pytest.fixture(scope="module")
def signer(authority):
    return make_leaf(authority)


class Counted:
    """The real CustomSkill, counting how often it is invoked."""

    def __init__(self) -> None:
        self.skill = build_skill()
        self.runs = 0
        invoke = self.skill.invoke

        def counting(*args, **kwargs):
            self.runs += 1
            return invoke(*args, **kwargs)

        self.skill.invoke = counting


@pytest.fixture
def endpoint(authority, signer):
    """An app with verification on, fetching the test chain and trusting the test root."""
    key, cert = signer
    chains = {CERT_URL: chain_pem(cert, authority.cert)}
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        return chains[url]

    counted = Counted()
    app = create_app(skill=counted.skill, verify=True, skill_id=SKILL_ID, fetch=fetch,
                     roots=lambda: [authority.cert])
    return app.test_client(), counted, key, chains, fetched


def launch_event(**changes) -> dict:
    event = envelopes.envelope(envelopes.launch_request("en-US"), envelopes.Device(),
                               envelopes.new_session_id(), True, {})
    if "timestamp" in changes:
        event["request"]["timestamp"] = changes["timestamp"]
    if "application_id" in changes:
        event["context"]["System"]["application"]["applicationId"] = changes["application_id"]
    return event


def post(client, body: bytes, key=None, url: str | None = CERT_URL, signature: str | None = None,
         headers: dict | None = None):
    sent = {"Content-Type": "application/json"}
    if url is not None:
        sent["SignatureCertChainUrl"] = url
    if signature is None and key is not None:
        signature = sign(body, key)
    if signature is not None:
        sent["Signature-256"] = signature
    sent.update(headers or {})
    return client.post("/alexa", data=body, headers=sent)


def assert_rejected(response, counted) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.is_json and isinstance(response.json.get("error"), str)
    assert len(response.get_data()) < 300
    assert counted.runs == 0, "the skill ran for a rejected request"


def test_a_correctly_signed_request_gets_the_skills_answer(endpoint):
    client, counted, key, _, _ = endpoint
    response = post(client, body_of(launch_event()), key)
    assert response.status_code == 200
    assert "Welcome to Facial Spasm Guide" in response.json["response"]["outputSpeech"]["ssml"]
    assert counted.runs == 1


def test_the_chain_is_fetched_once_per_url(endpoint):
    client, _, key, _, fetched = endpoint
    for _ in range(3):
        assert post(client, body_of(launch_event()), key).status_code == 200
    assert fetched == [CERT_URL]


@pytest.mark.parametrize("url", [
    "http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem",       # http scheme
    "https://notamazon.com/echo.api/echo-api-cert-test.pem",         # wrong host
    "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem",      # wrong path (case)
    "https://s3.amazonaws.com/other/echo-api-cert-test.pem",         # wrong path
    "https://s3.amazonaws.com:563/echo.api/echo-api-cert-test.pem",  # wrong port
    "https://s3.amazonaws.com/echo.api/../invalid.pem",              # path traversal
    "https://s3.amazonaws.com/echo.api",                             # no file under the path
], ids=["http", "host", "path-case", "path", "port", "traversal", "bare-path"])
def test_a_bad_certificate_url_is_rejected(endpoint, url):
    client, counted, key, chains, fetched = endpoint
    chains[url] = chains[CERT_URL]
    assert_rejected(post(client, body_of(launch_event()), key, url=url), counted)
    assert fetched == [], "a bad URL must not even be fetched"


def test_the_good_url_forms_amazon_allows_are_accepted(endpoint):
    client, _, key, chains, _ = endpoint
    for url in ["https://s3.amazonaws.com:443/echo.api/echo-api-cert-test.pem",
                "https://S3.AMAZONAWS.COM/echo.api/../echo.api/echo-api-cert-test.pem"]:
        chains[url] = chains[CERT_URL]
        assert post(client, body_of(launch_event()), key, url=url).status_code == 200, url


@pytest.mark.parametrize("missing", ["SignatureCertChainUrl", "Signature-256", "both"])
def test_missing_headers_are_rejected(endpoint, missing):
    client, counted, key, _, _ = endpoint
    body = body_of(launch_event())
    url = None if missing in ("SignatureCertChainUrl", "both") else CERT_URL
    signature = "" if missing in ("Signature-256", "both") else sign(body, key)
    assert_rejected(post(client, body, url=url, signature=signature or None), counted)


def _chain_for(authority, **leaf_options) -> bytes:
    _, cert = make_leaf(authority, **leaf_options)
    return chain_pem(cert, authority.cert)


@pytest.mark.parametrize("case", ["expired", "not yet valid", "wrong SAN", "untrusted chain"])
def test_a_bad_certificate_is_rejected(endpoint, authority, case):
    client, counted, _, chains, _ = endpoint
    now = datetime.now(UTC)
    if case == "expired":
        key, cert = make_leaf(authority, not_before=now - timedelta(days=60),
                              not_after=now - timedelta(days=1))
    elif case == "not yet valid":
        key, cert = make_leaf(authority, not_before=now + timedelta(days=1),
                              not_after=now + timedelta(days=60))
    elif case == "wrong SAN":
        key, cert = make_leaf(authority, dns_name="echo-api.example.com")
    else:
        stranger = make_authority("Untrusted CA")
        key, cert = make_leaf(stranger)
        authority = stranger
    chains[CERT_URL] = chain_pem(cert, authority.cert)
    # Signed by the certificate's own key: only the certificate itself is wrong.
    assert_rejected(post(client, body_of(launch_event()), key), counted)


def test_a_signature_from_another_key_is_rejected(endpoint, authority):
    client, counted, _, _, _ = endpoint
    other_key, _ = make_leaf(authority)
    assert_rejected(post(client, body_of(launch_event()), other_key), counted)


def test_a_body_changed_after_signing_is_rejected(endpoint):
    client, counted, key, _, _ = endpoint
    body = body_of(launch_event())
    signature = sign(body, key)
    changed = body.replace(b'"LaunchRequest"', b'"LaunchRequest" ')
    assert_rejected(post(client, changed, signature=signature), counted)


def test_a_signature_that_is_not_base64_is_rejected(endpoint):
    client, counted, _, _, _ = endpoint
    assert_rejected(post(client, body_of(launch_event()), signature="not base64!"), counted)


@pytest.mark.parametrize("seconds", [-200, 200], ids=["stale", "future"])
def test_a_timestamp_outside_150_seconds_is_rejected(endpoint, seconds):
    client, counted, key, _, _ = endpoint
    when = datetime.now(UTC) + timedelta(seconds=seconds)
    event = launch_event(timestamp=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert_rejected(post(client, body_of(event), key), counted)


def test_a_timestamp_within_150_seconds_is_accepted(endpoint):
    client, _, key, _, _ = endpoint
    when = datetime.now(UTC) - timedelta(seconds=100)
    event = launch_event(timestamp=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert post(client, body_of(event), key).status_code == 200


def test_a_rejection_is_logged_in_one_line_naming_the_rule(endpoint, caplog):
    client, counted, key, _, _ = endpoint
    caplog.set_level(logging.DEBUG)
    event = launch_event(timestamp="2015-08-02T20:50:21Z")
    assert_rejected(post(client, body_of(event), key), counted)
    [logged] = [r for r in caplog.records if "rejected a request" in r.getMessage()]
    assert logged.getMessage() == "rejected a request: Timestamp verification failed"
    assert logged.levelname == "WARNING" and logged.exc_info is None and not logged.exc_text


def test_another_skills_application_id_is_rejected(endpoint):
    client, counted, key, _, _ = endpoint
    event = launch_event(application_id="amzn1.ask.skill.11111111-2222-4333-8444-555555555555")
    assert_rejected(post(client, body_of(event), key), counted)


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b"\xff\xfe", b'{"version": "1.0"}',
                                  b'{"request": {"type": "NoSuchRequest"}}'],
                         ids=["text", "list", "bytes", "no request", "unknown type"])
def test_a_body_that_is_no_alexa_request_is_rejected(endpoint, body):
    client, counted, key, _, _ = endpoint
    assert_rejected(post(client, body, key), counted)


def test_an_oversized_body_is_rejected(endpoint):
    client, counted, key, _, _ = endpoint
    event = launch_event()
    event["session"]["attributes"] = {"padding": "x" * MAX_BODY_BYTES}
    assert_rejected(post(client, body_of(event), key), counted)


def test_an_unfetchable_chain_is_rejected(endpoint):
    client, counted, key, chains, _ = endpoint
    del chains[CERT_URL]
    assert_rejected(post(client, body_of(launch_event()), key), counted)


def test_the_chain_fetch_gives_up_after_its_timeout(monkeypatch):
    # A server that accepts the connection and never answers.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    monkeypatch.setattr(verification, "FETCH_TIMEOUT_SECONDS", 0.5)
    started = datetime.now()
    with pytest.raises(OSError):
        verification.fetch_over_https(f"http://127.0.0.1:{listener.getsockname()[1]}/x.pem")
    assert (datetime.now() - started).total_seconds() < 5
    listener.close()


def test_verification_is_on_unless_explicitly_turned_off():
    client = create_app(skill=build_skill()).test_client()
    unsigned = client.post("/alexa", data=body_of(launch_event()),
                           headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 400
    off = create_app(skill=build_skill(), verify=False).test_client()
    assert off.post("/alexa", data=body_of(launch_event())).status_code == 200


def test_flask_ask_sdk_imports_here_and_the_certvalidator_stand_in_refuses_to_run():
    code = ("from skill_console.web.sdk_import import ensure_importable\n"
            "stand_in = ensure_importable()\n"
            "import flask_ask_sdk.skill_adapter, certvalidator\n"
            "if stand_in:\n"
            "    try:\n"
            "        certvalidator.CertificateValidator(None)\n"
            "    except RuntimeError as error:\n"
            "        print('refused:', error)\n"
            "print('stand-in' if stand_in else 'real certvalidator')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    if "stand-in" in done.stdout:
        assert "refused: certvalidator could not be imported here" in done.stdout
