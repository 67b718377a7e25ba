"""The verifier with Amazon's real echo-api chains and real Amazon-signed requests, read from
../shared/reference/amazon-signed/ (its README.txt says where each comes from).

Each real chain is accepted with the clock inside its leaf's validity and refused outside it.
The real requests are pre-2022 SHA-1 ("Signature" header) ones, so their signatures are checked
with the verifier set to SHA-1, and refused by the live SHA-256 check, as they should be.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.hashes import SHA1

import lambda_function
from helpers import REPO_ROOT, assert_valid_response
from skill_console.web.chain_cache import CheckedUrl
from skill_console.web.verification import (
    CERT_URL_HEADER,
    SIGNATURE_HEADER,
    SignatureVerifier,
    VerificationException,
    application_id,
    system_roots,
)

SIGNED = REPO_ROOT.parent / "shared" / "reference" / "amazon-signed"
pytestmark = pytest.mark.skipif(not SIGNED.is_dir(), reason="../shared/reference/amazon-signed is not beside the clone")

CHAINS = sorted((SIGNED / "chains-only").glob("*.pem")) + sorted(SIGNED.glob("*/chain.pem"))
REQUESTS = sorted(path.parent for path in SIGNED.glob("*/meta.json"))


@functools.cache
def roots() -> list[x509.Certificate]:
    """The machine's roots, and the retired VeriSign root the Symantec-era chains need."""
    historic = x509.load_pem_x509_certificates((SIGNED / "historic-root-verisign-class3-g5.pem").read_bytes())
    return [*system_roots(), *historic]


def verifier_for(pem: bytes, when: datetime, **options) -> SignatureVerifier:
    return SignatureVerifier(fetch=lambda url: pem, roots=roots, clock=lambda: when, **options)


def leaf_of(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificates(path.read_bytes())[0]


@pytest.mark.parametrize("path", CHAINS, ids=[f"{p.parent.name}/{p.name}" for p in CHAINS])
def test_each_real_chain_is_accepted_inside_its_validity_and_refused_outside(path):
    leaf = leaf_of(path)
    start, end = leaf.not_valid_before_utc, leaf.not_valid_after_utc
    url = CheckedUrl(f"https://s3.amazonaws.com/echo.api/{path.name}")
    inside = start + (end - start) / 2
    assert verifier_for(path.read_bytes(), inside).validated_leaf(url).serial_number == leaf.serial_number
    for outside in (start - timedelta(days=1), end + timedelta(days=1)):
        with pytest.raises(VerificationException, match="not valid"):
            verifier_for(path.read_bytes(), outside).validated_leaf(url)


def signed_request(folder: Path) -> tuple[bytes, dict, datetime]:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    body = (folder / "body.json").read_bytes()
    when = datetime.fromisoformat(json.loads(body)["request"]["timestamp"].replace("Z", "+00:00"))
    return body, meta, when


@pytest.mark.parametrize("folder", REQUESTS, ids=[p.name for p in REQUESTS])
def test_a_real_amazon_signature_verifies_with_sha1_and_not_as_sha256(folder):
    body, meta, when = signed_request(folder)
    pem = (folder / "chain.pem").read_bytes()
    signature = meta["signature_sha1_header_Signature"]
    sha1 = verifier_for(pem, when, signature_header="Signature", digest=SHA1())
    sha1.verify({CERT_URL_HEADER: meta["cert_url"], "Signature": signature}, body, None)
    # The same bytes changed by one character are refused: the check reads the exact body.
    with pytest.raises(VerificationException, match="does not match"):
        sha1.verify({CERT_URL_HEADER: meta["cert_url"], "Signature": signature}, body.replace(b"1.0", b"1.1", 1), None)
    # The live check is SHA-256 over Signature-256: an old SHA-1 signature does not pass it.
    with pytest.raises(VerificationException, match="does not match"):
        verifier_for(pem, when).verify({CERT_URL_HEADER: meta["cert_url"], SIGNATURE_HEADER: signature}, body, None)


@pytest.mark.parametrize("folder", REQUESTS, ids=[p.name for p in REQUESTS])
def test_each_real_request_gets_a_valid_answer_from_the_skill(folder):
    body, _, _ = signed_request(folder)
    event = json.loads(body)
    assert_valid_response(lambda_function.lambda_handler(event, None))
    # Its skill id is found where that envelope keeps it: the 2015 one has no "context".
    expected = (event["context"]["System"]["application"]["applicationId"] if "context" in event
                else event["session"]["application"]["applicationId"])
    assert application_id(body) == expected


def test_the_old_envelope_without_a_context_is_among_them():
    old = [json.loads(signed_request(folder)[0]) for folder in REQUESTS]
    assert any("context" not in event for event in old)
